"""Re-anchoring: a bookmark finds its own words again after the article changes, or says not."""

from __future__ import annotations

from reader.core.bookmarks.anchors import FUZZY_THRESHOLD, locate, make_anchor, quote_similarity
from reader.core.models import Bookmark

ARTICLE = (
    "The council met on Monday to discuss the budget.\n\n"
    "Alderman Ruiz said: \u201cwe will not cut the libraries.\u201d The mayor disagreed.\n\n"
    "Later, Alderman Chen said: \u201cwe will not cut the libraries.\u201d Nobody answered.\n\n"
    "The vote is expected next week, after a public hearing at City Hall."
)


def bookmark_on(text: str, quote: str, occurrence: int = 0) -> Bookmark:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    a = make_anchor(text, start, start + len(quote))
    return Bookmark(1, "x", a.quote, a.prefix, a.suffix, a.start, a.end, a.text_hash)


def test_unchanged_text_keeps_the_exact_position() -> None:
    mark = bookmark_on(ARTICLE, "The mayor disagreed.")
    where = locate(mark, ARTICLE)
    assert (where.status, where.method) == ("exact", "position")
    assert ARTICLE[where.start : where.end] == "The mayor disagreed."


def test_a_quote_occurring_twice_is_told_apart_by_its_context_after_an_edit() -> None:
    quote = "we will not cut the libraries."
    chen = bookmark_on(ARTICLE, quote, occurrence=1)
    edited = "Budget week.\n\n" + ARTICLE.replace("on Monday", "on Monday evening")
    where = locate(chen, edited)
    assert (where.status, where.method) == ("exact", "quote")
    assert edited[where.start : where.end] == quote
    assert edited[: where.start].endswith("Alderman Chen said: \u201c")
    ruiz = locate(bookmark_on(ARTICLE, quote, occurrence=0), edited)
    assert edited[: ruiz.start].endswith("Alderman Ruiz said: \u201c")


def test_a_quote_left_twice_with_no_context_to_choose_is_orphaned_not_guessed() -> None:
    quote = "we will not cut the libraries."
    chen = bookmark_on(ARTICLE, quote, occurrence=1)
    # Both speakers renamed and the sentences after rewritten: nothing says which one it was.
    rewritten = ARTICLE.replace("Alderman Ruiz said: \u201c", "One said: \u201c")
    rewritten = rewritten.replace("Later, Alderman Chen said: \u201c", "One said: \u201c")
    rewritten = rewritten.replace("The mayor disagreed.", "Silence.").replace(
        "Nobody answered.", "Silence."
    )
    assert locate(chen, rewritten).status == "orphaned"
    # The article printed twice over: the same words in the same context, twice. No guess.
    doubled = ARTICLE + "\n\n" + ARTICLE
    where = locate(chen, doubled)
    assert (where.status, where.method) == ("orphaned", "ambiguous")


def test_an_edited_quote_is_found_by_fuzzy_match_and_marked_moved() -> None:
    mark = bookmark_on(ARTICLE, "The vote is expected next week, after a public hearing")
    edited = ARTICLE.replace(
        "The vote is expected next week, after a public hearing",
        "The vote is now expected next week, after the public hearing",
    )
    where = locate(mark, edited)
    assert (where.status, where.method) == ("moved", "fuzzy")
    assert edited[where.start : where.end] == (
        "The vote is now expected next week, after the public hearing"
    )
    assert where.similarity >= FUZZY_THRESHOLD


def test_changed_spacing_and_quote_marks_are_a_move_onto_the_same_words() -> None:
    mark = bookmark_on(ARTICLE, "Alderman Ruiz said: \u201cwe will not cut the libraries.\u201d")
    edited = (
        ARTICLE.replace("\u201c", '"').replace("\u201d", '"').replace("Ruiz said", "Ruiz  said")
    )
    where = locate(mark, edited)
    assert (where.status, where.method) == ("moved", "normalised")
    assert (
        edited[where.start : where.end] == 'Alderman Ruiz  said: "we will not cut the libraries."'
    )


def test_a_quote_that_is_gone_is_orphaned_and_keeps_its_words() -> None:
    mark = bookmark_on(ARTICLE, "The mayor disagreed.")
    edited = ARTICLE.replace(" The mayor disagreed.", "")
    where = locate(mark, edited)
    assert where.status == "orphaned" and where.start == -1
    assert mark.quote == "The mayor disagreed."


def test_a_short_quote_whose_context_is_gone_is_not_attached_to_the_same_word_elsewhere() -> None:
    text = "Ruiz voted no.\n\nThe budget passed. Chen voted no on the amendment."
    mark = bookmark_on(text, "voted no")  # Ruiz's
    edited = text.replace("Ruiz voted no.\n\n", "")
    assert locate(mark, edited).status == "orphaned"


def test_a_similar_but_different_sentence_is_not_taken_for_the_bookmarked_one() -> None:
    text = "Intro line here.\n\nThe committee approved the plan on Tuesday.\n\nThe end."
    mark = bookmark_on(text, "The committee approved the plan on Tuesday.")
    edited = "Another intro.\n\nThe committee rejected a different plan on Friday.\n\nFin."
    assert quote_similarity(mark.quote, "The committee rejected a different plan on Friday.") < 0.85
    assert locate(mark, edited).status == "orphaned"
