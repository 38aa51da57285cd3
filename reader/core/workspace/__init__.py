"""The Workspace: the one door the CLI and the TUI use. Every user action is one of its methods.

It is cut by capability, each a mixin over the one before: `base` (opening the library and its
index, the sample corpus, reading articles), `searching`, `stories`, `bookmarks` and `news`
(imports, feeds, read state, removal, exports).
"""

from typing import TYPE_CHECKING, Any

from reader.core.models import STORY_SORTS, StoryRow
from reader.core.workspace.base import SAMPLE_LOADED, IndexUnavailable, NotFound
from reader.core.workspace.news import NewsDoor

if TYPE_CHECKING:
    from reader.core.ingest.items import PageError


class Workspace(NewsDoor):
    """The library, its index and the operations a user can perform on them."""


def __getattr__(name: str) -> Any:
    # PageError is the ingest package's: it is loaded when first asked for, so a command
    # that brings no news in (search, show, list) does not load the ingest package.
    if name == "PageError":
        from reader.core.ingest.items import PageError

        return PageError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "SAMPLE_LOADED",
    "STORY_SORTS",
    "IndexUnavailable",
    "NotFound",
    "PageError",
    "StoryRow",
    "Workspace",
]
