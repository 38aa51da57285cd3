"""Rule-based facts from an article's clean text: people with roles, organisations, places,
numbers with what they count, dates and quoted statements with their speakers.

Every fact keeps where it was found (passage index and offsets in the clean text) so that a
disagreement can point at the exact passages on both sides. The rules are plain regular
expressions over capitalised words; they favour precision over recall.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.models import CleanArticle, Passage
from reader.core.stories.quotes import attribute

TITLES = (
    "attorney general|prime minister|vice president|secretary of state|police superintendent|"
    "police chief|chief justice|lieutenant governor|house speaker|speaker of the house|speaker|"
    "mayor|governor|gov\\.|president|senator|sen\\.|representative|rep\\.|congressman|"
    "congresswoman|secretary|minister|chancellor|judge|justice|sheriff|commissioner|"
    "superintendent|director|ceo|chairman|chairwoman|alderman|ambassador|general|gen\\."
)
_NAME_WORD = (
    r"(?:[A-Z][a-z\u00e0-\u00ff]+(?:[A-Z][a-z]+)?(?:['\u2019-][A-Z][a-z]+)?|[A-Z]{2}\b|[A-Z]\.)"
)
_NAME = rf"{_NAME_WORD}(?:\s{_NAME_WORD}){{0,2}}"
_PLACE_PREFIX = (
    rf"(?:(?P<place>(?!(?i:{TITLES})\b)(?:[A-Z][a-z]+|[A-Z]{{2,}})"
    rf"(?:\s(?!(?i:{TITLES})\b)[A-Z][a-z]+)?)"
    r"(?:\u2019s|'s)?\s)?"
)
_ROLE = re.compile(
    rf"(?P<former>\b(?i:former|ex-|then-)\s*)?{_PLACE_PREFIX}\b(?P<title>(?i:{TITLES}))"
    rf"\s(?P<name>{_NAME})"
)
_ANY_TITLE = re.compile(rf"\b(?:{TITLES})\s[A-Z]", re.IGNORECASE)
_PLACE_AFTER = re.compile(r"(?:,)?\sof\s((?:[A-Z][a-z]+)(?:\s[A-Z][a-z]+){0,2})")
_FUNCTION_WORDS = frozenset(
    "the a an and or but by said says with to of for as that then when while after before "
    "from in on at is was were be been told asked called met like including both against "
    "between about whom which who under over than because if also only even just not new "
    "their his her its our your other many".split()
)
_RANK = frozenset("deputy acting assistant associate interim vice senior".split())
_NOT_PLACE_PREFIX = frozenset(
    "the a an former then by as and while like but when if after before under with of for "
    "to in on at from move leaders declaration said top".split()
)
_ORG_WORDS = (
    "Department|Agency|Enforcement|Committee|Council|Party|Administration|Association|"
    "University|Schools|Court|Police|Office|Ministry|Bureau|Commission|Board|Union|Institute|"
    "Foundation|Corporation|Company|Group|Bank|Service|Services|Congress|Senate|Parliament|"
    "Organization|Organisation|Network|News|Times|Post|Tribune|Act|Ordinance"
)
_ORG = re.compile(
    rf"\b(?:the\s)?((?:[A-Z][\w'\u2019.&-]*\s(?:(?:of|for|and|on)\s)?){{0,5}}(?:{_ORG_WORDS}))\b"
    r"|\b([A-Z]{3,5})\b"
)
_NOT_ACRONYM = frozenset({"NOT", "EVER", "YOU", "THE", "AND", "BREAKING", "MAY", "LIKE", "THIS"})
_PLACE = re.compile(r"\b(?:in|across|from|to|at|near|of)\s((?:[A-Z][a-z]+)(?:\s[A-Z][a-z]+){0,2})")
_NOT_PLACE = frozenset(
    {
        "March",
        "January",
        "February",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "The",
        "This",
        "Trump",
        "Mayor",
        "President",
        "Governor",
    }
)
_MULTIPLIER = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "m": 1e6,
    "bn": 1e9,
    "k": 1e3,
}
_NUMBER = re.compile(
    r"(?P<qualifier>\b(?:over|about|around|nearly|almost|more than|less than|fewer than|"
    r"at least|an estimated|estimated|roughly|some|up to)\s)?"
    r"(?P<currency>[$\u00a3\u20ac])?(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|m|k)\b)?"
    r"(?P<percent>%|\spercent\b|\sper cent\b)?"
    r"(?P<noun>(?:\s(?!(?:of|in|and|to|on|for|at|the|a|who|that|which|were|was|have|has|had|are|is|will|would|gathered|said|from|by|with|as|per|than|over|under|into|about|more|less|or|but|this|its|their|his|her)\b)[a-z][a-z-]+){1,2})?"
)
_AFTER_MONTH = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s$")
_YEAR_LIKE = re.compile(r"^(1[89]|20)\d\d$")
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_DATE = re.compile(
    rf"\b(?:(?:{_MONTHS})\.?\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s\d{{4}})?"
    rf"|\d{{1,2}}\s(?:{_MONTHS})(?:\s\d{{4}})?|(?:{_MONTHS})\s\d{{4}}"
    r"|(?:on\s)(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|\d{4}-\d{2}-\d{2})\b"
)


@dataclass(frozen=True)
class Fact:
    """One thing an article states, with where it states it."""

    kind: str  # "person" | "organisation" | "place" | "number" | "date" | "quote"
    text: str  # the words as they appear
    key: str  # what it is about, normalised: the role, the counted noun, the speaker…
    value: str  # the person, the number, the date, the quote
    passage: int
    start: int  # offsets in the clean text
    end: int


def _at(
    passage: Passage, kind: str, match_start: int, match_end: int, key: str, value: str
) -> Fact:
    text = passage.text[match_start:match_end]
    return Fact(
        kind,
        text,
        key,
        value,
        passage.index,
        passage.start + match_start,
        passage.start + match_end,
    )


def _title_key(title: str) -> str:
    key = title.lower().rstrip(".")
    return {"gov": "governor", "sen": "senator", "rep": "representative", "gen": "general"}.get(
        key, key
    )


def _role_matches(text: str) -> list[re.Match[str]]:
    """_ROLE's matches, tried only near a title: the pattern is costly to try at every
    position of a long passage."""
    found: dict[int, re.Match[str]] = {}
    reach = 0
    for title in _ANY_TITLE.finditer(text):
        if title.start() < reach:
            continue
        start = max(0, title.start() - 130)
        end = min(len(text), title.end() + 160)
        for m in _ROLE.finditer(text, start, end):
            if m.end() >= end - 40 and end < len(text):  # maybe cut short by the window
                m = _ROLE.match(text, m.start()) or m
            if m.start() >= reach:
                found.setdefault(m.start(), m)
                reach = m.end()
    return [found[k] for k in sorted(found)]


def people(passage: Passage) -> list[Fact]:
    """People named with a title or role: "Chicago Mayor Lori Lightfoot" -> mayor of Chicago."""
    facts: list[Fact] = []
    for m in _role_matches(passage.text):
        title = m.group("title")
        if not title[0].isupper() and not m.group("place"):
            continue  # "the mayor Johnson" is rare; lower-case titles are usually common nouns
        name = re.sub(r"(?:\u2019s|'s)$", "", m.group("name"))
        role = _title_key(title)
        if m.group("former"):
            role = "former " + role
        place = m.group("place") or ""
        first = place.split()[0].lower() if place else ""
        if first in _RANK:
            role = f"{first} {role}"  # "Deputy Attorney General" is another office
        if first in _NOT_PLACE_PREFIX or first in _RANK:
            place = ""
        before = passage.text[max(0, m.start() - 40) : m.start()].split()[-1:] if not place else []
        if (
            before
            and before[0].isalpha()
            and before[0].islower()
            and not m.group("former")
            and (before[0] not in _FUNCTION_WORDS)
        ):
            role = f"{before[0]} {role}"  # "union President Randi Weingarten": not the office
        after = _PLACE_AFTER.match(passage.text, m.end("name"))
        if after and not place:
            place = after.group(1)  # "Sheriff Adam Hayward of Deuel County"
        key = f"{role} of {place}" if place else role
        facts.append(
            _at(
                passage,
                "person",
                m.start("place") if place else m.start("title"),
                m.end("name"),
                key,
                name,
            )
        )
    return facts


def _numbers(passage: Passage) -> list[Fact]:
    facts = []
    for m in _NUMBER.finditer(passage.text):
        digits = m.group("number")
        noun = (m.group("noun") or "").strip()
        if not noun and not m.group("percent") and not m.group("currency"):
            continue
        if _YEAR_LIKE.match(digits) and not m.group("scale") and "," not in digits:
            continue
        if _AFTER_MONTH.search(passage.text, 0, m.start()):
            continue  # "Sept. 11 hijackers": a date, not a count
        value = float(digits.replace(",", "")) * _MULTIPLIER.get(
            (m.group("scale") or "").lower(), 1
        )
        plural = [w for w in noun.split() if w.endswith("s")]
        if m.group("currency"):
            head = "money"
        elif m.group("percent"):
            head = "percent"
        else:
            head = (plural or noun.split())[0].lower()
        if head in {"am", "pm", "worth"}:
            continue
        shown = f"{value:,.0f}" if value == int(value) else f"{value:,}"
        if head == "money":
            shown = (m.group("currency") or "") + shown
        facts.append(
            _at(
                passage,
                "number",
                m.start(),
                m.end(),
                head.rstrip("s") or head,
                (m.group("qualifier") or "") + shown,
            )
        )
    return facts


def _quotes(passage: Passage, previous_speaker: str) -> list[Fact]:
    return [
        _at(passage, "quote", q.start, q.end, q.speaker or "unattributed", q.text)
        for q in attribute(passage.text, previous_speaker)
    ]


# Honorifics and titles are never places ("to Mr. Mattis", "of Secretary Pompeo").
_TITLE_WORDS = frozenset(
    """Mr Mrs Ms Dr Sen Rep Gov Gen Secretary President Senator Representative Governor Mayor
    Speaker Justice Judge Chairman Chairwoman Director Minister Attorney General Officer Chief
    Sheriff Commissioner Ambassador Leader Department Ministry Agency Office Committee Court""".split()
)
# News outlets are sources, not organisations or places the story is about.
OUTLETS = frozenset(
    """Fox News|Fox|News|New York Times|Times|Washington Post|Post|HuffPost|Huffington Post|CNN|
    MSNBC|NBC|NBC News|ABC|ABC News|CBS|CBS News|NPR|Associated Press|AP|Reuters|Politico|
    BuzzFeed|BuzzFeed News|The Hill|Axios|Bloomberg News|Wall Street Journal|USA Today|
    Los Angeles Times|Chicago Tribune|Tribune|Daily News|The Atlantic|Newsweek|Time""".replace(
        "\n", ""
    )
    .replace("    ", "")
    .split("|")
)
# Words that name an organisation only with a name before them ("Justice Department").
_GENERIC_ORG = frozenset(
    """Department Agency Office Ministry Bureau Commission Board Union Institute Foundation
    Corporation Company Group Bank Service Services Network News Times Post Tribune Act
    Ordinance Court Committee Council Party Administration Association University Schools
    Police Enforcement Organization Organisation""".split()
)


def _is_organisation(name: str) -> bool:
    """A named organisation: not an outlet, not a bare generic word ("Department")."""
    bare = name.removeprefix("The ").strip()
    if bare in OUTLETS or name in OUTLETS:
        return False
    words = bare.split()
    return not (len(words) == 1 and words[0] in _GENERIC_ORG)


def _is_place(text: str, start: int, name: str) -> bool:
    """A place: not a title or honorific, not the office in "Secretary of Defense", not an
    outlet, not the first word of an organisation ("of Defense Department")."""
    words = name.split()
    if words[0] in _TITLE_WORDS or name in OUTLETS:
        return False
    before = text[max(0, start - 30) : start]
    if re.search(r"\b(?:" + "|".join(_TITLE_WORDS) + r")\.?\s(?:of|for)\s$", before):
        return False  # "Secretary of Defense", "Department of Justice"
    after = text[start + len(name) : start + len(name) + 20]
    return not re.match(r"\s(?:" + "|".join(_GENERIC_ORG) + r")\b", after)


def extract(view: CleanArticle) -> list[Fact]:
    """Every fact the rules find in an article, in reading order."""
    facts: list[Fact] = []
    last_speaker = ""
    for passage in view.passages:
        if passage.kind == "table":
            continue
        found = people(passage)
        facts += found
        roles = {f.value for f in found}
        seen_orgs: set[str] = set()
        for m in _ORG.finditer(passage.text):
            name = (m.group(1) or m.group(2) or "").strip()
            if not name or name in seen_orgs or name.upper() in _NOT_ACRONYM or name in roles:
                continue
            if not _is_organisation(name):
                continue
            if m.group(2) and name in _NOT_ACRONYM:
                continue
            seen_orgs.add(name)
            start = m.start(1) if m.group(1) else m.start(2)
            facts.append(_at(passage, "organisation", start, start + len(name), name, name))
        for m in _PLACE.finditer(passage.text if passage.kind != "heading" else ""):
            name = m.group(1)
            if name.split()[0] in _NOT_PLACE or name in roles or name in seen_orgs:
                continue
            if not _is_place(passage.text, m.start(1), name):
                continue
            facts.append(_at(passage, "place", m.start(1), m.end(1), name, name))
        facts += _numbers(passage)
        for m in _DATE.finditer(passage.text):
            value = m.group(0).removeprefix("on ")
            facts.append(_at(passage, "date", m.start(), m.end(), value, value))
        quoted = _quotes(passage, last_speaker)
        facts += quoted
        last_speaker = quoted[-1].key if quoted and quoted[-1].key != "unattributed" else ""
    return facts


def surname(name: str) -> str:
    """The last word of a name, for matching "Mayor Lightfoot" with "Lori Lightfoot"."""
    return name.split()[-1].rstrip(".").lower() if name.split() else ""
