"""The domain of Broadsheet: no textual, no rich (tests/unit/test_import_hygiene.py enforces it)."""
