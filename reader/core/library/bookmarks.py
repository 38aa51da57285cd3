"""The bookmarks table and its re-anchoring cache (where each bookmark was last found)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from reader.core.library.database import Database, utc_now
from reader.core.library.rows import bookmark_from
from reader.core.models import Bookmark

# (bookmark id, text hash, status, start, end, method, similarity)
AnchorRow = tuple[int, str, str, int, int, str, float]


class BookmarkTable(Database):
    """Bookmarks: never rewritten by re-anchoring, only by the user's own edits."""

    def add_bookmark(
        self,
        article_id: str,
        quote: str,
        prefix: str,
        suffix: str,
        start: int,
        end: int,
        hash_of_text: str,
        note: str = "",
        tags: Iterable[str] = (),
        uid: str = "",
        created: str = "",
        updated: str = "",
    ) -> Bookmark:
        """Store a new bookmark and return it with its id (uid and times kept when given)."""
        now = utc_now()
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO bookmarks (article_id, quote, prefix, suffix, start, end, "
                "text_hash, note, tags, created, updated, uid) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    article_id,
                    quote,
                    prefix,
                    suffix,
                    start,
                    end,
                    hash_of_text,
                    note,
                    json.dumps(list(tags)),
                    created or now,
                    updated or created or now,
                    uid or _new_uid(),
                ),
            )
            new_id = cursor.lastrowid
        bookmark = self.get_bookmark(int(new_id or 0))
        assert bookmark is not None
        return bookmark

    def restore_bookmark(self, bookmark: Bookmark) -> None:
        """Put back a deleted bookmark exactly as it was (undo)."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO bookmarks (id, article_id, quote, prefix, suffix, start, "
                "end, text_hash, note, tags, created, updated, uid) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    bookmark.id,
                    bookmark.article_id,
                    bookmark.quote,
                    bookmark.prefix,
                    bookmark.suffix,
                    bookmark.start,
                    bookmark.end,
                    bookmark.text_hash,
                    bookmark.note,
                    json.dumps(list(bookmark.tags)),
                    bookmark.created,
                    bookmark.updated,
                    bookmark.uid or _new_uid(),
                ),
            )

    def update_bookmark(self, bookmark_id: int, note: str, tags: Iterable[str]) -> Bookmark | None:
        """Change a bookmark's note and tags."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE bookmarks SET note = ?, tags = ?, updated = ? WHERE id = ?",
                (note, json.dumps(list(tags)), utc_now(), bookmark_id),
            )
        return self.get_bookmark(bookmark_id)

    def delete_bookmark(self, bookmark_id: int) -> Bookmark | None:
        """Delete a bookmark and return what it was, for undo."""
        with self.transaction() as conn:
            row = conn.execute("SELECT * FROM bookmarks WHERE id = ?", (bookmark_id,)).fetchone()
            if row is None:
                return None
            conn.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,))
            conn.execute("DELETE FROM bookmark_anchors WHERE bookmark_id = ?", (bookmark_id,))
        return bookmark_from(row)

    def get_bookmark(self, bookmark_id: int) -> Bookmark | None:
        """One bookmark, or None."""
        rows = self.query("SELECT * FROM bookmarks WHERE id = ?", (bookmark_id,))
        return bookmark_from(rows[0]) if rows else None

    def bookmark_by_uid(self, uid: str) -> Bookmark | None:
        """The bookmark with this stable uid, or None."""
        rows = self.query("SELECT * FROM bookmarks WHERE uid = ?", (uid,))
        return bookmark_from(rows[0]) if rows else None

    def bookmarks(self, article_id: str | None = None) -> list[Bookmark]:
        """Bookmarks, newest first; all of them or one article's."""
        if article_id is None:
            rows = self.query("SELECT * FROM bookmarks ORDER BY created DESC, id DESC")
        else:
            rows = self.query(
                "SELECT * FROM bookmarks WHERE article_id = ? ORDER BY start, id", (article_id,)
            )
        return [bookmark_from(row) for row in rows]

    def stored_anchors(self) -> dict[int, tuple[str, str, int, int, str, float]]:
        """Bookmark id -> (text hash, status, start, end, method, similarity) last computed."""
        rows = self.query("SELECT * FROM bookmark_anchors")
        return {
            row["bookmark_id"]: (
                row["text_hash"],
                row["status"],
                row["start"],
                row["end"],
                row["method"],
                row["similarity"],
            )
            for row in rows
        }

    def store_anchors(self, found: Iterable[AnchorRow]) -> None:
        """Remember where bookmarks were found: (id, text hash, status, start, end, method, sim)."""
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO bookmark_anchors (bookmark_id, text_hash, status, start, "
                "end, method, similarity) SELECT ?, ?, ?, ?, ?, ?, ? "
                "WHERE EXISTS (SELECT 1 FROM bookmarks WHERE id = ?)",
                [(*row, row[0]) for row in found],
            )


def _new_uid() -> str:
    """A random id for a bookmark (uuid is imported here: a cold command rarely needs it)."""
    import uuid

    return uuid.uuid4().hex
