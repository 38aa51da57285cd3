"""Disagreements between the articles of a story, found by comparing their facts.

Three kinds, each pointing at the exact passages on both sides:
- "role": the same role held by different people (mayor of Chicago: Lightfoot / Johnson);
- "quantity": the same counted thing with different numbers (immigrants: 400,000 / 150,000);
- "date": the same event, told in sentences sharing most of their words, with different dates.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from reader.core.models import CleanArticle
from reader.core.stories.align import words
from reader.core.stories.facts import Fact, surname
from reader.core.text import split_sentences

# Offices one person holds at a time (per place). "Senator", "judge" or "director" have many
# holders at once, so two articles naming different senators do not contradict each other.
SINGLE_HOLDER = (  # longest first, so "vice president" is not read as "president"
    "police superintendent",
    "lieutenant governor",
    "secretary of state",
    "attorney general",
    "vice president",
    "prime minister",
    "police chief",
    "chief justice",
    "house speaker",
    "chancellor",
    "president",
    "governor",
    "sheriff",
    "mayor",
)
# Offices of a city or county: an unplaced mention in an article naming the one place the story
# gives ("Mayor Johnson" in an article about Chicago) is that place's office.
LOCAL_OFFICES = frozenset(
    {"mayor", "governor", "lieutenant governor", "sheriff", "police chief", "police superintendent"}
)
MIN_QUANTITY = 10  # "2 positions" against "3 positions" is more often two things than a conflict
MAX_MENTIONS = 3  # passages quoted per article and side
QUANTITY_GAP = 0.1  # numbers closer than 10% are the same figure rounded differently
DATE_CONTEXT_WORDS = 4
DATE_CONTEXT_SHARE = 0.5


@dataclass(frozen=True)
class Mention:
    """Where an article states one side of a disagreement."""

    article_id: str
    passage: int
    start: int  # offsets of the passage in the article's clean text
    end: int
    fact_start: int  # offsets of the fact's words in the clean text
    fact_end: int
    text: str  # the passage


@dataclass(frozen=True)
class Side:
    """One version of the fact and the articles that state it."""

    value: str
    mentions: tuple[Mention, ...]

    @property
    def article_ids(self) -> tuple[str, ...]:
        """The articles on this side, in order of first mention."""
        return tuple(dict.fromkeys(m.article_id for m in self.mentions))


@dataclass(frozen=True)
class Disagreement:
    """Articles of one story that state different values for the same thing."""

    kind: str  # "role" | "quantity" | "date"
    subject: str  # "mayor of Chicago", "undocumented immigrants", …
    sides: tuple[Side, ...]

    def summary(self) -> str:
        """One line: what differs and how."""
        values = " / ".join(s.value for s in self.sides)
        return f"{self.subject}: {values}"


def _mention(view: CleanArticle, fact: Fact) -> Mention:
    passage = view.passages[fact.passage]
    return Mention(
        view.article.id,
        passage.index,
        passage.start,
        passage.end,
        fact.start,
        fact.end,
        passage.text,
    )


def _side(value: str, found: list[tuple[CleanArticle, Fact]]) -> Side:
    per_article: dict[str, int] = defaultdict(int)
    mentions = []
    for view, fact in found:
        if per_article[view.article.id] < MAX_MENTIONS:
            per_article[view.article.id] += 1
            mentions.append(_mention(view, fact))
    return Side(value, tuple(mentions))


def _single_holder_role(key: str) -> tuple[str, str] | None:
    """(title, place) of a one-holder office ("mayor of Chicago"), or None for other roles."""
    for title in SINGLE_HOLDER:
        if key == title:
            return title, ""
        if key.startswith(title + " of "):
            return title, key[len(title) + 4 :]
    return None


def roles(facts: dict[str, list[Fact]], views: dict[str, CleanArticle]) -> list[Disagreement]:
    """The same role held by different people in different articles."""
    by_title: dict[str, list[tuple[str, str, Fact]]] = defaultdict(list)
    for article_id, found in facts.items():
        for fact in found:
            if fact.kind != "person" or fact.key.startswith("former "):
                continue
            role = _single_holder_role(fact.key)
            if role is not None:
                by_title[role[0]].append((article_id, role[1], fact))
    result = []
    for title, mentions in sorted(by_title.items()):
        places = {place for _, place, _ in mentions if place}
        groups: dict[str, list[tuple[str, Fact]]] = defaultdict(list)
        sole = next(iter(places)) if len(places) == 1 else ""
        for article_id, place, fact in mentions:
            if (
                not place
                and sole
                and title in LOCAL_OFFICES
                and re.search(rf"\b{re.escape(sole)}\b", views[article_id].text)
            ):
                place = sole  # "Mayor Brandon Johnson" in an article about Chicago
            groups[place].append((article_id, fact))
        for place, held in groups.items():
            holders: dict[str, dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
            for article_id, fact in held:
                holders[article_id][surname(fact.value)].append(fact)
            single = {a: next(iter(h)) for a, h in holders.items() if len(h) == 1}
            # An article that also names another side's person knows of both (a predecessor,
            # a rival): it does not contradict them about who holds the office.
            everyone = set(single.values())
            single = {
                a: name
                for a, name in single.items()
                if not any(
                    re.search(rf"\b{re.escape(other)}\b", views[a].text, re.IGNORECASE)
                    for other in everyone - {name}
                )
            }
            names = sorted(set(single.values()))
            if len(names) < 2:
                continue
            sides = []
            for name in names:
                found_here = [
                    (views[a], f) for a in single if single[a] == name for f in holders[a][name]
                ]
                fullest = max((f.value for _, f in found_here), key=len)
                sides.append(_side(fullest, found_here))
            subject = f"{title} of {place}" if place else title
            result.append(Disagreement("role", subject, tuple(sides)))
    return result


def _number(value: str) -> float:
    digits = re.sub(r"[^\d.]", "", value.split()[-1])
    return float(digits) if digits else 0.0


def quantities(facts: dict[str, list[Fact]], views: dict[str, CleanArticle]) -> list[Disagreement]:
    """The same counted thing given different numbers in different articles."""
    by_noun: dict[str, dict[str, Fact]] = defaultdict(dict)
    for article_id, found in facts.items():
        for fact in found:
            if fact.kind == "number" and fact.key != "percent":
                by_noun[fact.key].setdefault(article_id, fact)  # the first figure an article gives
    result = []
    for noun, per_article in sorted(by_noun.items()):
        values: dict[float, list[tuple[CleanArticle, Fact]]] = defaultdict(list)
        for article_id, fact in per_article.items():
            number = _number(fact.value)
            if number < MIN_QUANTITY:
                continue
            same = next(
                (v for v in values if abs(v - number) <= QUANTITY_GAP * max(v, number)), None
            )
            values[number if same is None else same].append((views[article_id], fact))
        if len(values) < 2 or not _same_context(list(values.values())):
            continue
        sides = tuple(_side(found[0][1].value, found) for _, found in sorted(values.items()))
        result.append(Disagreement("quantity", noun, sides))
    return result


def _same_context(sides: list[list[tuple[CleanArticle, Fact]]]) -> bool:
    """Some two figures on different sides are told in sentences sharing two more words."""
    contexts = [[_sentence_words(view, fact) for view, fact in side] for side in sides]
    return any(
        len(a & b) >= 2
        for n, side in enumerate(contexts)
        for other in contexts[n + 1 :]
        for a in side
        for b in other
    )


_MONTH = {
    m: n for n, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)
}


def _date_parts(value: str) -> tuple[int | None, int | None, int | None, str]:
    """(year, month, day, weekday) of a date as written; None where it does not say."""
    lowered = value.lower()
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})", lowered)
    if iso:
        return int(iso[1]), int(iso[2]), int(iso[3]), ""
    year = re.search(r"\b(\d{4})\b", lowered)
    month = next((n for m, n in _MONTH.items() if re.search(rf"\b{m}", lowered)), None)
    day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", lowered)
    weekday = lowered if lowered.endswith("day") and not day else ""
    return (int(year[1]) if year else None, month, int(day[1]) if day else None, weekday)


def _conflict(a: str, b: str) -> bool:
    pa, pb = _date_parts(a), _date_parts(b)
    # Weekdays ("on Thursday") are relative to when each outlet wrote: never a conflict.
    return any(
        x is not None and y is not None and x != y for x, y in zip(pa[:3], pb[:3], strict=True)
    )


def _sentence_words(view: CleanArticle, fact: Fact) -> set[str]:
    passage = view.passages[fact.passage]
    at = fact.start - passage.start
    for start, end in split_sentences(passage.text):
        if start <= at < end:
            found = set(words(passage.text[start:end])) - set(words(fact.text))
            return {w for w in found if len(w) > 2}
    return {w for w in words(passage.text) if len(w) > 2}


def dates(facts: dict[str, list[Fact]], views: dict[str, CleanArticle]) -> list[Disagreement]:
    """The same event (sentences sharing most words) given different dates."""
    dated = [
        (article_id, fact, _sentence_words(views[article_id], fact))
        for article_id, found in facts.items()
        for fact in found
        if fact.kind == "date"
    ]
    result = []
    for n, (a_id, a, a_words) in enumerate(dated):
        for b_id, b, b_words in dated[n + 1 :]:
            if a_id == b_id or not _conflict(a.value, b.value):
                continue
            shared = a_words & b_words
            smaller = min(len(a_words), len(b_words))
            if len(shared) < DATE_CONTEXT_WORDS or len(shared) < DATE_CONTEXT_SHARE * smaller:
                continue
            subject = "date of: " + " ".join(sorted(shared)[:6])
            sides = (_side(a.value, [(views[a_id], a)]), _side(b.value, [(views[b_id], b)]))
            result.append(Disagreement("date", subject, sides))
    return result


def disagreements(
    facts: dict[str, list[Fact]], views: dict[str, CleanArticle]
) -> list[Disagreement]:
    """Every disagreement among the articles of a story: roles, then quantities, then dates."""
    return roles(facts, views) + quantities(facts, views) + dates(facts, views)
