"""Bookmarks as W3C Web Annotation JSON: out (an AnnotationCollection) and back in.

Each bookmark is an Annotation with TextQuote and TextPosition selectors, its note a
`commenting` body and each tag a `tagging` body; Broadsheet's own fields ride under a
`broadsheet` key. Importing skips bookmarks already present.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from reader.core.bookmarks.entries import BookmarkEntry
from reader.core.library import Library
from reader.core.models import Bookmark

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
ARTICLE_URN = "urn:broadsheet:article:"
UUID_URN = "urn:uuid:"
EXTENSION = "broadsheet"  # our own fields ride along under this key


def to_annotation(entry: BookmarkEntry) -> dict[str, Any]:
    """One bookmark as a W3C Web Annotation with TextQuote and TextPosition selectors."""
    b = entry.bookmark
    body: list[dict[str, str]] = []
    if b.note:
        body.append(
            {
                "type": "TextualBody",
                "value": b.note,
                "purpose": "commenting",
                "format": "text/plain",
            }
        )
    body += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in b.tags]
    annotation: dict[str, Any] = {
        "@context": ANNOTATION_CONTEXT,
        "id": UUID_URN + b.uid,
        "type": "Annotation",
        "motivation": "commenting" if b.note else "bookmarking",
        "created": b.created,
        "modified": b.updated,
        "body": body,
        "target": {
            "source": entry.url or ARTICLE_URN + b.article_id,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": b.quote,
                    "prefix": b.prefix,
                    "suffix": b.suffix,
                },
                {"type": "TextPositionSelector", "start": b.start, "end": b.end},
            ],
        },
        EXTENSION: {
            "article_id": b.article_id,
            "text_hash": b.text_hash,
            "headline": entry.headline,
            "outlet": entry.outlet,
            "published": entry.published,
            "anchor_status": entry.located.status,
        },
    }
    return annotation


def to_json(entries: list[BookmarkEntry]) -> str:
    """Bookmarks as a W3C AnnotationCollection (one page holding every annotation)."""
    collection = {
        "@context": ANNOTATION_CONTEXT,
        "type": "AnnotationCollection",
        "label": "Broadsheet bookmarks",
        "total": len(entries),
        "first": {"type": "AnnotationPage", "items": [to_annotation(e) for e in entries]},
    }
    return json.dumps(collection, ensure_ascii=False, indent=2) + "\n"


class AnnotationError(ValueError):
    """An annotation that cannot become a bookmark; the message says why."""


def annotations_in(data: Any) -> list[Any]:
    """The annotations of a collection, a page, a list or a single annotation."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        if data.get("type") == "AnnotationCollection":
            first = data.get("first")
            return annotations_in(first) if first is not None else []
        if data.get("type") == "AnnotationPage":
            items = data.get("items", [])
            return items if isinstance(items, list) else []
        return [data]
    raise AnnotationError("expected an annotation, a list of them or an AnnotationCollection")


def from_annotation(data: Any) -> Bookmark:
    """A bookmark (id 0, not stored) from one annotation, or AnnotationError saying why not."""
    if not isinstance(data, dict):
        raise AnnotationError("not a JSON object")
    target = data.get("target")
    if isinstance(target, list) and target:
        target = target[0]
    if not isinstance(target, dict):
        raise AnnotationError("no target")
    selectors = target.get("selector", [])
    selectors = selectors if isinstance(selectors, list) else [selectors]
    quote = next(
        (s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), None
    )
    position = next(
        (s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"),
        None,
    )
    if quote is None or not isinstance(quote.get("exact"), str) or not quote["exact"]:
        raise AnnotationError("no TextQuoteSelector with an exact quote")
    found = data.get(EXTENSION)
    extension: dict[str, Any] = found if isinstance(found, dict) else {}
    article_id = extension.get("article_id") or ""
    source = target.get("source", "")
    if not article_id and isinstance(source, str) and source.startswith(ARTICLE_URN):
        article_id = source[len(ARTICLE_URN) :]
    if not isinstance(article_id, str) or not article_id:
        raise AnnotationError("no Broadsheet article id (broadsheet.article_id or an article urn)")
    start = position.get("start", -1) if position else -1
    end = position.get("end", -1) if position else -1
    if not (isinstance(start, int) and isinstance(end, int)):
        raise AnnotationError("TextPositionSelector start and end must be integers")
    note = ""
    tags: list[str] = []
    bodies = data.get("body", [])
    for body in bodies if isinstance(bodies, list) else [bodies]:
        if isinstance(body, dict) and isinstance(body.get("value"), str):
            if body.get("purpose") == "tagging":
                tags.append(body["value"])
            elif not note:
                note = body["value"]
    uid = data.get("id", "")
    uid = uid[len(UUID_URN) :] if isinstance(uid, str) and uid.startswith(UUID_URN) else ""
    return Bookmark(
        id=0,
        article_id=article_id,
        quote=quote["exact"],
        prefix=str(quote.get("prefix", "")),
        suffix=str(quote.get("suffix", "")),
        start=start,
        end=end,
        text_hash=str(extension.get("text_hash", "")),
        note=note,
        tags=tuple(dict.fromkeys(tags)),
        created=str(data.get("created", "")),
        updated=str(data.get("modified", "")),
        uid=uid,
    )


@dataclass
class AnnotationImport:
    """What an import did: counts and one line per annotation that could not be imported."""

    added: int = 0
    duplicates: int = 0
    without_article: int = 0
    errors: list[str] = field(default_factory=list)


def import_annotations(library: Library, raw: str, name: str = "input") -> AnnotationImport:
    """Add the bookmarks of a W3C annotation JSON document, skipping ones already here."""
    report = AnnotationImport()
    try:
        items = annotations_in(json.loads(raw))
    except (json.JSONDecodeError, AnnotationError) as exc:
        report.errors.append(f"{name}: not a Web Annotation JSON file ({exc})")
        return report
    present = set(library.clean_hashes())
    known = {(b.article_id, b.quote, b.start, b.end, b.note) for b in library.bookmarks()}
    for n, item in enumerate(items, start=1):
        try:
            b = from_annotation(item)
        except AnnotationError as exc:
            report.errors.append(f"{name}: annotation {n}: {exc}")
            continue
        if (b.uid and library.bookmark_by_uid(b.uid) is not None) or (
            b.article_id,
            b.quote,
            b.start,
            b.end,
            b.note,
        ) in known:
            report.duplicates += 1
            continue
        library.add_bookmark(
            b.article_id,
            b.quote,
            b.prefix,
            b.suffix,
            b.start,
            b.end,
            b.text_hash,
            note=b.note,
            tags=b.tags,
            uid=b.uid,
            created=b.created,
            updated=b.updated,
        )
        known.add((b.article_id, b.quote, b.start, b.end, b.note))
        report.added += 1
        if b.article_id not in present:
            report.without_article += 1
    return report
