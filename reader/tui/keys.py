"""Every key of the reader in one table: it drives the bindings, Footer, help and palette.

Keys are remappable by binding id through the `[keymap]` table of the config file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class Key:
    """One user action: its binding id, default key, action, and words for people."""

    id: str
    key: str
    action: str
    description: str  # short, for the Footer
    help: str  # a sentence, for the help screen and the command palette
    scope: str  # "global", or the pane whose focus enables it
    show: bool = True


# fmt: off
KEYS: tuple[Key, ...] = (
    # id, keys, action, Footer word, help sentence, scope
    Key("search", "slash", "focus_search", "Search", "Jump to the search box and type a query.", "global"),
    Key("library", "l", "show_library", "List", "Move to the list of articles or results.", "global", show=False),
    Key("article", "a", "show_article", "Article", "Show the article pane with the open article.", "global", show=False),
    Key("compare", "c", "compare", "Compare", "Compare this article's story across outlets: coverage, disagreements, facts.", "global"),
    Key("bookmarks", "B", "show_bookmarks", "Bookmarks", "Open the bookmarks pane.", "global"),
    Key("stories", "S", "show_stories", "Stories", "List every story of the library with its outlets, date span and article count.", "global", show=False),
    Key("sort", "s", "cycle_sort", "Sort", "Sort results by relevance, newest or oldest.", "global"),
    Key("outlet-filter", "o", "pick_outlet", "Outlet", "Show only one outlet's results (with counts).", "global"),
    Key("save-search", "ctrl+s", "save_search", "Save search", "Save the current query; saved searches head the list.", "global", show=False),
    Key("import", "i", "import_news", "Import", "Import a file, folder or URL: text, HTML, feeds, OPML, JSON Lines (in the background).", "global"),
    Key("feeds", "F", "show_feeds", "Feeds", "Show subscriptions with last refresh, new articles and last error (a adds, r refreshes).", "global"),
    Key("refresh-feeds", "R", "refresh_feeds", "Refresh feeds", "Fetch new articles from every subscribed feed, in the background.", "global", show=False),
    Key("help", "question_mark", "help", "Help", "Show this help screen with every key.", "global"),
    Key("quit", "q", "app.quit", "Quit", "Quit Broadsheet (everything is already saved).", "global"),
    Key("history-back", "up", "history_back", "Earlier", "In the search box: the previous query from the history.", "search", show=False),
    Key("history-forward", "down", "history_forward", "Later", "In the search box: the next query from the history.", "search", show=False),
    Key("delete-saved-search", "x", "delete_saved_search", "Forget search", "Forget the highlighted saved search.", "list", show=False),
    Key("next-passage", "j,down", "next_passage", "Next", "Move the passage cursor to the next paragraph.", "article", show=False),
    Key("previous-passage", "k,up", "previous_passage", "Previous", "Move the passage cursor to the previous paragraph.", "article", show=False),
    Key("first-passage", "g,home", "first_passage", "First", "Move the passage cursor to the first paragraph.", "article", show=False),
    Key("last-passage", "G,end", "last_passage", "Last", "Move the passage cursor to the last paragraph.", "article", show=False),
    Key("next-sentence", "right,right_parenthesis", "next_sentence", "Sentence", "Move the cursor to the next sentence.", "article", show=False),
    Key("previous-sentence", "left,left_parenthesis", "previous_sentence", "Sentence back", "Move the cursor to the previous sentence.", "article", show=False),
    Key("extend-next-sentence", "shift+right", "extend_next_sentence", "Select sentence", "Extend the selection over the next sentence.", "article", show=False),
    Key("extend-previous-sentence", "shift+left", "extend_previous_sentence", "Select back", "Extend the selection back over the previous sentence.", "article", show=False),
    Key("extend-next-passage", "shift+down,J", "extend_next_passage", "Select paragraph", "Extend the selection over the next paragraph.", "article", show=False),
    Key("extend-previous-passage", "shift+up,K", "extend_previous_passage", "Select paragraph back", "Extend the selection back over the previous paragraph.", "article", show=False),
    Key("select", "v", "toggle_selection", "Select", "Start a selection at the cursor (moves then extend it); again to drop it.", "article"),
    Key("clear-selection", "escape", "clear_selection", "Clear selection", "Drop the selection (keyboard or mouse).", "article", show=False),
    Key("next-match", "n", "next_match", "Next match", "Move the cursor to the next passage matching the query.", "article", show=False),
    Key("previous-match", "N", "previous_match", "Previous match", "Move the cursor to the previous passage matching the query.", "article", show=False),
    Key("bookmark", "b", "bookmark", "Bookmark", "Bookmark the selection (or the sentence or paragraph under the cursor), with an optional note and tags.", "article"),
    Key("delete-bookmark", "d", "delete_bookmark", "Delete", "Delete the highlighted bookmark (u undoes it).", "bookmarks"),
    Key("edit-bookmark", "e", "edit_bookmark", "Edit", "Edit the note and tags of the highlighted bookmark.", "bookmarks"),
    Key("filter-bookmarks", "f", "filter_bookmarks", "Filter", "Filter bookmarks as you type: words of quote, note, tags, outlet; #tag for a tag.", "bookmarks"),
    Key("export-bookmarks", "x", "export_bookmarks", "Export", "Export the listed (filtered) bookmarks to Markdown or JSON.", "bookmarks"),
    Key("undo-delete", "u", "undo_delete", "Undo", "Bring back the bookmark deleted last.", "bookmarks"),
    Key("side-by-side", "v", "side_by_side", "Side by side", "Read the highlighted article (or the flag's two sides) in two columns, passages aligned.", "compare"),
    Key("show-hidden", "h", "toggle_hidden", "Hidden lines", "Show or hide the boilerplate lines the cleaner removed from these articles.", "compare"),
    Key("overview", "escape", "overview", "Overview", "Back to the story overview: coverage, disagreements and the facts grid.", "compare"),
    Key("all-stories", "a", "toggle_all_stories", "All / 2+ outlets", "Story list: every story, or only stories told by two outlets or more.", "stories"),
    Key("story-sort", "s", "cycle_story_sort", "Sort stories", "Story list: most outlets first, or most recent first.", "stories"),
    Key("find-stories", "f", "find_stories", "Find stories", "Story list: find stories by words of their headlines, as you type.", "stories"),
    Key("next-difference", "n", "next_difference", "Next difference", "Side by side: jump to the next unique passage or disagreement.", "side-by-side"),
    Key("previous-difference", "N", "previous_difference", "Previous difference", "Side by side: jump to the previous unique passage or disagreement.", "side-by-side"),
    Key("next-row", "j,down", "next_row", "Next row", "Side by side: move the cursor to the next row of passages.", "side-by-side", show=False),
    Key("previous-row", "k,up", "previous_row", "Previous row", "Side by side: move the cursor to the previous row of passages.", "side-by-side", show=False),
    Key("left-column", "left", "column(0)", "Left column", "Side by side: choose the passage in the left column.", "side-by-side", show=False),
    Key("right-column", "right", "column(1)", "Right column", "Side by side: choose the passage in the right column.", "side-by-side", show=False),
    Key("compare-bookmark", "b", "bookmark", "Bookmark passage", "Side by side: bookmark the chosen passage, with an optional note.", "side-by-side"),
    Key("bookmark-filter-to-list", "escape,down", "to_list", "List", "In the bookmark filter: back to the bookmarks.", "bookmark-filter", show=False),
    Key("close-feeds", "escape,F,q", "close", "Close", "Close the subscriptions screen.", "feeds"),
    Key("feeds-refresh", "r", "refresh", "Refresh all", "Fetch new articles from every subscription.", "feeds"),
    Key("feeds-add", "a", "add", "Add feed", "Subscribe to a feed URL.", "feeds"),
    Key("feeds-remove", "d", "remove", "Remove", "Unsubscribe from the highlighted feed (its articles stay).", "feeds"),
    Key("cancel-source", "escape", "cancel", "Cancel", "Close the import dialog without importing.", "dialogs"),
    Key("cancel-dialog", "escape", "cancel", "Cancel", "Close the bookmark dialog without saving.", "dialogs"),
    Key("cancel-export", "escape", "cancel", "Cancel", "Close the export dialog without writing.", "dialogs"),
    Key("cancel-outlet", "escape", "cancel", "Cancel", "Close the outlet picker, keeping the current filter.", "dialogs"),
    Key("close-help", "escape,question_mark,q", "close", "Close", "Close the help screen.", "help"),
)
# fmt: on


def bindings(scope: str, *ids: str) -> list[BindingType]:
    """The Textual bindings of one scope (only the given binding ids, when some are given)."""
    return [
        Binding(k.key, k.action, k.description, show=k.show, id=k.id, tooltip=k.help)
        for k in KEYS
        if k.scope == scope and (not ids or k.id in ids)
    ]


def load_keymap(path: Path) -> tuple[dict[str, str], list[str]]:
    """The `[keymap]` table of the config file (binding id -> keys) and any problems with it."""
    if not path.exists():
        return {}, []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, [f"config {path}: cannot read it ({exc}); using the default keys"]
    table = data.get("keymap", {})
    if not isinstance(table, dict):
        return {}, [f"config {path}: [keymap] must be a table; using the default keys"]
    known = {k.id for k in KEYS}
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in table.items():
        if binding_id not in known:
            problems.append(f"config {path}: unknown binding id {binding_id!r} in [keymap]")
        elif not isinstance(keys, str) or not keys.strip():
            problems.append(f"config {path}: keymap.{binding_id} must be a key name string")
        else:
            keymap[binding_id] = keys.strip()
    return keymap, problems


def display_keys(key: Key, keymap: dict[str, str]) -> str:
    """The keys of an action as a person reads them, after the user's keymap."""
    names = {
        "slash": "/",
        "question_mark": "?",
        "down": "↓",
        "up": "↑",
        "right": "→",
        "left": "←",
        "right_parenthesis": ")",
        "left_parenthesis": "(",
    }
    return " ".join(names.get(k, k) for k in keymap.get(key.id, key.key).split(","))
