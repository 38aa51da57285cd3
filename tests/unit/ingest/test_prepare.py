"""A large import cleans its articles on every core before storing them; what it stores is
what cleaning each one as it is stored would have stored: the clean text's fingerprint, its
word count and where it lies in the body (what the index is built from)."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from reader.core.ingest import importer, prepare
from reader.core.ingest.jobs import import_sources
from reader.core.library import Library
from reader.core.library.dedup import text_key
from reader.core.models import Article
from reader.core.text import CLEAN_VERSION, clean, text_from_spans, text_hash


def records(path: Path, count: int) -> Path:
    """A JSON Lines file of `count` articles; every third one repeats its headline in the
    body (the headline is then left out of the clean text, which changes its fingerprint)."""
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            title = f"Council vote {n} on the harbour plan"
            lead = f"{title}\n\n" if n % 3 == 0 else ""
            body = lead + f"The council voted {n} times.\n\nRead more: subscribe now.\n\nEnd {n}."
            out.write(json.dumps({"title": title, "text": body, "source": "Harbour Times"}))
            out.write("\n")
    return path


@pytest.mark.parametrize("cores", [1, 2])
def test_a_large_import_stores_the_clean_text_facts_each_article_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cores: int
) -> None:
    monkeypatch.setattr(importer.os, "cpu_count", lambda: cores)
    count = prepare.IN_WORKERS_FROM + 50
    library = Library(tmp_path / "library.sqlite3")
    report = import_sources(library, [str(records(tmp_path / "news.jsonl", count))])
    assert len([r for r in report.results if r.status == "added"]) == count
    stored = library.query(
        "SELECT id, clean_hash, word_count, clean_spans, clean_version FROM articles"
    )
    articles = {a.id: a for a in library.get_articles([row[0] for row in stored])}
    for article_id, clean_hash, word_count, spans, version in stored:
        article = articles[article_id]
        cleaned = clean(article)
        assert (clean_hash, word_count) == (text_hash(cleaned.text), cleaned.word_count)
        assert version == CLEAN_VERSION
        assert text_from_spans(article.body, spans) == cleaned.text
    assert len(stored) == count
    keys = dict(library.query("SELECT article_id, text_key FROM import_keys"))
    assert keys == {a.id: text_key(a.body) for a in articles.values()}


def test_the_workers_give_each_article_its_facts_in_order() -> None:
    articles = [
        Article(id=str(n), title=f"Vote {n}", body=f"Vote {n}\n\nThe council voted {n} times.")
        for n in range(prepare.IN_WORKERS_FROM)
    ]
    with prepare.cleaned_ahead(articles, procs=2) as facts:
        got = list(facts)
    expected = [(text_hash(c.text), c.word_count) for c in map(clean, articles)]
    assert [(clean_hash, words) for (clean_hash, words, _), _ in got] == expected
    for article, ((_, _, spans), key) in zip(articles, got, strict=True):
        assert spans is not None
        assert text_from_spans(article.body, spans) == clean(article).text
        assert key == text_key(article.body)


def test_a_small_import_is_cleaned_as_it_is_stored() -> None:
    article = Article(id="a", title="Vote", body="The council voted.", source="Harbour Times")
    with prepare.cleaned_ahead([article], procs=2) as facts:
        assert list(facts) == []


class _Results:
    """A pool's ordered results (a chunk each) whose third never comes (its worker was killed)."""

    def __init__(self) -> None:
        self.given = 0

    def next(self, timeout: float) -> list[prepare.Prepared]:
        self.given += 1
        if self.given == 3:
            raise multiprocessing.TimeoutError
        return [((f"hash{self.given}", self.given, b""), f"key{self.given}")]


def test_a_result_that_never_comes_ends_the_results_and_the_rest_are_cleaned_when_stored() -> None:
    got = list(prepare.results_until_trouble(_Results(), chunks=5))
    assert got == [
        (("hash1", 1, b""), "key1"),
        (("hash2", 2, b""), "key2"),
    ]  # then nothing: not a wait for ever
