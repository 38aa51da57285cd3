"""The search history and saved searches."""

from __future__ import annotations

from reader.core.library.database import Database, utc_now

HISTORY_LIMIT = 200


class SearchHistory(Database):
    """Queries the user ran (the last HISTORY_LIMIT) and the ones they kept."""

    def remember_search(self, query: str) -> None:
        """Add a query to the history (most recent last; repeats move to the end)."""
        query = query.strip()
        if not query:
            return
        with self.transaction() as conn:
            conn.execute("DELETE FROM search_history WHERE query = ?", (query,))
            conn.execute(
                "INSERT INTO search_history (query, used_at) VALUES (?, ?)", (query, utc_now())
            )
            conn.execute(
                "DELETE FROM search_history WHERE id NOT IN "
                "(SELECT id FROM search_history ORDER BY id DESC LIMIT ?)",
                (HISTORY_LIMIT,),
            )

    def search_history(self) -> list[str]:
        """Past queries, oldest first."""
        return [r[0] for r in self.query("SELECT query FROM search_history ORDER BY id")]

    def save_search(self, query: str) -> bool:
        """Keep a query as a saved search; False if it was saved already."""
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO saved_searches (query, created) VALUES (?, ?)",
                (query.strip(), utc_now()),
            )
            return cursor.rowcount == 1

    def delete_saved_search(self, query: str) -> bool:
        """Forget a saved search."""
        with self.transaction() as conn:
            return (
                conn.execute("DELETE FROM saved_searches WHERE query = ?", (query,)).rowcount == 1
            )

    def saved_searches(self) -> list[str]:
        """Saved searches, in the order they were saved."""
        return [
            r[0] for r in self.query("SELECT query FROM saved_searches ORDER BY created, query")
        ]
