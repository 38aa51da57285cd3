"""Searching as a person types: the word being typed as a prefix, stale searches given up,
"did you mean" from real, frequent words; and words as the index cuts and stems them."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest

from reader.core.library import Library
from reader.core.locations import resolve
from reader.core.models import Article
from reader.core.search.analysis import WORD, fold, index_words, stem_of
from reader.core.search.evaluate import Cancelled
from reader.core.search.index import SearchIndex, SearchOptions
from reader.core.search.snippets import _fast_offsets, match_spans, surface
from reader.core.search.typed import as_typed
from reader.core.workspace import Workspace
from tests.conftest import shared_path


def government(n: int) -> Article:
    return Article(
        f"g{n}",
        f"Budget talks, day {n}",
        "The government said the budget would pass. Ministers met the inclusive panel.",
        source="Daily Planet",
        published=f"2025-01-{n % 28 + 1:02d}",
    )


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    workspace = Workspace(resolve(tmp_path))
    workspace.add_articles(
        [government(n) for n in range(25)]
        + [
            Article(
                "join",
                "Wave hits the coast",
                "A tsunami.Steve Jones watched the economy.After the U.S. storm, 3.5 metres of "
                "water, e.g. in the harbour. The town immigrated to higher ground.",
                source="Harbour Times",
                published="2025-02-01",
            ),
            Article("typo", "Goverment typo", "The goverment spelled it so once.", source="X"),
            Article("gas", "Fuel", "Gas prices rose in Atlanta, Ga. this week.", source="X"),
            Article("immig", "Border", "Immigration rose this year.", source="X"),
            Article("campus", "Campus", "The university added a new wing.", source="X"),
            Article(
                "care", "Care", "A universal plan ran as an ad in the evening news.", source="X"
            ),
        ]
    )
    workspace.setup()
    return workspace


def ids(workspace: Workspace, query: str) -> set[str]:
    return {h.id for h in workspace.search(query, SearchOptions(limit=100)).hits}


def test_words_joined_by_a_full_stop_are_found_apart_and_abbreviations_stay_whole(
    ws: Workspace,
) -> None:
    assert WORD.findall(fold("tsunami.Steve U.S. 3.5 e.g. economy.After")) == [
        "tsunami",
        "steve",
        "u.s",
        "3.5",
        "e.g",
        "economy",
        "after",
    ]
    assert ids(ws, "tsunami") == {"join"}
    assert ids(ws, "steve") == {"join"}
    assert "join" in ids(ws, "economy")
    assert ids(ws, "U.S.") == {"join"}
    assert ids(ws, '"3.5 metres"') == {"join"}


TRICKY = [
    "U.S.5",
    "a.5.b.c",
    "1.5.a.b",
    "x.u.s",
    "3.5m",
    "v2.0b",
    "word.5",
    "ab.c",
    "U.S",
    "e.g.",
    "..a",
    "a..b",
    "1.2.3",
    "_a.b",
    "a_.b",
    "\u00e9conomie.Apr\u00e8s",
    "\u00e9t\u00e9 3.5",
    "no full stop here",
    "2.x.y",
    "5.a.b",
    "I.",
    "A.B.C.D.",
    "p.m.",
    "it's 3.50.",
]


def test_index_words_are_the_word_patterns_words_in_any_text() -> None:
    # index_words skips WORD's abbreviation branch where no full stop precedes a letter, and
    # splits texts that are ASCII once their curly quotes and dashes are spaces without it.
    rng = random.Random(12)
    letters = "ab1._ \u00e9-'\u2019\u201c\u2014\u00bd\u00b2\u00ad\t\n\x1c\u0436\u00a3"
    separators = "ab1._ -'\u2019\u201c\u2014\u00ad\t\n\x1c,;:()/\u00a3"  # split, not WORD
    texts = TRICKY + [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        for alphabet in (letters, separators)
        for _ in range(10000)
    ]
    for text in texts:
        assert index_words(text) == WORD.findall(fold(text)), text


def test_index_words_agree_with_the_word_pattern_on_real_news() -> None:
    news = shared_path("corpora", "news", "bbc_news_2004_2005.jsonl")
    with news.open(encoding="utf-8") as lines:
        texts = [json.loads(line).get("body") or "" for line in itertools.islice(lines, 600)]
    assert sum(1 for t in texts if "." in t) > 500
    for text in texts:
        assert index_words(text) == WORD.findall(fold(text))


def test_snowball_stems_join_immigrated_and_immigration_and_keep_gas_whole(ws: Workspace) -> None:
    assert stem_of("immigrated") == stem_of("immigration")
    assert ids(ws, "immigration") == {"join", "immig"}
    assert ids(ws, "gas") == {"gas"}
    assert stem_of("gas") != stem_of("ga")


def test_snowballs_current_english_keeps_words_apart_that_its_older_edition_joined(
    ws: Workspace,
) -> None:
    # Whoosh's port of Snowball stems university and universal to "univers", added and ad to
    # "ad", evening and even to "even"; Snowball's current edition (and tantivy) does not.
    assert ids(ws, "universal") == {"care"}
    assert ids(ws, "university") == {"campus"}
    assert ids(ws, "ad") == {"care"}
    assert ids(ws, "adding") == {"campus"}
    assert ids(ws, "even") == set()
    assert stem_of("universities") == stem_of("university")


def test_the_word_being_typed_is_a_prefix_until_a_space_or_enter() -> None:
    assert as_typed("immigra") == "immigra*"
    assert as_typed("trump immigra") == "trump immigra*"
    assert as_typed("title:immigra") == "title:immigra*"
    assert as_typed("immigra ") == "immigra"  # a space: the word is done
    assert as_typed("im") == "im"  # too short to stand for a few words
    assert as_typed('"prime minis') == '"prime minis'  # inside a phrase
    assert as_typed("trump OR") == "trump OR"
    assert as_typed("immig*") == "immig*"
    assert as_typed("goverment~") == "goverment~"


def test_a_prefix_typed_finds_the_whole_words(ws: Workspace) -> None:
    result = ws.search(as_typed("immigra"))
    assert {h.id for h in result.hits} == {"join", "immig"}
    assert result.read_as == "immigra*"


def test_did_you_mean_offers_only_real_frequent_words(ws: Workspace) -> None:
    # "goverment" is in the library (once), "government" in 25 articles
    assert ws.search("goverment").suggestion == "government"
    assert ws.suggest('"inclusiv') == "inclusive"  # no stray quote
    assert ws.suggest('"goverment budjet"') == '"government budget"'
    assert ws.suggest("aim?n") == ""  # a pattern is not a word to correct
    assert ws.suggest("imm") == ""  # a beginning, not a typo: never "it"
    assert ws.suggest("heiss") == ""  # nothing one edit away: never "diss"
    assert ws.suggest("governmnet OR budjet") == "government OR budget"
    assert ws.suggest("title:budjet") == ""  # a field is kept as typed
    assert ws.suggest("government") == ""


def test_a_search_replaced_by_a_newer_one_stops_at_its_next_stage(ws: Workspace) -> None:
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 1

    with pytest.raises(Cancelled):
        ws.search("government OR budget OR ministers", cancelled=cancelled)
    assert ws.search("government", cancelled=lambda: False).total == 25


def test_the_evaluators_columns_are_kept_beside_the_index_for_the_next_process(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = ws.search("budget", SearchOptions(limit=5, sort="newest"))
    index_dir = ws.locations.index_dir
    assert len(list(index_dir.glob("columns-*.bin"))) == 1

    def unread(self: object) -> object:
        raise AssertionError("columns read again although kept beside the index")

    monkeypatch.setattr("reader.core.search.evaluate.Snapshot._read_columns", unread)
    again = SearchIndex(index_dir, Library(ws.locations.library_path))
    second = again.search("budget", SearchOptions(limit=5, sort="newest"))
    assert [h.id for h in second.hits] == [h.id for h in first.hits]
    assert second.outlets == first.outlets


@pytest.mark.parametrize("damage", ["cut short", "not ours", "an old .npz"])
def test_columns_kept_beside_the_index_that_cannot_be_read_are_read_again(
    ws: Workspace, damage: str
) -> None:
    first = ws.search("budget", SearchOptions(limit=5, sort="newest"))
    index_dir = ws.locations.index_dir
    (kept,) = index_dir.glob("columns-*.bin")
    data = kept.read_bytes()
    if damage == "cut short":
        kept.write_bytes(data[:-7])
    elif damage == "not ours":
        kept.write_bytes(b"PK\x03\x04" + data)
    else:
        kept.unlink()
        kept.with_suffix(".npz").write_bytes(b"PK\x03\x04 an archive of the earlier version")
    again = SearchIndex(index_dir, Library(ws.locations.library_path))
    second = again.search("budget", SearchOptions(limit=5, sort="newest"))
    assert [h.id for h in second.hits] == [h.id for h in first.hits]
    assert second.outlets == first.outlets
    assert [p.name for p in index_dir.glob("columns-*")] == [kept.name]
    assert kept.read_bytes() == data


@pytest.mark.parametrize(
    "text",
    [
        "Happy days: happiness, the happiest. Dying, vying and lying; the skies, a sky.",
        "The possibility of disabilities; U.S. policy on e.g. tsunami.Steve and 3.5 tons.",
        "Immigrated immigrants, immigration, IMMIGRATION and Gas, gases, Ga. and so on.",
    ],
)
def test_snippet_highlights_find_the_same_words_as_stemming_every_word(text: str) -> None:
    words = {w for w in WORD.findall(fold(text)) if len(w) > 1}
    stems = frozenset(stem_of(w) for w in words)
    where = surface(stems)
    assert where is not None
    assert _fast_offsets(text, stems, where) == [(s.start, s.end) for s in match_spans(text, stems)]
