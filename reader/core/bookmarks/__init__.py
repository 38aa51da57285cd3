"""Bookmarks: passages with notes and tags, found again when their article's text changes.

`anchors` (quote + context, re-anchoring), `entries` (bookmarks as a reader sees them, with
where they are now), `annotations` (W3C Web Annotation JSON out and in) and `markdown`.
The rows themselves live in reader.core.library.
"""

from reader.core.bookmarks.anchors import Located, locate, make_anchor
from reader.core.bookmarks.entries import BookmarkEntry, QuoteNotFound

__all__ = ["BookmarkEntry", "Located", "QuoteNotFound", "locate", "make_anchor"]
