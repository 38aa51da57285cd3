"""OPML subscription lists (as newsboat, NetNewsWire and Miniflux export them): read, and
written by `broadsheet feeds export`."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import UTC, datetime

from reader.core.ingest.items import Item, Subscription
from reader.core.ingest.textio import DecodeError, decode


def read_opml(name: str, data: bytes) -> list[Item | Subscription]:
    """Every outline with a feed URL, as a subscription; or why the list cannot be read."""
    try:
        text = decode(data)
    except DecodeError as exc:
        return [Item(name, error=str(exc))]
    if "<!ENTITY" in text:
        return [Item(name, error="OPML with entity declarations is refused")]
    try:
        root = ET.fromstring(text.lstrip("\ufeff").encode("utf-8"))
    except ET.ParseError as exc:
        return [Item(name, error=f"not well-formed OPML ({exc})")]
    if root.tag.lower() != "opml":
        return [Item(name, error=f"not an OPML document (root element <{root.tag}>)")]
    found: list[Item | Subscription] = []
    seen: set[str] = set()
    for outline in root.iter("outline"):
        attrs = {k.lower(): v for k, v in outline.attrib.items()}
        url = (attrs.get("xmlurl") or "").strip()
        if not url or url in seen:
            continue
        seen.add(url)
        title = (attrs.get("title") or attrs.get("text") or "").strip()
        found.append(Subscription(f"{name}: {url}", url, title))
    if not found:
        return [Item(name, error="no feed subscriptions (no outline with an xmlUrl)")]
    return found


def feeds_opml(feeds: Iterable[tuple[str, str]], title: str = "Broadsheet subscriptions") -> str:
    """(url, title) subscriptions as an OPML 2.0 document newsboat, NetNewsWire and Miniflux
    import (and `broadsheet import` reads back)."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = datetime.now(UTC).strftime(
        "%a, %d %b %Y %H:%M:%S +0000"
    )
    body = ET.SubElement(root, "body")
    for url, name in feeds:
        ET.SubElement(body, "outline", type="rss", text=name or url, title=name or url, xmlUrl=url)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
