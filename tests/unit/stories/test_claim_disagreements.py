"""Disagreements a reader can trust: one fact told differently is flagged, nothing else is."""

from __future__ import annotations

from reader.core.models import Article
from reader.core.stories import disagreeeval
from reader.core.stories.comparison import compare_story
from reader.core.stories.evaluation import read_labelled
from reader.core.text import clean
from tests.conftest import shared_path

STORY = (
    "WASHINGTON - {who} said on {day} that the agency will spend {money} on new border "
    "equipment over {months}, a plan first announced on {date}.\n\n"
    "Critics of the plan gathered outside the Capitol to protest the spending. {extra}\n\n"
    "The agency has not said which companies will supply the equipment or when the first "
    "contracts will be signed, and lawmakers in both parties asked for details."
)
BASE = {
    "who": "President Obama",
    "day": "Monday night",
    "money": "$1.6 million",
    "months": "19 months",
    "date": "Jan. 23",
    "extra": "Obama has defended the plan before.",
}


def flags(**changes: str) -> list[tuple[str, list[str]]]:
    a = clean(Article(id="a", title="Plan", body=STORY.format(**BASE)))
    b = clean(Article(id="b", title="Plan", body=STORY.format(**{**BASE, **changes})))
    return [
        (d.kind, [s.value for s in d.sides]) for d in compare_story("s", [a, b], "a").disagreements
    ]


def test_one_changed_fact_of_each_kind_is_flagged_in_any_phrasing() -> None:
    assert flags(money="$2.6 million") == [("quantity", ["$1.6 million", "$2.6 million"])]
    assert flags(months="20 months") == [("quantity", ["19 months", "20 months"])]
    assert flags(date="January 25") == [("date", ["Jan. 23", "January 25"])]
    assert flags(day="Thursday night") == [("date", ["Monday", "Thursday"])]
    # The old holder is still named elsewhere in the changed article: still a contradiction.
    assert flags(who="President Walker") == [("role", ["Obama", "Walker"])]


def test_the_same_facts_in_other_words_or_forms_are_not_flagged() -> None:
    assert flags(money="$1,600,000") == []
    assert flags(date="January 23") == []
    assert flags(extra="Obama has defended the spending before.") == []
    assert flags(day="Monday") == []


def test_two_mentions_of_the_same_two_dates_and_a_predecessor_are_not_flagged() -> None:
    a = clean(
        Article(
            id="a",
            title="t",
            body="The hearing moved from Jan. 23 to Feb. 4, the committee said in a statement "
            "released late on the evening before the vote.\n\n" + "Filler words here. " * 10,
        )
    )
    b = clean(
        Article(
            id="b",
            title="t",
            body="The committee said in a statement that the hearing moved to Feb. 4 from "
            "Jan. 23, released late on the evening before the vote.\n\n" + "Filler words. " * 10,
        )
    )
    assert compare_story("s", [a, b], "a").disagreements == []
    c = clean(
        Article(
            id="c",
            title="t",
            body="Secretary of State Mike Pompeo, who replaced Rex Tillerson, flew to Seoul on "
            "Tuesday for talks.\n\n" + "Filler words here. " * 10,
        )
    )
    d = clean(
        Article(
            id="d",
            title="t",
            body="Secretary of State Mike Pompeo flew to Seoul on Tuesday for talks after "
            "Secretary of State Rex Tillerson was fired.\n\n" + "Filler words here. " * 10,
        )
    )
    assert [x.kind for x in compare_story("s", [c, d], "c").disagreements] == []


def test_copies_of_basil_articles_with_one_fact_changed_are_caught() -> None:
    labelled = read_labelled(shared_path("corpora", "events", "basil_triplets_2010_2019.jsonl"))
    articles = [a for a, _ in labelled][::10]  # 30 articles: a quick look at the benchmark
    per_kind, unchanged, notes = disagreeeval.run(articles)
    assert unchanged.cases >= 20 and unchanged.hits == 0, notes
    for kind, tally in per_kind.items():
        assert tally.cases >= 3 and tally.hits / tally.cases >= 0.8, (kind, notes)
