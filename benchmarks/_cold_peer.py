"""A peer engine's answer to one query in a new process, as a one-shot script would give it:
open the index, count the hits, take the top 20 with a snippet each, print them as JSON.

    python benchmarks/_cold_peer.py tantivy DIR 'white house'
    python benchmarks/_cold_peer.py fts5 FILE 'white house'

The words of the query are all required, as in Broadsheet's `search 'white house'`. The index
is the one benchmarks/_peers.py built for the same articles. Only what the engine needs is
imported: this is what a cold command costs with that engine (benchmarks/_cold.py).
"""

from __future__ import annotations

import json
import sys


def tantivy_answer(directory: str, words: list[str]) -> dict[str, object]:
    import tantivy

    index = tantivy.Index.open(directory)
    searcher = index.searcher()
    query = index.parse_query(" ".join(f"+{w}" for w in words), ["title", "body"])
    result = searcher.search(query, 20, count=True)
    snippets = tantivy.SnippetGenerator.create(searcher, query, index.schema, "body")
    hits = []
    for _, address in result.hits:
        doc = searcher.doc(address)
        hits.append({"title": doc["title"][0], "snippet": snippets.snippet_from_doc(doc).to_html()})
    return {"total": result.count, "hits": hits}


def fts5_answer(path: str, words: list[str]) -> dict[str, object]:
    import sqlite3

    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    match = " AND ".join(f'"{w}"' for w in words)
    total = connection.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", [match]).fetchone()
    rows = connection.execute(
        "SELECT title, snippet(docs, 1, '[', ']', '…', 24) FROM docs WHERE docs MATCH ? "
        "ORDER BY bm25(docs, 2.5, 1.0, 0.0) LIMIT 20",
        [match],
    ).fetchall()
    connection.close()
    return {"total": total[0], "hits": [{"title": t, "snippet": s} for t, s in rows]}


def main() -> None:
    engine, location, query = sys.argv[1:4]
    answer = {"tantivy": tantivy_answer, "fts5": fts5_answer}[engine]
    json.dump(answer(location, query.split()), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
