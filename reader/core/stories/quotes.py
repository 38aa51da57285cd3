"""Who said a quotation: read from its own sentence and its neighbours, or "unattributed".

A wrong speaker is worse than none (a reader cites it), so a quote gets a speaker only from an
attribution clause next to it:
- after it: `"…," Mr. Mattis wrote.` / `"…," said the spokesman, Peter Carr.` / `"…," he said.`
- before it: `Mattis wrote in his letter: "…"` / `Schumer said that "…"`
- continuing: a quote that follows a quote of the same passage with nothing but its attribution
  between them (`"…," Mattis wrote. "Because…"`) has the same speaker.
"He said" takes the speaker of the previous attributed quote in the same passage, else the
name the passage's previous sentence starts with; nothing else is guessed.
Honorifics and titles are dropped from the name ("Sen. Ted Cruz" -> "Ted Cruz").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.text import split_sentences

SPEECH = (
    r"(?:said|says|say|stated|states|told|tells|added|adds|declared|argued|argues|warned|warns|"
    r"wrote|writes|tweeted|tweets|announced|announces|explained|continued|asked|asks|"
    r"insisted|noted|recalled|acknowledged|replied|responded|admitted|claimed|claims|"
    r"posted|conceded|cautioned|complained|quipped|shot back|went on)"
)
_HONORIFIC = (
    r"(?:Mr\.|Mrs\.|Ms\.|Dr\.|Sen\.|Rep\.|Gov\.|Gen\.|Lt\.|Col\.|Adm\.|Sgt\.|Rev\.|Judge|Justice|"
    r"President|Vice President|Senator|Representative|Governor|Mayor|Secretary|Speaker|Chairman|"
    r"Chairwoman|Chief|Attorney General|Leader|Director|Commissioner|Minister|Prime Minister|"
    r"Ambassador|General|Sheriff|Superintendent)"
)
_WORD = (
    r"(?!(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Adm|Sgt|Rev|St)\.)(?!(?:He|She|They|It|We|I)\b)"
    r"(?:(?:Mc|Mac|Le|La|De|Di|Van|O')?[A-Z][a-z\u00e0-\u00ff]+(?:[A-Z][a-z]+)?"
    r"(?:[-'\u2019][A-Z][a-z]+)?|[A-Z]\.)"
)
_SUFFIX = r"(?:,?\s(?:Jr\.|Sr\.|III|II))?"
NAME = rf"(?:{_HONORIFIC}\s)*(?:{_WORD}\s){{0,3}}{_WORD}{_SUFFIX}"
_PRONOUN = r"(?:he|she|He|She)"
# "(R)", "(D-Calif.)", ", R-Ky.," after a name
_TAG = r"(?:\s\([A-Z][^)]{0,20}\)|,\s[RDI]-[A-Z][a-z.]*\.?,?)?"
# A descriptive subject before the name: "the spokesman, Peter Carr" / "a lawyer for X, Jane Roe"
_DESCRIBED = rf"(?:the|a|an)\s[^,\u201c\u201d\"]{{2,60}},\s(?P<dname>{NAME})"

_AFTER = re.compile(
    rf"^[,.?!\u2014-]?\s*(?:{SPEECH}\s(?:{_DESCRIBED}|(?:[\w.'\u2019-]+\s){{0,5}}?(?P<name>{NAME})"
    rf"(?={_TAG}(?:\s*[,.;:!?)\u2014]|\s*$|\s(?:of|who|in|on|at|during|after|before|to|about|and)\b)))"
    rf"|(?P<name2>{NAME}){_TAG}(?:,\s[^,\u201c\u201d\"]{{2,80}},)?\s(?:also\s|later\s|then\s)?{SPEECH}\b"
    rf"|(?P<pronoun>{_PRONOUN})\s(?:also\s|later\s|then\s)?{SPEECH}\b)"
)
_BEFORE = re.compile(
    rf"(?:^|[.;]\s|\u2014\s)(?:[A-Z][^.\u201c\u201d\"]*?\s)?(?P<name>{NAME}){_TAG}"
    rf"(?:,\s[^,\u201c\u201d\"]{{2,80}},)?\s(?:also\s|has\s|had\s|later\s|then\s)?{SPEECH}"
    rf"(?:\s(?:in|on|at|to|during|after)\s[^\u201c\u201d\".]{{0,80}})?"
    rf"(?:,?\s(?:adding|noting|saying|writing)(?:\slater)?)?(?:,|:|\sthat)?\s*$"
)
_BEFORE_PRONOUN = re.compile(
    rf"(?:^|[.;]\s)(?P<pronoun>{_PRONOUN})\s(?:also\s|later\s)?{SPEECH}[^.\u201c\u201d\"]{{0,60}}"
    rf"(?:[,:]|\sthat)\s*$"
)
_STRIP = re.compile(rf"^(?:{_HONORIFIC}\s)+")
_NOT_NAME = frozenset(
    "He She They We I You It His Her Their Without With For From Despite During Although Though "
    "Since Because Under Over Even Still Yet So Now Later Earlier Meanwhile However Also Instead "
    "Amendment Constitution Bible Article Section Act Law Bill Report Letter Statement "
    "The This That These Those It In On At But And Asked According When While After Before As "
    "If Then There Here A An Some Many Most Others Critics Officials Democrats Republicans".split()
)


@dataclass(frozen=True)
class Attribution:
    """A quotation in a passage and whoever it is attributed to ("" for nobody)."""

    start: int
    end: int
    text: str
    speaker: str


def clean_name(raw: str) -> str:
    """The name without honorifics or titles ("Mr. Mattis" -> "Mattis")."""
    name = _STRIP.sub("", raw.strip()).strip().rstrip(",")
    name = re.sub(r"(?:'s|\u2019s)$", "", name)
    if not name or name.split()[0] in _NOT_NAME:
        return ""
    return name


_TITLE_BEFORE = re.compile(
    r"(?:\b(?:on|in|at|to|from|of|the|a|an|called|dubbed|named|as|program|show)|['\u2019]s)\s$",
    re.I,
)


# 'Asked point-blank, "Is that you?"': the question is put to the speaker, not said by them
_ASKED_BEFORE = re.compile(r"\b[Aa]sked(?:\s[\w-]+){0,3},?\s$")


def _is_title(quoted: str) -> bool:
    """A short quotation in title case ("Face the Nation", "Fox and Friends.") is a name."""
    words = re.findall(r"[A-Za-z'\u2019]+", quoted)
    small = {"the", "and", "of", "a", "an", "in", "on", "for", "to", "with"}
    return 0 < len(words) <= 6 and all(w[0].isupper() or w in small for w in words)


_QUOTE = re.compile(r"[\u201c\"]([^\u201c\u201d\"]{12,600})[\u201d\"]")


def attribute(text: str, previous_speaker: str = "") -> list[Attribution]:
    """Every quotation of a passage with its speaker."""
    found: list[Attribution] = []
    last_speaker = ""
    last_end = -1
    for m in _QUOTE.finditer(text):
        speaker = ""
        if (
            _TITLE_BEFORE.search(text, max(0, m.start() - 12), m.start())
            or _is_title(m.group(1))
            or _ASKED_BEFORE.search(text, max(0, m.start() - 40), m.start())
        ):
            found.append(Attribution(m.start(), m.end(), m.group(1).strip(), ""))
            last_end = m.end()
            continue  # 'on "Fox News Sunday"', 'the "Rubio Doctrine"': a title or a term
        after = _AFTER.match(text[m.end() : m.end() + 140])
        before_text = text[max(0, m.start() - 200) : m.start()]
        before = _BEFORE.search(before_text)
        pronoun_before = _BEFORE_PRONOUN.search(before_text)
        pronoun = (after.group("pronoun") if after else "") or (
            pronoun_before.group("pronoun") if pronoun_before else ""
        )
        if after and (after.group("name") or after.group("name2") or after.group("dname")):
            speaker = clean_name(
                after.group("dname") or after.group("name") or after.group("name2")
            )
        if not speaker and before:
            head = re.search(r"(?:[A-Z][a-z]+\s){1,2}$", before_text[: before.start("name")])
            speaker = clean_name((head.group(0) if head else "") + before.group("name"))
        if not speaker and pronoun:
            speaker = last_speaker or _subject_before(text, m.start(), pronoun)
            if not speaker and _opens_passage(text[: m.start()]):
                speaker = previous_speaker  # "He added: ..." goes on from the last passage
        if not speaker and last_speaker and _continues(text[last_end : m.start()]):
            speaker = last_speaker
        found.append(Attribution(m.start(), m.end(), m.group(1).strip(), speaker))
        if speaker:
            last_speaker = speaker
        last_end = m.end()
    return found


_SUBJECT = re.compile(rf"(?:But\s|And\s)?(?P<name>{NAME}){_TAG}(?:,\s[^,]{{2,80}},)?\s[a-z]")
_HONORIFIC_START = re.compile(rf"^{_HONORIFIC}\s")
_FEMININE = re.compile(r"^(?:Ms\.|Mrs\.|Miss)\s")
_MASCULINE = re.compile(r"^Mr\.\s")


def _subject_before(text: str, at: int, pronoun: str) -> str:
    """The person who opens the last sentence before `at` in this passage, if one does and
    the pronoun fits the honorific ("he" never goes to "Ms. Coulter")."""
    spans = split_sentences(text[:at])
    if spans and not re.search(r"[.!?]\s*$", text[spans[-1][0] : at]):
        spans = spans[:-1]  # the quote's own sentence: its subject is the pronoun
    if not spans:
        return ""
    m = _SUBJECT.match(text, spans[-1][0])
    if m is None or m.start() >= at:
        return ""
    raw = m.group("name")
    if (
        not _HONORIFIC_START.match(raw)
        and len(raw.split()) < 2
        and not re.search(rf"(?:{_HONORIFIC}|[A-Z][a-z]+)\s{re.escape(raw)}\b", text)
    ):
        return ""  # "Hours before his departure, ...": one word never named as a person here
    she = pronoun.lower() == "she"
    if (she and _MASCULINE.match(raw)) or (not she and _FEMININE.match(raw)):
        return ""
    return clean_name(raw)


def _opens_passage(before: str) -> bool:
    """Nothing but an attribution clause precedes the quote in its passage."""
    return len(before) < 40 and not re.search(r"\s[A-Z]", before)


def _continues(between: str) -> bool:
    """Only the previous quote's attribution lies between two quotes: the second goes on."""
    if not between.strip(" ,.;:\u2014-"):
        return True
    if len(between) > 160 or re.search('[\u201c\u201d"]', between):
        return False
    clause = _AFTER.match(between)
    if clause is None:
        return False
    rest = between[clause.end() :]
    # The clause may go on ("in a statement", "on Twitter") but must not start a new sentence
    # about someone else before the next quote opens.
    return re.fullmatch(r"[^.!?]*[.,:;]?\s*|[^.!?]*[.!?]\s*", rest) is not None
