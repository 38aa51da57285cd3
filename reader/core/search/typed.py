"""Reading a query while it is typed: the word being typed is a prefix.

Apart from reader.core.search.query (which needs Whoosh) so that the reader's first screen
can take keys before the search engine is imported.
"""

from __future__ import annotations

import re

OPERATOR = re.compile(r"^(?:AND|OR|NOT|ANDNOT|ANDMAYBE)$")
_TYPED_WORD = re.compile(r"(?:^|[\s:(+\-])([^\W\d_]{3,})$")


def as_typed(text: str) -> str:
    """The query a person is typing, with the word being typed read as a prefix.

    `immigra` finds "immigration" while it is typed. Only a plain word of 3 or more letters
    at the very end counts: a space after it says the word is done, and a phrase, an operator,
    a pattern or a shorter beginning (which would stand for hundreds of words) is left as is.
    """
    stripped = text.strip()
    if text != text.rstrip() or text.count('"') % 2:
        return stripped
    match = _TYPED_WORD.search(stripped)
    if match is None or OPERATOR.match(match.group(1)):
        return stripped
    return stripped + "*"
