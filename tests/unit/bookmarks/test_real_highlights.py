"""Real human-marked passages (BASIL, 300 articles, 1,723 highlights) as bookmarks.

Each highlight's body offsets are mapped to the clean text bookmarks anchor to; then the
bodies change (a whitespace/punctuation normalisation; dropping the first paragraph) and every
bookmark re-anchors. The truth is known because we made the change: an offset map carries each
highlight into the new body, and from there into the new clean text. A bookmark that lands
anywhere but there is wrong; one whose text is gone must be orphaned.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from reader.core.bookmarks.entries import clean_span
from reader.core.locations import resolve
from reader.core.models import Article
from reader.core.workspace import Workspace
from tests.conftest import shared_path

CORPUS = ("corpora", "events", "basil_triplets_2010_2019.jsonl")

# A normalisation an improved cleaner might apply: straight quotes, spaced dashes, one space,
# no space before punctuation, one ellipsis character.
_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"[\u201c\u201d]"), lambda m: '"'),
    (re.compile(r"[\u2018\u2019]"), lambda m: "'"),
    (re.compile(r" ?-- ?"), lambda m: " \u2014 "),
    (re.compile(r"[ \t\u00a0]{2,}"), lambda m: " "),
    (re.compile(r" +(?=[,.;:!?])"), lambda m: ""),
    (re.compile(r"\.\.\."), lambda m: "\u2026"),
]
# A copy-edit that changes words: what only the fuzzy match can follow.
_EDITS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"\bsaid\b"), lambda m: "stated"),
    (re.compile(r"\bpercent\b"), lambda m: "per cent"),
    (re.compile(r"\bU\.S\."), lambda m: "US"),
    (re.compile(r"\bthe\b"), lambda m: "a"),
]

OffsetMap = Callable[[int], int | None]


def normalise(body: str) -> tuple[str, OffsetMap]:
    """The normalised body and a map from old offsets to new ones."""
    return rewrite(body, _RULES)


def copy_edit(body: str) -> tuple[str, OffsetMap]:
    """The body with some words changed, and a map from old offsets to new ones."""
    return rewrite(body, _EDITS)


def rewrite(
    body: str, rules: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]]
) -> tuple[str, OffsetMap]:
    """Apply the rules in one pass, remembering where every old offset went."""
    any_rule = re.compile("|".join(f"(?P<r{n}>{p.pattern})" for n, (p, _) in enumerate(rules)))
    out: list[str] = []
    where = [0] * (len(body) + 1)
    last = 0
    for match in any_rule.finditer(body):
        for i in range(last, match.start()):
            where[i] = len(out)
            out.append(body[i])
        replacement = rules[int(str(match.lastgroup)[1:])][1](match)
        for i in range(match.start(), match.end()):
            where[i] = len(out)
        out.extend(replacement)
        last = match.end()
    for i in range(last, len(body)):
        where[i] = len(out)
        out.append(body[i])
    where[len(body)] = len(out)
    return "".join(out), lambda x: where[x]


def drop_first_paragraph(body: str) -> tuple[str, OffsetMap]:
    """The body without its first paragraph, and a map (None for offsets in the dropped part)."""
    gap = re.search(r"\n\s*\n", body)
    cut = gap.end() if gap else len(body)
    return body[cut:], lambda x: x - cut if x >= cut else None


CHANGES = (
    ("normalised", normalise),
    ("first paragraph dropped", drop_first_paragraph),
    ("words copy-edited", copy_edit),
)


def load() -> list[tuple[Article, list[dict[str, object]]]]:
    rows = [json.loads(line) for line in shared_path(*CORPUS).open(encoding="utf-8")]
    return [
        (
            Article(
                id=r["id"],
                title=r["title"] or "",
                body=r["body"],
                source=r.get("source") or "",
                published=r.get("published") or "",
                url=r.get("url") or "",
            ),
            r["highlights"],
        )
        for r in rows
    ]


def run_experiment(data_dir: Path) -> dict[str, object]:
    """Bookmark every mappable highlight, change the bodies twice, count where they land."""
    corpus = load()
    workspace = Workspace(resolve(str(data_dir)))
    workspace.add_articles(a for a, _ in corpus)
    figures: dict[str, object] = {"articles": len(corpus)}
    marks: dict[int, tuple[Article, int, int]] = {}  # bookmark id -> (article, raw start, end)
    unmapped = 0
    for article, highlights in corpus:
        for h in highlights:
            start, end = int(h["start"]), int(h["end"])  # type: ignore[call-overload]
            assert article.body[start:end] == h["text"]
            span = clean_span(article, start, end)
            if span is None:
                unmapped += 1
                continue
            saved = workspace.add_bookmark(article.id, *span)
            assert saved.quote == h["text"]
            marks[saved.id] = (article, start, end)
    figures["highlights"] = sum(len(h) for _, h in corpus)
    figures["bookmarked"] = len(marks)
    figures["unmapped"] = unmapped
    for name, change in CHANGES:
        changed: dict[str, tuple[Article, OffsetMap]] = {}
        for article, _ in corpus:
            body, mapping = change(article.body)
            changed[article.id] = (replace(article, body=body), mapping)
        workspace.add_articles(a for a, _ in changed.values())
        tally: Counter[str] = Counter()
        worst = 1.0
        for entry in workspace.bookmark_entries():
            article, raw_start, raw_end = marks[entry.bookmark.id]
            new_article, mapping = changed[article.id]
            new_start, new_end = mapping(raw_start), mapping(raw_end)
            truth = (
                clean_span(new_article, new_start, new_end)
                if new_start is not None and new_end is not None
                else None
            )
            where = entry.located
            if truth is None and new_start is not None:
                tally["truth unknown"] += 1  # the new cleaning hides or alters that text
            if where.status == "orphaned":
                tally["orphaned"] += 1
                tally[
                    "orphaned, text gone" if new_start is None else "orphaned, text still there"
                ] += 1
                continue
            tally[where.status] += 1
            tally[f"{where.status} by {where.method}"] += 1
            if truth is None:
                tally["wrong"] += 1 if new_start is None else 0
                continue
            overlap = min(truth[1], where.end) - max(truth[0], where.start)
            union = max(truth[1], where.end) - min(truth[0], where.start)
            if (where.start, where.end) == truth:
                tally["on the very span"] += 1
            elif overlap / union >= 0.8:  # the same passage, an edge a word or two off
                tally["on the span, edges differ"] += 1
                worst = min(worst, overlap / union)
            else:
                tally["wrong"] += 1
        figures[name] = dict(sorted(tally.items())) | {"worst overlap": round(worst, 3)}
        workspace.add_articles(a for a, _ in corpus)  # back to the original text
    workspace.close()
    return figures


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    shared_path(*CORPUS)
    return run_experiment(tmp_path_factory.mktemp("basil"))


def test_highlights_become_bookmarks_on_the_same_words(figures: dict[str, object]) -> None:
    assert figures["highlights"] == 1723
    assert figures["bookmarked"] + figures["unmapped"] == 1723  # type: ignore[operator]
    assert figures["bookmarked"] >= 1700  # type: ignore[operator]


@pytest.mark.parametrize("change", [name for name, _ in CHANGES])
def test_no_bookmark_lands_on_wrong_text_after_the_article_changes(
    figures: dict[str, object], change: str
) -> None:
    tally = figures[change]
    assert isinstance(tally, dict)
    print(change, tally)
    assert tally.get("wrong", 0) == 0
    landed = tally.get("on the very span", 0) + tally.get("on the span, edges differ", 0)
    assert landed + tally.get("orphaned", 0) == figures["bookmarked"]
    if change == "normalised":  # nothing lost: every passage is still there, reworded at most
        assert tally.get("orphaned", 0) == 0 and tally["on the very span"] >= 1700
    elif change == "first paragraph dropped":  # orphaned exactly when the words are gone
        assert tally.get("orphaned, text still there", 0) == 0
        assert tally["orphaned"] == tally["orphaned, text gone"] > 0
    else:  # words changed inside passages: fuzzy matches, a few given up rather than guessed
        assert tally["moved by fuzzy"] >= 500 and tally.get("orphaned", 0) <= 5
