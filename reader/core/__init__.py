"""The domain of Broadsheet: no textual, no rich (tests/unit/test_import_hygiene.py enforces it)."""

from reader.core.lean import import_whoosh_lean

import_whoosh_lean()  # before any module of the core imports Whoosh
