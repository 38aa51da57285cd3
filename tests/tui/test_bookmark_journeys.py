"""Bookmarking passages in the TUI: select, note, tag, filter, jump back, edit, delete, export."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import ContentSwitcher, Input, OptionList, Static

from reader.core.locations import resolve
from reader.core.text import split_sentences
from reader.core.workspace import Workspace
from reader.tui.app import BroadsheetApp
from reader.tui.screens.dialogs import BookmarkDialog, ExportDialog
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.article import ArticleView
from tests.tui import SIZE


def rows(app: BroadsheetApp) -> list[str]:
    listing = app.screen.query_one("#bookmark-list", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def note_line(article: ArticleView) -> str:
    note = article.query_one("#passage-note", Static)
    return str(note.content) if note.display else ""


async def type_into_dialog(pilot, note: str, tags: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("end", "ctrl+u", *note, "tab", "end", "ctrl+u", *tags, "enter")
    await pilot.pause()


async def test_select_two_sentences_bookmark_filter_jump_edit_delete_undo_export(
    app: BroadsheetApp, tmp_path: Path, settle
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        await pilot.press("down", "down", "enter")
        article = app.screen.query_one(ArticleView)
        opened = article.article_id
        while len(split_sentences(article.current_passage.text)) < 3:  # type: ignore[union-attr]
            await pilot.press("j")
        passage = article.current_passage
        assert passage is not None
        first, second = split_sentences(passage.text)[:2]
        await pilot.press("right")  # the sentence cursor: first sentence of the paragraph
        assert article.current_span == (passage.start + first[0], passage.start + first[1])
        await pilot.press("shift+right")  # extend the selection over the second sentence
        two = (passage.start + first[0], passage.start + second[1])
        assert article.selection == two

        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BookmarkDialog)
        await type_into_dialog(pilot, "two sentences [bold]not bold[/]", "evidence, mayor")
        assert isinstance(app.screen, MainScreen)
        assert article.selection is None  # the selection became the bookmark
        assert "two sentences [bold]not bold[/]" in note_line(article)  # cursor is on it

        await pilot.press("j", "b")  # a second bookmark, another paragraph, another tag
        await pilot.pause()
        await type_into_dialog(pilot, "context", "other")
        assert note_line(article).startswith("Bookmarked: context")
        await pilot.press("j")
        assert note_line(article) == ""  # moving off a bookmark hides its note

        saved = Workspace(resolve(None)).bookmarks()
        expected_quote = passage.text[first[0] : second[1]]
        assert [b.quote for b in saved][1] == expected_quote
        assert saved[1].tags == ("evidence", "mayor")

        await pilot.press("B")
        await pilot.pause()
        assert len(rows(app)) == 2
        assert "context" in rows(app)[0]  # newest first
        await pilot.press("f", *"#evidence")
        await pilot.pause()
        assert len(rows(app)) == 1
        row = rows(app)[0]
        assert expected_quote[:60] in row and "[bold]not bold[/]" in row
        assert "evidence, mayor" in row and "The Forum" in row

        await pilot.press("enter", "enter")  # leave the filter box, open the bookmark
        await pilot.pause()
        assert app.screen.query_one(ContentSwitcher).current == "article"
        assert article.article_id == opened
        assert article.current_passage == passage
        assert article.marked == (passage.start + first[0], passage.start + second[1])
        assert article.passages[passage.index].has_class("-selected")

        await pilot.press("B", "e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, BookmarkDialog)
        assert dialog.query_one("#note", Input).value == "two sentences [bold]not bold[/]"
        await type_into_dialog(pilot, "edited note", "evidence, checked")
        assert "edited note" in rows(app)[0] and "evidence, checked" in rows(app)[0]

        await pilot.press("d")
        await pilot.pause()
        assert rows(app) == []
        await pilot.press("u")
        await pilot.pause()
        assert len(rows(app)) == 1

        target = tmp_path / "evidence.md"
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("ctrl+u", *str(target), "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        exported = target.read_text(encoding="utf-8")
        assert f"> {expected_quote.splitlines()[0]}" in exported
        assert "Note: edited note" in exported and "Tags: evidence, checked" in exported
        assert "context" not in exported  # only the filtered bookmark

    (kept,) = [b for b in Workspace(resolve(None)).bookmarks() if "evidence" in b.tags]
    assert (kept.note, kept.tags, kept.quote) == (
        "edited note",
        ("evidence", "checked"),
        expected_quote,
    )


async def test_paragraph_selection_and_escape(app: BroadsheetApp, settle) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        await pilot.press("enter", "j")
        article = app.screen.query_one(ArticleView)
        start = article.current_passage
        await pilot.press("J", "J")
        end = article.current_passage
        assert start is not None and end is not None
        assert article.selection == (start.start, end.end)
        await pilot.press("escape")
        assert article.selection is None
        await pilot.press("v", "j", "j")  # v: plain moves now extend a selection
        later = article.current_passage
        assert later is not None and later.index == end.index + 2
        assert article.selection == (end.start, later.end)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BookmarkDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert Workspace(resolve(None)).bookmarks() == []


async def test_a_mouse_selection_is_what_gets_bookmarked(app: BroadsheetApp, settle) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        await pilot.press("enter", "j")
        article = app.screen.query_one(ArticleView)
        widget = article.passages[article.cursor]
        await pilot.mouse_down(widget, offset=(6, 0))  # drag across a line break of the text
        await pilot.hover(widget, offset=(20, 2))
        await pilot.mouse_up(widget, offset=(20, 2))
        await pilot.pause()
        dragged = app.screen.get_selected_text()
        assert dragged and len(dragged.strip()) > 60
        await pilot.press("b")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, BookmarkDialog)
        assert dialog.quote == dragged.strip()
        await pilot.press("enter")
        await pilot.pause()
    (saved,) = Workspace(resolve(None)).bookmarks()
    text = Workspace(resolve(None)).clean_article(saved.article_id).text
    assert saved.quote == dragged.strip() == text[saved.start : saved.end]


async def test_markup_and_escapes_in_notes_show_literally_and_orphans_keep_their_quote(
    app: BroadsheetApp, settle
) -> None:
    workspace = Workspace(resolve(None))
    workspace.setup()
    article_id = "004_3f326c91794456b3"
    text = workspace.clean_article(article_id).text
    start = text.index("Chicago")
    end = text.index(".", start) + 1
    workspace.add_bookmark(article_id, start, end, "[bold]literal[/] \x1b[31mred", ["[/]"])
    original = workspace.article(article_id)
    gone = text[start:end]
    workspace.close()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        await pilot.press("B")
        await pilot.pause()
        (row,) = rows(app)
        assert "[bold]literal[/] [31mred" in row and "\x1b" not in row
        assert "Tags: [/]" in row
        # The article is re-imported without that sentence: the bookmark is orphaned, kept.
        app.workspace.add_articles(
            [replace(original, body=original.body.replace(gone, "Something else entirely."))]
        )
        await pilot.press("a", "B")
        await pilot.pause()
        (row,) = rows(app)
        assert " ".join(gone.split())[:40] in row and "orphaned" in row
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(ArticleView).article_id == article_id
        assert any("orphaned" in n for n in app.notifications_shown)
