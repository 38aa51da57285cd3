"""Normalising article text: blocks, boilerplate (kept and flagged), clean text, passages.

The original body is never changed. `clean()` reads it into blocks, flags the ones that are
site furniture rather than reporting (navigation crumbs, promo lines, broken link fragments,
comment-form leftovers) and joins the rest into the clean text that the reader shows, the
index searches and bookmarks anchor to. Storing an article keeps `clean_facts`: the clean
text's fingerprint, word count and `clean_spans`, where it lies in the body, from which
`clean_text` gives it back without cleaning again.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Iterator

from reader.core.models import Article, Block, CleanArticle, Passage

PARAGRAPH_SEPARATOR = "\n\n"
# The version of clean()'s output: the library keeps where each article's clean text lies in
# its body (clean_spans) for this version, and the index is built from that without cleaning
# again. Any change to what clean() returns for some body must bump it (a test pins the clean
# text of a set of bodies to it).
CLEAN_VERSION = 1

_BULLET = re.compile(r"^\s*(?:[-*\u2022\u00b7\u25aa\u25cf\u2013]|\d+[.)])\s+")
_NAV_BULLET = re.compile(r"^\s*[\u2022\u00b7\u25aa\u25cf\u203a\u00bb>]\s*")
_BREADCRUMB_SEPARATORS = re.compile(r"\s(?:\u203a|\u00bb|>|/|\|)\s")
_SENTENCE_END = re.compile(r"[.!?;:,\u2026\"\u201d\u2019')\]]$")
_PROMO_PHRASES = (
    "you may also like", "also read", "read more", "read next", "related stories", "related:",
    "recommended for you", "trending story", "trending now", "subscribe to", "subscribe now",
    "subscribe today", "sign up for", "follow us on", "click here", "advertisement",
    "sponsored content", "watch this", "share this article",
)  # fmt: skip
_PROMO = re.compile(r"\b(?:" + "|".join(map(re.escape, _PROMO_PHRASES)) + r")\b", re.IGNORECASE)
_COMMENT_FORM = re.compile(
    r"^(?:leave a reply|leave a comment|post a comment|add a comment|cancel reply|"
    r"your email address will not be published|required fields are marked|"
    r"\d+\s+comments?$|comments?\s*\(\d+\)$|save my name, email)",
    re.IGNORECASE,
)
# Debris of an <a href="..."> whose start was lost: a path or URL ending in a quote and ">".
_LINK_DEBRIS = re.compile(
    r"(?:<a\s[^>]*>|</a>|(?:https?://)?[\w.-]*(?:/[\w.%~+-]+)+\.(?:html?|php|aspx?)"
    r"(?:\?\S*)?[\"\u201d\u2019']?>)"
)
_MAY_HAVE_LINK_DEBRIS = re.compile(r"\.(?:html?|php|aspx?)|</?a[\s>]", re.IGNORECASE)
_TEASER = re.compile(r"(?:\u2026|\.\.\.)$")
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "jr",
    "sr",
    "gov",
    "sen",
    "rep",
    "gen",
    "col",
    "lt",
    "sgt",
    "prof",
    "inc",
    "corp",
    "co",
    "ltd",
    "vs",
    "no",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
    "e.g",
    "i.e",
    "etc",
    "a.m",
    "p.m",
}
_SENTENCE_BREAK = re.compile(r"[.!?\u2026][\"\u201d\u2019')\]]*\s+(?=[\"\u201c\u2018(\[]?[A-Z0-9])")


def _lines(body: str) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, line) for every line of body, offsets excluding the newline."""
    pos = 0
    for line in body.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        yield pos, pos + len(stripped), stripped
        pos += len(line)


def _is_table_line(line: str) -> bool:
    return line.lstrip().startswith("|")


def _is_list_line(line: str) -> bool:
    return bool(_BULLET.match(line))


def _raw_blocks(body: str) -> list[tuple[str, int, int]]:
    """Group lines into (kind, start, end) runs: tables, list items, paragraphs."""
    blocks: list[tuple[str, int, int]] = []
    prev_line = ""
    for start, end, line in _lines(body):
        if not line.strip():
            prev_line = ""
            continue
        if _is_table_line(line):
            kind = "table"
        elif _is_list_line(line):
            kind = "list"
        else:
            kind = "paragraph"
        if blocks and prev_line:
            last_kind, last_start, _ = blocks[-1]
            hard_wrapped = (
                kind == "paragraph"
                and last_kind == "paragraph"
                and not _SENTENCE_END.search(prev_line.rstrip())
                and line.lstrip()[:1].islower()
            )
            if (kind == "table" and last_kind == "table") or hard_wrapped:
                blocks[-1] = (last_kind, last_start, end)
                prev_line = line
                continue
        blocks.append((kind, start, end))
        prev_line = line
    return blocks


def _words(text: str) -> int:
    return len(text.split())


def _normalise(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


# Beyond what lower() does, a case-insensitive pattern matches "i" with "\u0130" and "\u0131"
# and "s" with "\u017f" (re._casefix): only text without them can be ruled out lower-cased.
_CASE_ODDITIES = frozenset("\u0130\u0131\u017f")


def _is_promo(text: str) -> bool:
    """Whether a short block reads like a promo line. Most blocks have none of the phrases:
    a case-insensitive match is a match in the lower-cased text (but for _CASE_ODDITIES), so
    looking for the phrases there first (a third of the regex's time) rules most blocks out."""
    lowered = text.lower()
    if not any(phrase in lowered for phrase in _PROMO_PHRASES) and (
        text.isascii() or _CASE_ODDITIES.isdisjoint(text)
    ):
        return False
    return _PROMO.search(text) is not None


def _boilerplate_reason(text: str, position: int, leading: bool, words: int) -> str:
    """Why a block of `words` words is site furniture, or "" if it is part of the article."""
    stripped = text.strip()
    if leading and _NAV_BULLET.match(text) and words <= 12:
        return "navigation crumb"
    if position < 3 and words <= 12 and len(_BREADCRUMB_SEPARATORS.findall(stripped)) >= 2:
        return "navigation crumb"
    if _COMMENT_FORM.match(stripped):
        return "comment form"
    if words <= 40 and _is_promo(stripped):
        return "promo line"
    if words <= 15 and _TEASER.search(stripped) and not re.search(r"[.!?]\s", stripped):
        return "broken link fragment"
    return ""


def _block_kind(kind: str, text: str, words: int) -> str:
    """Refine a paragraph (of `words` words) into a heading when it reads like one."""
    if kind != "paragraph":
        return kind
    stripped = text.strip()
    if (
        "\n" not in stripped
        and words <= 14
        and not _SENTENCE_END.search(stripped)
        and stripped[:1].isupper()
    ):
        return "heading"
    return kind


def blocks(body: str, title: str = "") -> list[Block]:
    """Read an original body into classified blocks; boilerplate is flagged, not removed."""
    result: list[Block] = []
    wanted_title = _normalise(title)
    leading = True
    headline_seen = False
    # Most bodies never repeat their headline, so most blocks are compared with it: only a
    # block holding every word of the headline can equal it once normalised (case folding
    # is character by character), and testing for one first is a tenth of normalising it.
    # The longest word rules out the most blocks ("the", a first word, is in nearly all).
    title_word = max(wanted_title.split(" "), key=len)
    for position, (kind, start, end) in enumerate(_raw_blocks(body)):
        raw = body[start:end]
        words = _words(raw)
        reason = _boilerplate_reason(raw, position, leading, words)
        if reason:
            result.append(Block(kind, raw.strip(), start, end, boilerplate=reason))
            continue
        text = raw.strip()
        if _MAY_HAVE_LINK_DEBRIS.search(raw):  # a cheap test first: the full pattern is slow
            for match in _LINK_DEBRIS.finditer(raw):
                result.append(
                    Block(
                        "fragment",
                        match.group(0).strip(),
                        start + match.start(),
                        start + match.end(),
                        boilerplate="broken link fragment",
                    )
                )
            text = _LINK_DEBRIS.sub("", raw).strip()
            words = _words(text)
        if not text:
            continue
        refined = _block_kind(kind, text, words)
        if refined == "paragraph" and words >= 8:
            leading = False
        if (
            not headline_seen
            and wanted_title
            and title_word in text.casefold()
            and _normalise(text) == wanted_title
        ):
            headline_seen = True
            result.append(Block("headline", text, start, end))
            continue
        result.append(Block(refined, text, start, end))
    return result


def derive_title(body: str, limit: int = 80) -> str:
    """A headline made from the first sentence of the text, for articles that lack one."""
    for block in blocks(body):
        if block.boilerplate or block.kind not in ("paragraph", "heading"):
            continue
        first = split_sentences(block.text)
        sentence = block.text[first[0][0] : first[0][1]] if first else block.text
        sentence = sentence.rstrip(" .")
        if len(sentence) <= limit:
            return sentence
        cut = sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:")
        return cut + "\u2026"
    return ""


def clean(article: Article) -> CleanArticle:
    """The reading view of an article: visible passages joined into clean text."""
    parts: list[Passage] = []
    hidden: list[Block] = []
    offset = 0
    for block in blocks(article.body, article.title):
        if block.boilerplate:
            hidden.append(block)
            continue
        if block.kind == "headline":
            continue
        if parts:
            offset += len(PARAGRAPH_SEPARATOR)
        parts.append(Passage(len(parts), block.kind, block.text, offset, offset + len(block.text)))
        offset += len(block.text)
    text = PARAGRAPH_SEPARATOR.join(p.text for p in parts)
    return CleanArticle(article=article, text=text, passages=tuple(parts), hidden=tuple(hidden))


def clean_spans(body: str, text: str) -> bytes | None:
    """Where the clean text of `body` lies in it: the (start, end) in the body of each of its
    passages, packed as unsigned 32-bit integers, such that text_from_spans(body, spans)
    == text; None when a passage is not a slice of the body (link debris cut out of it)."""
    if not text:
        return b""
    offsets = array("I")
    position = 0
    for part in text.split(PARAGRAPH_SEPARATOR):
        start = body.find(part, position)
        if start < 0:
            return None
        position = start + len(part)
        offsets.append(start)
        offsets.append(position)
    if sys.byteorder == "big":  # stored little-endian, whatever machine reads the library
        offsets.byteswap()
    return offsets.tobytes()


def clean_text(article: Article, spans: bytes | None = None, fingerprint: str = "") -> str:
    """The clean text of an article: from its clean_spans when known (and, given the
    `fingerprint` of the text they were found for, when the text they give has it), else by
    cleaning it. Spans that do not check out (a library edited by hand) cost a cleaning, never
    a wrong text."""
    if spans is not None:
        try:
            text = text_from_spans(article.body, spans)
        except ValueError:  # not pairs of 32-bit offsets
            pass
        else:
            if not fingerprint or text_hash(text) == fingerprint:
                return text
    return clean(article).text


def text_from_spans(body: str, spans: bytes) -> str:
    """The clean text of `body` from its clean_spans (as cleaning it again would give)."""
    offsets = array("I", spans)
    if sys.byteorder == "big":
        offsets.byteswap()
    return PARAGRAPH_SEPARATOR.join(
        body[start:end] for start, end in zip(offsets[::2], offsets[1::2], strict=True)
    )


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in text; abbreviations like "U.S." do not end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        before = text[start : match.start() + 1]
        last_word = before.rsplit(None, 1)[-1].rstrip(".").lower() if before.strip() else ""
        if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
            continue
        end = match.end()
        spans.append((start, len(text[:end].rstrip())))
        start = end
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


# What storing an article keeps of its clean text: its fingerprint (bookmarks anchor to it),
# its word count and its clean_spans.
CleanFacts = tuple[str, int, bytes | None]
# An article with its stored clean_spans (None when not known for this CLEAN_VERSION) and the
# fingerprint of the clean text they were found for (clean_text checks it).
WithSpans = tuple[Article, bytes | None, str]


def clean_facts(article: Article) -> CleanFacts:
    """The fingerprint, word count and clean_spans of an article's clean text."""
    text = clean(article).text
    return text_hash(text), len(text.split()), clean_spans(article.body, text)


def text_hash(text: str) -> str:
    """A short, stable fingerprint of a text (used for change detection and anchors)."""
    import hashlib  # here: the reader's first screen does not wait for OpenSSL (3 ms)

    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


# C0 and C1 controls (terminal escapes start with one), DEL, and the bidi controls that
# reorder what follows them on screen. Newline and tab stay; so do no-break spaces and the
# zero-width joiners emoji sequences need.
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


_LINE_BREAKS = re.compile("[\n\t\u2028\u2029\x85]+")


def printable(text: str, one_line: bool = False) -> str:
    """Text safe to put on a terminal (CLI or TUI): control and bidi characters removed;
    with `one_line` (ids, URLs, outlets, dates, file names) each run of line breaks and tabs
    becomes one space, so a field cannot fake a line of its own."""
    if one_line:
        text = _LINE_BREAKS.sub(" ", text)
    return _UNPRINTABLE.sub("", text)
