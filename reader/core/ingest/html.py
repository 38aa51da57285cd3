"""Web pages: main text, headline, outlet, author and date, with boilerplate left out.

trafilatura does the extraction (it is built and evaluated for exactly this job); it is
imported on first use so commands that never see HTML start quickly.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

from reader.core.ingest.items import Item
from reader.core.ingest.textio import DecodeError, decode, iso_date, paragraphs, plain_line
from reader.core.models import Article
from reader.core.text import derive_title


class ExtractError(ValueError):
    """A page with no article text to take."""


MAX_TAG_CHARS = 64 * 1024  # no real tag comes near; 200,000 attributes took minutes to parse
_GIANT_TAG = re.compile(f"<[^<>]{{{MAX_TAG_CHARS},}}")


def extract(html: str, url: str = "", origin: str = "") -> Article:
    """The article in an HTML page (id left '' for the importer to assign)."""
    try:
        import trafilatura
    except ImportError as exc:  # a broken install (issue #13): one line per page, no traceback
        raise ExtractError(f"the HTML extractor cannot load ({exc}); reinstall Broadsheet") from exc

    if _GIANT_TAG.search(html):
        raise ExtractError(f"a tag longer than {MAX_TAG_CHARS:,} characters (too many attributes)")
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url or None,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            deduplicate=False,
        )
    except Exception as exc:  # the extractor can raise on pathological markup
        raise ExtractError(f"the page could not be parsed ({type(exc).__name__})") from exc
    text = getattr(doc, "text", "") or "" if doc is not None else ""
    if not text.strip():
        raise ExtractError("no article text found in the page")
    body = paragraphs(text)
    title = plain_line(getattr(doc, "title", "") or "")
    derived = not title
    if derived:
        title = derive_title(body)
    page_url = getattr(doc, "url", "") or url
    source = plain_line(getattr(doc, "sitename", "") or "") or _host(page_url)
    return Article(
        id="",
        title=title,
        body=body,
        source=source,
        published=iso_date(getattr(doc, "date", "") or ""),
        url=page_url if page_url.startswith(("http://", "https://")) else "",
        language=getattr(doc, "language", "") or "",
        author=plain_line(getattr(doc, "author", "") or ""),
        title_derived=derived,
        origin=origin or page_url,
    )


def _host(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def html_item(name: str, data: bytes, url: str = "", origin: str = "", charset: str = "") -> Item:
    """A saved or fetched HTML page as one item."""
    try:
        text = decode(data, charset)
        return Item(name, extract(text, url, origin or url or name))
    except (DecodeError, ExtractError) as exc:
        return Item(name, error=str(exc))
