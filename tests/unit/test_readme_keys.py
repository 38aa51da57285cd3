"""The README's key table names every binding id (the help screen and `broadsheet keys` are
generated from the same table, reader.tui.keys.KEYS)."""

from __future__ import annotations

from pathlib import Path

from reader.tui import keys

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_key_table_lists_every_binding_id() -> None:
    text = README.read_text(encoding="utf-8")
    missing = [k.id for k in keys.KEYS if f"| `{k.id}` |" not in text]
    assert missing == []


def test_the_default_keys_have_no_conflicts() -> None:
    assert keys.conflicts({}) == []
