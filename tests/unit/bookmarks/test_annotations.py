"""Exporting bookmarks to Markdown and W3C Web Annotation JSON, and importing them back."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.core.bookmarks.entries import clean_span
from reader.core.locations import resolve
from reader.core.models import Article
from reader.core.text import clean
from reader.core.workspace import Workspace

BODY = (
    "The council met on Monday to discuss the budget.\n\n"
    "Alderman Ruiz said the libraries would stay open. The mayor disagreed.\n\n"
    "The vote is expected next week."
)
TRICKY_NOTE = "see [bold]this[/] and [/] \x1b[31mred\x1b[0m"


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    ws = Workspace(resolve(str(tmp_path / "one")))
    ws.add_articles(
        [
            Article(
                id="council",
                title="Council splits on budget",
                body=BODY,
                source="The Forum",
                published="2025-03-04",
                url="https://example.org/council",
            )
        ]
    )
    ws.add_bookmark_by_quote("council", "The mayor disagreed.", TRICKY_NOTE, ["budget", "mayor"])
    ws.add_bookmark_by_quote("council", "The vote is expected next week.", "", ["later"])
    return ws


def test_markdown_has_quote_note_tags_headline_outlet_date_url_and_id(
    workspace: Workspace, tmp_path: Path
) -> None:
    target = tmp_path / "bookmarks.md"
    assert workspace.export_bookmarks(target, "markdown") == 2
    text = target.read_text(encoding="utf-8")
    assert "> The mayor disagreed.\n" in text
    assert f"Note: {TRICKY_NOTE}\n" in text  # verbatim: markup and escapes are data
    assert "Tags: budget, mayor" in text and "## Council splits on budget" in text
    assert "Outlet: The Forum" in text and "Date: 2025-03-04" in text
    assert "URL: https://example.org/council" in text and "Article id: council" in text
    assert text.index("The vote is expected") < text.index("The mayor disagreed")  # newest first


def test_json_follows_the_web_annotation_model(workspace: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "bookmarks.json"
    workspace.export_bookmarks(target, "json")
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["type"] == "AnnotationCollection" and data["total"] == 2
    note = next(a for a in data["first"]["items"] if a["body"] and a["motivation"] == "commenting")
    assert note["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert note["type"] == "Annotation" and note["id"].startswith("urn:uuid:")
    quote, position = note["target"]["selector"]
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": "The mayor disagreed.",
        "prefix": BODY[: BODY.index("The mayor")][-32:],
        "suffix": "\n\nThe vote is expected next week",
    }
    start = BODY.index("The mayor")
    assert position == {"type": "TextPositionSelector", "start": start, "end": start + 20}
    assert note["target"]["source"] == "https://example.org/council"
    assert {"type": "TextualBody", "value": "budget", "purpose": "tagging"} in note["body"]
    assert note["body"][0]["value"] == TRICKY_NOTE


def test_import_restores_every_bookmark_once(workspace: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "bookmarks.json"
    workspace.export_bookmarks(target, "json")
    other = Workspace(resolve(str(tmp_path / "two")))
    raw = target.read_text(encoding="utf-8")
    first = other.import_bookmarks(raw, "bookmarks.json")
    assert (first.added, first.duplicates, first.without_article, first.errors) == (2, 0, 2, [])
    again = other.import_bookmarks(raw, "bookmarks.json")
    assert (again.added, again.duplicates) == (0, 2)
    assert workspace.import_bookmarks(raw, "bookmarks.json").added == 0  # into its own library
    mine = {(b.uid, b.quote, b.note, b.tags, b.start, b.created) for b in workspace.bookmarks()}
    theirs = {(b.uid, b.quote, b.note, b.tags, b.start, b.created) for b in other.bookmarks()}
    assert mine == theirs
    entries = other.bookmark_entries()
    assert {e.located.status for e in entries} == {"orphaned"}  # no article here: quote kept


def test_a_bad_annotation_is_named_and_the_rest_imported(tmp_path: Path) -> None:
    ws = Workspace(resolve(str(tmp_path)))
    good = {
        "type": "Annotation",
        "target": {
            "source": "urn:broadsheet:article:x",
            "selector": [{"type": "TextQuoteSelector", "exact": "words"}],
        },
    }
    report = ws.import_bookmarks(json.dumps([good, {"type": "Annotation"}]), "mixed.json")
    assert report.added == 1
    assert report.errors == ["mixed.json: annotation 2: no target"]
    broken = ws.import_bookmarks("{not json", "broken.json")
    assert broken.added == 0 and broken.errors and broken.errors[0].startswith("broken.json: ")


def test_export_of_the_filtered_bookmarks_only(workspace: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "mayor.md"
    assert workspace.export_bookmarks(target, "markdown", query="#mayor") == 1
    text = target.read_text(encoding="utf-8")
    assert "The mayor disagreed." in text and "The vote is expected" not in text
    assert [e.bookmark.quote for e in workspace.bookmark_entries("forum red")] == [
        "The mayor disagreed."
    ]
    assert len(workspace.bookmark_entries("the forum")) == 2  # outlet matches both


def test_a_failed_export_leaves_the_previous_file(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "bookmarks.md"
    target.write_text("previous export\n", encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError):
        workspace.export_bookmarks(target, "markdown")
    assert target.read_text(encoding="utf-8") == "previous export\n"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_edited_article_reanchors_its_bookmarks_when_listed(workspace: Workspace) -> None:
    workspace.add_articles(
        [
            Article(
                id="council",
                title="Council splits on budget",
                body="Update: a new line.\n\n" + BODY.replace("disagreed", "disagreed strongly"),
                source="The Forum",
            )
        ]
    )
    status = {e.bookmark.quote: e.located for e in workspace.bookmark_entries()}
    assert status["The vote is expected next week."].status == "exact"
    moved = status["The mayor disagreed."]
    assert moved.status == "moved"
    text = workspace.clean_article("council").text
    assert text[moved.start : moved.end] == "The mayor disagreed"  # the closest words
    assert moved.similarity > 0.9


def test_a_typed_quote_matches_despite_straight_quotes_and_spacing(tmp_path: Path) -> None:
    ws = Workspace(resolve(str(tmp_path)))
    body = "Intro.\n\nShe said \u201cwe  will stay\u201d and left."
    ws.add_articles([Article(id="a", title="T", body=body)])
    saved = ws.add_bookmark_by_quote("a", 'said "we will stay"')
    assert saved.quote == "said \u201cwe  will stay\u201d"  # the article's own characters


def test_body_offsets_map_to_clean_text_or_honestly_not() -> None:
    body = "Home \u203a News \u203a Politics\n\nThe council met.  It voted.\n\nLeave a Reply"
    article = Article(id="a", title="T", body=body)
    start = body.index("It voted.")
    span = clean_span(article, start, start + 9)
    assert span is not None
    assert clean(article).text[span[0] : span[1]] == "It voted."
    crumb = body.index("News")
    assert clean_span(article, crumb, crumb + 4) is None  # hidden as a navigation crumb
    reply = body.index("Leave")
    assert clean_span(article, reply, reply + 5) is None  # hidden comment-form leftover
