"""The sample articles form one story (re-anchoring is tested in test_anchors.py)."""

from __future__ import annotations

from pathlib import Path

from reader.core.corpus import read_corpus
from reader.core.locations import sample_corpus_dir
from reader.core.models import Article
from reader.core.stories.graph import group_stories


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
