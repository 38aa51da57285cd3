"""Bringing local files into the library: every format, deduplication and every bad input."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from reader.core.ingest import textio
from reader.core.ingest.items import ADDED, DUPLICATE, FAILED, UPDATED
from reader.core.library import Library
from reader.core.library import migrations as library_module
from reader.core.locations import resolve
from reader.core.workspace import Workspace
from tests.unit import ingest_samples as samples


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    ws = Workspace(resolve(tmp_path / "data"))
    ws.setup()  # the five sample articles, as a user's first launch leaves them
    yield ws
    ws.close()


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def snapshot(ws: Workspace) -> tuple[int, list[tuple[str, str]]]:
    """The library revision and every article's content hash: what must not change."""
    rows = Library(ws.locations.library_path).query(
        "SELECT id, content_hash FROM articles ORDER BY id"
    )
    return ws.revision, [(r[0], r[1]) for r in rows]


def test_markdown_with_front_matter_keeps_its_id_and_metadata(workspace, tmp_path) -> None:
    report = workspace.import_sources([str(write(tmp_path / "f.md", samples.MARKDOWN))])
    assert [(r.status, r.id) for r in report.results] == [(ADDED, "gazette-ferries")]
    article = workspace.article("gazette-ferries")
    assert article.title == "Council expands river ferries"
    assert (article.source, article.published, article.author) == (
        "Harbour Gazette",
        "2024-03-05",
        "Ada Lark",
    )
    assert workspace.search("ferry piers").hits[0].id == "gazette-ferries"


def test_plain_text_without_front_matter_gets_a_derived_headline(workspace, tmp_path) -> None:
    report = workspace.import_sources([str(write(tmp_path / "night.txt", samples.PLAIN))])
    (result,) = report.results
    assert result.status == ADDED and result.id.startswith("library-opens-a-night-reading-room")
    article = workspace.article(result.id)
    assert article.title == "Library opens a night reading room for students"
    assert article.title_derived


def test_a_folder_is_imported_recursively_skipping_hidden_and_unknown_files(
    workspace, tmp_path
) -> None:
    folder = tmp_path / "saved"
    write(folder / "a.md", samples.MARKDOWN)
    write(folder / "deeper" / "still" / "b.txt", samples.PLAIN)
    write(folder / "deeper" / "feed.xml", samples.ATOM)
    write(folder / ".hidden.md", "---\ntitle: Secret\n---\nNot for import.")
    write(folder / "photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF")
    report = workspace.import_sources([str(folder)])
    assert report.count(ADDED) == 3 and report.count(FAILED) == 0
    titles = {s.title for s in workspace.summaries()}
    assert {"Council expands river ferries", "Snow closes mountain pass"} <= titles
    assert "Secret" not in titles


def test_json_lines_and_json_arrays_keep_record_ids(workspace, tmp_path) -> None:
    jsonl = write(
        tmp_path / "a.jsonl",
        "\n".join(json.dumps(r) for r in samples.records(3, "jl")) + "\n",
    )
    array = write(tmp_path / "b.json", json.dumps(samples.records(2, "arr")))
    report = workspace.import_sources([str(jsonl), str(array)])
    assert sorted(r.id for r in report.results) == [
        "arr-00000",
        "arr-00001",
        "jl-00000",
        "jl-00001",
        "jl-00002",
    ]
    article = workspace.article("jl-00001")
    assert article.url == "https://news.example/jl/1" and article.source == "Harbour Gazette"


def test_a_null_field_in_a_record_is_simply_absent(workspace, tmp_path) -> None:
    record = {"id": "bbc-like-1", "title": "Ad sales boost profit", "source": "BBC News",
              "published": None, "url": None, "body": "Quarterly profits jumped 76%."}  # fmt: skip
    workspace.import_sources([str(write(tmp_path / "x.jsonl", json.dumps(record)))])
    article = workspace.article("bbc-like-1")
    assert (article.published, article.url) == ("", "")


def test_a_saved_html_page_gives_headline_outlet_author_date_and_no_boilerplate(
    workspace, tmp_path
) -> None:
    report = workspace.import_sources([str(write(tmp_path / "tram.html", samples.HTML_PAGE))])
    (result,) = report.results
    assert result.status == ADDED, result.error
    article = workspace.article(result.id)
    assert article.title == "Tram line reopens after repairs"
    assert article.source == "Valley Courier"
    assert article.author == "Jonas Weber"
    assert article.published == "2024-05-17"
    assert "Engineers replaced more than two kilometres of rail" in article.body
    assert "Subscribe to our newsletter" not in article.body
    assert "All rights reserved" not in article.body


@pytest.mark.parametrize(
    ("name", "document", "title", "expected_text", "published"),
    [
        ("rss20.xml", samples.RSS20, "Fish market moves indoors", "old customs hall", "2024-03-05"),
        ("rss091.rss", samples.RSS091, "Bridge tolls frozen", "current level", ""),
        ("rss10.rdf", samples.RSS10, "Orchard harvest is early", "two weeks early", "2023-09-01"),
        ("atom.atom", samples.ATOM, "Snow closes mountain pass", "avalanche risk", "2024-01-02"),
        ("feed.json", samples.JSON_FEED, "Solar farm approved", "old airfield", "2024-02-10"),
    ],
)
def test_every_feed_format_becomes_articles(
    workspace, tmp_path, name, document, title, expected_text, published
) -> None:
    report = workspace.import_sources([str(write(tmp_path / name, document))])
    assert report.count(FAILED) == 0 and report.count(ADDED) >= 1
    article = next(workspace.article(r.id) for r in report.results if r.status == ADDED)
    assert article.title == title
    assert expected_text in article.body
    assert article.published == published


def test_a_feed_entry_prefers_full_content_and_falls_back_to_its_summary(
    workspace, tmp_path
) -> None:
    report = workspace.import_sources([str(write(tmp_path / "g.xml", samples.RSS20))])
    fish, lighthouse = (workspace.article(r.id) for r in report.results)
    assert "Traders welcomed the move" in fish.body and "Short summary only" not in fish.body
    assert "alert" not in fish.body  # scripts in feed content are not text
    assert "thirty-one years" in lighthouse.body and "<p>" not in lighthouse.body
    assert fish.source == "Harbour Gazette" and fish.url == "https://gazette.example/fish"


def test_the_same_article_twice_is_stored_once(workspace, tmp_path) -> None:
    path = write(tmp_path / "f.md", samples.MARKDOWN)
    workspace.import_sources([str(path)])
    before = snapshot(workspace)
    again = workspace.import_sources([str(path)])
    assert [(r.status, r.id) for r in again.results] == [(DUPLICATE, "gazette-ferries")]
    assert snapshot(workspace) == before


def test_the_same_text_in_different_spacing_and_case_is_a_duplicate(workspace, tmp_path) -> None:
    first = workspace.import_sources([str(write(tmp_path / "one.txt", samples.PLAIN))])
    shouted = samples.PLAIN.upper().replace(" ", "  ").replace(".", " .")
    second = workspace.import_sources([str(write(tmp_path / "two.txt", shouted))])
    assert second.results[0].status == DUPLICATE
    assert second.results[0].id == first.results[0].id


def test_a_sample_article_imported_again_from_a_copy_is_a_duplicate(workspace, tmp_path) -> None:
    from reader.core.locations import sample_corpus_dir

    copy = sorted(sample_corpus_dir().glob("*.md"))[0]
    report = workspace.import_sources([str(write(tmp_path / "copy.md", copy.read_bytes()))])
    assert report.results[0].status == DUPLICATE


def test_the_same_url_with_a_changed_text_updates_it_and_bookmarks_still_anchor(
    workspace, tmp_path
) -> None:
    workspace.import_sources([str(write(tmp_path / "f.md", samples.MARKDOWN))])
    view = workspace.clean_article("gazette-ferries")
    start = view.text.index("Commuters from the east bank")
    bookmark = workspace.add_bookmark("gazette-ferries", start, start + 28)
    changed = samples.MARKDOWN.replace("id: gazette-ferries\n", "").replace(
        "The city council voted", "Late on Tuesday night, after a long debate, the council voted"
    )
    report = workspace.import_sources([str(write(tmp_path / "other-name.md", changed))])
    assert [(r.status, r.id) for r in report.results] == [(UPDATED, "gazette-ferries")]
    assert "after a long debate" in workspace.article("gazette-ferries").body
    assert workspace.count_articles() == 6
    where = workspace.locate_bookmark(bookmark)
    assert where.status in ("exact", "moved")
    new_text = workspace.clean_article("gazette-ferries").text
    assert new_text[where.start : where.end] == "Commuters from the east bank"
    assert workspace.search("debate").hits[0].id == "gazette-ferries"


def test_bad_inputs_each_fail_with_a_reason_and_the_rest_still_imports(
    workspace, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(textio, "MAX_SOURCE_BYTES", 4096)
    bad = {
        "binary.md": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary data"),
        "empty.txt": (b"", "empty file"),
        "blank.md": (b"  \n\n ", "only white space"),
        "huge.txt": (b"word " * 2000, "over the 4,096 byte import limit"),
        "broken.xml": (samples.ILLFORMED_FEED.encode(), "not a well-formed feed"),
        "noise.txt": (bytes([1, 2, 3, 4, 5, 6, 0xFE, 0xFF, 7, 8] * 30), "not UTF-8"),
        "records.jsonl": (b'{"id": "ok-1", "body": "Fine text here."}\n{not json}\n', "line 2"),
        "subs.opml": (
            b"<opml><body><outline xmlUrl='http://a.example/f'></body>",
            "not well-formed OPML",
        ),
        "nobody.json": (b'[{"id": "n-1", "title": "No text"}]', "no 'body' text"),
    }
    for name, (content, _) in bad.items():
        write(tmp_path / "in" / name, content)
    write(tmp_path / "in" / "good.md", samples.MARKDOWN)
    before = snapshot(workspace)
    report = workspace.import_sources([str(tmp_path / "in"), str(tmp_path / "missing.md")])
    failed = {r.item: r.error for r in report.failed}
    for name, (_, reason) in bad.items():
        match = [f"{item}: {error}" for item, error in failed.items() if name in item]
        assert len(match) == 1 and reason in match[0], (name, failed)
    assert failed[str(tmp_path / "missing.md")] == "no such file or folder"
    assert {r.id for r in report.results if r.status == ADDED} == {"gazette-ferries", "ok-1"}
    revision, rows = snapshot(workspace)
    assert [row for row in rows if row[0] not in ("gazette-ferries", "ok-1")] == before[1]


def test_a_failed_import_changes_nothing_in_the_library(workspace, tmp_path) -> None:
    write(tmp_path / "broken.xml", samples.ILLFORMED_FEED)
    write(tmp_path / "empty.md", "")
    before = snapshot(workspace)
    report = workspace.import_sources([str(tmp_path / "broken.xml"), str(tmp_path / "empty.md")])
    assert report.count(FAILED) == 2 and report.count(ADDED) == 0
    assert snapshot(workspace) == before


def test_text_in_a_declared_or_detected_encoding_is_read(workspace, tmp_path) -> None:
    latin = "Caf\u00e9 owners in M\u00fcnster protest the new street fees.\n\n" + (
        "The owners of forty caf\u00e9s say the fees for tables on the pavement have doubled "
        "since January, and that many will close their terraces this summer."
    )
    html = samples.HTML_PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    html = html.replace("Engineers replaced", "Ing\u00e9nieurs replaced")
    report = workspace.import_sources(
        [
            str(write(tmp_path / "latin.txt", latin.encode("latin-1"))),
            str(write(tmp_path / "cp.html", html.encode("windows-1252"))),
        ]
    )
    assert report.count(FAILED) == 0, report.failed
    first, second = (workspace.article(r.id) for r in report.results)
    assert "M\u00fcnster" in first.title and "caf\u00e9s" in first.body
    assert "Ing\u00e9nieurs replaced" in second.body


def test_import_keys_catch_up_with_articles_written_any_way(workspace, tmp_path) -> None:
    from reader.core.library import dedup as store
    from reader.core.models import Article

    workspace.add_articles(
        [Article(id="written-directly", title="T", body=samples.PLAIN, url="https://x.example/a")]
    )
    report = workspace.import_sources([str(write(tmp_path / "p.txt", samples.PLAIN))])
    assert (report.results[0].status, report.results[0].id) == (DUPLICATE, "written-directly")
    assert Library(workspace.locations.library_path).get_meta(store.KEYS_REVISION) == str(
        workspace.revision
    )


def test_read_state_is_kept_per_article(workspace) -> None:
    first = workspace.summaries()[0].id
    assert workspace.read_ids() == set()
    workspace.mark_read(first)
    workspace.mark_read(first)
    assert workspace.read_ids() == {first}
    workspace.mark_read(first, read=False)
    assert workspace.read_ids() == set()


def test_a_version_1_library_is_migrated_and_keeps_its_bookmarks(tmp_path, monkeypatch) -> None:
    path = tmp_path / "lib.sqlite3"
    monkeypatch.setattr(library_module, "SCHEMA_VERSION", 1)
    old = Library(path)
    old.close()
    conn = sqlite3.connect(path)  # an article and a bookmark as version 1 stored them
    conn.execute(
        "INSERT INTO articles (id, title, body, content_hash, clean_hash, word_count, added_at, "
        "updated_at, revision) VALUES ('a1', 'Old', 'Old text of an article.', 'c', 'h', 5, "
        "'then', 'then', 1)"
    )
    conn.execute(
        "INSERT INTO bookmarks (article_id, quote, start, end, text_hash, created, updated) "
        "VALUES ('a1', 'Old text', 0, 8, 'h', 'then', 'then')"
    )
    conn.commit()
    conn.close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 1
    monkeypatch.undo()
    migrated = Library(path)
    assert (
        sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0]
        == library_module.SCHEMA_VERSION
    )
    assert [b.quote for b in migrated.bookmarks()] == ["Old text"]
    assert migrated.get_article("a1").headline_only is False  # type: ignore[union-attr]
    # stored before clean spans were kept: cleaned when it is indexed
    assert [spans for _, spans, _ in migrated.articles_with_spans(["a1"])] == [None]
    tables = {r[0] for r in migrated.query("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"feeds", "read_articles", "import_keys"} <= tables


def test_the_ingest_modules_and_their_libraries_load_no_ui_code() -> None:
    import pkgutil
    import subprocess
    import sys

    import reader.core.ingest

    names = [
        f"reader.core.ingest.{m.name}" for m in pkgutil.iter_modules(reader.core.ingest.__path__)
    ]
    code = (
        "import sys, importlib\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "import trafilatura, feedparser, charset_normalizer\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert len(names) >= 9  # every module of the package, store.py having moved to library
    assert run.stdout.strip() == "[]"


def test_a_record_with_a_known_id_and_new_text_updates_it_and_repeats_are_duplicates(
    workspace, tmp_path
) -> None:
    first, second = samples.records(2, "upd")
    changed = dict(first, body=first["body"] + "\n\nA correction was added on Friday.")
    lines = [json.dumps(r) for r in (first, second, first)]
    report = workspace.import_sources([str(write(tmp_path / "a.jsonl", "\n".join(lines)))])
    assert [r.status for r in report.results] == [ADDED, ADDED, DUPLICATE]
    again = workspace.import_sources([str(write(tmp_path / "b.jsonl", json.dumps(changed)))])
    assert [(r.status, r.id) for r in again.results] == [(UPDATED, "upd-00000")]
    assert "correction was added" in workspace.article("upd-00000").body
    assert workspace.search("correction").hits[0].id == "upd-00000"
