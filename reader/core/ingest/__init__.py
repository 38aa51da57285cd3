"""Ingest: outside news into the library: files, web pages, feeds and subscription lists.

`files` and `textio` (reading and decoding), `html` (main-text extraction), `feeds` and
`opml`, `fetch` (http with limits), `items` (what one import did), `importer` (dedup and
storing) and `jobs` (an import or a feed refresh, start to end). Feed subscriptions, read
state and dedup keys are tables of reader.core.library.
"""
