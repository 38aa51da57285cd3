"""Bookmarks out and back in: Markdown for people, W3C Web Annotation JSON for tools.

Files are written through a temporary file in the same directory and renamed over the
target, so a crash leaves the previous file or the new one, never a torn one. Text is
exported verbatim: markup-like brackets and control characters are data, not formatting.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.core.anchors import Located
from reader.core.models import Bookmark, outlet_name

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
ARTICLE_URN = "urn:broadsheet:article:"
UUID_URN = "urn:uuid:"
EXTENSION = "broadsheet"  # our own fields ride along under this key


@dataclass(frozen=True)
class BookmarkEntry:
    """A bookmark with what a reader needs next to it: its article and where it is now."""

    bookmark: Bookmark
    headline: str
    outlet: str
    published: str
    url: str
    article_present: bool
    located: Located


def write_atomic(path: Path, text: str) -> None:
    """Write text to path via a temporary file and a rename: old file or new, never torn."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# -- Markdown -------------------------------------------------------------------------------


def _blockquote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


def to_markdown(entries: list[BookmarkEntry], exported_at: str = "") -> str:
    """Bookmarks as Markdown: a section per bookmark, the quote as a blockquote."""
    lines = ["# Broadsheet bookmarks", ""]
    count = f"{len(entries)} bookmark{'s' if len(entries) != 1 else ''}"
    lines += [f"{count}" + (f", exported {exported_at}" if exported_at else "") + ".", ""]
    for entry in entries:
        b = entry.bookmark
        lines.append(f"## {entry.headline or 'article ' + b.article_id}")
        lines.append("")
        lines.append(_blockquote(b.quote))
        lines.append("")
        if b.note:
            lines.append(f"Note: {b.note}")
        if b.tags:
            lines.append("Tags: " + ", ".join(b.tags))
        lines.append(f"Outlet: {outlet_name(entry.outlet)}")
        lines.append(f"Date: {entry.published or 'undated'}")
        if entry.url:
            lines.append(f"URL: {entry.url}")
        lines.append(f"Article id: {b.article_id}")
        lines.append(f"Bookmarked: {b.created}")
        if entry.located.status != "exact":
            lines.append(f"Anchor: {status_line(entry)}")
        lines.append("")
    return "\n".join(lines)


def status_line(entry: BookmarkEntry) -> str:
    """The anchor status in words, for people."""
    where = entry.located
    if where.status == "exact":
        return "found exactly"
    if where.status == "moved":
        return (
            f"moved: the article changed; a close match ({where.similarity:.0%} similar) "
            "is highlighted, the stored quote is kept"
        )
    if not entry.article_present:
        return "orphaned: the article is not in the library; the stored quote is kept"
    if where.method == "ambiguous":
        return "orphaned: the quote fits more than one place equally; the stored quote is kept"
    return "orphaned: the passage is no longer in the article; the stored quote is kept"


# -- W3C Web Annotation JSON ----------------------------------------------------------------


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
