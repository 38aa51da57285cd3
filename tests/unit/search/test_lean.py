"""A cold command imports Whoosh without urllib.request and asyncio, and loses nothing."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
import reader.core.search.index
print("asyncio" in sys.modules, "urllib.request" in sys.modules)
import asyncio
import urllib.request
print(hasattr(urllib.request, "urlopen"), asyncio.run(asyncio.sleep(0, "ran")))
from whoosh.reading import SegmentReader
from reader.core.search.lean import import_whoosh_lean
import_whoosh_lean()  # again: nothing to do
print("asyncio" in sys.modules and sys.modules["asyncio"] is asyncio)
"""


def test_whoosh_is_imported_without_asyncio_and_urllib_request_which_still_work() -> None:
    run = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    assert run.stdout.split("\n")[:3] == ["False False", "True ran", "True"]


MORPHOLOGY = """
import sys
import reader.core.search.index
from whoosh.query import Variations, terms
print(getattr(sys.modules["whoosh.lang.morph_en"], "__stand_in__", False))
print(sorted(terms.variations("rendering"))[:2])
from whoosh.lang import morph_en
print(getattr(morph_en, "__stand_in__", False), hasattr(morph_en, "variations"))
"""


def test_whoosh_morphology_is_loaded_only_when_a_query_needs_it() -> None:
    run = subprocess.run(
        [sys.executable, "-c", MORPHOLOGY], capture_output=True, text=True, check=True
    )
    assert run.stdout.split("\n")[:3] == ["True", "['render', 'rendering']", "False True"]
