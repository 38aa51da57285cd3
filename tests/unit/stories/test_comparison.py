"""Comparing one story across outlets: facts, aligned passages, disagreements, plain messages."""

from __future__ import annotations

from reader.core.corpus import read_corpus
from reader.core.locations import sample_corpus_dir
from reader.core.models import Article, CleanArticle, Passage
from reader.core.stories.align import align
from reader.core.stories.comparison import compare_story
from reader.core.stories.facts import extract
from reader.core.stories.report import as_dict
from reader.core.text import clean

SAMPLE = {a.id: a for a in read_corpus(sample_corpus_dir())}  # type: ignore[union-attr]
LIGHTFOOT, JOHNSON, JOHNSON_TOO = (
    "001_7945570cf1f85a53",
    "003_664e7e63c6e16625",
    "000_38b2c77cdd090361",
)


def view_of(article_id: str, body: str, title: str = "A headline", **fields: str) -> CleanArticle:
    return clean(Article(id=article_id, title=title, body=body, **fields))


def facts_of(text: str) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for fact in extract(view_of("x", text)):
        found.setdefault(fact.kind, []).append((fact.key, fact.value))
    return found


def test_people_are_read_with_their_roles_and_places() -> None:
    people = facts_of(
        "Chicago Mayor Lori Lightfoot spoke first. Governor JB Pritzker and Attorney General "
        "Kwame Raoul pledged action, while Mayor Brandon Johnson stayed away."
    )["person"]
    assert ("mayor of Chicago", "Lori Lightfoot") in people
    assert ("governor", "JB Pritzker") in people
    assert ("attorney general", "Kwame Raoul") in people
    assert ("mayor", "Brandon Johnson") in people


def test_numbers_keep_what_they_count_and_dates_and_quotes_their_speaker() -> None:
    found = facts_of(
        "It protects the estimated 400,000 undocumented immigrants who live here. In March 2024, "
        "over 2,000 residents gathered downtown. \u201cWe are not alone in this fight,\u201d said "
        "Maria Lopez, a local organiser."
    )
    assert ("immigrant", "estimated 400,000") in found["number"]
    assert ("resident", "over 2,000") in found["number"]
    assert ("March 2024", "March 2024") in found["date"]
    assert found["quote"] == [("Maria Lopez", "We are not alone in this fight,")]


def test_a_fact_points_at_its_words_in_the_clean_text() -> None:
    view = clean(SAMPLE[LIGHTFOOT])
    mayor = next(f for f in extract(view) if f.kind == "person")
    assert view.text[mayor.start : mayor.end] == "Chicago Mayor Lori Lightfoot"
    assert view.passages[mayor.passage].start <= mayor.start < view.passages[mayor.passage].end


def test_alignment_pairs_paraphrases_and_leaves_unique_passages_alone() -> None:
    left = view_of(
        "l",
        "The city council voted on Tuesday to expand the legal aid fund for immigrant families.\n\n"
        "Officials said the vote followed weeks of protests outside city hall by residents.\n\n"
        "The weather was cold and the river froze over for the first time in a decade.",
    )
    right = view_of(
        "r",
        "On Tuesday the council voted to expand legal aid funding for immigrant families.\n\n"
        "A separate report found bus ridership fell sharply across the northern suburbs.\n\n"
        "Officials said the vote followed weeks of protests outside city hall by residents.",
    )
    result = align(left, right)
    kinds = {(p.left, p.right): p.kind for p in result.pairs}
    assert kinds == {(0, 0): "same words", (1, 2): "same words"}
    assert 0.5 <= next(p.similarity for p in result.pairs if p.left == 0) < 1.0
    assert result.unique_left == (2,) and result.unique_right == (1,)
    rows = [(a, b) for a, b, _ in result.rows()]
    assert rows == [(0, 0), (None, 1), (1, 2), (2, None)]


def test_the_sample_story_reports_the_mayor_disagreement_with_passages_on_both_sides() -> None:
    views = [clean(SAMPLE[i]) for i in sorted(SAMPLE)]
    result = compare_story("story", views, LIGHTFOOT)
    roles = [d for d in result.disagreements if d.kind == "role"]
    assert [d.subject for d in roles] == ["mayor of Chicago"]
    sides = {s.value: s for s in roles[0].sides}
    assert set(sides) == {"Lori Lightfoot", "Brandon Johnson"}
    assert sides["Lori Lightfoot"].article_ids == (LIGHTFOOT,)
    assert set(sides["Brandon Johnson"].article_ids) == {JOHNSON, JOHNSON_TOO}
    for side in sides.values():
        for m in side.mentions:
            text = result.views[m.article_id].text
            assert text[m.start : m.end] == m.text
            assert side.value.split()[-1] in text[m.fact_start : m.fact_end]
    assert result.messages == []
    assert len(result.coverage) == 5 and all(0 <= c.shared <= 1 for c in result.coverage)


FILLER = (
    "\n\nThe rest of the report describes the reaction of residents and city officials at length."
)


def test_different_numbers_for_the_same_count_are_flagged() -> None:
    a = view_of(
        "a", "Officials say 400,000 undocumented immigrants live in Chicago today." + FILLER
    )
    b = view_of("b", "Officials say 150,000 undocumented immigrants live in Chicago now." + FILLER)
    result = compare_story("s", [a, b], "a")
    quantity = [d for d in result.disagreements if d.kind == "quantity"]
    assert [(d.subject, [s.value for s in d.sides]) for d in quantity] == [
        (
            "number of immigrants: Officials live Chicago",
            ["400,000 immigrants", "150,000 immigrants"],
        )
    ]


def test_the_same_event_with_different_dates_is_flagged() -> None:
    a = view_of(
        "a",
        "The federal raid on the Back of the Yards school happened on Jan 23, 2025, officials said."
        + FILLER,
    )
    b = view_of(
        "b",
        "Officials said the federal raid on the Back of the Yards school happened on Jan 25, 2025."
        + FILLER,
    )
    result = compare_story("s", [a, b], "a")
    assert [(d.kind, [s.value for s in d.sides]) for d in result.disagreements] == [
        ("date", ["Jan 23, 2025", "Jan 25, 2025"])
    ]


def test_plain_messages_for_one_article_no_text_and_another_language() -> None:
    lone = compare_story("s", [clean(SAMPLE[LIGHTFOOT])], LIGHTFOOT)
    assert lone.messages == [
        "This story has only one article in the library: nothing to compare yet."
    ]
    empty = view_of("empty", "Subscribe now\n\nRead more")
    german = view_of(
        "de",
        "Die Stadt Chicago widersetzt sich den Razzien der Bundesbeh\u00f6rden. Der B\u00fcrgermeister "
        "erkl\u00e4rte, die Polizei werde nicht mit der Einwanderungsbeh\u00f6rde zusammenarbeiten, "
        "und viele Familien seien erleichtert \u00fcber diese klare Haltung der Stadtverwaltung.",
    )
    result = compare_story("s", [clean(SAMPLE[LIGHTFOOT]), empty, german], LIGHTFOOT)
    notes = {c.article_id: c.note for c in result.coverage}
    assert notes["empty"].startswith("no usable text to compare")
    assert notes["de"] == "appears to be in another language; only English is compared"
    assert "Fewer than two articles of this story can be compared." in result.messages
    assert result.partners == [] and result.alignments == {}
    assert as_dict(result)["alignments"] == []


def test_a_table_passage_is_never_paired_but_counted_as_unique() -> None:
    view = clean(SAMPLE[LIGHTFOOT])
    tables = [p.index for p in view.passages if p.kind == "table"]
    result = align(view, view)
    assert tables and set(tables) <= set(result.unique_left)
    assert all(p.kind == "same words" for p in result.pairs)
    assert isinstance(view.passages[0], Passage)


def test_unique_passages_between_the_same_pairs_share_rows_in_the_two_columns() -> None:
    from reader.core.stories.align import Alignment, PassagePair

    pair = PassagePair(2, 3, 0.5, "same claim")
    layout = Alignment("l", "r", (pair,), (0, 1, 3), (0, 1, 2, 4))
    assert [(a, b) for a, b, _ in layout.rows()] == [(0, 0), (1, 1), (None, 2), (2, 3), (3, 4)]


def test_many_holder_roles_predecessors_and_dates_are_not_flagged_as_conflicts() -> None:
    a = view_of(
        "a",
        "President Obama has called for tough new controls on gun ownership this week. "
        "Senator Dianne Feinstein said the bill would pass. Trump fired Secretary of State "
        "Rex Tillerson earlier this year. Fifteen of the 19 Sept. 11 hijackers were Saudi.",
    )
    b = view_of(
        "b",
        "In a statement, union President Randi Weingarten called the report a cruel hoax. "
        "Senator Mark Warner disagreed with the plan. A letter went to Secretary of State Mike "
        "Pompeo, who replaced Rex Tillerson. The hijackers of 2001 were mostly Saudi citizens.",
    )
    assert compare_story("s", [a, b], "a").disagreements == []
    people = {(f.key, f.value) for f in extract(b) if f.kind == "person"}
    assert ("union president", "Randi Weingarten") in people
    assert not [f for f in extract(a) if f.kind == "number" and f.value == "11"]
