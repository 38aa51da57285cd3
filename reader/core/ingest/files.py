"""Reading local sources: Markdown/text (front matter optional), JSON Lines and JSON records.

Folders are walked recursively; a format is chosen by file suffix, else by sniffing the bytes.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from reader.core.corpus import parse_front_matter
from reader.core.ingest.items import Item
from reader.core.ingest.textio import DecodeError, decode, decode_entities, iso_date, plain_line
from reader.core.models import Article
from reader.core.text import derive_title

TEXT_SUFFIXES = {".md", ".markdown", ".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf", ".feed"}
RECORD_SUFFIXES = {".jsonl", ".ndjson", ".json"}
OPML_SUFFIXES = {".opml"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | RECORD_SUFFIXES | OPML_SUFFIXES
RECORD_FIELDS = ("title", "source", "published", "url", "language", "author")
# One record is one article: 4 million characters is a long book. A 50 MB line once took
# nearly 1 GB to parse; it is refused before parsing.
MAX_RECORD_CHARS = 4_000_000
TOO_DEEP = "JSON nested too deeply to be an article record"


def _too_big(size: int) -> str:
    return f"a record of {size:,} characters is over the {MAX_RECORD_CHARS:,} character limit"


def not_readable(path: Path, folder: Path | None = None) -> str:
    """Why a path must not be read as a file, or "": only regular files are read (a FIFO
    hangs, a device never ends), and inside a folder no symlink may lead out of it."""
    try:
        if folder is not None and path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(folder.resolve()):
                return "a symlink leading outside the folder, skipped"
        mode = path.stat().st_mode
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        return f"cannot read ({getattr(exc, 'strerror', None) or exc})"
    if not stat.S_ISREG(mode):
        return "not a regular file (a FIFO, device or socket), skipped"
    return ""


COMPRESSED_SUFFIXES = {".gz"}


def inner_suffix(path: Path) -> str:
    """The suffix that names the format: `.html` for page.html.gz, `.md` for note.md."""
    if path.suffix.lower() in COMPRESSED_SUFFIXES:
        return Path(path.stem).suffix
    return path.suffix


def _date_warning(raw: str, stored: str) -> str:
    if raw.strip() and not stored:
        return f"published date {raw.strip()[:40]!r} is not a date; stored as undated"
    return ""


def walk(folder: Path) -> Iterator[Path]:
    """The importable files under a folder, recursively, in name order; hidden ones left out."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and inner_suffix(path).lower() in KNOWN_SUFFIXES:
                yield path


_FEED_ROOT = re.compile(
    rb"^(?:\s+|<\?.*?\?>|<!--.*?-->|<!doctype[^>]*>)*<(?:rss|feed|rdf:rdf|[a-z]+:rdf)[\s>/]", re.S
)


def looks_like_feed(data: bytes) -> bool:
    """True when the document's first element is a feed's (rss, feed, RDF), whatever its name
    or Content-Type says: feeds are often saved as .html or served as text/html."""
    head = data[:4096].replace(b"\x00", b"").lstrip(b"\xef\xbb\xbf\xff\xfe").lower()
    return _FEED_ROOT.match(head) is not None


def sniff(data: bytes, suffix: str = "") -> str:
    """The format of a source: 'text', 'html', 'records', 'jsonfeed', 'feed' or 'opml'."""
    suffix = suffix.lower()
    if suffix in OPML_SUFFIXES:
        return "opml"
    if suffix in FEED_SUFFIXES:
        return "opml" if b"<opml" in data[:2048].lower() else "feed"
    if suffix in HTML_SUFFIXES | TEXT_SUFFIXES and looks_like_feed(data):
        return "feed"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = data[:2048].replace(b"\x00", b"").lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").lower()
    if suffix in RECORD_SUFFIXES or head[:1] in (b"{", b"["):
        marker = b"jsonfeed.org/version"
        return "jsonfeed" if marker in data[:4096] or marker in data[-4096:] else "records"
    if b"<opml" in head:
        return "opml"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if b"<html" in head or b"<!doctype html" in head or b"<body" in head:
        return "html"
    if head.startswith(b"<?xml"):
        return "feed"
    return "text"


def text_item(name: str, data: bytes, origin: str, stem: str) -> Item:
    """A Markdown or plain-text document as one article (front matter optional; `id:` kept)."""
    try:
        text = decode(data)
        fields, body = parse_front_matter(text.replace("\r\n", "\n"))
    except (DecodeError, ValueError) as exc:
        return Item(name, error=str(exc))
    if not body.strip():
        return Item(name, error="no article text")
    body = decode_entities(body)
    title = plain_line(fields.get("title", ""))
    derived = not title
    if derived:
        title = derive_title(body) or stem
    raw_date = fields.get("published", "") or fields.get("date", "")
    published = iso_date(raw_date)
    article = Article(
        id=fields.get("id", "").strip(),
        title=title,
        body=body,
        source=plain_line(fields.get("source", "")),
        published=published,
        url=fields.get("url", "").strip(),
        language=fields.get("language", "").strip(),
        author=plain_line(fields.get("author", "") or fields.get("byline", "")),
        title_derived=derived,
        origin=origin,
    )
    return Item(name, article, warning=_date_warning(raw_date, published))


def record_items(name: str, data: bytes, origin: str) -> list[Item]:
    """JSON Lines, or a JSON array (or single object) of article records."""
    try:
        text = decode(data)
    except DecodeError as exc:
        return [Item(name, error=str(exc))]
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("["):
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as exc:
            return [Item(name, error=f"not valid JSON ({exc.msg}, line {exc.lineno})")]
        except RecursionError:
            return [Item(name, error=TOO_DEEP)]
        return [
            record_item(f"{name} record {n}", record, f"{origin}#{n}")
            for n, record in enumerate(records, start=1)
        ]
    one_object = not stripped.startswith("[") and "\n" not in stripped.rstrip()
    if one_object and len(stripped.rstrip()) > MAX_RECORD_CHARS:  # one line, its newline or not
        return [Item(name, error=_too_big(len(stripped.rstrip())))]
    lines = stripped.splitlines()
    if len(lines) > 1 or not stripped.startswith("{"):
        return _json_lines(name, text, origin)
    try:
        record = json.loads(stripped)
    except json.JSONDecodeError as exc:
        return [Item(name, error=f"not valid JSON ({exc.msg}, line {exc.lineno})")]
    except RecursionError:
        return [Item(name, error=TOO_DEEP)]
    return [record_item(name, record, origin)]


def _json_lines(name: str, text: str, origin: str) -> list[Item]:
    items: list[Item] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label = f"{name} line {number}"
        if len(line) > MAX_RECORD_CHARS:
            items.append(Item(label, error=_too_big(len(line))))
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            items.append(Item(label, error=f"not valid JSON ({exc.msg})"))
            continue
        except RecursionError:
            items.append(Item(label, error=TOO_DEEP))
            continue
        items.append(record_item(label, record, f"{origin}#{number}"))
    return items


def record_item(name: str, record: object, origin: str) -> Item:
    """One record with id/title/source/published/url/body as an article (its id is kept)."""
    if not isinstance(record, dict):
        return Item(name, error="a record must be a JSON object with a 'body'")
    body = record.get("body", record.get("text"))
    if not isinstance(body, str) or not body.strip():
        return Item(name, error="no 'body' text")
    values: dict[str, str] = {}
    for key in ("id", *RECORD_FIELDS):
        value = record.get(key)
        if value is None:
            value = ""
        if isinstance(value, int | float) and key == "id":
            value = str(value)
        if not isinstance(value, str):
            return Item(name, error=f"field {key!r} must be text, not {type(value).__name__}")
        values[key] = value.strip()
    if any(c in values["id"] for c in "\n\r\t") or len(values["id"]) > 200:
        return Item(name, error="field 'id' must be one short line of text")
    title = plain_line(values["title"])
    body = decode_entities(body)
    derived = not title
    if derived:
        title = derive_title(body)
    published = iso_date(values["published"])
    article = Article(
        id=values["id"],
        title=title,
        body=body,
        source=plain_line(values["source"]),
        published=published,
        url=values["url"],
        language=values["language"],
        author=plain_line(values["author"]),
        title_derived=derived,
        origin=f"{origin}" if not values["id"] else f"{origin.split('#')[0]}#{values['id']}",
    )
    return Item(name, article, warning=_date_warning(values["published"], published))
