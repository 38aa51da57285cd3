"""The one config file: theme, key map, automatic refresh and reading width (TOML).

    # ~/.config/broadsheet/config.toml (or DIR/config/config.toml with --data-dir DIR)
    theme = "nord"              # any theme of the palette's "Change theme"; kept when changed there
    refresh_interval = 30       # minutes between automatic feed refreshes; 0 turns it off
    reading_width = 90          # columns of article text on a wide terminal (40-200)

    [keymap]                    # binding id = "key[,key...]"; `broadsheet keys` lists every id
    open-url = "w"

Every problem is one line naming the file, the key and its line; the rest still applies.
Only the theme is ever written back, by rewriting its one line (comments and order stay).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.locations import write_atomic

Problem = Callable[..., None]

DEFAULT_REFRESH_MINUTES = 0  # off unless asked for: a reader should not fetch on its own
DEFAULT_READING_WIDTH = 90
READING_WIDTHS = (40, 200)
TOP_LEVEL = ("theme", "refresh_interval", "reading_width", "keymap")


@dataclass
class Settings:
    """What the config file says, after checking, and what was wrong with it."""

    theme: str | None = None
    refresh_interval: int = DEFAULT_REFRESH_MINUTES  # minutes
    reading_width: int = DEFAULT_READING_WIDTH
    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _line_of(text: str, key: str, table: str | None = None) -> int:
    """The 1-based line where `key = ...` is written (inside [table] when given), or 0."""
    current: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.match(r"^\[\s*([^\]]+?)\s*\]", stripped)
        if header:
            current = header.group(1)
            continue
        if current == table and re.match(rf'^"?{re.escape(key)}"?\s*=', stripped):
            return number
    return 0


def load(path: Path, binding_ids: set[str]) -> Settings:
    """Read and check the config file; a missing file is the defaults."""
    settings = Settings()
    if not path.exists():
        return settings
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        settings.problems.append(f"config {path}: cannot read it ({exc}); using the defaults")
        return settings
    except tomllib.TOMLDecodeError as exc:
        settings.problems.append(f"config {path}: not valid TOML: {exc}; using the defaults")
        return settings

    def problem(key: str, why: str, table: str | None = None) -> None:
        line = _line_of(text, key, table)
        where = f"line {line}: " if line else ""
        name = f"{table}.{key}" if table else key
        settings.problems.append(f"config {path}: {where}{name}: {why}")

    for key in data:
        if key not in TOP_LEVEL:
            problem(key, f"unknown setting (settings: {', '.join(TOP_LEVEL)})")
    theme = data.get("theme")
    if theme is not None:
        if isinstance(theme, str) and theme.strip():
            settings.theme = theme.strip()
        else:
            problem("theme", "must be a theme name in quotes")
    settings.refresh_interval = _whole(
        data, "refresh_interval", 0, 24 * 60, DEFAULT_REFRESH_MINUTES, problem
    )
    settings.reading_width = _whole(
        data, "reading_width", *READING_WIDTHS, DEFAULT_READING_WIDTH, problem
    )
    settings.keymap = _keymap(data.get("keymap", {}), binding_ids, problem)
    return settings


def _keymap(table: object, binding_ids: set[str], problem: Problem) -> dict[str, str]:
    """The [keymap] entries that name a binding id and a key; a problem for each other one."""
    if not isinstance(table, dict):
        problem("keymap", 'must be a table: [keymap] then lines like open-url = "w"')
        return {}
    keymap: dict[str, str] = {}
    for binding_id, keys in table.items():
        if binding_id not in binding_ids:
            problem(binding_id, "unknown binding id (`broadsheet keys` lists them)", "keymap")
        elif not isinstance(keys, str) or not keys.strip():
            problem(binding_id, 'must be a key name in quotes, e.g. "w" or "ctrl+o"', "keymap")
        else:
            keymap[binding_id] = keys.strip()
    return keymap


def _whole(
    data: dict[str, Any], key: str, low: int, high: int, default: int, problem: Problem
) -> int:
    value = data.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        problem(
            key, f"must be a whole number from {low} to {high} (not {value!r}); using {default}"
        )
        return default
    return value


def save_theme(path: Path, theme: str) -> None:
    """Keep the chosen theme: rewrite the `theme = ...` line, or add one at the top."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    line = f'theme = "{theme}"'
    number = _line_of(text, "theme")
    lines = text.splitlines()
    if number:
        lines[number - 1] = line
    else:
        lines.insert(0, line)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, "\n".join(lines) + "\n")
