"""Cleaning the messy sample articles: boilerplate is flagged and hidden, never deleted."""

from __future__ import annotations

import hashlib
import json

from reader.core.corpus import read_article_file
from reader.core.locations import sample_corpus_dir
from reader.core.models import Article
from reader.core.text import (
    CLEAN_VERSION,
    PARAGRAPH_SEPARATOR,
    blocks,
    clean,
    clean_spans,
    clean_text,
    derive_title,
    split_sentences,
    text_from_spans,
)
from tests.conftest import shared_path


def sample(stem: str) -> Article:
    return read_article_file(sample_corpus_dir() / f"{stem}.md")


def hidden_reasons(stem: str) -> dict[str, str]:
    return {b.text: b.boilerplate for b in clean(sample(stem)).hidden}


def test_navigation_crumbs_are_hidden_but_stay_in_the_body() -> None:
    article = sample("004_3f326c91794456b3")
    hidden = hidden_reasons("004_3f326c91794456b3")
    assert hidden["\u2022 The Forum"] == "navigation crumb"
    assert hidden["\u2022 Posts"] == "navigation crumb"
    assert "\u2022 The Forum" in article.body
    text = clean(article).text
    assert "The Forum" not in text
    assert text.startswith("As ICE descends upon the nations largest cities")


def test_promo_line_comment_form_and_broken_link_are_hidden() -> None:
    view = clean(sample("003_664e7e63c6e16625"))
    reasons = {b.boilerplate for b in view.hidden}
    assert reasons == {"promo line", "broken link fragment", "comment form"}
    assert "YOU MAY ALSO LIKE" not in view.text
    assert "Leave a Reply" not in view.text
    assert "Required fields are marked" not in view.text
    assert "While Trump and his ICE enforcers plot" not in view.text
    assert ".html" not in view.text
    assert "As noted in an article by Chicago Tribune, many residents" in view.text


def test_hidden_blocks_point_at_their_original_text() -> None:
    article = sample("003_664e7e63c6e16625")
    for block in clean(article).hidden:
        assert article.body[block.raw_start : block.raw_end].strip() == block.text


def test_the_headline_line_is_not_repeated_in_the_clean_text() -> None:
    view = clean(sample("000_38b2c77cdd090361"))
    assert not view.text.startswith("Chicago Residents Rally")
    assert view.passages[0].text.startswith("In response to a significant immigration crackdown")


def test_passages_carry_their_offsets_in_the_clean_text() -> None:
    for stem in ("000_38b2c77cdd090361", "001_7945570cf1f85a53", "004_3f326c91794456b3"):
        view = clean(sample(stem))
        assert view.passages
        for passage in view.passages:
            assert view.text[passage.start : passage.end] == passage.text


def test_single_newline_paragraphs_lists_and_tables_become_separate_passages() -> None:
    view = clean(sample("001_7945570cf1f85a53"))
    kinds = [p.kind for p in view.passages]
    assert kinds.count("table") == 4
    assert kinds.count("list") == 12
    assert "heading" in kinds
    table = next(p for p in view.passages if p.kind == "table")
    assert table.text.startswith("| Party | Stance | Recent Measures |")
    assert table.text.count("\n") == 4


def test_a_headline_is_derived_from_the_first_sentence_when_missing() -> None:
    article = sample("002_4f6ddd44314d6b20")
    assert article.title_derived
    assert article.title.startswith("While the Trump administration escalates")
    assert len(article.title) <= 81


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    body = "A first line that wraps\nonto the next line here.\n\nSecond paragraph."
    kinds = [(b.kind, b.text) for b in blocks(body)]
    assert kinds == [
        ("paragraph", "A first line that wraps\nonto the next line here."),
        ("paragraph", "Second paragraph."),
    ]


def test_sentences_do_not_break_after_abbreviations() -> None:
    text = "The U.S. Immigration office said so. Mayor Johnson agreed! Then Dr. Lee spoke."
    sentences = [text[s:e] for s, e in split_sentences(text)]
    assert sentences == [
        "The U.S. Immigration office said so.",
        "Mayor Johnson agreed!",
        "Then Dr. Lee spoke.",
    ]


def test_an_article_of_only_boilerplate_has_no_passages() -> None:
    view = clean(Article(id="x", title="", body="Leave a Reply\n\nRead more: other stories"))
    assert view.passages == ()
    assert view.text == ""
    assert derive_title(view.article.body) == ""


def test_promo_lines_are_found_in_any_case_with_or_without_other_scripts() -> None:
    # Blocks are first looked for the phrases lower-cased; a case-insensitive pattern also
    # matches "i" with dotted and dotless capitals and "s" with the long s, which lower() keeps.
    body = (
        "Officials met on Monday to discuss the harbour plan in detail.\n\n"
        "SUBSCRIBE NOW for the latest harbour news\n\n"
        "Lesen Sie auch: Read More über den Hafen\n\n"
        "\u017fign up for the harbour letter\n\n"
        "CL\u0130CK HERE for the harbour map\n\n"
        "cl\u0131ck here for the harbour tides\n\n"
        "Readers subscribed to the newsletter, the editor said on Monday evening.\n\n"
        "A Clickhere link and a subscriber-only page are not promo lines in Zürich.\n"
    )
    hidden = {b.text: b.boilerplate for b in clean(Article("p", "Harbour plan", body)).hidden}
    assert hidden == {
        "SUBSCRIBE NOW for the latest harbour news": "promo line",
        "Lesen Sie auch: Read More über den Hafen": "promo line",
        "\u017fign up for the harbour letter": "promo line",
        "CL\u0130CK HERE for the harbour map": "promo line",
        "cl\u0131ck here for the harbour tides": "promo line",
    }


# What clean() gives for a set of bodies, by CLEAN_VERSION. The library keeps where each
# article's clean text lies in its body for the version that cleaned it, and the index is
# built from that: a change to clean() that this catches needs CLEAN_VERSION bumped and a new
# line here (a version's line never changes), or indexes would keep the old clean text.
CLEANED_BY_VERSION = {
    1: "93afcbaab7dbac40e68343bf9704098d8f2383303d739d4daeb6ead65ddf9ce0",
}

_AWKWARD = (
    "Harbour plan\n\n\u2022 Home \u203a News \u203a Harbour\n\nThe council met.\n"
    "It voted\nfor the plan.\n\n| a | b |\n| 1 | 2 |\n\n- first\n- second\n\n"
    'See /news/harbour-plan.html">the plan</a> for more.\n\nRead more: subscribe now\n\n'
    "Leave a Reply\n\nCouncillors said\u2026"
)


def _cleaned_digest() -> str:
    bodies = [sample(path.stem) for path in sorted(sample_corpus_dir().glob("*.md"))]
    bodies.append(Article("awkward", "Harbour plan", _AWKWARD))
    cleaned = [[p.kind, p.text, p.start, p.end] for a in bodies for p in clean(a).passages]
    hidden = [[b.kind, b.text, b.raw_start, b.boilerplate] for a in bodies for b in clean(a).hidden]
    return hashlib.sha256(json.dumps([cleaned, hidden]).encode()).hexdigest()


def test_what_cleaning_gives_is_pinned_to_its_version() -> None:
    assert _cleaned_digest() == CLEANED_BY_VERSION[CLEAN_VERSION], (
        "clean() changed what it gives: bump CLEAN_VERSION and add its line"
    )


def test_the_clean_text_is_rebuilt_from_where_it_lies_in_the_body() -> None:
    rebuilt = 0
    for stem in sorted(p.stem for p in sample_corpus_dir().glob("*.md")):
        article = sample(stem)
        text = clean(article).text
        spans = clean_spans(article.body, text)
        if spans is None:  # a passage with link debris cut out is in no slice of the body
            assert any(p.text not in article.body for p in clean(article).passages), stem
            continue
        assert text_from_spans(article.body, spans) == text
        assert clean_text(article, spans) == text == clean_text(article)
        rebuilt += 1
    assert rebuilt == 4


def test_a_clean_text_that_is_not_slices_of_the_body_has_no_spans() -> None:
    # Link debris is cut out of the middle of a paragraph: that passage is in no slice.
    article = Article("d", "Harbour plan", _AWKWARD)
    text = clean(article).text
    assert "See the plan for more." in text
    assert clean_spans(article.body, text) is None
    assert clean_text(article, None) == text


def test_an_empty_clean_text_has_empty_spans() -> None:
    article = Article("e", "", "Leave a Reply\n\nRead more: other stories")
    assert clean_spans(article.body, "") == b""
    assert text_from_spans(article.body, b"") == ""


def test_spans_rebuild_the_clean_text_of_real_news() -> None:
    news = shared_path("corpora", "news", "bbc_news_2004_2005.jsonl")
    lines = news.read_text(encoding="utf-8").splitlines()[:600]
    without = 0
    for line in lines:
        record = json.loads(line)
        article = Article(record["id"], record["title"], record["body"])
        text = clean(article).text
        spans = clean_spans(article.body, text)
        if spans is None:
            without += 1
            continue
        assert text_from_spans(article.body, spans) == text
        assert len(spans) == 8 * (text.count(PARAGRAPH_SEPARATOR) + 1)
    assert without <= len(lines) // 100
