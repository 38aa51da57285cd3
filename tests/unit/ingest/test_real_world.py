"""News as it really arrives (issue #13): lenient feeds, messy front matter, dates, entities,
gzip files and pasted paths; and the bad-input rules still hold (one line naming the item and
the reason, the rest continues, nothing stored changes)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from reader.core.ingest import importer, textio
from reader.core.ingest.items import ADDED, WARNING
from reader.core.locations import resolve
from reader.core.workspace import Workspace
from tests.unit import ingest_samples as samples
from tests.unit.ingest.test_files import snapshot, write


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    ws = Workspace(resolve(tmp_path / "data"))
    yield ws
    ws.close()


def headline_feed(n: int) -> str:
    """An RSS feed of n entries that carry only a headline, a link and a date."""
    items = "".join(
        f"<item><title>Headline number {i} &amp; more</title>"
        f"<link>https://news.example/{i}</link><pubDate>Mon, 0{1 + i % 9} Sep 2025 08:00:00 GMT"
        "</pubDate></item>"
        for i in range(n)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Wire</title><link>https://news.example/</link>{items}</channel></rss>"
    )


def test_a_69_entry_headline_only_feed_stores_every_entry(workspace, tmp_path) -> None:
    report = workspace.import_sources([str(write(tmp_path / "wire.xml", headline_feed(69)))])
    assert report.count(ADDED) == 69 and not report.failed
    rows = workspace.summaries()
    assert len(rows) == 69 and all(r.headline_only for r in rows)
    article = workspace.article(report.results[0].id)
    assert article.title == "Headline number 0 & more"
    assert article.url == "https://news.example/0" and article.published == "2025-09-01"
    assert article.body == "" and article.headline_only
    # Searchable by headline like any article.
    assert report.results[5].id in [h.id for h in workspace.search("headline number 5").hits]


def test_a_summary_only_entry_is_a_normal_article_and_one_repeating_its_title_is_not(
    workspace, tmp_path
) -> None:
    feed = (
        '<rss version="2.0"><channel><title>T</title>'
        "<item><title>Ferry fares rise</title><link>https://t.example/a</link>"
        "<description>Ferry fares rise by ten percent from May, the operator said.</description>"
        "</item><item><title>Bus lanes open</title><link>https://t.example/b</link>"
        "<description>Bus lanes open</description></item></channel></rss>"
    )
    report = workspace.import_sources([str(write(tmp_path / "t.rss", feed))])
    first, second = (workspace.article(r.id) for r in report.results)
    assert not first.headline_only and "ten percent" in first.body
    assert second.headline_only


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda feed: "\n\n   \n" + feed, id="white space before the declaration"),
        pytest.param(lambda feed: feed + "\n<!-- cache 0.2s --><div>junk</div>", id="junk after"),
        pytest.param(lambda feed: feed.replace("&amp;", "&nbsp;&"), id="undefined entities"),
    ],
)
def test_recoverable_damage_is_a_warning_and_every_entry_is_stored(
    workspace, tmp_path, damage
) -> None:
    report = workspace.import_sources([str(write(tmp_path / "d.xml", damage(headline_feed(3))))])
    assert report.count(ADDED) == 3 and not report.failed
    warnings = [r for r in report.results if r.status == WARNING]
    assert all(str(tmp_path / "d.xml") == w.item and w.error for w in warnings)


def test_a_damaged_feed_with_no_entries_is_refused_and_nothing_changes(workspace, tmp_path) -> None:
    workspace.import_sources([str(write(tmp_path / "good.md", samples.MARKDOWN))])
    before = snapshot(workspace)
    broken = write(tmp_path / "broken.xml", samples.ILLFORMED_FEED)
    good = write(tmp_path / "more.xml", headline_feed(2))
    report = workspace.import_sources([str(broken), str(good)])
    failed = [(r.item, r.error) for r in report.failed]
    assert failed == [(str(broken), failed[0][1])] and "not a well-formed feed" in failed[0][1]
    assert report.count(ADDED) == 2
    revision, rows = snapshot(workspace)
    assert set(before[1]) <= set(rows)  # what was stored is unchanged


def test_yaml_front_matter_lists_folded_values_and_spelled_out_dates(workspace, tmp_path) -> None:
    text = (
        "---\ntitle: >\n  Harbour wall\n  repairs begin\ntags:\n  - harbour\n  - works\n"
        "author:\n  - Ada Lark\n  - Tom Reed\npublished: January 15, 2025\nsource: Gazette\n"
        "extra:\n  nested: ignored\n---\nWork on the harbour wall began on Monday morning.\n"
    )
    report = workspace.import_sources([str(write(tmp_path / "wall.md", text))])
    assert [r.status for r in report.results] == [ADDED]
    article = workspace.article(report.results[0].id)
    assert article.title == "Harbour wall repairs begin"
    assert article.author == "Ada Lark, Tom Reed" and article.published == "2025-01-15"
    assert [h.id for h in workspace.search("date:2025 harbour").hits] == [article.id]


def test_front_matter_yaml_cannot_read_falls_back_to_lines(workspace, tmp_path) -> None:
    text = "---\ntitle: Breaking: tide gauge fails\nsource: Gazette\n---\nThe gauge stopped.\n"
    report = workspace.import_sources([str(write(tmp_path / "b.md", text))])
    assert workspace.article(report.results[0].id).title == "Breaking: tide gauge fails"


def test_an_unreadable_date_is_stored_undated_with_a_warning(workspace, tmp_path) -> None:
    text = "---\ntitle: Quay\npublished: sometime soon\n---\nThe quay reopened.\n"
    report = workspace.import_sources([str(write(tmp_path / "q.md", text))])
    assert [r.status for r in report.results] == [ADDED, WARNING]
    assert "sometime soon" in report.results[1].error
    assert workspace.article(report.results[0].id).published == ""


def test_entities_are_decoded_in_json_lines_fields(workspace, tmp_path) -> None:
    record = {
        "id": "deal-1",
        "title": "Club agrees &#163;1.8m deal",
        "source": "Sport &amp; Leisure",
        "author": "Ren&eacute;e Ode",
        "body": "The &#8220;deal&#8221; was signed. AT&T and R&D stay as written.",
    }
    write(tmp_path / "r.jsonl", json.dumps(record) + "\n")
    workspace.import_sources([str(tmp_path / "r.jsonl")])
    article = workspace.article("deal-1")
    assert (article.title, article.source, article.author) == (
        "Club agrees £1.8m deal",
        "Sport & Leisure",
        "Renée Ode",
    )
    assert article.body == "The \u201cdeal\u201d was signed. AT&T and R&D stay as written."


def test_gzip_files_are_read_and_capped_on_their_decompressed_size(
    workspace, tmp_path, monkeypatch
) -> None:
    page = write(tmp_path / "in" / "page.html.gz", gzip.compress(samples.HTML_PAGE.encode()))
    feed = write(tmp_path / "in" / "wire.xml.gz", gzip.compress(headline_feed(2).encode()))
    report = workspace.import_sources([str(page), str(feed)])
    assert report.count(ADDED) == 3 and not report.failed
    # Folders pick up .gz files whose inner suffix is known.
    assert report.count(ADDED) == 3
    again = workspace.import_sources([str(tmp_path / "in")])
    assert again.count("duplicate") == 3
    monkeypatch.setattr(textio, "MAX_SOURCE_BYTES", 4096)
    monkeypatch.setattr(importer, "MAX_SOURCE_BYTES", 4096)
    bomb = write(tmp_path / "bomb.txt.gz", gzip.compress(b"word " * 100_000))
    broken = write(tmp_path / "broken.md.gz", b"\x1f\x8b\x08\x00garbage")
    before = snapshot(workspace)
    report = workspace.import_sources([str(bomb), str(broken)])
    errors = {r.item: r.error for r in report.failed}
    assert "import limit (decompressed)" in errors[str(bomb)]
    assert "not a readable gzip file" in errors[str(broken)]
    assert snapshot(workspace) == before


@pytest.mark.parametrize("quote", ["'", '"'])
def test_a_path_pasted_in_quotes_is_found(workspace, tmp_path, quote) -> None:
    path = write(tmp_path / "with space" / "note.md", samples.MARKDOWN)
    report = workspace.import_sources([f" {quote}{path}{quote} "])
    assert [r.status for r in report.results] == [ADDED]


def test_a_feed_saved_as_html_or_served_as_text_html_is_read_as_a_feed(workspace, tmp_path) -> None:
    from tests.unit.loopback import Route, serving

    saved = write(tmp_path / "feed.html", "  \n" + headline_feed(2))
    report = workspace.import_sources([str(saved)])
    assert report.count(ADDED) == 2
    with serving() as server:
        server.routes["/rss"] = Route(headline_feed(4).encode(), "text/html; charset=utf-8")
        report = workspace.import_sources([server.url_for("/rss")])
    assert report.count(ADDED) + report.count("duplicate") == 4 and not report.failed


def test_an_entry_with_nothing_to_show_is_a_warning_and_the_rest_is_stored(
    workspace, tmp_path
) -> None:
    feed = (
        '<rss version="2.0"><channel><title>T</title><item><guid isPermaLink="false">x1</guid>'
        "</item><item><title>Pier &amp;amp; promenade</title><description>Plain &#163;5 text"
        "</description></item></channel></rss>"
    )
    report = workspace.import_sources([str(write(tmp_path / "t.xml", feed))])
    assert [r.status for r in report.results] == [WARNING, ADDED]
    assert "no title, text or link" in report.results[0].error
    article = workspace.article(report.results[1].id)
    assert article.body == "Plain £5 text"


def test_a_feed_set_to_fetch_pages_fetches_each_page_once_and_never_loses_it(
    workspace, tmp_path
) -> None:
    from tests.unit.loopback import Route, serving

    with serving() as server:
        server.routes["/tram"] = Route(samples.HTML_PAGE.encode())
        feed = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Loop</title>'
            f"<item><title>Tram</title><link>{server.url_for('/tram')}</link>"
            "<description>Trams run again.</description></item></channel></rss>"
        )
        server.routes["/feed"] = Route(feed.encode(), "application/rss+xml")
        url = server.url_for("/feed")
        workspace.subscribe(url, fetch_pages=True)
        (first,) = workspace.refresh_feeds([url])
        article_id = first.results[0].id
        assert "Engineers replaced" in workspace.article(article_id).body
        (second,) = workspace.refresh_feeds([url])
        assert [r.status for r in second.results] == ["duplicate"]
        assert server.hits("/tram") == 1  # the page is not fetched on every refresh
        workspace.set_feed_fetch_pages(url, False)
        workspace.import_sources([url])  # the feed's short summary alone
    assert "Engineers replaced" in workspace.article(article_id).body


def test_a_feed_with_a_server_warning_before_it_and_relative_links_is_read(
    workspace, tmp_path
) -> None:
    feed = (
        "<br />\n<b>Warning</b>: session_start() in /var/www/feed.php on line 3<br />\n"
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Site</title>'
        "<link>https://site.example/</link><item><title>Harbour news</title>"
        "<link>/news/1</link></item></channel></rss>"
    )
    report = workspace.import_sources([str(write(tmp_path / "feed.php", feed))])
    assert report.count(ADDED) == 1 and len(report.warnings) == 1
    article = workspace.article(next(r.id for r in report.results if r.status == ADDED))
    assert article.url == "https://site.example/news/1" and article.headline_only


def test_a_broken_extractor_install_is_one_line_per_page_not_a_traceback(
    workspace, tmp_path, monkeypatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "trafilatura", None)  # `import trafilatura` now fails
    page = write(tmp_path / "page.html", samples.HTML_PAGE)
    note = write(tmp_path / "note.md", samples.MARKDOWN)
    report = workspace.import_sources([str(page), str(note)])
    assert [r.status for r in report.results] == ["failed", ADDED]
    assert "the HTML extractor cannot load" in report.results[0].error
