"""Removing articles, the sample corpus and headline-only articles from the command line
(real subprocesses, user dirs redirected)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.unit import ingest_samples as samples
from tests.unit.cli.test_cli import broadsheet
from tests.unit.loopback import Route, serving

SAMPLE = "004_3f326c91794456b3"


def test_import_into_a_new_data_dir_brings_no_sample_articles(tmp_path: Path) -> None:
    (tmp_path / "f.md").write_text(samples.MARKDOWN, encoding="utf-8")
    data = str(tmp_path / "data")
    run = broadsheet("--data-dir", data, "import", str(tmp_path / "f.md"))
    assert run.returncode == 0, run.stderr
    assert "sample" not in run.stderr
    listing = json.loads(broadsheet("--data-dir", data, "list", "--json").stdout)["articles"]
    assert [row["id"] for row in listing] == ["gazette-ferries"]
    assert listing[0]["author"] == "Ada Lark"


def test_remove_keeps_bookmarks_orphaned_and_bad_ids_fail_by_name(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    mark = broadsheet(
        "--data-dir",
        data,
        "bookmarks",
        "add",
        SAMPLE,
        "--quote",
        "Chicago being one of the primary targets",
        "--note",
        "keep",
    )
    assert mark.returncode == 0, mark.stderr
    run = broadsheet("--data-dir", data, "remove", SAMPLE, "no-such-id")
    assert run.returncode == 1
    assert f"removed {SAMPLE}: Chicago Stands Defiant" in run.stdout
    assert "1 bookmark(s) on them kept, shown as orphaned" in run.stdout
    assert run.stderr.splitlines()[0] == "broadsheet remove: no article with id 'no-such-id'"
    assert "Traceback" not in run.stderr
    listing = json.loads(broadsheet("--data-dir", data, "list", "--json").stdout)["articles"]
    assert SAMPLE not in [row["id"] for row in listing] and len(listing) == 4
    marks = broadsheet("--data-dir", data, "bookmarks", "list")
    assert "keep" in marks.stdout and "orphan" in marks.stdout.lower()
    assert broadsheet("--data-dir", data, "search", "Forum", "--json").stdout.count(SAMPLE) == 0


def test_the_sample_corpus_is_removed_in_one_step_and_not_loaded_again(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    assert "loaded 5 sample articles" in broadsheet("--data-dir", data, "list").stderr
    run = broadsheet("--data-dir", data, "remove", "--samples")
    assert run.returncode == 0 and run.stdout.count("removed ") == 5
    after = broadsheet("--data-dir", data, "list")
    assert after.stdout == "" and "sample" not in after.stderr


def test_a_headline_only_entry_is_shown_so_and_its_text_fetched_on_demand(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    with serving() as server:
        server.routes["/tram"] = Route(samples.HTML_PAGE.encode())
        feed = samples.headline_only_feed(server.url_for("/tram"))
        (tmp_path / "bare.xml").write_text(feed, encoding="utf-8")
        run = broadsheet("--data-dir", data, "import", "--json", str(tmp_path / "bare.xml"))
        assert run.returncode == 0, run.stderr
        article_id = json.loads(run.stdout)["items"][0]["id"]
        assert "headline only" in broadsheet("--data-dir", data, "list").stdout
        shown = json.loads(broadsheet("--data-dir", data, "show", article_id, "--json").stdout)[
            "article"
        ]
        assert shown["headline_only"] is True and shown["body"] is None  # not known yet: null
        fetched = broadsheet("--data-dir", data, "fetch-text", article_id, "missing-id")
    assert fetched.returncode == 1
    assert f"{article_id}: fetched" in fetched.stdout
    assert "broadsheet fetch-text: missing-id: no article with id 'missing-id'" in fetched.stderr
    shown = json.loads(broadsheet("--data-dir", data, "show", article_id, "--json").stdout)[
        "article"
    ]
    assert shown["headline_only"] is False and "Engineers replaced" in shown["body"]
    assert shown["author"] == "Jonas Weber"


def test_a_feed_remembers_to_fetch_its_pages(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    with serving() as server:
        server.routes["/tram"] = Route(samples.HTML_PAGE.encode())
        feed = samples.headline_only_feed(server.url_for("/tram"))
        server.routes["/feed"] = Route(feed.encode(), "application/rss+xml")
        url = server.url_for("/feed")
        added = broadsheet("--data-dir", data, "feeds", "add", url, "--fetch-pages")
        assert added.returncode == 0, added.stderr
        listing = json.loads(broadsheet("--data-dir", data, "feeds", "list", "--json").stdout)[
            "feeds"
        ]
        assert listing[0]["fetch_pages"] is True
        rows = json.loads(broadsheet("--data-dir", data, "list", "--json").stdout)["articles"]
        assert rows[0]["headline_only"] is False and rows[0]["title"] == "Tram"
        off = broadsheet("--data-dir", data, "feeds", "set", url, "--no-fetch-pages")
        assert off.returncode == 0 and "is off" in off.stdout
        unknown = broadsheet(
            "--data-dir", data, "feeds", "set", "http://x.example/f", "--fetch-pages"
        )
        assert unknown.returncode == 1 and "not subscribed" in unknown.stderr
