"""Real third-party corpora in ../shared (skipped cleanly without it): the import holds up.

The full figures come from `benchmarks/ingest_quality.py`; here the feed folder is imported
whole (it takes well under a second) and every fifth evaluation page is extracted.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from reader.core.locations import resolve
from reader.core.workspace import Workspace
from tests.conftest import shared_path

REPO = Path(__file__).resolve().parents[3]


def quality_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "ingest_quality", REPO / "benchmarks" / "ingest_quality.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_feedparser_test_feed_imports_without_crashing_or_corrupting() -> None:
    shared_path("corpora", "feeds", "feedparser", "tests")
    result = quality_module().feed_corpus()
    assert result["files"] == 272
    assert result["parsed"] + result["refused"] == result["files"]
    # The six files of illformed/ that are not well-formed XML are refused, each with a reason.
    assert result["illformed_refused"] == 6
    assert set(result["refused_reasons"]) <= {
        "not a well-formed feed",
        "not an RSS, Atom or JSON Feed document",
    }
    assert result["entries_added"] >= 25
    assert result["consistency_problems"] == []


def test_html_extraction_keeps_the_article_and_drops_boilerplate_on_a_sample() -> None:
    shared_path("corpora", "html", "trafilatura-eval", "expected.json")
    result = quality_module().html_corpus(step=5)
    assert result["pages"] == 30
    assert result["both"] >= 0.6 * result["pages"]
    assert result["title_and_date"] >= 0.6 * result["pages"]


def test_news_records_keep_their_ids_and_fields(tmp_path: Path) -> None:
    news = shared_path("corpora", "news", "bbc_news_2004_2005.jsonl")
    lines = news.read_text(encoding="utf-8").splitlines()[:200]
    sample = tmp_path / "bbc-sample.jsonl"
    sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ws = Workspace(resolve(tmp_path / "data"))
    report = ws.import_sources([str(sample)])
    assert report.count("failed") == 0
    first = json.loads(lines[0])
    article = ws.article(first["id"])
    assert (article.title, article.source) == (first["title"], "BBC News")
    assert article.published == "" and article.url == ""
    assert ws.indexed_count() == ws.count_articles()
    ws.close()
