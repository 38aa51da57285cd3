"""Bookmarks find their passage again; the sample articles form one story."""

from __future__ import annotations

from pathlib import Path

from reader.core.anchors import locate, make_anchor
from reader.core.compare import group_stories
from reader.core.corpus import read_corpus
from reader.core.locations import sample_corpus_dir
from reader.core.models import Article, Bookmark


def bookmark_on(text: str, start: int, end: int) -> Bookmark:
    a = make_anchor(text, start, end)
    return Bookmark(1, "x", a.quote, a.prefix, a.suffix, a.start, a.end, a.text_hash)


def test_unchanged_text_keeps_the_exact_position() -> None:
    text = "First paragraph.\n\nThe mayor spoke today.\n\nLast one."
    start = text.index("The mayor")
    where = locate(bookmark_on(text, start, start + 22), text)
    assert (where.status, where.start) == ("exact", start)


def test_changed_text_finds_the_quote_by_its_context_among_two_occurrences() -> None:
    text = "Alpha said: we will fight. Beta said: we will fight. End."
    second = text.index("we will fight", 20)
    mark = bookmark_on(text, second, second + len("we will fight"))
    edited = "New lead. " + text
    where = locate(mark, edited)
    assert where.status == "moved"
    assert edited[where.start - 10 : where.start] == "Beta said: "[-10:]


def test_a_quote_that_is_gone_is_orphaned_not_attached_elsewhere() -> None:
    text = "The council voted on Monday."
    mark = bookmark_on(text, 4, 11)
    assert locate(mark, "Something else entirely.").status == "orphaned"


def test_the_five_sample_articles_form_one_story() -> None:
    articles = list(read_corpus(sample_corpus_dir()))
    stories = group_stories(articles)  # type: ignore[arg-type]
    assert len(stories) == 1
    assert len(stories[0].article_ids) == 5


def test_an_unrelated_article_is_a_story_of_its_own(tmp_path: Path) -> None:
    articles: list[Article] = list(read_corpus(sample_corpus_dir()))  # type: ignore[arg-type]
    articles.append(
        Article(
            id="football",
            title="Late goal sends Arsenal top of the league",
            body="A late header from a substitute gave Arsenal a one-nil win at Anfield, "
            "lifting them to the top of the Premier League table before the winter break.",
        )
    )
    stories = group_stories(articles)
    assert sorted(len(s.article_ids) for s in stories) == [1, 5]
