"""Disagreements: what they are, and the one rule that works across a whole story.

A Disagreement has a kind ("role", "quantity" or "date"), a subject and the sides, each
pointing at the exact passages. Figures, dates, weekdays, and holders told in one claim are
compared inside claim pairs (reader.core.stories.claimdiff). Here: the same one-holder office
held by different people in different articles (mayor of Chicago: Lightfoot / Johnson), when
no article names the other's holder.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from reader.core.models import CleanArticle
from reader.core.stories.facts import Fact, surname

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
    "speaker",
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
MAX_MENTIONS = 3  # passages quoted per article and side


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
