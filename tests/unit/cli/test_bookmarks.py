"""`broadsheet bookmarks` list, add, export and import, as a script would use them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.unit.cli.test_cli import broadsheet

ARTICLE = "001_7945570cf1f85a53"


def test_add_by_quote_list_export_and_import_round_trip(tmp_path: Path) -> None:
    data = str(tmp_path / "lib")
    added = broadsheet(
        "--data-dir", data, "bookmarks", "add", ARTICLE,
        "--quote", "Mayor Lori Lightfoot has emerged",
        "--note", "[bold]not bold[/] \x1b[31m", "--tag", "mayor", "--tag", "quotes",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("bookmark #1 saved: " + ARTICLE)
    document = json.loads(broadsheet("--data-dir", data, "bookmarks", "list", "--json").stdout)
    assert document["schema"] == "broadsheet.bookmarks/1" and document["total"] == 1
    listed = document["bookmarks"]
    assert [(b["quote"], b["note"], b["tags"]) for b in listed] == [
        ("Mayor Lori Lightfoot has emerged", "[bold]not bold[/] \x1b[31m", ["mayor", "quotes"])
    ]
    assert listed[0]["anchor"]["status"] == "exact"
    assert json.loads(broadsheet("--data-dir", data, "bookmarks", "--json").stdout) == document

    out = tmp_path / "marks.json"
    exported = broadsheet(
        "--data-dir", data, "bookmarks", "export", "--format", "json", "-o", str(out)
    )
    assert exported.returncode == 0 and "exported 1 bookmarks" in exported.stderr
    markdown = broadsheet("--data-dir", data, "bookmarks", "export", "--format", "markdown")
    assert "> Mayor Lori Lightfoot has emerged" in markdown.stdout
    assert "Note: [bold]not bold[/] \x1b[31m" in markdown.stdout  # verbatim into a pipe

    other = str(tmp_path / "other")
    first = broadsheet("--data-dir", other, "bookmarks", "import", str(out))
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("imported 1 bookmarks, skipped 0")
    second = broadsheet("--data-dir", other, "bookmarks", "import", str(out))
    assert second.stdout.startswith("imported 0 bookmarks, skipped 1 already present")


def test_a_quote_not_in_the_article_is_one_line_and_exit_1(tmp_path: Path) -> None:
    data = str(tmp_path)
    missing = broadsheet("--data-dir", data, "bookmarks", "add", ARTICLE, "--quote", "no such")
    assert missing.returncode == 1
    errors = [line for line in missing.stderr.splitlines() if "bookmarks" in line]
    assert errors == [
        f"broadsheet bookmarks: article {ARTICLE}: the quote does not occur in the article's text"
    ]
    twice = broadsheet("--data-dir", data, "bookmarks", "add", ARTICLE, "--quote", "Lightfoot")
    assert twice.returncode == 1 and "occurs 6 times" in twice.stderr
    nobody = broadsheet("--data-dir", data, "bookmarks", "add", "nope", "--quote", "x")
    assert nobody.returncode == 1 and "no article with id 'nope'" in nobody.stderr
    listed = json.loads(broadsheet("--data-dir", data, "bookmarks", "list", "--json").stdout)
    assert listed["bookmarks"] == [] and listed["total"] == 0


def test_importing_a_file_that_is_not_annotations_fails_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    run = broadsheet("--data-dir", str(tmp_path), "bookmarks", "import", str(bad))
    assert run.returncode == 1
    assert f"broadsheet bookmarks: {bad}: annotation 2: not a JSON object" in run.stderr
