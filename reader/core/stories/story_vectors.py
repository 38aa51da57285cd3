"""What story grouping compares: a weighted word vector of an article's headline and lead.

Why these choices:
- Weights come from a fixed background (reader.core.stories.background), not from the library, so the
  similarity of two articles is a property of the two articles alone: importing unrelated
  articles cannot move it, and thresholds mean the same at 10 articles as at 100,000.
- The headline counts three times and the first words of the lead more than later ones: wire
  excerpts of ~90 words carry the event in the headline and the first sentence, and long articles
  drift into background further down.
- Words are folded to a light stem ("strikes" and "strike", "elections" and "election") so that
  short texts worded differently still meet; the background weight is that of the word as
  written.
- Names (capitalised mid-sentence) and numbers are the event-specific evidence: they weigh more;
  years weigh little (every article of a year has them).
"""

from __future__ import annotations

import math
import re
from functools import cache

from reader.core.models import Article
from reader.core.stories.background import rarity
from reader.core.stories.vectors import Vector, cosine
from reader.core.text import clean

LEAD_WORDS = 150
FIRST_WORDS = 60  # words of the lead that count fully; later ones count LATE_WEIGHT
LATE_WEIGHT = 0.6
HEADLINE_WEIGHT = 3.0
LEAD_CHARS = 4000  # of the original body: room for the lead after leading boilerplate
NAME_BOOST = 1.5
NUMBER_WEIGHT = 5.0
YEAR_WEIGHT = 1.5


_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*[A-Za-z]|\d[\d,.]*\d|\d")
_YEAR = re.compile(r"(?:19|20)\d\d")
_STOP = frozenset(
    """the and for that with this from have has had was were are its their they them his her
    she him but not all any can will would could should been being which who whom what when
    where why how than then there these those into over under about after before while also
    more most such only other some very just our out said says say one two new now may
    monday tuesday wednesday thursday friday saturday sunday today yesterday week""".split()
)


def stem(word: str) -> str:
    """A light plural/possessive fold: enough for headlines worded two ways, never a lemma."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _weight(word: str) -> float:
    if word[0].isdigit():
        return YEAR_WEIGHT if _YEAR.fullmatch(word) else NUMBER_WEIGHT
    return rarity(word)


@cache
def term_rarity(term: str) -> float:
    """The background weight of a vector's term (a stem weighs as the word it spells)."""
    return _weight(term)


def text_vector(title: str, lead: str) -> Vector:
    """The normalised vector of a headline and a lead (already cut to the words that count)."""
    counts: dict[str, float] = {}
    weights: dict[str, float] = {}
    for text, heading in ((title, True), (lead, False)):
        position = 0
        for match in _TOKEN.finditer(text):
            raw = match.group(0)
            word = raw.lower().replace("\u2019", "'").removesuffix("'s").strip("'")
            if not word or (len(word) < 3 and not word[0].isdigit()) or word in _STOP:
                continue
            position += 1
            term = word if word[0].isdigit() else stem(word)
            if heading:
                share = HEADLINE_WEIGHT
            else:
                share = 1.0 if position <= FIRST_WORDS else LATE_WEIGHT
            counts[term] = counts.get(term, 0.0) + share
            weight = _weight(word)
            before = text[max(0, match.start() - 2) : match.start()].strip()
            if raw[0].isupper() and match.start() > 0 and before not in {".", "?", "!", "\u201c"}:
                weight *= NAME_BOOST
            weights[term] = max(weights.get(term, 0.0), weight)
    vector = {t: (1.0 + math.log1p(c)) * weights[t] for t, c in counts.items() if weights[t] > 0}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {t: v / norm for t, v in vector.items()}


def lead_of(article: Article) -> str:
    """The first LEAD_WORDS words of the article's clean text (boilerplate and headline dropped)."""
    body = article.body
    if len(body) > LEAD_CHARS:  # only the lead is used: clean no more than needed
        cut = body.rfind("\n", 0, LEAD_CHARS)
        body = body[: cut if cut > 0 else LEAD_CHARS]
    view = clean(Article(id=article.id, title=article.title, body=body))
    words = view.text.split()
    title_words = article.title.split()
    if title_words and words[: len(title_words)] == title_words:
        words = words[len(title_words) :]  # a body that repeats its headline counts it once
    return " ".join(words[:LEAD_WORDS])


_CACHE: dict[int, Vector] = {}
_CACHE_LIMIT = 200_000


def article_vector(article: Article) -> Vector:
    """The grouping vector of one article, remembered per headline and body (not the text
    itself: 100,000 bodies would stay in memory twice)."""
    key = hash((article.title, article.body))
    found = _CACHE.get(key)
    if found is None:
        found = text_vector(article.title, lead_of(article))
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        _CACHE[key] = found
    return found


def clear_caches() -> None:
    """Forget remembered vectors (benchmarks measuring a cold start use it)."""
    _CACHE.clear()


__all__ = ["Vector", "article_vector", "clear_caches", "cosine", "term_rarity", "text_vector"]
