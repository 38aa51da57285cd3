"""OPML subscription lists (as newsboat, NetNewsWire and Miniflux export them)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

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
