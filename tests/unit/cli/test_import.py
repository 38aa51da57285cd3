"""`broadsheet import` and `broadsheet feeds` as a script would run them (real subprocesses)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.unit import ingest_samples as samples
from tests.unit.cli.test_cli import broadsheet
from tests.unit.loopback import Route, serving


def test_import_prints_a_summary_and_the_articles_are_searchable(tmp_path: Path) -> None:
    (tmp_path / "f.md").write_text(samples.MARKDOWN, encoding="utf-8")
    (tmp_path / "g.xml").write_text(samples.RSS20, encoding="utf-8")
    data = str(tmp_path / "data")
    run = broadsheet("--data-dir", data, "import", str(tmp_path / "f.md"), str(tmp_path / "g.xml"))
    assert run.returncode == 0, run.stderr
    assert "3 added, 0 updated, 0 duplicates skipped, 0 failed" in run.stdout
    found = broadsheet("--data-dir", data, "search", "customs hall", "--json")
    hits = json.loads(found.stdout)["hits"]
    assert "Fish market moves indoors" in [hit["title"] for hit in hits]
    again = broadsheet("--data-dir", data, "import", str(tmp_path / "f.md"))
    assert "0 added, 0 updated, 1 duplicate skipped, 0 failed" in again.stdout


def test_import_json_prints_one_object_with_an_item_each_and_fails_with_reasons(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.jsonl").write_text(
        "\n".join(json.dumps(r) for r in samples.records(2)) + '\n{"title": "no body"}\n',
        encoding="utf-8",
    )
    (tmp_path / "empty.md").write_bytes(b"")
    run = broadsheet(
        "--data-dir", str(tmp_path / "data"), "import", "--json",
        str(tmp_path / "a.jsonl"), str(tmp_path / "empty.md"),
    )  # fmt: skip
    assert run.returncode == 1
    document = json.loads(run.stdout)
    assert document["schema"] == "broadsheet.import/1" and document["failed"] == 2
    lines = document["items"]
    assert [(x["status"], x["id"]) for x in lines] == [
        ("added", "rec-00000"),
        ("added", "rec-00001"),
        ("failed", None),
        ("failed", None),
    ]
    assert set(lines[0]) == {"item", "status", "id", "error"}
    assert lines[2]["item"].endswith("a.jsonl line 3") and lines[2]["error"] == "no 'body' text"
    assert f"failed: {tmp_path / 'empty.md'}: empty file" in run.stderr
    assert "2 added, 0 updated, 0 duplicates skipped, 2 failed" in document["summary"]
    assert "Traceback" not in run.stderr


def test_feeds_add_list_refresh_and_remove(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    with serving() as server:
        server.routes["/feed.xml"] = Route(samples.RSS20.encode(), "application/rss+xml",
                                           etag='"abc"')  # fmt: skip
        url = server.url_for("/feed.xml")
        added = broadsheet("--data-dir", data, "feeds", "add", url)
        assert added.returncode == 0, added.stderr
        assert f"subscribed to {url}" in added.stdout
        assert "2 added" in added.stdout
        refreshed = broadsheet("--data-dir", data, "feeds", "refresh")
        assert f"{url}: not modified" in refreshed.stdout
        listing = broadsheet("--data-dir", data, "feeds", "list", "--json")
        (feed,) = json.loads(listing.stdout)["feeds"]
        assert (feed["url"], feed["title"], feed["new_count"]) == (url, "Harbour Gazette", 0)
        assert feed["last_refresh"] and feed["etag"] == '"abc"'
    removed = broadsheet("--data-dir", data, "feeds", "remove", url)
    assert removed.returncode == 0 and "its articles stay" in removed.stdout
    assert "no subscriptions" in broadsheet("--data-dir", data, "feeds", "list").stdout
    again = broadsheet("--data-dir", data, "feeds", "remove", url)
    assert again.returncode == 1 and f"not subscribed to {url}" in again.stderr
    bad = broadsheet("--data-dir", data, "feeds", "add", "ftp://x.example/feed")
    assert bad.returncode == 1 and "only http and https" in bad.stderr
