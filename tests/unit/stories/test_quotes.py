"""Quote attribution: a reader can cite who said what, or sees "unattributed"."""

from __future__ import annotations

from pathlib import Path

from reader.core.models import Article
from reader.core.stories import claimeval, quoteeval
from reader.core.stories.comparison import compare_story
from reader.core.stories.quotes import attribute
from reader.core.text import clean
from tests.conftest import shared_path

LABELS = Path(__file__).resolve().parents[2] / "data" / "quote_speaker_labels.jsonl"


def speakers(text: str) -> list[str]:
    return [a.speaker for a in attribute(text)]


def test_a_quote_and_its_continuation_go_to_the_writer_not_the_person_named_before() -> None:
    text = (
        "President Trump announced the departure on Twitter. \u201cMy views on treating allies with "
        "respect are strongly held,\u201d Mr. Mattis wrote. \u201cBecause you have the right to a "
        "secretary of defense whose views are better aligned with yours, I should step down.\u201d"
    )
    assert speakers(text) == ["Mattis", "Mattis"]


def test_speakers_are_found_after_before_and_through_pronouns() -> None:
    assert speakers(
        "\u201cWe will win in court,\u201d said the spokesman, Peter Carr, on Friday."
    ) == ["Peter Carr"]
    assert speakers(
        "Liz Cheney said in a statement: \u201cI love my sister, but we disagree.\u201d"
    ) == ["Liz Cheney"]
    assert speakers(
        "Mr. Sellers said that was not the comparison. He added later that \u201cthe retailer "
        "was behind the others.\u201d"
    ) == ["Sellers"]
    assert speakers(
        "\u201cI have learned a great deal,\u201d Senate President Mike Thibodeau (R) said Wednesday."
    ) == ["Senate President Mike Thibodeau"]


def test_titles_questions_to_the_speaker_and_unclear_pronouns_stay_unattributed() -> None:
    assert speakers('Huckabee said on CBS\u2019s "Face the Nation" that he is confident.') == [""]
    assert speakers('Asked point-blank, "Is that picture really you?" Weiner replied no.') == [""]
    assert speakers(
        "But Ms. Coulter, who has attacked Mr. Trump, has gotten under his skin. "
        "\u201cI don\u2019t know her at all,\u201d he said."
    ) == [""]


def test_two_people_with_one_surname_are_not_merged_in_the_facts() -> None:
    view = clean(
        Article(
            id="a",
            title="Cheney",
            body="Former Vice President Dick Cheney stayed silent on Friday.\n\n"
            "\u201cI love my sister, but we disagree on this issue,\u201d Ms. Cheney said.\n\n"
            + "Liz Cheney is running for the Senate in Wyoming this year against Mike Enzi. "
            * 3,
        )
    )
    other = clean(Article(id="b", title="Other", body="Liz Cheney spoke in Cheyenne. " * 10))
    facts = compare_story("s", [view, other], "a").facts["a"]
    assert [f.key for f in facts if f.kind == "quote"] == ["Cheney"]


def test_basil_quotes_are_attributed_to_their_true_speakers() -> None:
    events = claimeval.basil_views(
        shared_path("corpora", "events", "basil_triplets_2010_2019.jsonl")
    )
    views = {v.article.id: v for group in events.values() for v in group}
    scores = quoteeval.score_quotes(views, LABELS)
    assert scores.stale == 0 and scores.judged >= 100 and scores.attributed >= 100
    assert scores.precision >= 0.95, scores.wrong
