"""Claim-level alignment: a reader sees the claims two outlets both report, not shared themes."""

from __future__ import annotations

from pathlib import Path

from reader.core.corpus import read_corpus
from reader.core.locations import sample_corpus_dir
from reader.core.models import Article, CleanArticle
from reader.core.stories import claimeval
from reader.core.stories.align import align
from reader.core.stories.claims import evidence
from reader.core.stories.comparison import compare_story
from reader.core.text import clean
from tests.conftest import shared_path

LABELS = Path(__file__).resolve().parents[2] / "data" / "claim_pair_labels.jsonl"


def view_of(article_id: str, body: str) -> CleanArticle:
    return clean(Article(id=article_id, title="A headline", body=body))


def test_the_same_claim_in_different_words_pairs_and_says_what_they_share() -> None:
    left = view_of(
        "l",
        "Defense Secretary James Mattis resigned on Thursday after clashing with President Trump "
        "over the withdrawal of troops from Syria.\n\nThe weather in Washington was mild for December, forecasters said.",
    )
    right = view_of(
        "r",
        "Jim Mattis quit as the Pentagon chief on Thursday, following a dispute with Trump about "
        "pulling American troops out of Syria.\n\nA new stadium opened downtown to large crowds of fans.",
    )
    result = align(left, right)
    assert [(c.left.passage, c.right.passage) for c in result.claims] == [(0, 0)]
    claim = result.claims[0]
    assert claim.kind == "same claim" and "mattis" in claim.evidence
    assert 0 < claim.similarity < 1
    assert result.unique_left == (1,) and result.unique_right == (1,)


def test_generic_sentences_on_one_theme_do_not_pair() -> None:
    left = view_of(
        "l",
        "Sanctuary cities remain a divisive issue across the country, and the debate shows no "
        "sign of ending soon.\n\nMayor Ann Ortiz said 4,200 families had asked for legal help.",
    )
    right = view_of(
        "r",
        "The national conversation about sanctuary cities continues to divide Americans in "
        "every region.\n\nThe city council will vote on a new transit budget next spring.",
    )
    assert align(left, right).claims == ()


def test_titles_honorifics_and_sentence_openers_are_not_evidence() -> None:
    found = evidence("President Trump met Mr. Kim in Hanoi on Monday, and 3,000 people watched.")
    assert {"kim", "hanoi", "3000", "trump"} <= found
    assert not found & {"president", "mr", "monday"}


def test_the_sample_story_pairs_specific_claims_and_not_its_theme() -> None:
    views = [clean(a) for a in read_corpus(sample_corpus_dir()) if isinstance(a, Article)]
    result = compare_story("story", views, views[0].article.id)
    sure = [
        (c.left.text, c.right.text)
        for alignment in result.alignments.values()
        for c in alignment.claims
        if c.kind != "nearest claim"
    ]
    joined = [f"{a} || {b}" for a, b in sure]
    # Stated specifically by two outlets: sanctuary policy builds trust with the police;
    # immigrants contribute significantly to the city's economy and culture.
    assert any("Foster trust" in j and "foster trust" in j for j in joined)
    assert any("400,000" in j and "contributes significantly" in j for j in joined)
    # Theme only: "a defining moment", "the national conversation", "a critical test case".
    for theme in ("preparing for this moment", "broaden the conversation", "critical test case"):
        assert not any(theme in j for j in joined), theme


def test_basil_judged_pairs_the_alignment_keeps_are_mostly_the_same_claim() -> None:
    events = claimeval.basil_views(
        shared_path("corpora", "events", "basil_triplets_2010_2019.jsonl")
    )
    labels = claimeval.read_labels(LABELS)
    assert len(labels) >= 60 and {lab.same_claim for lab in labels} == {True, False}
    scores = claimeval.score(claimeval.basil_alignments(events), events, labels)
    assert scores.stale_labels == 0
    assert scores.judged >= 60
    assert scores.precision >= 0.85
    assert scores.empty_outlet_pairs <= 20
