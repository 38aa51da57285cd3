"""Bytes to text for import: size limit, binary and empty checks, declared or detected encoding.

Also small helpers shared by the format readers: HTML fragments to paragraphs, dates to ISO.
"""

from __future__ import annotations

import codecs
import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser

MAX_SOURCE_BYTES = 64 * 1024 * 1024  # 64 MiB per file: the 45 MB news JSONL fits, a video does not

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


class DecodeError(ValueError):
    """Bytes that are not usable text; the message says why."""


def size_error(size: int, limit: int | None = None) -> str:
    """The reason a source of `size` bytes is refused, or '' when it is within the limit."""
    limit = MAX_SOURCE_BYTES if limit is None else limit
    if size <= limit:
        return ""
    stated = f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit:,} byte"
    return f"{size:,} bytes is over the {stated} import limit"


def declared_encoding(data: bytes) -> str:
    """The encoding an HTML <meta charset> or an <?xml encoding?> declares, or ''."""
    head = data[:4096]
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return found.group(1).decode("ascii") if found else ""


def decode(data: bytes, declared: str = "") -> str:
    """Text from bytes: a BOM, else UTF-8, else the declared encoding, else a detected one."""
    if not data.strip():
        raise DecodeError("empty file" if not data else "only white space, no text")
    with_bom = _decode_bom(data)
    if with_bom is not None:
        return with_bom
    if b"\x00" in data[:8192]:
        raise DecodeError("binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    for encoding in (declared, declared_encoding(data)):
        if encoding and encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
            try:
                return data.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                pass
    detected = _decode_detected(data)
    if detected is not None:
        return detected
    raise DecodeError(
        f"not UTF-8 (bad byte at {first_bad}) and no declared or detectable encoding fits"
    )


def _decode_bom(data: bytes) -> str | None:
    """The text of data that starts with a byte-order mark, or None when it has none."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"broken {encoding} text (byte {exc.start})") from exc
    return None


def _decode_detected(data: bytes) -> str | None:
    """The text in the encoding charset-normalizer detects, when it reads as text."""
    from charset_normalizer import from_bytes  # imported late: only non-UTF-8 input needs it

    best = from_bytes(data[: 512 * 1024]).best()
    # UTF-16/32 without a BOM would have NUL bytes (refused above); a guess of it is noise.
    if best is None or not best.encoding or best.encoding.startswith(("utf_16", "utf_32")):
        return None
    try:
        text = data.decode(best.encoding)
    except (LookupError, UnicodeDecodeError):
        return None
    return text if text and _looks_like_text(text) else None


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\r\n\t\f")
    return controls <= len(sample) // 100


_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "pre", "tr", "table", "section", "article", "header", "footer", "figure", "figcaption",
    "dd", "dt", "hr",
}  # fmt: skip
_SKIP = {"script", "style", "iframe", "object", "embed", "noscript", "template", "svg"}


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.skipping = 0

    def end_paragraph(self) -> None:
        """Close the paragraph being collected (at a block tag, and at the end)."""
        text = " ".join("".join(self.current).split())
        if text:
            self.paragraphs.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.end_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.end_paragraph()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data)


def html_to_text(fragment: str) -> str:
    """Paragraphs of an HTML fragment (a feed entry's content), separated by blank lines."""
    if "<" not in fragment:
        return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", fragment) if p.strip())
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    parser.end_paragraph()
    return "\n\n".join(parser.paragraphs)


def plain_line(text: str) -> str:
    """One line of plain text from a title that may carry tags or entities."""
    return (
        " ".join(html_to_text(text).split())
        if "<" in text or "&" in text
        else " ".join(text.split())
    )


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def iso_date(value: object) -> str:
    """YYYY-MM-DD from an ISO date/time, an RFC 822 date or a datetime; '' when unreadable."""
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if not isinstance(value, str) or not value.strip():
        return ""
    text = value.strip()
    found = _ISO_DATE.match(text)
    if found:
        try:
            return date(int(found[1]), int(found[2]), int(found[3])).isoformat()
        except ValueError:
            return ""
    try:
        return parsedate_to_datetime(text).strftime("%Y-%m-%d")
    except (TypeError, ValueError, IndexError):
        return ""


def paragraphs(text: str) -> str:
    """Text whose lines are paragraphs (as extractors give them) with blank lines between."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)
