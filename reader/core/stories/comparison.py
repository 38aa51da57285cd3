"""One story compared across outlets: coverage, aligned passages, facts and disagreements.

`compare_story` is what the comparison pane, `broadsheet compare` and the benchmark call.
Articles that cannot be compared (no usable text, another language) are left out of the
alignment with a plain message; so is a story of one article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from reader.core.models import CleanArticle
from reader.core.stories.align import Alignment, align, shared_share, story_claims
from reader.core.stories.claimdiff import claim_disagreements
from reader.core.stories.claims import ClaimPair
from reader.core.stories.disagreements import Disagreement, roles
from reader.core.stories.facts import Fact, extract, surname

MIN_USABLE_WORDS = 20
ENGLISH_SHARE = 0.08  # English prose has ~25% of these words; other languages almost none
_NOT_FIRST_NAMES = frozenset(
    "Mr Mrs Ms Dr President Former Vice Secretary Senator Representative Governor Mayor Judge "
    "Justice Speaker Leader General Chairman The And But When".split()
)
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
    _reach_cache: dict[tuple[str, str], set[str]] | None = field(default=None, repr=False)

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
            tuple(
                ClaimPair(c.right, c.left, c.similarity, c.kind, c.evidence) for c in flipped.claims
            ),
            flipped.also_right,
            flipped.also_left,
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

    def fact_reach(self) -> dict[tuple[str, str], set[str]]:
        """(kind, normal form) of each fact -> the articles that state it, so the grid can mark
        what every outlet reports, what some do and what one alone does."""
        reach: dict[tuple[str, str], set[str]] = {}
        for article_id, found in self.facts.items():
            for fact in found:
                reach.setdefault(fact_identity(fact), set()).add(article_id)
        return reach

    def reach_mark(self, fact: Fact) -> str:
        """ "all", "some" or "one": how many of the compared articles state this fact."""
        reach = self._reach.get(fact_identity(fact), set())
        total = len([a for a in self.usable_ids if a in self.facts])
        if len(reach) >= total > 1:
            return "all"
        return "some" if len(reach) > 1 else "one"

    @property
    def _reach(self) -> dict[tuple[str, str], set[str]]:
        if self._reach_cache is None:
            self._reach_cache = self.fact_reach()
        return self._reach_cache

    def passage_coverage(self) -> dict[str, dict[int, list[str]]]:
        """For each usable article: passage -> the other articles that report its claims."""
        reported: dict[str, dict[int, set[str]]] = {a: {} for a in self.usable_ids}
        for (left, right), alignment in self.alignments.items():
            sides = [(c.left.passage, c.right.passage) for c in alignment.claims]
            sides += [(p.left, p.right) for p in alignment.pairs]
            for mine, theirs in sides:
                reported[left].setdefault(mine, set()).add(right)
                reported[right].setdefault(theirs, set()).add(left)
        return {
            article_id: {
                p.index: sorted(reported[article_id].get(p.index, ()))
                for p in self.views[article_id].passages
            }
            for article_id in self.usable_ids
        }

    @property
    def usable_ids(self) -> list[str]:
        """Articles taking part in the comparison, in story order."""
        return [c.article_id for c in self.coverage if not c.note]


def fact_identity(fact: Fact) -> tuple[str, str]:
    """What makes two articles' facts the same fact: a person's surname, a number's unit and
    value, a quote's speaker and opening words, else the words case-folded."""
    if fact.kind == "person":
        return fact.kind, surname(fact.value)
    if fact.kind == "number":
        return fact.kind, f"{fact.key} {fact.value}"
    if fact.kind == "quote":
        opening = " ".join(re.findall(r"\w+", fact.value.lower())[:6])
        return fact.kind, f"{surname(fact.key)} {opening}"
    return fact.kind, fact.value.casefold()


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


def _resolve_speakers(found: list[Fact], text: str) -> list[Fact]:
    """Quotes attributed by surname ("Johnson stated") get the full name the article uses,
    only when one first name goes with that surname in the article (Liz and Dick Cheney
    stay "Cheney")."""
    full: dict[str, set[str]] = {}
    for fact in found:
        name = fact.value if fact.kind == "person" else fact.key if fact.kind == "quote" else ""
        if " " in name.strip():
            full.setdefault(surname(name), set()).add(name)
    for first, last in re.findall(r"\b([A-Z][a-z]+)\s([A-Z][a-z]+)\b", text):
        known = full.get(last.lower())
        if known is not None and first not in _NOT_FIRST_NAMES:
            if not any(n.startswith(first) for n in known):
                known.add(f"{first} {last}")
    return [
        type(f)(
            f.kind, f.text, next(iter(full[surname(f.key)])), f.value, f.passage, f.start, f.end
        )
        if f.kind == "quote" and " " not in f.key and len(full.get(surname(f.key), ())) == 1
        else f
        for f in found
    ]


def _disagreements(
    facts: dict[str, list[Fact]], views: dict[str, CleanArticle], alignments: Iterable[Alignment]
) -> list[Disagreement]:
    """Office holders across the story, then every slot a claim pair fills differently."""
    found = roles(facts, views)
    seen = {(d.kind, frozenset(s.value.split()[-1].lower() for s in d.sides)) for d in found}
    for d in claim_disagreements(alignments, views):
        key = (d.kind, frozenset(s.value.split()[-1].lower() for s in d.sides))
        if key not in seen:
            seen.add(key)
            found.append(d)
    return found


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
    story = story_claims(usable)
    all_alignments = {
        (a.article.id, b.article.id): align(a, b, story) for a, b in combinations(usable, 2)
    }
    paired: dict[str, set[int]] = {v.article.id: set() for v in views}
    for (left, right), alignment in all_alignments.items():
        paired[left].update(c.left.passage for c in alignment.claims)
        paired[right].update(c.right.passage for c in alignment.claims)
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
    facts = {v.article.id: _resolve_speakers(extract(v), v.text) for v in usable}
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
        _disagreements(facts, {v.article.id: v for v in usable}, all_alignments.values()),
        messages,
        partners,
    )
