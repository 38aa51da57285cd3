"""The fingerprint imports deduplicate by (text_key) is the same whatever path finds the words:
libraries keep the keys of the articles they hold, so a key must never change."""

from __future__ import annotations

import hashlib
import json
import random
import re

from reader.core.library.dedup import text_key
from tests.conftest import shared_path


def by_definition(body: str) -> str:
    """Every run of word characters of the case-folded text, one space apart, hashed."""
    words = " ".join(re.findall(r"\w+", body.casefold()))
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:32]


def test_a_text_key_is_its_definition_in_any_text() -> None:
    rng = random.Random(7)
    alphabets = (
        "aB1._ \u00e9-'\u2019\u201c\u2014\u00bd\u00ad\t\n\x1c\u0436\u00df",  # non-ASCII words
        "aB1._ -'\u2019\u201c\u2014\u00ad\t\n\x1c,;:()",  # split once the quotes are spaces
    )
    texts = [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        for alphabet in alphabets
        for _ in range(5000)
    ]
    for text in texts:
        assert text_key.__wrapped__(text) == by_definition(text), text


def test_a_text_key_is_its_definition_in_real_news() -> None:
    news = shared_path("corpora", "news", "allsides_articles_2012_2020_sample.jsonl")
    with news.open(encoding="utf-8") as lines:
        bodies = [json.loads(line).get("body") or "" for line in lines][:1000]
    assert sum(1 for body in bodies if "\u201c" in body) > 100  # curly quotes: the split path
    for body in bodies:
        assert text_key.__wrapped__(body) == by_definition(body)
