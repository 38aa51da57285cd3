"""Analysis: how text becomes index terms, in one place for the index, queries and snippets.

Headline and body are cut into words, lower-cased, accent-folded, stop-word-filtered and
stemmed in one pass; outlet and author are folded but not stemmed. The word pattern, the
folding and the stemmer here are the only ones the search package uses.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import Stemmer
from whoosh.analysis import STOP_WORDS, Analyzer, Filter, RegexTokenizer, Token, Tokenizer
from whoosh.support.charset import accent_map

from reader.core.words import ascii_spaced, ascii_spaces

# The index, the vocabulary, the query parser and the snippet highlighter all cut text into
# words with this one pattern. A full stop joins single letters (U.S., e.g., a.m.) and a number
# to the digits after it (3.5, 2.0.1); anything else it separates, so the joins scraped text is
# full of ("tsunami.Steve", "economy.After") are two words, as the peers read them.
WORD = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_](?!\w)|\w+(?:\.\d\w*)*")
# WORD's first branch (U.S., e.g.) needs a full stop before a letter. In a text without one,
# its second branch alone finds the same words, and without the branch tried at every word
# (or any backtracking) it finds them about 30% faster: most news texts (70% of them in the
# corpus) have no abbreviation and no word.Word join.
_PLAIN_WORD = re.compile(r"\w++(?:\.\d\w*+)*+")
_DOT_LETTER = re.compile(r"\.[^\W\d_]")

# Snowball's English stemmer (Porter 2) as the Snowball project compiles it to C (PyStemmer).
# Whoosh's default Porter keeps "immigrated" apart from "immigration" and stems "gas" to "ga"
# (which then matches "Ga."). Whoosh's own Snowball port is an older edition of the algorithm:
# of the corpus's 75,450 words it stems 132 otherwise, joining "university" to "universal",
# "international" to "intern", "organization" to "organ", "added" to "ad" and "evening" to
# "even". This edition keeps them apart, as tantivy's "en_stem" does, and takes 1.5 us a word
# where Whoosh's port took 22 us (1.6 s of an import of the 9,315 news articles). A stemmer
# keeps state while it stems, so each thread has its own (searches, suggestions and the
# index's setup run in threads); stem_of's cache stands in for PyStemmer's own (size 0).
_STEMMERS = threading.local()


@lru_cache(maxsize=200_000)
def stem_of(word: str) -> str:
    """The Snowball English stem of a folded, lower-cased word."""
    stemmer = getattr(_STEMMERS, "english", None)
    if stemmer is None:
        stemmer = _STEMMERS.english = Stemmer.Stemmer("english", 0)
    stem: str = stemmer.stemWord(word)
    return stem


def fold(text: str) -> str:
    """Lower-case and fold accents, as the index's analyzers do."""
    lowered = text.lower()
    if lowered.isascii():  # accent_map only lower-cases ASCII, already done: skip the slow pass
        return lowered
    # str.translate looks up every character; news text has a few curly quotes and accents
    # in thousands of ASCII characters, so only the characters accent_map changes are
    # replaced (one scan in C; the quotes, dashes and spaces it keeps are not even looked up).
    return _FOLDED.sub(_fold_char, lowered)


# The characters beyond ASCII that accent_map changes (ASCII is lower-cased already).
_FOLDED = re.compile(
    "["
    + "".join(re.escape(chr(k)) for k, v in sorted(accent_map.items()) if k > 127 and v != chr(k))
    + "]"
)


def _fold_char(match: re.Match[str]) -> str:
    char = match.group(0)
    return accent_map.get(ord(char), char)


BULK_FIELDS = ("body", "title")  # analysed with index_words/term_of by reader.core.search.bulk


def word_pattern(folded: str) -> re.Pattern[str]:
    """WORD, or a faster pattern that finds exactly the same words in this folded text."""
    return WORD if _DOT_LETTER.search(folded) else _PLAIN_WORD


# Where a text is ASCII once its curly quotes and dashes are spaces (reader.core.words.
# ascii_spaced), its words are found at about 60% of the cost of WORD.findall: every ASCII
# character that is neither a word character nor a full stop becomes a space, and str.split
# cuts the words; only the few pieces holding a full stop (a sentence's last word, 3.5, U.S.)
# go through WORD, which finds in a piece what it finds there in the whole text (its matches
# hold only word characters and full stops). 97% of the news texts are ASCII that way.
_ASCII_SPACES = ascii_spaces(keep=".")


def index_words(text: str) -> list[str]:
    """The words of a text as the index cuts them (folded, lower-cased), stop words included:
    the one tokenisation of headlines and bodies, for the tokenizer and the bulk writer."""
    folded = fold(text)
    spaced = ascii_spaced(folded)
    if spaced is None:
        return word_pattern(folded).findall(folded)
    pieces = spaced.translate(_ASCII_SPACES).split()
    if "." not in spaced:
        return pieces
    words: list[str] = []
    for piece in pieces:
        if "." in piece:
            words += WORD.findall(piece)
        else:
            words.append(piece)
    return words


def term_of(word: str) -> str | None:
    """The term the index keeps for one of index_words' words, or None (a stop word or a
    single character): the one place that decides, for the tokenizer and the bulk writer."""
    if len(word) < 2 or word in STOP_WORDS:
        return None
    return stem_of(word)


class StemmingTokenizer(Tokenizer):
    """Words of a text, lower-cased, accents folded, stop words dropped, stemmed: one pass.

    The same tokens as RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map) |
    StopFilter() | StemFilter(), made in one generator over a text folded once, because
    indexing spends most of its time walking tokens through that chain.
    """

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(  # type: ignore[no-untyped-def]
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        folded = fold(value)
        # Character offsets are only right when folding kept every character single.
        exact_chars = chars and len(folded) == len(value)
        position = start_pos
        # The words of index_words(value), with where each word is.
        for match in word_pattern(folded).finditer(folded):
            word = match.group(0)
            term = term_of(word)
            if term is None:
                if removestops:
                    continue
                token.text, token.stopped = word, True
            else:
                token.text, token.stopped = term, False
            token.boost = 1.0
            if positions:
                token.pos = position
                position += 1
            if exact_chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token


class FoldFilter(Filter):
    """Lower-case and fold accents."""

    def __call__(self, tokens):  # type: ignore[no-untyped-def]
        for token in tokens:
            token.text = fold(token.text)
            yield token


def make_analyzer() -> Analyzer:
    """Words, lower-cased, accents folded, stop words dropped, stemmed (raids -> raid)."""
    return StemmingTokenizer()


def make_plain_analyzer() -> Analyzer:
    """Words, lower-cased, accents folded; no stemming (for outlets and authors)."""
    return RegexTokenizer(WORD) | FoldFilter()


ANALYZER = make_analyzer()
PLAIN = make_plain_analyzer()
