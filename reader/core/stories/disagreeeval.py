"""A disagreement benchmark made from real articles: copies with one fact changed, and copies
changed in ways that must not be flagged.

For each BASIL article the generator finds, with patterns of its own (not the extractor's),
the first place where a fact of a kind is stated, and makes a copy with that one fact changed:
- "role": a one-holder office's holder ("President Obama" -> "President Walker");
- "quantity": a figure with a unit ("$84,000" -> "$168,000", "19 months" -> "20 months");
- "date": a day of a month ("Jan. 23" -> "Jan. 25");
- "weekday": a weekday in whatever phrasing ("Monday night" -> "Thursday night").
The unchanged copies differ by one unrelated word, or restate a figure or date in another form
("$1.6 million" -> "$1,600,000", "Jan. 23" -> "January 23"): nothing may be flagged.
Each case is compared as a two-article story, as the comparison pane would.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from reader.core.models import Article
from reader.core.stories.comparison import compare_story
from reader.core.text import clean

_OFFICE = re.compile(
    r"(?<!Vice )(?<!Vice-)(?<!Deputy )\b(President|Gov\.|Governor|Mayor|Speaker|Sheriff|Prime Minister|Attorney General|"
    r"Secretary of State|Defense Secretary|Chief Justice)\s((?:[A-Z][a-z]+\s)?[A-Z][a-z]+)\b"
    r"(?!\s[A-Z]|\.|-)"
)
_STAND_INS = ("Walker", "Hollis", "Brandt", "Okafor", "Lindqvist", "Moreau", "Castellano")
_MONEY = re.compile(r"\$(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(\s(?:million|billion|trillion))?")
_PERCENT = re.compile(r"\b(\d+(?:\.\d+)?)(\s?(?:%|percent))")
_COUNT = re.compile(
    r"(?<!\.\s)(?<![a-z]\s)\b(\d{1,3}(?:,\d{3})+|\d+)(\s(?:people|votes|states|years|months|days|weeks|members|"
    r"officers|women|men|children|immigrants|jobs|pages|counts|charges|senators|troops|"
    r"delegates|times|percent|points|hours|miles|cases|deaths|victims|employees|workers))\b"
)
_DAY = re.compile(
    r"\b((?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.|January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\s(\d{1,2})\b"
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b")
_MONTH_NAMES = {
    "Jan.": "January",
    "Feb.": "February",
    "Aug.": "August",
    "Sept.": "September",
    "Sep.": "September",
    "Oct.": "October",
    "Nov.": "November",
    "Dec.": "December",
}


@dataclass(frozen=True)
class Case:
    """An article and its copy; `kind` is the changed fact's kind, or "" for none."""

    kind: str
    original: Article
    copy: Article
    old: str  # the words changed ("" for unrelated-word copies)
    new: str


def _first(
    pattern: re.Pattern[str], body: str, change: Callable[[re.Match[str]], str | None]
) -> tuple[str, str, str] | None:
    for m in pattern.finditer(body):
        new = change(m)
        if new and new != m.group(0):
            return body[: m.start()] + new + body[m.end() :], m.group(0), new
    return None


def _more(number: str, factor: int) -> str:
    value = float(number.replace(",", ""))
    changed = value * 2 if factor % 2 else value + max(1, round(value * 0.25))
    if "," in number:
        return f"{changed:,.0f}"
    return f"{changed:g}" if "." in number else f"{int(changed)}"


def changed_copies(article: Article, rng: random.Random) -> list[Case]:
    """One copy per kind that the article states, with that fact changed."""
    body = article.body
    cases = []
    holder = _first(
        _OFFICE,
        body,
        lambda m: f"{m.group(1)} {rng.choice([s for s in _STAND_INS if s not in m.group(2)])}",
    )
    factor = rng.randrange(2)
    number = None
    for pattern in (_MONEY, _PERCENT, _COUNT):
        number = _first(
            pattern, body, lambda m: m.group(0).replace(m.group(1), _more(m.group(1), factor), 1)
        )
        if number:
            break
    day = _first(
        _DAY,
        body,
        lambda m: f"{m.group(1)} {int(m.group(2)) + 2 if int(m.group(2)) < 27 else 3}",
    )
    weekday = _first(
        _WEEKDAY,
        body,
        lambda m: _WEEKDAYS[(_WEEKDAYS.index(m.group(1)) + rng.randrange(1, 7)) % 7],
    )
    for kind, found in (
        ("role", holder),
        ("quantity", number),
        ("date", day),
        ("weekday", weekday),
    ):
        if found:
            text, old, new = found
            cases.append(
                Case(
                    kind, article, replace(article, id=article.id + "-" + kind, body=text), old, new
                )
            )
    return cases


def unchanged_copies(article: Article, rng: random.Random) -> list[Case]:
    """Copies that restate the same facts: one unrelated word changed, a date or a figure
    written another way."""
    body = article.body
    cases = []
    reworded = _first(
        re.compile(r"\b(said|says)\b"),
        body,
        lambda m: "stated" if m.group(1) == "said" else "states",
    )
    dated = _first(_DAY, body, lambda m: f"{_MONTH_NAMES.get(m.group(1), m.group(1))} {m.group(2)}")
    money = _first(
        re.compile(r"\$(\d+(?:\.\d+)?)\s(million|billion)"),
        body,
        lambda m: "${:,.0f}".format(float(m.group(1)) * (1e6 if m.group(2) == "million" else 1e9)),
    )
    for name, found in (("word", reworded), ("date-form", dated), ("figure-form", money)):
        if found:
            text, old, new = found
            cases.append(
                Case("", article, replace(article, id=article.id + "-" + name, body=text), old, new)
            )
    return cases


@dataclass
class Tally:
    """Cases and hits per kind."""

    cases: int = 0
    hits: int = 0


def run(articles: list[Article], seed: int = 14) -> tuple[dict[str, Tally], Tally, list[str]]:
    """Recall per kind, false flags on unchanged copies, and what was missed or wrongly flagged."""
    rng = random.Random(seed)
    per_kind: dict[str, Tally] = {}
    unchanged = Tally()
    notes = []
    for article in articles:
        for case in changed_copies(article, rng) + unchanged_copies(article, rng):
            result = compare_story(
                "bench", [clean(case.original), clean(case.copy)], case.original.id
            )
            flags = result.disagreements
            if not case.kind:
                unchanged.cases += 1
                unchanged.hits += bool(flags)
                if flags:
                    notes.append(
                        f"false flag ({case.copy.id}): {flags[0].kind} {flags[0].summary()}"
                    )
                continue
            tally = per_kind.setdefault(case.kind, Tally())
            tally.cases += 1
            wanted = "date" if case.kind == "weekday" else case.kind
            new_words = set(re.findall(r"\w+", case.new.lower()))
            hit = any(
                d.kind == wanted
                and any(set(re.findall(r"\w+", s.value.lower())) & new_words for s in d.sides)
                for d in flags
            )
            tally.hits += hit
            if not hit:
                notes.append(
                    f"missed {case.kind}: {case.old!r} -> {case.new!r} ({case.original.id})"
                )
    return per_kind, unchanged, notes


def real_event_flags(labelled: list[tuple[Article, str]]) -> tuple[int, int, int, int, int]:
    """(events, flags, role flags, number flags, date flags) over real same-event triplets."""
    events: dict[str, list[Article]] = {}
    for article, label in labelled:
        events.setdefault(label, []).append(article)
    counts = {"role": 0, "quantity": 0, "date": 0}
    for articles in events.values():
        result = compare_story("real", [clean(a) for a in articles], articles[0].id)
        for d in result.disagreements:
            counts[d.kind] = counts.get(d.kind, 0) + 1
    return (len(events), sum(counts.values()), counts["role"], counts["quantity"], counts["date"])
