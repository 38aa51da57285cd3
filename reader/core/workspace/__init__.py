"""The Workspace: the one door the CLI and the TUI use. Every user action is one of its methods.

It is cut by capability, each a mixin over the one before: `base` (opening the library and its
index, the sample corpus, reading articles), `searching`, `stories`, `bookmarks` and `news`
(imports, feeds, read state, removal, exports).
"""

from reader.core.ingest.items import PageError
from reader.core.models import STORY_SORTS, StoryRow
from reader.core.workspace.base import SAMPLE_LOADED, IndexUnavailable, NotFound
from reader.core.workspace.news import NewsDoor


class Workspace(NewsDoor):
    """The library, its index and the operations a user can perform on them."""


__all__ = [
    "SAMPLE_LOADED",
    "STORY_SORTS",
    "IndexUnavailable",
    "NotFound",
    "PageError",
    "StoryRow",
    "Workspace",
]
