"""Dates as people and feeds write them, to the ISO dates the library sorts and searches by.

ISO dates and RFC 822 dates (feeds, mail) are read by a fast path; anything else ("January 15,
2025", "15/01/2025", "3 mars 2024") goes to dateparser, the well-kept parser trafilatura already
installs. dateparser is imported only when the fast path fails: it costs a second to load.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_ANY_DIGIT = re.compile(r"\d")


def iso_date(value: object) -> str:
    """YYYY-MM-DD from a date in any common form; '' when it cannot be read as a date."""
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if not isinstance(value, str) or not value.strip():
        return ""
    text = " ".join(value.split())
    found = _ISO_DATE.match(text)
    if found:
        try:
            return date(int(found[1]), int(found[2]), int(found[3])).isoformat()
        except ValueError:
            return ""
    try:
        return parsedate_to_datetime(text).strftime("%Y-%m-%d")
    except (TypeError, ValueError, IndexError):
        pass
    return _parsed(text[:100])


@lru_cache(maxsize=2048)
def _parsed(text: str) -> str:
    # A date names a year: text without a digit ("today", "last week") is not one we store.
    if not _ANY_DIGIT.search(text):
        return ""
    import dateparser

    logging.getLogger("dateparser").setLevel(logging.CRITICAL)
    try:
        found = dateparser.parse(
            text,
            settings={
                "PREFER_DAY_OF_MONTH": "first",
                "RETURN_AS_TIMEZONE_AWARE": False,
                "REQUIRE_PARTS": ["year", "month"],
                "PARSERS": ["custom-formats", "absolute-time"],
            },
        )
    except Exception:  # dateparser raises assorted errors on odd input; unreadable is ''
        return ""
    return found.strftime("%Y-%m-%d") if found is not None else ""
