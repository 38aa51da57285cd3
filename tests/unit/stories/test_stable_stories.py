"""Stories that hold: running stories split by day, imports that change nothing, undated members.

The running-story data (tests/data/running_stories.jsonl) was written for these tests: six
running stories, each three day-level events covered by three outlets in ~70-word excerpts.
"""

from __future__ import annotations

from pathlib import Path

from reader.core.corpus import read_corpus
from reader.core.locations import sample_corpus_dir
from reader.core.models import Article, Story
from reader.core.stories.evaluation import read_labelled
from reader.core.stories.graph import StoryGraph, group_stories
from reader.core.stories.grouping import story_of
from tests.conftest import shared_path

RUNNING = Path(__file__).resolve().parents[2] / "data" / "running_stories.jsonl"


def running() -> dict[str, list[Article]]:
    events: dict[str, list[Article]] = {}
    for article, label in read_labelled(RUNNING):
        events.setdefault(label, []).append(article)
    return events


def members(stories: list[Story], article: Article) -> set[str]:
    story = story_of(article.id, stories)
    assert story is not None
    return set(story.article_ids)


def unrelated() -> list[Article]:
    """Articles a user might import beside a story: other topics, some sharing its words."""
    texts = [
        ("Council approves budget for new library", "City Hall", "2024-03-05"),
        (
            "Port of Kelston celebrates 150 years with harbour festival",
            "Harbor Times",
            "2019-06-01",
        ),
        ("Strike by rail workers ends after two days", "Rail Weekly", "2024-03-05"),
        ("Recipe: spring vegetable soup with herbs", "Kitchen Notes", ""),
        ("Local team wins regional football final", "Sports Desk", "2024-03-04"),
        ("How automated cranes are changing shipping, explained", "", ""),
    ]
    return [
        Article(
            id=f"other-{n}",
            title=title,
            body=f"{title}. "
            + "Officials said more details would follow in the coming weeks. " * 4,
            source=source,
            published=published,
        )
        for n, (title, source, published) in enumerate(texts)
    ]


def test_a_multi_outlet_story_is_unchanged_when_unrelated_articles_are_imported() -> None:
    events = running()
    strike = events["run-port-1"]
    library = [a for label in ("run-port-1", "run-fire-1") for a in events[label]]
    graph = StoryGraph()
    graph.update(library)
    before = graph.story_of(strike[0].id)
    assert before is not None and set(before.article_ids) == {a.id for a in strike}

    graph.update(unrelated())  # an import, regrouped incrementally
    assert graph.story_of(strike[0].id) == before
    # and the same when everything is grouped afresh
    assert members(group_stories([*library, *unrelated()]), strike[0]) == set(before.article_ids)


def test_follow_up_events_two_days_apart_are_two_stories() -> None:
    events = running()
    report = events["run-gov-1"]  # 3-4 Aug: the harassment report
    impeachment = [  # 6-7 Aug, told by other outlets: only the days and the news tell them apart
        Article(a.id, a.title, a.body, "Other " + a.source, a.published)
        for a in events["run-gov-2"]
    ]
    stories = group_stories([*report, *impeachment])
    assert members(stories, report[0]) == {a.id for a in report}
    assert members(stories, impeachment[0]) == {a.id for a in impeachment}


def test_each_event_of_the_running_stories_is_told_apart() -> None:
    events = running()
    stories = group_stories(a for articles in events.values() for a in articles)
    label = {a.id: name for name, articles in events.items() for a in articles}
    mixed = [s for s in stories if len({label[i] for i in s.article_ids}) > 1]
    whole = [n for n, arts in events.items() if members(stories, arts[0]) == {a.id for a in arts}]
    assert len(mixed) <= 1, mixed  # one day-after article of 54 may drift to the next event
    assert len(whole) >= 16, sorted(set(events) - set(whole))


def test_one_outlet_tells_an_event_once_per_story() -> None:
    strike = running()["run-port-1"]
    again = Article(
        id="again",
        title="Kelston dockworkers strike over automation, union says",
        body=strike[0].body.replace("Monday", "Monday morning").replace("4,000", "four thousand"),
        source=strike[1].source,  # the National Ledger, which already has its report
        published=strike[1].published,
    )
    stories = group_stories([*strike, again])
    story = story_of(strike[1].id, stories)
    assert story is not None
    assert not {"again", strike[1].id} <= set(story.article_ids)


def test_an_undated_article_joins_a_dated_story_only_on_strong_evidence() -> None:
    strike = running()["run-port-1"]
    vague = Article(id="vague", title="Dock strike", body="Workers went on strike at a port.")
    copy = Article(
        id="copy",
        title=strike[0].title,
        body=strike[0].body,
        source="Aggregator",
        published="",
    )
    stories = group_stories([*strike, vague, copy])
    story = story_of(strike[0].id, stories)
    assert story is not None
    assert "vague" not in story.article_ids
    assert "copy" in story.article_ids
    assert story.undated_ids == ("copy",)  # the story says which member has no date


def test_years_apart_never_join_even_with_the_same_words() -> None:
    strike = running()["run-port-1"]
    later = [
        Article(a.id + "-2027", a.title, a.body, a.source + " Weekly", "2027-03-04") for a in strike
    ]
    stories = group_stories([*strike, *later])
    assert members(stories, strike[0]) == {a.id for a in strike}


def test_grouping_in_two_imports_equals_grouping_at_once() -> None:
    articles = [a for arts in running().values() for a in arts] + unrelated()
    graph = StoryGraph()
    graph.update(articles[::2])
    graph.update(articles[1::2])
    assert graph.stories() == group_stories(articles)
    graph.remove([articles[0].id])
    assert graph.stories() == group_stories(articles[1:])


def test_the_sample_story_survives_importing_the_bbc_corpus() -> None:
    bbc = read_labelled(shared_path("corpora", "news", "bbc_news_2004_2005.jsonl"))
    sample = [a for a in read_corpus(sample_corpus_dir()) if isinstance(a, Article)]
    graph = StoryGraph()
    graph.update(sample)
    before = graph.stories()
    assert [len(s.article_ids) for s in before] == [5]
    graph.update(article for article, _ in bbc)
    assert graph.story_of(sample[0].id) == before[0]
