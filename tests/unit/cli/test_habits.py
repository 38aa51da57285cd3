"""The command-line twins of the reader's habits, its JSON shapes, and how it ends:
our own message for a bad option, NO_COLOR, Ctrl-C as status 130 with nothing half-written."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.library import Library
from reader.core.locations import resolve
from reader.core.workspace import Workspace
from reader.tui import keys

SAMPLE = "003_664e7e63c6e16625"


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    status = main(["--data-dir", str(data), *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def as_json(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> dict[str, object]:
    status, out, err = run(capsys, data, *args, "--json")
    assert status == 0, err
    document = json.loads(out)
    assert isinstance(document, dict)
    return document


def _empty_strings(value: object) -> list[object]:
    if value == "":
        return [value]
    if isinstance(value, dict):
        return [e for v in value.values() for e in _empty_strings(v)]
    if isinstance(value, list):
        return [e for v in value for e in _empty_strings(v)]
    return []


def test_every_json_output_is_one_object_with_a_schema(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shapes = {
        ("search", "mayor"): "broadsheet.search/1",
        ("list",): "broadsheet.list/1",
        ("show", SAMPLE): "broadsheet.show/1",
        ("story", SAMPLE): "broadsheet.story/1",
        ("stories",): "broadsheet.stories/1",
        ("compare", SAMPLE): "broadsheet.compare/1",
        ("bookmarks",): "broadsheet.bookmarks/1",
        ("feeds", "list"): "broadsheet.feeds/1",
        ("keys",): "broadsheet.keys/1",
        ("mark", "--read", SAMPLE): "broadsheet.mark/1",
    }
    for args, name in shapes.items():
        assert as_json(capsys, tmp_path, *args)["schema"] == name


def test_unknown_values_are_null_not_empty(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    listing = as_json(capsys, tmp_path, "list")
    articles = listing["articles"]
    assert isinstance(articles, list) and listing["total"] == len(articles) == 5
    assert all(a["published"] is None for a in articles)  # the samples are undated
    assert not _empty_strings(listing)  # the samples show no outlet: null, not ""
    search = as_json(capsys, tmp_path, "search", "mayor", "--limit", "2")
    assert search["total"] == 4 and len(search["hits"]) == 2  # type: ignore[arg-type]
    assert search["suggestion"] is None and search["notes"] == []


def test_search_pages_with_offset(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    first = as_json(capsys, tmp_path, "search", "chicago", "--limit", "2")
    second = as_json(capsys, tmp_path, "search", "chicago", "--limit", "2", "--offset", "2")
    ids = [h["id"] for h in first["hits"] + second["hits"]]  # type: ignore[operator]
    assert len(set(ids)) == 4 and second["offset"] == 2


def test_open_prints_or_opens_the_address(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = Workspace(resolve(tmp_path))
    workspace.setup()
    article = workspace.article(SAMPLE)
    from dataclasses import replace

    workspace.add_articles([replace(article, url="https://example.org/a?b=1")])
    workspace.close()
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    assert run(capsys, tmp_path, "open", SAMPLE)[1] == "opened https://example.org/a?b=1\n"
    assert opened == ["https://example.org/a?b=1"]
    assert run(capsys, tmp_path, "open", SAMPLE, "--print")[1] == "https://example.org/a?b=1\n"
    status, _, err = run(capsys, tmp_path, "open", "001_7945570cf1f85a53")
    assert status == 1 and "has no web address" in err


def test_mark_read_and_unread(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, tmp_path, "mark", "--read", SAMPLE)[1] == "marked 1 of 1 article(s) read\n"
    assert run(capsys, tmp_path, "mark", "--unread", SAMPLE)[1].startswith("marked 1 of 1")
    assert run(capsys, tmp_path, "mark", "--read", "--all")[1] == "marked 5 of 5 article(s) read\n"
    status, _, err = run(capsys, tmp_path, "mark", "--read", "no-such-id")
    assert status == 1 and "no-such-id" in err
    status, _, err = run(capsys, tmp_path, "mark", "--unread")
    assert status == 1 and "name article ids, or --all" in err


def test_keys_lists_every_binding_id(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run(capsys, tmp_path, "keys")
    assert status == 0
    listed = {line.split()[0] for line in out.splitlines() if line and not line.startswith("remap")}
    assert {k.id for k in keys.KEYS} <= listed
    document = as_json(capsys, tmp_path, "keys")
    assert [k["id"] for k in document["keys"]] == [k.id for k in keys.KEYS]  # type: ignore[union-attr]


def test_keys_reports_conflicts_from_the_config(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = resolve(tmp_path).ensure().config_path
    config.write_text('[keymap]\nsort = "O"\n', encoding="utf-8")
    out = run(capsys, tmp_path, "keys")[1]
    assert "key conflict: 'O' is bound to both" in out


def test_feeds_export_writes_opml_that_imports_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    workspace = Workspace(resolve(tmp_path / "data"))
    library = Library(workspace.locations.library_path)
    library.add_feed("https://a.example/feed.xml", "A & B <news>")
    library.add_feed("https://b.example/rss")
    library.close()
    workspace.close()
    target = tmp_path / "subs.opml"
    status, out, _ = run(capsys, tmp_path / "data", "feeds", "export", "-o", str(target))
    assert status == 0 and "exported 2 subscription(s)" in out
    outlines = ET.fromstring(target.read_text(encoding="utf-8")).iter("outline")
    assert [(o.get("xmlUrl"), o.get("title")) for o in outlines] == [
        ("https://a.example/feed.xml", "A & B <news>"),
        ("https://b.example/rss", "https://b.example/rss"),
    ]
    from reader.core.ingest.opml import read_opml

    assert len(read_opml("subs.opml", target.read_bytes())) == 2


def test_show_markdown(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run(capsys, tmp_path, "show", SAMPLE, "--markdown")
    assert status == 0
    assert out.startswith("# Chicago Mayor Defies Federal Law")
    assert "\n## " in out  # its headings stay headings


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["search", "x", "--since", "notadate"], "'notadate' is not a date: use YYYY"),
        (["search", "x", "--until", "2024-13"], "'2024-13' is not a date"),
        (["search", "x", "--limit", "0"], "'0' is not a whole number of at least 1"),
        (["search", "x", "--limit", "ten"], "'ten' is not a whole number of at least 1"),
    ],
)
def test_bad_option_values_get_our_own_one_line_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], said: str
) -> None:
    with pytest.raises(SystemExit) as ended:
        main(["--data-dir", str(tmp_path), *args])
    err = capsys.readouterr().err
    assert ended.value.code == 2
    assert said in err and err.count("\n") == 1 and "usage:" not in err


def test_no_color_keeps_emphasis_out(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    out = run(capsys, tmp_path, "search", "mayor")[1]
    assert "\x1b[" not in out and "mayor" in out.lower()


def test_ctrl_c_during_an_import_is_one_line_status_130_and_nothing_half_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(120):
        (folder / f"a{n:03d}.md").write_text(f"# Headline {n}\n\nCouncil text {n}.", "utf-8")
    data = tmp_path / "data"
    assert run(capsys, data, "list")[0] == 0
    from reader.core.ingest import importer

    real = importer.store_items

    def interrupted(library, items, progress=None):  # type: ignore[no-untyped-def]
        def stop(stage: str, done: int, total: int) -> None:
            if stage == "storing" and done >= 50:
                raise KeyboardInterrupt  # as Ctrl-C arrives while storing
            if progress:
                progress(stage, done, total)

        return real(library, items, stop)

    monkeypatch.setattr("reader.core.ingest.jobs.store_items", interrupted)
    status, out, err = run(capsys, data, "import", str(folder))
    assert status == 130
    assert err == "broadsheet: interrupted; nothing half-written was kept\n"
    monkeypatch.undo()
    workspace = Workspace(resolve(data))
    workspace.setup()
    stored = workspace.count_articles()
    assert stored in (5, 5 + 50)  # whole articles or none: each stored one is complete
    assert workspace.search("council").total == stored - 5
    for article_id in workspace.article_ids():
        assert workspace.article(article_id).body
    workspace.close()
