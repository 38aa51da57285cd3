"""The comparison pane: the story of the open article, one row per other article."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.core.models import ArticleSummary
from reader.tui.messages import OpenArticle
from reader.tui.render import literal, outlet, trim


class ComparePane(Vertical):
    """Which outlets covered the story of the open article; Enter opens one."""

    def compose(self) -> ComposeResult:
        """A heading and the list of the story's other articles."""
        yield Static(
            "Press c on an article to see the other articles of its story.", id="compare-title"
        )
        yield OptionList(id="compare-list")

    def show_story(self, current: ArticleSummary, members: list[ArticleSummary]) -> None:
        """Show the other articles of the story `current` belongs to."""
        others = [m for m in members if m.id != current.id]
        outlets = {outlet(m.source) for m in members}
        title = Text()
        title.append("Story of ", style="dim")
        title.append_text(literal(trim(current.title, 70), "bold"))
        title.append(
            f"\n{len(members)} article{'s' if len(members) != 1 else ''} from "
            f"{len(outlets)} outlet{'s' if len(outlets) != 1 else ''}",
            style="dim",
        )
        if not others:
            title.append("\nNo other article in the library covers this story yet.")
        self.query_one("#compare-title", Static).update(title)
        table = self.query_one("#compare-list", OptionList)
        table.clear_options()
        width = max([len(outlet(m.source)) for m in others] + [14])
        for member in others:
            row = Text()
            row.append_text(literal(f"{outlet(member.source):<{width}}", "bold"))
            row.append(f"  {member.published or 'undated':<10}  {member.word_count:>6,} words\n")
            row.append_text(literal(trim(member.title, 90), "italic"))
            table.add_option(Option(row, id=member.id))
        if others:
            table.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter opens the chosen article."""
        event.stop()
        if event.option.id:
            self.post_message(OpenArticle(event.option.id))
