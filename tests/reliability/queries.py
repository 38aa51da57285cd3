"""The fuzzed queries of the reliability suite and of benchmarks/hostile_queries.py.

A fixed seed makes the same 2,000 queries every run: words and typos, operators in every wrong
place, brackets, quotes, fields, dates, prefixes and fuzzy marks, control and bidi characters,
very long and very deep text, plus the queries that crashed the reader in issue #11.
"""

from __future__ import annotations

import random

SEED = 20261130
GENERATED = 2_000

FROM_THE_ISSUE = [
    "ice NOT NOT trump",
    "said (-)",
    "said (+)",
    "(a+)+",
    "(" * 1000 + "mayor" + ")" * 1000,
    "(" * 1000,
    "mayor " * 200_000,  # 1.2 MB
    "x" * 1_000_000,
    "a~ b~ c~ d~ e~ f~ g~ h~ i~ j~",
    "*a* *e* *i* *o* *u*",
    "NOT",
    "OR OR OR",
    '"',
    "title:",
    "date:[ to ]",
    "date:>99999",
    "-",
    "+",
    "~",
    "*",
    "?",
    "\x00",
    "mayor\x1b]52;c;aGVsbG8=\x07",
    "\u202emayor",
    "zzzzqqqq",
    "chicagoo mayorr immigratoin sanctuaryy",
]

WORDS = [
    "mayor", "chicago", "ice", "trump", "immigration", "budget", "council", "ferry", "raid",
    "lightfoot", "café", "harbour", "said", "a", "the", "of", "zzz", "immigratoin", "Mayr",
    "sanctuary", "city", "ÉLGIN", "x", "123", "2025",
]  # fmt: skip
OPERATORS = ["AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO", "-", "+", "&&", "||", "!"]
PIECES = ["(", ")", '"', "'", "[", "]", "{", "}", ":", "^", "~", "~2", "*", "?", "\\", "/"]
FIELDS = ["title:", "body:", "outlet:", "source:", "author:", "text:", "date:", "nofield:"]
DATES = ["2025", "2025-01", "2025-13", ">2024", "<=2025-02-30", "[2024 to 2025]", "[x to]"]
ODD = ["\x00", "\x1b[31m", "\u202e", "\u200b", "\t", "\n", "😀", "\ufffd", "\x9b", "𝔘"]


def generated(rng: random.Random) -> str:
    parts: list[str] = []
    for _ in range(rng.randint(1, 12)):
        roll = rng.random()
        if roll < 0.40:
            word = rng.choice(WORDS)
            if rng.random() < 0.3:
                word += rng.choice(["*", "?", "~", "~1", "~2", "^3", "*~", "~*"])
            parts.append(word)
        elif roll < 0.60:
            parts.append(rng.choice(OPERATORS))
        elif roll < 0.78:
            parts.append(rng.choice(PIECES) * rng.randint(1, 3))
        elif roll < 0.88:
            field = rng.choice(FIELDS)
            parts.append(field + (rng.choice(DATES) if field == "date:" else rng.choice(WORDS)))
        elif roll < 0.95:
            parts.append(rng.choice(ODD))
        else:
            depth = rng.randint(1, 40)
            parts.append("(" * depth + rng.choice(WORDS) + ")" * rng.randint(0, depth))
    glue = "" if rng.random() < 0.15 else " "
    return glue.join(parts)


def fuzzed(count: int = GENERATED, seed: int = SEED) -> list[str]:
    """The issue's queries, then `count` generated ones."""
    rng = random.Random(seed)
    return FROM_THE_ISSUE + [generated(rng) for _ in range(count)]
