"""The command line as a script would use it: real subprocesses, user dirs redirected."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__

REPO = Path(__file__).resolve().parents[3]


def broadsheet(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env=env or os.environ.copy(),
        cwd=REPO,
        timeout=120,
    )


def test_search_lightfoot_json_returns_exactly_seed_001(tmp_path: Path) -> None:
    run = broadsheet("--data-dir", str(tmp_path), "search", "Lightfoot", "--json")
    assert run.returncode == 0, run.stderr
    document = json.loads(run.stdout)
    assert document["schema"] == "broadsheet.search/1" and document["total"] == 1
    hits = document["hits"]
    assert len(hits) == 1
    hit = hits[0]
    assert hit["id"] == "001_7945570cf1f85a53"
    assert {"id", "title", "source", "published", "score", "snippet"} <= set(hit)
    assert "Lightfoot" in hit["snippet"]
    assert "loaded 5 sample articles" in run.stderr


def test_search_prints_ranked_hits_as_text(tmp_path: Path) -> None:
    run = broadsheet("--data-dir", str(tmp_path), "search", "mayor", "--limit", "2")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("4 hits for mayor (")
    assert "outlets: unknown outlet 4" in run.stdout
    assert "showing 2" in run.stdout  # the true count, and how many are printed
    assert " 1. Chicago Mayor Defies Federal Law" in run.stdout
    assert " 3. " not in run.stdout


def test_show_prints_clean_text_and_json(tmp_path: Path) -> None:
    text = broadsheet("--data-dir", str(tmp_path), "show", "004_3f326c91794456b3")
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith(
        "Chicago Stands Defiant Against Trump\u2019s Immigration Raids\nThe Forum \u00b7 undated"
    )
    assert "\u2022 Posts" not in text.stdout
    data = json.loads(
        broadsheet("--data-dir", str(tmp_path), "show", "002_4f6ddd44314d6b20", "--json").stdout
    )
    assert data["schema"] == "broadsheet.show/1"
    article = data["article"]
    assert {"id", "title", "source", "published", "url", "body"} <= set(article)
    assert article["title_derived"] is True and article["source"] is None  # unknown: null


def test_unknown_id_and_bad_query_fail_with_one_line(tmp_path: Path) -> None:
    broadsheet("--data-dir", str(tmp_path), "index")
    missing = broadsheet("--data-dir", str(tmp_path), "show", "no_such_article")
    assert missing.returncode == 1
    assert missing.stderr == "broadsheet show: no article with id 'no_such_article'\n"
    bad = broadsheet("--data-dir", str(tmp_path), "search", "AND")
    assert bad.returncode == 1
    assert bad.stderr == (
        "broadsheet search: query 'AND' has no searchable words"
        " (an operator with nothing to join was ignored)\n"
    )
    assert "Traceback" not in missing.stderr + bad.stderr


def test_version_and_index_rebuild(tmp_path: Path) -> None:
    assert broadsheet("--version").stdout.strip() == f"broadsheet {__version__}"
    first = broadsheet("--data-dir", str(tmp_path), "index")
    assert first.stdout.strip() == "search index is up to date: 5 articles"
    rebuilt = broadsheet("--data-dir", str(tmp_path), "index", "--rebuild")
    assert rebuilt.stdout.strip() == "rebuilt the search index: 5 articles"
    second = broadsheet("--data-dir", str(tmp_path), "search", "Lightfoot")
    assert second.stderr == ""  # a second run opens the existing library and index silently


def test_data_lives_in_the_xdg_dirs_when_no_data_dir_is_given(tmp_path: Path) -> None:
    env = os.environ.copy()
    env.update(
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    run = broadsheet("list", env=env)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "data" / "broadsheet" / "library.sqlite3").is_file()
    assert not (REPO / "library.sqlite3").exists()
    rows = run.stdout.splitlines()
    assert len(rows) == 5 and rows[-1].startswith("002_4f6ddd44314d6b20")
    # Listing never touches the index; the first search builds it in the cache dir.
    assert not (tmp_path / "cache" / "broadsheet" / "index").exists()
    assert broadsheet("search", "chicago", env=env).returncode == 0
    assert (tmp_path / "cache" / "broadsheet" / "index").is_dir()


def test_story_lists_the_articles_of_the_same_story(tmp_path: Path) -> None:
    run = broadsheet("--data-dir", str(tmp_path), "story", "001_7945570cf1f85a53", "--json")
    data = json.loads(run.stdout)
    assert len(data["articles"]) == 5


def test_compare_json_reports_the_mayor_disagreement_with_passages(tmp_path: Path) -> None:
    run = broadsheet("--data-dir", str(tmp_path), "compare", "001_7945570cf1f85a53", "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert len(data["articles"]) == 5
    assert {"alignments", "unique_passages", "facts", "disagreements"} <= set(data)
    mayor = next(d for d in data["disagreements"] if d["subject"] == "mayor of Chicago")
    sides = {s["value"]: s for s in mayor["sides"]}
    assert sides["Lori Lightfoot"]["articles"] == ["001_7945570cf1f85a53"]
    assert "003_664e7e63c6e16625" in sides["Brandon Johnson"]["articles"]
    for side in sides.values():
        assert side["passages"] and all(
            side["value"].split()[-1] in p["text"] for p in side["passages"]
        )
    assert len(data["alignments"]) == 4
    people = {(f["key"], f["value"]) for f in data["facts"]["004_3f326c91794456b3"]}
    assert ("governor", "JB Pritzker") in people


def test_compare_with_one_other_article_and_stories_listing(tmp_path: Path) -> None:
    run = broadsheet(
        "--data-dir",
        str(tmp_path),
        "compare",
        "001_7945570cf1f85a53",
        "--with",
        "003_664e7e63c6e16625",
        "--json",
    )
    data = json.loads(run.stdout)
    assert [a["right"] for a in data["alignments"]] == ["003_664e7e63c6e16625"]
    text = broadsheet("--data-dir", str(tmp_path), "compare", "001_7945570cf1f85a53")
    assert "! role: mayor of Chicago: Brandon Johnson / Lori Lightfoot" in text.stdout
    document = json.loads(broadsheet("--data-dir", str(tmp_path), "stories", "--json").stdout)
    stories = document["stories"]
    assert [s["count"] for s in stories] == [5]
    assert stories[0]["outlets"] == ["The Forum"]
    same = broadsheet(
        "--data-dir",
        str(tmp_path),
        "compare",
        "001_7945570cf1f85a53",
        "--with",
        "001_7945570cf1f85a53",
    )
    assert same.returncode == 1 and same.stderr.count("\n") == 1


def test_a_command_parses_the_same_with_only_its_own_part_of_the_parser(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # A cold command builds only the sub-commands defined with its own (main._SUB_COMMANDS);
    # help, `--version` and a mistyped command get the whole parser.
    from reader.cli.main import _SUB_COMMANDS, _command_in, build_parser

    names = [name for part, _ in _SUB_COMMANDS for name in sorted(part)]
    assert len(names) >= 15 and {"search", "feeds", "bookmarks", "doctor", "keys"} <= set(names)

    def help_of(name: str, command: str | None) -> str:
        with pytest.raises(SystemExit):
            build_parser(command).parse_args([name, "--help"])
        return capsys.readouterr().out

    for name in names:
        assert help_of(name, name) == help_of(name, None)
    full = build_parser()
    lines = [
        ["--data-dir", "/tmp/x", "search", "mayor", "--json"],
        ["search", "--sort", "newest", "--limit", "3", "budget"],
        ["--data-dir=/tmp/x", "bookmarks", "list", "--json"],
        ["feeds", "add", "https://example.org/feed", "--json"],
    ]
    for argv in lines:
        assert _command_in(argv) is not None
        assert build_parser(_command_in(argv)).parse_args(argv) == full.parse_args(argv)
    assert _command_in(["--version"]) is None and _command_in(["--data-dir", "search"]) is None
