"""Bookmarks as a reader sees them: where each one is now, filtering, adding by quote, import.

Where a bookmark sits in its article's current clean text is derived data: it is computed by
`anchors.locate` and remembered per clean-text hash in the library, so a changed article
re-anchors its bookmarks the next time they are listed, whoever changed it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from reader.core.bookmarks.anchors import Located, fold_quote, locate, occurrences
from reader.core.library import Library
from reader.core.models import Article, Block, Bookmark, CleanArticle
from reader.core.text import blocks, clean


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


NO_ARTICLE = Located("orphaned", method="no article")


def entries(library: Library, bookmarks: Iterable[Bookmark] | None = None) -> list[BookmarkEntry]:
    """Bookmarks (all, newest first, unless given) with article details and current anchors."""
    chosen = list(library.bookmarks() if bookmarks is None else bookmarks)
    hashes = library.clean_hashes({b.article_id for b in chosen})
    stored = library.stored_anchors()
    articles = {a.id: a for a in library.get_articles({b.article_id for b in chosen})}
    texts: dict[str, str] = {}
    found: list[tuple[int, str, str, int, int, str, float]] = []
    result: list[BookmarkEntry] = []
    for b in chosen:
        article = articles.get(b.article_id)
        if article is None:
            located = NO_ARTICLE
        elif b.id in stored and stored[b.id][0] == hashes[b.article_id]:
            _, status, start, end, method, sim = stored[b.id]
            located = Located(status, start, end, method, sim)
        else:
            text = texts.get(b.article_id)
            if text is None:
                text = texts[b.article_id] = clean(article).text
            located = locate(b, text)
            found.append(
                (
                    b.id,
                    hashes[b.article_id],
                    located.status,
                    located.start,
                    located.end,
                    located.method,
                    located.similarity,
                )
            )
        result.append(
            BookmarkEntry(
                bookmark=b,
                headline=article.title if article else "",
                outlet=article.source if article else "",
                published=article.published if article else "",
                url=article.url if article else "",
                article_present=article is not None,
                located=located,
            )
        )
    if found:
        library.store_anchors(found)
    return result


def matches(entry: BookmarkEntry, query: str) -> bool:
    """True when every word of the query is in the quote, note, tags, outlet or headline.

    A word starting with # must be one of the tags exactly (case aside).
    """
    b = entry.bookmark
    tags = [t.casefold() for t in b.tags]
    haystack = fold_quote(" ".join([b.quote, b.note, *b.tags, entry.outlet, entry.headline])).text
    for word in query.split():
        if word.startswith("#") and len(word) > 1:
            if word[1:].casefold() not in tags:
                return False
        elif fold_quote(word).text not in haystack:
            return False
    return True


def filtered(all_entries: list[BookmarkEntry], query: str) -> list[BookmarkEntry]:
    """The entries matching a filter (all of them for an empty filter)."""
    return [e for e in all_entries if matches(e, query)] if query.strip() else list(all_entries)


class QuoteNotFound(LookupError):
    """A quote given on the command line that is not (uniquely) in the article."""


def find_quote(text: str, quote: str) -> tuple[int, int]:
    """Where a typed quote is in the clean text: exactly, or with spaces and quote marks folded."""
    if not quote.strip():
        raise QuoteNotFound("the quote is empty")
    spans = occurrences(text, quote)
    if not spans:
        folded, wanted = fold_quote(text), fold_quote(quote).text.strip()
        position = folded.text.find(wanted)
        while position != -1:
            spans.append(folded.original(position, position + len(wanted)))
            position = folded.text.find(wanted, position + 1)
    if not spans:
        raise QuoteNotFound("the quote does not occur in the article's text")
    if len(spans) > 1:
        raise QuoteNotFound(
            f"the quote occurs {len(spans)} times in the article; quote more words to say which"
        )
    return spans[0]


@lru_cache(maxsize=8)
def _layout(article: Article) -> tuple[CleanArticle, list[Block]]:
    """The clean view and the visible blocks it was made of, in the same order."""
    shown = [b for b in blocks(article.body, article.title) if not b.boilerplate]
    return clean(article), [b for b in shown if b.kind != "headline"]


def clean_span(article: Article, raw_start: int, raw_end: int) -> tuple[int, int] | None:
    """The clean-text span showing body[raw_start:raw_end], or None when it is not shown as is.

    Offsets into the original body (as importers and annotated corpora give them) become
    offsets into the clean text that bookmarks anchor to. Passages hidden as boilerplate, the
    headline, text altered by cleaning and spans whose clean text reads differently (across
    paragraphs joined otherwise) have no faithful clean span and give None.
    """
    view, visible = _layout(article)
    if len(visible) != len(view.passages):
        return None

    def place(offset: int, is_end: bool) -> int | None:
        for block, passage in zip(visible, view.passages, strict=True):
            raw = article.body[block.raw_start : block.raw_end]
            lead = len(raw) - len(raw.lstrip())
            first = block.raw_start + lead
            if passage.text != raw.strip():
                continue  # cleaning changed this block's text: offsets do not carry over
            inside = first <= offset < first + len(passage.text) or (
                is_end and offset == first + len(passage.text)
            )
            if inside:
                return passage.start + offset - first
        return None

    start, end = place(raw_start, False), place(raw_end, True)
    if start is None or end is None or end <= start:
        return None
    if view.text[start:end] != article.body[raw_start:raw_end]:
        return None
    return start, end


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
