"""Pages and feeds by URL, against a loopback server each test starts (never the internet)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from reader.core.ingest import fetch as fetch_module
from reader.core.ingest.fetch import FetchError, fetch
from reader.core.ingest.items import ADDED, DUPLICATE, FAILED
from reader.core.locations import resolve
from reader.core.workspace import Workspace
from tests.unit import ingest_samples as samples
from tests.unit.loopback import Route, Server, serving

RSS = "application/rss+xml"


@pytest.fixture
def server() -> Server:
    with serving() as running:
        yield running


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    ws = Workspace(resolve(tmp_path / "data"))
    ws.setup()
    yield ws
    ws.close()


def feed_with(*entries: tuple[str, str]) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>https://gazette.example/{slug(title)}</link>"
        f"<description>{text}</description></item>"
        for title, text in entries
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Loop Gazette</title>'
        f"<link>https://gazette.example/</link><description>d</description>{items}"
        f"</channel></rss>"
    ).encode()


def slug(title: str) -> str:
    return title.lower().replace(" ", "-")


FERRY = ("Ferry fares fall", "Fares on the river ferry fall by a fifth from Monday.")
MARKET = ("Market hall reopens", "The covered market reopened after a year of works.")


def test_a_web_page_by_url_is_extracted_after_a_redirect(workspace, server) -> None:
    server.routes["/old/tram"] = Route(status=301, location="/news/tram")
    server.routes["/news/tram"] = Route(samples.HTML_PAGE.encode())
    report = workspace.import_sources([server.url_for("/old/tram")])
    (result,) = report.results
    assert result.status == ADDED, result.error
    article = workspace.article(result.id)
    assert article.title == "Tram line reopens after repairs"
    assert article.url == server.url_for("/news/tram")
    assert server.hits("/news/tram") == 1


def test_a_redirect_loop_stops_after_the_limit(workspace, server) -> None:
    server.routes["/loop"] = Route(status=302, location="/loop")
    report = workspace.import_sources([server.url_for("/loop")])
    assert report.results[0].status == FAILED
    assert report.results[0].error == f"more than {fetch_module.MAX_REDIRECTS} redirects"
    assert server.hits("/loop") == fetch_module.MAX_REDIRECTS + 1


def test_only_http_and_https_are_fetched_even_when_a_redirect_points_elsewhere(
    workspace, server
) -> None:
    server.routes["/to-file"] = Route(status=302, location="file:///etc/passwd")
    report = workspace.import_sources(
        [server.url_for("/to-file"), "ftp://files.example/a.html", "file:///etc/hostname"]
    )
    assert [r.status for r in report.results] == [FAILED] * 3
    assert all("only http and https" in r.error for r in report.results)


def test_a_response_over_the_size_cap_is_refused(workspace, server, monkeypatch) -> None:
    monkeypatch.setattr(fetch_module, "MAX_RESPONSE_BYTES", 2000)
    server.routes["/big"] = Route(b"<p>" + b"x" * 5000 + b"</p>")
    server.routes["/big-unannounced"] = Route(b"<p>" + b"y" * 5000 + b"</p>", send_length=False)
    report = workspace.import_sources([server.url_for("/big"), server.url_for("/big-unannounced")])
    assert [r.status for r in report.results] == [FAILED, FAILED]
    assert report.results[0].error == "response of 5,007 bytes is over the 2000 byte limit"
    assert report.results[1].error == "response is over the 2000 byte limit"


def test_a_page_in_the_charset_its_server_declares_is_read(workspace, server) -> None:
    page = samples.HTML_PAGE.replace('<meta charset="utf-8">', "").replace(
        "Engineers replaced", "Ing\u00e9nieurs d\u00e9j\u00e0 replaced"
    )
    server.routes["/latin"] = Route(page.encode("iso-8859-1"), "text/html; charset=iso-8859-1")
    report = workspace.import_sources([server.url_for("/latin")])
    assert report.results[0].status == ADDED, report.results[0].error
    assert "Ing\u00e9nieurs d\u00e9j\u00e0 replaced" in workspace.article(report.results[0].id).body


def test_a_slow_server_times_out(server) -> None:
    server.routes["/slow"] = Route(b"late", delay=1.5)
    with pytest.raises(FetchError, match="timed out after 0.3 s"):
        fetch(server.url_for("/slow"), timeout=0.3)


def test_http_errors_and_refused_connections_are_reasons_not_tracebacks(workspace, server) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    report = workspace.import_sources(
        [server.url_for("/missing"), f"http://127.0.0.1:{closed_port}/x"]
    )
    errors = [r.error for r in report.results]
    assert errors[0] == "HTTP 404 Not Found"
    assert errors[1].startswith("could not connect to 127.0.0.1")


def test_an_empty_response_fails_and_changes_nothing(workspace, server) -> None:
    server.routes["/empty"] = Route(b"")
    revision = workspace.revision
    report = workspace.import_sources([server.url_for("/empty")])
    assert (report.results[0].status, report.results[0].error) == (FAILED, "empty response")
    assert workspace.revision == revision


def test_a_subscription_refresh_is_conditional_and_counts_new_articles(workspace, server) -> None:
    server.routes["/feed"] = Route(feed_with(FERRY), RSS, etag='"v1"')
    feed_url = server.url_for("/feed")

    assert workspace.subscribe(feed_url)[0] == ADDED
    assert workspace.subscribe(feed_url)[0] == DUPLICATE
    (first,) = workspace.refresh_feeds()
    assert (first.status, first.new_count) == ("refreshed", 1)
    (feed,) = workspace.feeds()
    assert (feed.title, feed.etag, feed.new_count, feed.last_error) == (
        "Loop Gazette",
        '"v1"',
        1,
        "",
    )

    (second,) = workspace.refresh_feeds()
    assert second.status == "not modified" and second.new_count == 0
    assert server.requests[-1][1].get("if-none-match") == '"v1"'
    assert workspace.feeds()[0].new_count == 0

    server.routes["/feed"] = Route(feed_with(FERRY, MARKET), RSS, etag='"v2"')
    (third,) = workspace.refresh_feeds()
    assert [r.status for r in third.results] == [DUPLICATE, ADDED]
    assert workspace.feeds()[0].new_count == 1 and workspace.feeds()[0].etag == '"v2"'
    assert workspace.search("covered market").hits


def test_last_modified_alone_also_makes_a_conditional_request(workspace, server) -> None:
    stamp = "Tue, 05 Mar 2024 09:00:00 GMT"
    server.routes["/lm"] = Route(feed_with(FERRY), RSS, last_modified=stamp)

    workspace.subscribe(server.url_for("/lm"))
    workspace.refresh_feeds()
    (again,) = workspace.refresh_feeds()
    assert again.status == "not modified"
    assert server.requests[-1][1].get("if-modified-since") == stamp


def test_a_failing_feed_records_its_error_and_the_others_still_refresh(workspace, server) -> None:
    server.routes["/good"] = Route(feed_with(MARKET), RSS)
    server.routes["/bad"] = Route(samples.ILLFORMED_FEED.encode(), RSS)

    for path in ("/good", "/bad", "/gone"):
        workspace.subscribe(server.url_for(path))
    outcomes = {o.url.rsplit("/", 1)[1]: o for o in workspace.refresh_feeds()}
    assert outcomes["good"].new_count == 1
    assert outcomes["bad"].status == "failed" and "not a well-formed feed" in outcomes["bad"].error
    assert outcomes["gone"].error == "HTTP 404 Not Found"
    errors = {f.url.rsplit("/", 1)[1]: f.last_error for f in workspace.feeds()}
    assert errors["good"] == "" and errors["gone"] == "HTTP 404 Not Found"


def test_feeds_refresh_concurrently_within_the_bound(workspace, server) -> None:
    from reader.core.ingest import jobs

    for n in range(7):
        server.routes[f"/slow{n}"] = Route(feed_with((f"Story {n}", f"Text {n} here.")), RSS,
                                           delay=0.4)  # fmt: skip
        workspace.subscribe(server.url_for(f"/slow{n}"))
    outcomes = workspace.refresh_feeds()
    assert len(outcomes) == 7 and all(o.new_count == 1 for o in outcomes)
    assert 1 < server.most_in_flight <= jobs.MAX_CONCURRENT_FEEDS


def test_an_opml_list_subscribes_to_its_feeds_and_fetches_them(workspace, server, tmp_path) -> None:
    server.routes["/gazette.xml"] = Route(feed_with(FERRY), RSS)
    opml = tmp_path / "subs.opml"
    opml.write_text(samples.OPML.format(feed=server.url_for("/gazette.xml")), encoding="utf-8")
    report = workspace.import_sources([str(opml)])
    statuses = {r.item: r.status for r in report.results}
    assert statuses[f"subscription {server.url_for('/gazette.xml')}"] == ADDED
    assert statuses["subscription ftp://files.example/feed.xml"] == FAILED
    assert report.count(ADDED) == 2  # the subscription and the feed's one article
    assert [f.url for f in workspace.feeds()] == [server.url_for("/gazette.xml")]


def test_fetch_pages_takes_the_full_text_of_the_linked_page(workspace, server) -> None:
    page = server.url_for("/tram")
    server.routes["/tram"] = Route(samples.HTML_PAGE.encode())
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Short Feed</title>'
        f"<link>{server.url}</link><description>d</description><item><title>Tram back</title>"
        f"<link>{page}</link><description>Tram reopens.</description></item></channel></rss>"
    )
    server.routes["/short.xml"] = Route(feed.encode(), RSS)
    plain = workspace.import_sources([server.url_for("/short.xml")])
    assert workspace.article(plain.results[0].id).body == "Tram reopens."
    full = workspace.import_sources([server.url_for("/short.xml")], fetch_pages=True)
    assert full.results[0].status == "updated"
    article = workspace.article(full.results[0].id)
    assert article.title == "Tram back" and "Engineers replaced" in article.body


def test_a_feed_entry_without_text_fails_unless_its_page_is_fetched(workspace, server) -> None:
    server.routes["/tram"] = Route(samples.HTML_PAGE.encode())
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Bare</title><link>x</link>'
        f"<description>d</description><item><title>Tram</title><link>{server.url_for('/tram')}"
        "</link></item></channel></rss>"
    )
    server.routes["/bare.xml"] = Route(feed.encode(), RSS)
    report = workspace.import_sources([server.url_for("/bare.xml")])
    assert report.results[0].status == FAILED and "no content or summary" in report.results[0].error
    report = workspace.import_sources([server.url_for("/bare.xml")], fetch_pages=True)
    assert report.results[0].status == ADDED
