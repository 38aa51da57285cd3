"""Every key of the reader in one table: it drives the bindings, Footer, help and palette.

Keys are remappable by binding id through the `[keymap]` table of the config file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding, BindingType
from textual.widget import Widget

from reader.tui import settings


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
    # Handled as it comes in, before the keys after it are routed (see take_keys).
    priority: bool = False


# fmt: off
KEYS: tuple[Key, ...] = (
    # id, keys, action, Footer word, help sentence, scope
    Key("help", "question_mark,f1", "help", "Help", "Show this help screen with every key.", "global"),
    Key("quit", "q,ctrl+q", "app.quit", "Quit", "Quit Broadsheet (everything is already saved).", "global"),
    Key("search", "slash", "focus_search", "Search", "Jump to the search box and type a query.", "global", priority=True),
    Key("library", "l", "show_library", "List", "Move to the list of articles or results.", "global", show=False),
    Key("article", "a", "show_article", "Article", "Show the article pane with the open article.", "global", show=False),
    Key("compare", "c", "compare", "Compare", "Compare this article's story across outlets: coverage, disagreements, facts.", "global"),
    Key("bookmarks", "B", "show_bookmarks", "Bookmarks", "Open the bookmarks pane.", "global"),
    Key("feeds", "F", "show_feeds", "Feeds", "Show subscriptions with last refresh, new articles and last error (a adds, r refreshes).", "global"),
    Key("zoom", "z", "toggle_zoom", "Zoom", "Hide the list so the article or comparison uses the whole width; again to bring it back.", "global"),
    Key("open-url", "o", "open_url", "Open", "Open the article's web address in the browser (the open article, else the highlighted one).", "global", show=False),
    Key("stories", "S", "show_stories", "Stories", "List every story of the library with its outlets, date span and article count.", "global", show=False),
    Key("sort", "s", "cycle_sort", "Sort", "Sort results by relevance, newest or oldest.", "global"),
    Key("outlet-filter", "O", "pick_outlet", "Outlet", "Show only one outlet's results (with counts).", "global"),
    Key("toggle-read", "m", "toggle_read", "Read/unread", "Mark the open (or highlighted) article read, or unread again.", "global", show=False),
    Key("mark-all-read", "M", "mark_all_read", "Mark all read", "Mark every listed article read (the list, one feed, or the hits).", "global", show=False),
    Key("unread-only", "U", "toggle_unread_only", "Unread only", "List only the articles not read yet; again to list all.", "global", show=False),
    Key("feed-articles", "L", "pick_feed", "One feed", "List one subscription's articles (pick the feed); all articles again from the top row.", "global", show=False),
    Key("save-search", "ctrl+s", "save_search", "Save search", "Save the current query; saved searches head the list.", "global", show=False),
    Key("import", "i", "import_news", "Import", "Import a file, folder or URL: text, HTML, feeds, OPML, JSON Lines (in the background).", "global"),
    Key("refresh-feeds", "R", "refresh_feeds", "Refresh feeds", "Fetch new articles from every subscribed feed, in the background.", "global", show=False),
    Key("auto-refresh", "A", "toggle_auto_refresh", "Auto refresh", "Turn the automatic feed refresh on or off (every refresh_interval minutes of the config; 30 when it sets none).", "global", show=False),
    Key("remove-article", "D", "remove_article", "Remove", "Remove the open (or highlighted) article from the library; its bookmarks are kept, orphaned (ctrl+z undoes it).", "global", show=False),
    Key("undo-remove", "ctrl+z", "undo_remove", "Undo remove", "Bring back the articles removed last, with the same ids (bookmarks re-attach).", "global", show=False),
    Key("remove-samples", "X", "remove_samples", "Remove samples", "Remove the five bundled sample articles in one step (ctrl+z undoes it).", "global", show=False),
    Key("import-failures", "E", "show_failures", "Failures", "List every failure and warning of the last import or feed refresh.", "global", show=False),
    Key("search-submit", "enter", "screen.submit_search", "Search", "In the search box: search the query as written (its last word whole) and move to the results.", "search", show=False, priority=True),
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
    Key("fetch-text", "t", "fetch_text", "Fetch text", "Headline-only article: fetch its full text from its page (time-out and size limits as for imports).", "article", show=False),
    Key("article-hidden", "h", "toggle_hidden", "Hidden lines", "Show or hide the boilerplate lines the cleaner removed from this article.", "article", show=False),
    Key("copy", "y", "copy", "Copy", "Copy the selection (or the sentence or paragraph under the cursor) to the clipboard.", "article", show=False),
    Key("export-article", "x", "export_article", "Export", "Save this article as Markdown (a file name is asked).", "article", show=False),
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
    Key("close-failures", "escape,q,E", "close", "Close", "Close the list of failures and warnings.", "failures"),
    Key("cancel-source", "escape", "cancel", "Cancel", "Close the import dialog without importing.", "dialogs"),
    Key("cancel-dialog", "escape", "cancel", "Cancel", "Close the bookmark dialog without saving.", "dialogs"),
    Key("cancel-export", "escape", "cancel", "Cancel", "Close the export dialog without writing.", "dialogs"),
    Key("cancel-outlet", "escape", "cancel", "Cancel", "Close the outlet picker, keeping the current filter.", "dialogs"),
    Key("cancel-path", "escape", "cancel", "Cancel", "Close the save-article dialog without writing.", "dialogs"),
    Key("cancel-feed", "escape", "cancel", "Cancel", "Close the feed picker, keeping the listing as it is.", "dialogs"),
    Key("close-help", "escape,question_mark,q,f1", "close", "Close", "Close the help screen.", "help"),
)
# fmt: on


def key_by_id(binding_id: str) -> Key:
    """The key of a binding id (KeyError for an unknown one)."""
    for key in KEYS:
        if key.id == binding_id:
            return key
    raise KeyError(binding_id)


def bindings(scope: str, *ids: str) -> list[BindingType]:
    """The Textual bindings of one scope (only the given binding ids, when some are given)."""
    return [
        Binding(
            k.key,
            k.action,
            k.description,
            show=k.show,
            id=k.id,
            tooltip=k.help,
            priority=k.priority,
        )
        for k in KEYS
        if k.scope == scope and (not ids or k.id in ids)
    ]


BINDING_IDS = {k.id for k in KEYS}


def load_keymap(path: Path) -> tuple[dict[str, str], list[str]]:
    """The `[keymap]` table of the config file (binding id -> keys) and any problems with it,
    key conflicts included."""
    loaded = settings.load(path, BINDING_IDS)
    return loaded.keymap, loaded.problems + conflicts(loaded.keymap)


def keys_of(key: Key, keymap: dict[str, str]) -> list[str]:
    """The key names of an action after the user's keymap."""
    return [k.strip() for k in keymap.get(key.id, key.key).split(",") if k.strip()]


# Scopes whose keys share the main screen with the global keys (dialogs, the feeds view and the
# help are screens of their own: the main screen's keys do not reach through them).
MAIN_SCREEN_SCOPES = frozenset(
    {
        "global",
        "search",
        "list",
        "article",
        "bookmarks",
        "bookmark-filter",
        "compare",
        "side-by-side",
    }
)


def conflicts(keymap: dict[str, str]) -> list[str]:
    """Keys bound twice where both would be live: in one pane (or screen), or in a pane of the
    main screen and anywhere (the pane's binding wins while it has the focus, so the other
    action is lost there). The dialogs are separate screens, so they are checked one by one."""
    found: list[str] = []
    owners: dict[tuple[str, str], Key] = {}
    for key in KEYS:
        scope = key.id if key.scope == "dialogs" else key.scope
        for name in keys_of(key, keymap):
            other = owners.get((scope, name))
            if other is not None:
                found.append(
                    f"key conflict: {name!r} is bound to both {other.id} and {key.id} "
                    f"({SCOPE_WORDS.get(key.scope, key.scope)}); only one of them can run"
                )
            else:
                owners[(scope, name)] = key
    for (scope, name), key in owners.items():
        anywhere = owners.get(("global", name))
        if scope != "global" and scope in MAIN_SCREEN_SCOPES and anywhere is not None:
            found.append(
                f"key conflict: {name!r} is bound to {anywhere.id} (anywhere) and to {key.id} "
                f"({SCOPE_WORDS.get(scope, scope)}); there {anywhere.id} cannot be reached"
            )
    return found


SCOPE_WORDS = {
    "global": "anywhere",
    "search": "in the search box",
    "list": "in the list",
    "article": "in the article pane",
    "bookmarks": "in the bookmarks pane",
    "compare": "in the comparison pane",
    "side-by-side": "reading side by side",
    "bookmark-filter": "in the bookmark filter",
    "feeds": "in the feeds view",
    "failures": "in the failures list",
    "dialogs": "in a dialog",
    "help": "in the help screen",
    "stories": "in the story list",
}


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
    return " ".join(names.get(k, k) for k in keys_of(key, keymap))


def take_keys(widget: Widget) -> None:
    """Move the focus to `widget` at once, for a key that moves it ("/" to the search box,
    Enter in it to the results, l to the list, Enter to the article). Widget.focus waits its
    turn behind the events already queued. On a busy machine (a comparison working out in a
    thread) a quick typist's keys after "/" wait in the queue too, and they went to what they
    left, where `s` sorts and `o` opens the outlet picker. Textual routes each key to the
    focused widget as it takes it from the queue, so "/" and Enter in the search box are also
    priority bindings: handled then, before the keys after them are routed."""
    widget.screen.set_focus(widget)
