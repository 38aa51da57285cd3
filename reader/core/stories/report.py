"""A comparison written out: as a JSON-ready dict (`compare --json`) and as lines of text.

reader.core.stories.comparison computes; this module only formats what it found.
"""

from __future__ import annotations

from reader.core.models import CleanArticle, outlet_name
from reader.core.stories.comparison import Comparison


def _passage_json(view: CleanArticle, index: int) -> dict[str, object]:
    passage = view.passages[index]
    return {
        "article_id": view.article.id,
        "passage": index,
        "start": passage.start,
        "end": passage.end,
        "kind": passage.kind,
        "text": passage.text,
    }


def _claim_json(view: CleanArticle, index: int, start: int, end: int) -> dict[str, object]:
    passage = view.passages[index]
    return {
        "article_id": view.article.id,
        "passage": index,
        "start": passage.start + start,
        "end": passage.start + end,
        "text": passage.text[start:end],
    }


def as_dict(comparison: Comparison) -> dict[str, object]:
    """The comparison as plain JSON data (what `broadsheet compare --json` prints)."""
    views = comparison.views
    alignments = []
    for other in comparison.partners:
        found = comparison.alignment(comparison.focus_id, other)
        if found is None:
            continue
        left, right = views[found.left_id], views[found.right_id]
        alignments.append(
            {
                "left": found.left_id,
                "right": found.right_id,
                "pairs": [
                    {
                        "kind": p.kind,
                        "similarity": p.similarity,
                        "left": _passage_json(left, p.left),
                        "right": _passage_json(right, p.right),
                    }
                    for p in found.pairs
                ],
                "claims": [
                    {
                        "kind": c.kind,
                        "similarity": c.similarity,
                        "evidence": list(c.evidence),
                        "left": _claim_json(left, c.left.passage, c.left.start, c.left.end),
                        "right": _claim_json(right, c.right.passage, c.right.start, c.right.end),
                    }
                    for c in found.claims
                ],
                "unique_left": [_passage_json(left, i) for i in found.unique_left],
                "unique_right": [_passage_json(right, i) for i in found.unique_right],
            }
        )
    return {
        "story": comparison.story_id,
        "focus": comparison.focus_id,
        "messages": comparison.messages,
        "articles": [
            {
                "id": c.article_id,
                "title": c.title,
                "source": c.source,
                "published": c.published,
                "word_count": c.word_count,
                "shared": round(c.shared, 3),
                "unique": round(1 - c.shared, 3) if not c.note else None,
                "note": c.note,
                "hidden_boilerplate": [
                    {"reason": b.boilerplate, "text": b.text} for b in views[c.article_id].hidden
                ],
            }
            for c in comparison.coverage
        ],
        "alignments": alignments,
        "coverage": {
            article_id: [
                {"passage": index, "also_in": others} for index, others in passages.items()
            ]
            for article_id, passages in comparison.passage_coverage().items()
        },
        "unique_passages": {
            c.article_id: [_passage_json(views[c.article_id], i) for i in c.unique_passages]
            for c in comparison.coverage
            if not c.note
        },
        "facts": {
            article_id: [
                {
                    "kind": f.kind,
                    "text": f.text,
                    "key": f.key,
                    "value": f.value,
                    "passage": f.passage,
                    "start": f.start,
                    "end": f.end,
                }
                for f in found
            ]
            for article_id, found in comparison.facts.items()
        },
        "disagreements": [
            {
                "kind": d.kind,
                "subject": d.subject,
                "summary": d.summary(),
                "sides": [
                    {
                        "value": side.value,
                        "articles": list(side.article_ids),
                        "passages": [
                            {
                                "article_id": m.article_id,
                                "passage": m.passage,
                                "start": m.start,
                                "end": m.end,
                                "fact_start": m.fact_start,
                                "fact_end": m.fact_end,
                                "text": m.text,
                            }
                            for m in side.mentions
                        ],
                    }
                    for side in d.sides
                ],
            }
            for d in comparison.disagreements
        ],
    }


def text_lines(comparison: Comparison) -> list[str]:
    """The comparison as lines of plain text (what `broadsheet compare` prints)."""
    views = comparison.views
    lines = [f"{len(comparison.coverage)} article(s) in {comparison.story_id}"]
    lines += [f"note: {m}" for m in comparison.messages]
    for c in comparison.coverage:
        mark = "*" if c.article_id == comparison.focus_id else " "
        share = c.note or f"{c.shared:.0%} shared, {1 - c.shared:.0%} unique"
        lines.append(
            f"{mark} {c.article_id}  {outlet_name(c.source)} · {c.published or 'undated'}"
            f" · {c.word_count} words · {share}"
        )
    lines.append("")
    lines.append(f"{len(comparison.disagreements)} disagreement(s)")
    for d in comparison.disagreements:
        lines.append(f"! {d.kind}: {d.summary()}")
        for side in d.sides:
            for m in side.mentions[:1]:
                quote = views[m.article_id].text[m.fact_start : m.fact_end]
                lines.append(
                    f"    {side.value}: {m.article_id} passage {m.passage}: \u201c{quote}\u201d"
                )
    for other in comparison.partners:
        found = comparison.alignment(comparison.focus_id, other)
        if found is None:
            continue
        lines.append("")
        lines.append(
            f"with {other}: {len(found.pairs)} paired passage(s), {len(found.unique_left)} unique"
            f" here, {len(found.unique_right)} unique there"
        )
        for p in found.pairs:
            text = views[found.left_id].passages[p.left].text
            lines.append(f"  = {p.kind} {p.similarity:.2f}  #{p.left} ~ #{p.right}  {text[:70]}")
    return lines
