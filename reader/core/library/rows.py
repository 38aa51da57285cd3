"""Rows of the library's tables turned into the core's value objects."""

from __future__ import annotations

import json
import sqlite3

from reader.core.models import Article, ArticleSummary, Bookmark

SUMMARY_COLUMNS = "id, title, source, published, word_count, title_derived"


def article_from(row: sqlite3.Row) -> Article:
    """An article row (every column) as an Article."""
    return Article(
        id=row["id"],
        title=row["title"],
        body=row["body"],
        source=row["source"],
        published=row["published"],
        url=row["url"],
        language=row["language"],
        author=row["author"],
        title_derived=bool(row["title_derived"]),
        origin=row["origin"],
    )


def summary_from(row: sqlite3.Row) -> ArticleSummary:
    """A row of SUMMARY_COLUMNS as a list row."""
    return ArticleSummary(
        id=row["id"],
        title=row["title"],
        source=row["source"],
        published=row["published"],
        word_count=row["word_count"],
        title_derived=bool(row["title_derived"]),
    )


def bookmark_from(row: sqlite3.Row) -> Bookmark:
    """A bookmark row as a Bookmark."""
    return Bookmark(
        id=row["id"],
        article_id=row["article_id"],
        quote=row["quote"],
        prefix=row["prefix"],
        suffix=row["suffix"],
        start=row["start"],
        end=row["end"],
        text_hash=row["text_hash"],
        note=row["note"],
        tags=tuple(json.loads(row["tags"])),
        created=row["created"],
        updated=row["updated"],
        uid=row["uid"] or "",
    )
