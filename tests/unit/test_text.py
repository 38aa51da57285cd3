"""Cleaning the messy sample articles: boilerplate is flagged and hidden, never deleted."""

from __future__ import annotations

from reader.core.corpus import read_article_file
from reader.core.locations import sample_corpus_dir
from reader.core.models import Article
from reader.core.text import blocks, clean, derive_title, split_sentences


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
