"""How rare a word is in English at large: the fixed background that story grouping weighs by.

Grouping used to count document frequencies over the library itself, so importing unrelated
articles moved every weight and a story of five articles could fall apart under thresholds it
used to pass. Here the weight of a word comes from a frequency list that never changes with the
library: wordfreq's small English list (words down to 1 in a million tokens, from news,
Wikipedia, books, subtitles and the web). The list is read straight from the package data
(msgpack, no import of wordfreq itself, which costs a second), once per process.

Rarity stands in for inverse document frequency: a word seen `f` times per token turns up in
about `L * f` of the documents of `L` tokens, so idf = -ln(L * f), clipped to [0, RARE].
Anything rarer than the list knows (names, places, new words) gets RARE.
"""

from __future__ import annotations

import gzip
import math
from functools import cache
from importlib import resources

import msgpack

DOCUMENT_TOKENS = 500  # L above: a news article's length in tokens
RARE = 8.0  # the weight of words the list does not hold (rarer than 1 in a million tokens)
_LN10 = math.log(10)


@cache
def _zipf_table() -> dict[str, float]:
    """word -> Zipf frequency (log10 of occurrences per billion words) from wordfreq's list."""
    raw = (resources.files("wordfreq") / "data" / "small_en.msgpack.gz").read_bytes()
    buckets = msgpack.unpackb(gzip.decompress(raw), raw=False)
    table: dict[str, float] = {}
    # buckets[0] is a header; bucket i holds words of frequency 10 ** (-i / 100) per token
    for centibels, words in enumerate(buckets[1:]):
        zipf = 9.0 - centibels / 100.0
        for word in words:
            table.setdefault(word, zipf)
    return table


def zipf(word: str) -> float | None:
    """The word's Zipf frequency in English, or None when the list does not hold it."""
    return _zipf_table().get(word)


@cache
def rarity(word: str) -> float:
    """Background inverse document frequency of a lower-case word (0 for the commonest)."""
    found = _zipf_table().get(word)
    if found is None:
        return RARE
    idf = _LN10 * (9.0 - found) - math.log(DOCUMENT_TOKENS)
    return min(RARE, max(0.0, idf))
