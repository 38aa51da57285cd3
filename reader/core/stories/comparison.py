"""One story compared across outlets: coverage, aligned passages, facts and disagreements.

`compare_story` is what the comparison pane, `broadsheet compare` and the benchmark call.
Articles that cannot be compared (no usable text, another language) are left out of the
alignment with a plain message; so is a story of one article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations

from reader.core.models import CleanArticle
from reader.core.stories.align import Alignment, align, passage_vectors, shared_share
from reader.core.stories.disagreements import Disagreement, disagreements
from reader.core.stories.facts import Fact, extract, surname

MIN_USABLE_WORDS = 20
ENGLISH_SHARE = 0.08  # English prose has ~25% of these words; other languages almost none
_ENGLISH = frozenset("the and of to in is that for it was on with as by are be this has".split())


@dataclass(frozen=True)
class Coverage:
    """One article's row in the overview: how much it shares with the others."""

    article_id: str
    title: str
    source: str
    published: str
    word_count: int
    shared: float  # share of its words in passages another article also has
    unique_passages: tuple[int, ...]
    note: str = ""  # why it was left out of the comparison, if it was


@dataclass
class Comparison:
    """Everything the comparison pane and `broadsheet compare` show for one story."""

    story_id: str
    focus_id: str
    views: dict[str, CleanArticle]
    coverage: list[Coverage]
    alignments: dict[tuple[str, str], Alignment]
    facts: dict[str, list[Fact]]
    disagreements: list[Disagreement]
    messages: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)  # whom the focus article is aligned with

    def alignment(self, left: str, right: str) -> Alignment | None:
        """The alignment of two articles, left-to-right, or None if either was left out."""
        found = self.alignments.get((left, right))
        if found is not None:
            return found
        flipped = self.alignments.get((right, left))
        if flipped is None:
            return None
        return Alignment(
            left,
            right,
            tuple(
                type(p)(p.right, p.left, p.similarity, p.kind)
                for p in sorted(flipped.pairs, key=lambda p: p.right)
            ),
            flipped.unique_right,
            flipped.unique_left,
        )

    def flag_reading(self, flag_index: int) -> tuple[str, str, int]:
        """Which two articles a disagreement is read in, side by side: (left article, right
        article, the flagged passage of the left one). The left is the focus article when it
        takes a side, else the first article of the first side."""
        flag = self.disagreements[flag_index]
        ours = next((s for s in flag.sides if self.focus_id in s.article_ids), flag.sides[0])
        theirs = next(s for s in flag.sides if s is not ours)
        left = self.focus_id if ours.article_ids[0] == self.focus_id else ours.article_ids[0]
        passage = next(m.passage for m in ours.mentions if m.article_id == left)
        return left, theirs.article_ids[0], passage

    def passage_flags(self) -> dict[tuple[str, int], list[str]]:
        """(article, passage) -> a line per disagreement that passage takes a side in."""
        flagged: dict[tuple[str, int], list[str]] = {}
        for d in self.disagreements:
            for side in d.sides:
                others = " / ".join(s.value for s in d.sides if s is not side)
                for m in side.mentions:
                    flagged.setdefault((m.article_id, m.passage), []).append(
                        f"{d.subject}: {side.value} here; elsewhere {others}"
                    )
        return flagged

    @property
    def usable_ids(self) -> list[str]:
        """Articles taking part in the comparison, in story order."""
        return [c.article_id for c in self.coverage if not c.note]


def unusable_reason(view: CleanArticle) -> str:
    """Why an article cannot be compared passage by passage, or ""."""
    article = view.article
    if view.word_count < MIN_USABLE_WORDS:
        return f"no usable text to compare ({view.word_count} words after cleaning)"
    language = article.language.lower()
    if language and not language.startswith("en"):
        return f"written in another language ({article.language}); only English is compared"
    tokens = re.findall(r"[^\W\d_]+", view.text.lower())
    share = sum(t in _ENGLISH for t in tokens) / len(tokens) if tokens else 0.0
    if share < ENGLISH_SHARE:
        return "appears to be in another language; only English is compared"
    return ""


def _resolve_speakers(found: list[Fact]) -> list[Fact]:
    """Quotes attributed by surname ("Johnson stated") get the full name the article uses."""
    full: dict[str, str] = {}
    for fact in found:
        if fact.kind == "person":
            name = surname(fact.value)
            if len(fact.value) > len(full.get(name, "")):
                full[name] = fact.value
    return [
        type(f)(f.kind, f.text, full.get(surname(f.key), f.key), f.value, f.passage, f.start, f.end)
        if f.kind == "quote" and " " not in f.key and surname(f.key) in full
        else f
        for f in found
    ]


def compare_story(
    story_id: str, views: list[CleanArticle], focus_id: str, with_id: str | None = None
) -> Comparison:
    """Compare the articles of a story; alignments are those of the focus article
    (with every other usable article, or only `with_id`), coverage is against all others."""
    by_id = {v.article.id: v for v in views}
    notes = {v.article.id: unusable_reason(v) for v in views}
    usable = [v for v in views if not notes[v.article.id]]
    messages = [
        f"{v.article.title or v.article.id}: {notes[v.article.id]}"
        for v in views
        if notes[v.article.id]
    ]
    if len(views) == 1:
        messages.append("This story has only one article in the library: nothing to compare yet.")
    elif len(usable) < 2:
        messages.append("Fewer than two articles of this story can be compared.")
    vectors = passage_vectors(usable)
    all_alignments = {
        (a.article.id, b.article.id): align(a, b, vectors=vectors)
        for a, b in combinations(usable, 2)
    }
    paired: dict[str, set[int]] = {v.article.id: set() for v in views}
    for (left, right), alignment in all_alignments.items():
        paired[left].update(p.left for p in alignment.pairs)
        paired[right].update(p.right for p in alignment.pairs)
    coverage = []
    for view in views:
        article = view.article
        note = notes[article.id]
        coverage.append(
            Coverage(
                article.id,
                article.title,
                article.source,
                article.published,
                view.word_count,
                0.0 if note else shared_share(view, paired[article.id]),
                ()
                if note
                else tuple(p.index for p in view.passages if p.index not in paired[article.id]),
                note,
            )
        )
    facts = {v.article.id: _resolve_speakers(extract(v)) for v in usable}
    partners = [v.article.id for v in usable if v.article.id != focus_id]
    if with_id is not None:
        partners = [with_id] if with_id in partners else []
    return Comparison(
        story_id,
        focus_id,
        by_id,
        coverage,
        all_alignments,
        facts,
        disagreements(facts, {v.article.id: v for v in usable}),
        messages,
        partners,
    )
