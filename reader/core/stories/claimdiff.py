"""Disagreements inside claim pairs: the same claim told with a different holder, figure or day.

Two sentences that state the same claim (reader.core.claims) and differ in one slot are the
clearest disagreement a reader can be shown: "Mattis will leave on January 1" against "…on
February 28". Comparing inside a claim pair tells predecessors and rivals from contradictions by
the sentence (the other names of the article do not matter) and never compares unrelated
mentions. A slot differs only when each side has a value the other lacks: two sentences that
both give the same two dates, in any order, agree.

Slots, each normalised before comparing:
- office holder: a one-holder office ("president", "mayor of Chicago") with different surnames;
- number with unit: money ("$1.6 million" = "$1,600,000"), percentages, counts and durations
  ("19 months") keyed by their unit; figures within 1% are the same figure;
- date: month and day (and year when both give one), in "Jan. 23", "23 January", "2025-01-23";
- weekday: any mention ("on Monday", "Monday night", "Wednesday's hearing", "late Tuesday").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from reader.core.models import CleanArticle, Passage
from reader.core.stories.align import Alignment
from reader.core.stories.claims import ClaimPair, words
from reader.core.stories.disagreements import SINGLE_HOLDER, Disagreement, Mention, Side
from reader.core.stories.facts import people

_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6, "bn": 1e9}
_SMALL = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER = re.compile(
    r"(?P<currency>[$\u00a3\u20ac])?\s?(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
    r"\b(?:" + "|".join(_SMALL) + r")\b)"
    r"(?:[\s-](?P<scale>thousand|million|billion|trillion|bn|m)\b)?"
    r"(?P<percent>\s?%|\spercent\b|\sper\scent\b|\spercentage\spoints?\b)?"
    r"(?P<dollars>\sdollars\b)?"
    r"(?:[\s-](?:more|new|additional|other|fewer|extra|straight|consecutive)\b)?"
    r"(?:[\s-](?P<noun>[a-z][a-z]{2,}(?:\s[a-z][a-z]{2,})?))?",
    re.IGNORECASE,
)
_NOT_UNIT = frozenset(
    """and or of to in on at for the a an but was were is are has have had that which who with
    from by as than more less after before percent dollars said says will would could
    p.m a.m am pm january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday""".split()
)
_MONTHS = {
    m: n
    for n, m in enumerate(
        "jan feb mar apr may jun jul aug sep oct nov dec".split(),
        start=1,
    )
}
_MONTH_WORD = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:tember|t\.|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DATE = re.compile(
    rf"\b(?P<month>{_MONTH_WORD})\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s(?P<year>\d{{4}}))?"
    rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s(?P<month2>{_MONTH_WORD})(?:,?\s(?P<year2>\d{{4}}))?"
    r"|\b(?P<iso>\d{4}-\d{2}-\d{2})\b"
)
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
SAME_FIGURE = 0.01
CONTEXT_WORDS = 3  # content words each side of a value that place it in its claim
STRONG_PAIR = 0.55  # similarity from which a "same claim" pair is close enough to compare
# Words that make an office another body's: "union president", "student body president"
_QUALIFIERS = frozenset(
    """union company club student board league association university college bank network
    party council foundation group committee campus class firm team company's union's former
    vice deputy acting assistant interim""".split()
)


@dataclass(frozen=True)
class Slot:
    """One value a sentence gives: what it is (kind, key) and where."""

    kind: str  # "role" | "quantity" | "date"
    key: str  # the office, the unit, "date", "weekday"
    value: str  # shown
    normal: object  # compared
    start: int  # offsets in the sentence
    end: int


def _figure(m: re.Match[str]) -> float | None:
    raw = m.group("number").lower().replace(",", "")
    value = float(_SMALL[raw]) if raw in _SMALL else float(raw)
    return value * _SCALE.get((m.group("scale") or "").lower(), 1)


def quantities(sentence: str) -> list[Slot]:
    """Money, percentages and counts with their unit, normalised."""
    found = []
    for m in _NUMBER.finditer(sentence):
        figure = _figure(m)
        if figure is None:
            continue
        before = sentence[max(0, m.start() - 12) : m.start()]
        if re.search(rf"{_MONTH_WORD}\s?$", before) or re.fullmatch(r"(?:19|20)\d\d", m.group(0)):
            continue  # a day of a month or a year
        if m.group("currency") or m.group("dollars"):
            unit = "money"
        elif m.group("percent"):
            unit = "percent"
        else:
            nouns = (m.group("noun") or "").lower().split()
            if not nouns or nouns[0] in _NOT_UNIT:
                continue
            plural = [n for n in nouns if n.endswith("s") and n not in _NOT_UNIT]
            unit = (plural or nouns[:1])[0]  # "400,000 undocumented immigrants": immigrants
        end = (
            m.end("percent")
            if m.group("percent")
            else m.end("scale")
            if m.group("scale")
            else m.end("number")
        )
        shown = sentence[m.start() : end].strip()
        if unit not in ("money", "percent"):
            shown = f"{shown} {unit}"
        found.append(Slot("quantity", unit, shown, figure, m.start(), m.end()))
    return found


def dates(sentence: str) -> list[Slot]:
    """Explicit dates (month, day and maybe year) and weekdays."""
    found = []
    for m in _DATE.finditer(sentence):
        if m.group("iso"):
            year, month, day = (int(x) for x in m.group("iso").split("-"))
        else:
            month_word = (m.group("month") or m.group("month2")).lower()[:3]
            month = _MONTHS[month_word]
            day = int(m.group("day") or m.group("day2"))
            year_text = m.group("year") or m.group("year2")
            year = int(year_text) if year_text else 0
        if not 1 <= day <= 31:
            continue
        found.append(Slot("date", "date", m.group(0), (month, day, year), m.start(), m.end()))
    for m in _WEEKDAY.finditer(sentence):
        found.append(Slot("date", "weekday", m.group(1), m.group(1), m.start(), m.end()))
    return found


def holders(sentence: str, any_office: bool = False) -> list[Slot]:
    """One-holder offices (any office with `any_office`) and who holds them, by surname."""
    found = []
    for fact in people(Passage(0, "paragraph", sentence, 0, len(sentence))):
        key = fact.key
        first, _, rest = key.partition(" ")
        if rest and first not in _QUALIFIERS and any(rest.startswith(t) for t in SINGLE_HOLDER):
            key = rest  # "whether president" is the president; "union president" is not
        single = not key.startswith("former ") and any(
            key == t or key.startswith(t + " of ") for t in SINGLE_HOLDER
        )
        if not (single or any_office):
            continue
        surname = fact.value.split()[-1].lower()
        found.append(Slot("role", key, fact.value, surname, fact.start, fact.end))
    return found


def _slots(sentence: str, same_words: bool) -> list[Slot]:
    # Sentences in the same words name the same people in the same places: any office
    # (a former president, an assistant attorney general) then has one holder in the claim.
    return holders(sentence, same_words) + quantities(sentence) + dates(sentence)


_OTHER_HOLDER = (
    r"(?:replac\w*|succeed\w*|predecessor|successor|former|ex-|rival|challeng\w*|against|"
    r"defeat\w*|beat|unseat\w*|instead of|than|versus|vs\.?)"
)


def _context(sentence: str, slot: Slot) -> set[str]:
    """The content words right before and after a value, stemmed."""
    before = words(sentence[max(0, slot.start - 50) : slot.start])[-CONTEXT_WORDS:]
    after = words(sentence[slot.end : slot.end + 50])[:CONTEXT_WORDS]
    return set(before) | set(after)


def _names(sentence: str, surname: str) -> bool:
    """The sentence names `surname` as a predecessor or a rival ("who replaced Rex Tillerson")."""
    pattern = rf"\b{_OTHER_HOLDER}\W+(?:[\w.'\u2019-]+\W+){{0,4}}?{re.escape(surname)}\b"
    return re.search(pattern, sentence, re.IGNORECASE) is not None


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= SAME_FIGURE * max(abs(a), abs(b))
    if isinstance(a, tuple) and isinstance(b, tuple):
        year_a, year_b = a[2], b[2]
        return bool(a[:2] == b[:2] and (not year_a or not year_b or year_a == year_b))
    return a == b


def _subject(kind: str, key: str, left: str, right: str, slot: Slot) -> str:
    """A readable subject: the words near the slot that both sentences share, in order
    ("date: Mattis leaving administration")."""
    shared = set(words(right))
    window = left[max(0, slot.start - 70) : slot.end + 70]
    offset = max(0, slot.start - 70)
    ordered: list[str] = []
    for m in re.finditer(r"[A-Za-z][\w'\u2019-]*", window):
        at = offset + m.start()
        if slot.start <= at < slot.end or len(m.group(0)) < 4:
            continue
        stems = words(m.group(0))
        if stems and stems[0] in shared and m.group(0) not in ordered:
            ordered.append(m.group(0))
    about = " ".join(ordered[:6])
    label = {"quantity": f"number of {key}", "date": key, "role": key}[kind]
    if kind == "quantity" and key in ("money", "percent"):
        label = "amount" if key == "money" else "percentage"
    return f"{label}: {about}" if about else label


def _mention(view: CleanArticle, passage: int, start: int, slot: Slot) -> Mention:
    p = view.passages[passage]
    return Mention(
        view.article.id,
        passage,
        p.start,
        p.end,
        p.start + start + slot.start,
        p.start + start + slot.end,
        p.text,
    )


def pair_disagreements(
    pair: ClaimPair, left: CleanArticle, right: CleanArticle
) -> list[Disagreement]:
    """The slots two sentences of one claim fill differently."""
    same_words = pair.kind == "same words"
    left_slots = _slots(pair.left.text, same_words)
    right_slots = _slots(pair.right.text, same_words)
    found = []
    for kind, key in dict.fromkeys((s.kind, s.key) for s in left_slots):
        mine = [s for s in left_slots if (s.kind, s.key) == (kind, key)]
        theirs = [s for s in right_slots if (s.kind, s.key) == (kind, key)]
        only_mine = [s for s in mine if not any(_same(s.normal, t.normal) for t in theirs)]
        only_theirs = [t for t in theirs if not any(_same(t.normal, s.normal) for s in mine)]
        if kind == "role":
            # "Pompeo, who replaced Rex Tillerson": a sentence that names the other holder
            # tells of a predecessor or a rival, not of another holder.
            only_mine = [s for s in only_mine if not _names(pair.right.text, str(s.normal))]
            only_theirs = [t for t in only_theirs if not _names(pair.left.text, str(t.normal))]
        # The two values must stand in the same place of the claim: some of the words next to
        # them are the same ("$200 million from Homeland Security" is not "$2.5 billion from
        # counternarcotics programs").
        matched = [
            (a, b)
            for a in only_mine
            for b in only_theirs
            if _context(pair.left.text, a) & _context(pair.right.text, b)
        ]
        if not matched:
            continue  # one side gives nothing else: a detail left out, not a contradiction
        a, b = matched[0]
        sides = (
            Side(a.value, (_mention(left, pair.left.passage, pair.left.start, a),)),
            Side(b.value, (_mention(right, pair.right.passage, pair.right.start, b),)),
        )
        subject = _subject(kind, key, pair.left.text, pair.right.text, a)
        found.append(Disagreement(kind if kind != "date" else "date", subject, sides))
    return found


def claim_disagreements(
    alignments: Iterable[Alignment], views: dict[str, CleanArticle]
) -> list[Disagreement]:
    """Every slot filled differently in a claim pair of the story, once per pair of values."""
    result = []
    seen: set[tuple[str, frozenset[str]]] = set()
    for alignment in alignments:
        left, right = views[alignment.left_id], views[alignment.right_id]
        for pair in alignment.claims:
            if pair.kind == "nearest claim" or (
                pair.kind == "same claim" and pair.similarity < STRONG_PAIR
            ):
                continue  # loosely paired sentences may tell two events: no verdict on them
            for d in pair_disagreements(pair, left, right):
                key = (d.kind, frozenset(s.value.lower() for s in d.sides))
                if key not in seen:
                    seen.add(key)
                    result.append(d)
    return result
