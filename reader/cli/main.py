"""The front door: `broadsheet` opens the TUI; sub-commands are its scriptable twins."""

from __future__ import annotations

import argparse
import os
import sys
import typing
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TextIO

from reader import __version__
from reader.cli import habits as cli_reader
from reader.cli import ingest as cli_ingest
from reader.cli.habits import colour_allowed, dump
from reader.core.bookmarks.entries import QuoteNotFound
from reader.core.library import LibraryError
from reader.core.locations import resolve
from reader.core.models import UNKNOWN_OUTLET, SearchHit, Span, outlet_name
from reader.core.search.index import SORTS, QueryError, SearchOptions
from reader.core.search.query import date_range
from reader.core.stories import report
from reader.core.text import printable
from reader.core.workspace import NotFound, Workspace


class CommandError(Exception):
    """An expected failure: printed as one line on stderr, exit status 1."""


INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped with Ctrl-C


class Parser(argparse.ArgumentParser):
    """argparse, except that a bad option is one line of ours (no usage block), status 2."""

    def error(self, message: str) -> typing.NoReturn:
        """One line naming the command and what was wrong, then exit 2 (a usage error)."""
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def date_value(text: str) -> str:
    """A --since/--until value: YYYY, YYYY-MM or YYYY-MM-DD that names a real date."""
    try:
        date_range(text, text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2024-03)"
        ) from None
    return text


def count_value(text: str) -> int:
    """A --limit value: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return value


def offset_value(text: str) -> int:
    """An --offset value: a whole number of at least 0."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 0")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for `broadsheet` and its sub-commands."""
    parser = Parser(
        prog="broadsheet",
        description="A keyboard-driven terminal news reader. With no command, opens the reader.",
    )
    parser.add_argument("--version", action="version", version=f"broadsheet {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep the library, index and settings under DIR instead of the user dirs",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    search = commands.add_parser("search", help="print ranked search hits")
    search.add_argument("query", help='query, e.g. mayor "sanctuary city" -Trump')
    search.add_argument(
        "--limit", type=count_value, default=20, help="most hits to print (default 20)"
    )
    search.add_argument(
        "--offset", type=offset_value, default=0, help="hits to skip first: the next page"
    )
    search.add_argument(
        "--sort", choices=SORTS, default="relevance", help="order of the hits (default relevance)"
    )
    search.add_argument("--source", metavar="NAME", help="only this outlet (exact name)")
    search.add_argument(
        "--since", type=date_value, metavar="DATE", help="published on or after (YYYY[-MM[-DD]])"
    )
    search.add_argument(
        "--until", type=date_value, metavar="DATE", help="published on or before (YYYY[-MM[-DD]])"
    )
    search.add_argument("--json", action="store_true", help="print a JSON object")

    show = commands.add_parser("show", help="print an article's clean text")
    show.add_argument("id", help="article id (as printed by `search` or `list`)")
    show.add_argument("--json", action="store_true", help="print a JSON object")
    show.add_argument("--markdown", action="store_true", help="print it as Markdown")

    listing = commands.add_parser("list", help="list all articles, newest first")
    listing.add_argument("--json", action="store_true", help="print a JSON object")

    story = commands.add_parser("story", help="list the articles of an article's story")
    story.add_argument("id", help="article id")
    story.add_argument("--json", action="store_true", help="print a JSON object")

    stories = commands.add_parser("stories", help="list the stories: articles grouped by event")
    stories.add_argument("--json", action="store_true", help="print a JSON object")

    compare = commands.add_parser(
        "compare", help="compare an article's story passage by passage, with disagreements"
    )
    compare.add_argument("id", help="article id")
    compare.add_argument("--with", dest="with_id", metavar="OTHER_ID", help="only this article")
    compare.add_argument("--json", action="store_true", help="print a JSON object")

    _bookmark_commands(commands)

    index = commands.add_parser("index", help="bring the search index up to date")
    index.add_argument("--rebuild", action="store_true", help="rebuild it from the library")
    cli_ingest.add_parsers(commands)
    cli_reader.add_parsers(commands)
    return parser


def _bookmark_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    bookmarks = commands.add_parser(
        "bookmarks", help="saved passages: list (the default), export, import, add"
    )
    bookmarks.add_argument("--json", action="store_true", help="list as a JSON object")
    actions = bookmarks.add_subparsers(dest="bookmarks_command", metavar="ACTION")
    listing = actions.add_parser("list", help="list bookmarks, newest first")
    listing.add_argument("--json", action="store_true", help="print a JSON object")
    listing.add_argument("--filter", default="", help="words in quote, note, tags or outlet")
    exporting = actions.add_parser("export", help="write bookmarks as Markdown or JSON")
    exporting.add_argument("--format", choices=["markdown", "json"], default="markdown")
    exporting.add_argument("-o", "--output", metavar="FILE", help="file to write (default stdout)")
    exporting.add_argument("--filter", default="", help="export only the matching bookmarks")
    importing = actions.add_parser("import", help="add bookmarks from a Web Annotation JSON file")
    importing.add_argument("file", help="a file written by `bookmarks export --format json`")
    adding = actions.add_parser("add", help="bookmark the place in an article where a quote is")
    adding.add_argument("article_id", metavar="ARTICLE_ID")
    adding.add_argument("--quote", required=True, help="text that occurs once in the article")
    adding.add_argument("--note", default="")
    adding.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (130 after Ctrl-C)."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        # Writes are transactions and files are replaced whole: nothing is half-written.
        print("broadsheet: interrupted; nothing half-written was kept", file=sys.stderr)
        return INTERRUPTED


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        return _run_tui(args.data_dir)
    try:
        workspace = Workspace(resolve(args.data_dir))
    except (LibraryError, OSError) as exc:
        print(f"broadsheet: {exc}", file=sys.stderr)
        return 1
    try:
        for notice in workspace.notices:
            print(f"broadsheet: {notice}", file=sys.stderr)
        for notice in workspace.setup():
            print(f"broadsheet: {notice}", file=sys.stderr)
        handler = _COMMANDS[args.command]
        handler(workspace, args, sys.stdout)
    except (CommandError, QueryError, NotFound, cli_ingest.IngestError, *cli_reader.ERRORS) as exc:
        message = exc.args[0] if isinstance(exc, NotFound) and exc.args else exc
        print(f"broadsheet {args.command}: {message}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    finally:
        workspace.close()
    return 0


def _run_tui(data_dir: str | None) -> int:
    try:
        from reader.tui.app import BroadsheetApp
    except ImportError as exc:  # pragma: no cover - only without the textual dependency
        print(f"broadsheet: the reader needs textual ({exc})", file=sys.stderr)
        return 1
    BroadsheetApp(resolve(data_dir)).run()
    return 0


def _date(published: str) -> str:
    return published or "undated"


def _emphasise(text: str, spans: Sequence[Span], out: TextIO) -> str:
    """Matched words in bold on a terminal; the plain text otherwise."""
    if not spans or not colour_allowed(out):
        return text
    pieces, last = [], 0
    for span in spans:
        pieces += [text[last : span.start], "\x1b[1;33m", text[span.start : span.end], "\x1b[0m"]
        last = span.end
    return "".join(pieces) + text[last:]


_safe = printable  # every string from data goes through it before reaching a terminal


def _hit_json(hit: SearchHit) -> dict[str, object]:
    data = asdict(hit)
    data["highlights"] = [[s.start, s.end] for s in hit.highlights]
    return data


def cmd_search(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    """`broadsheet search QUERY`."""
    options = SearchOptions(
        limit=args.limit,
        offset=args.offset,
        sort=args.sort,
        outlet=args.source,
        since=args.since,
        until=args.until,
    )
    result = workspace.search(args.query, options)
    if args.json:
        payload = {
            "query": result.query,
            "read_as": result.read_as,
            "notes": list(result.notes),
            "total": result.total,
            "offset": args.offset,
            "sort": args.sort,
            "suggestion": result.suggestion,
            "outlets": [{"outlet": name, "hits": n} for name, n in result.outlets],
            "hits": [_hit_json(hit) for hit in result.hits],
        }
        dump("search", payload, out)
        return
    shown = len(result.hits)
    print(
        f"{result.total} hit{'s' if result.total != 1 else ''} for {result.read_as}"
        f" ({result.seconds * 1000:.0f} ms){f', showing {shown}' if shown < result.total else ''}",
        file=out,
    )
    for note in result.notes:
        print(f"note: {note}", file=out)
    if result.outlets and result.total:
        counts = ", ".join(f"{outlet_name(name)} {n}" for name, n in result.outlets[:8])
        more = f", {len(result.outlets) - 8} more" if len(result.outlets) > 8 else ""
        print(f"outlets: {_safe(counts)}{more}", file=out)
    if result.suggestion:
        print(f"did you mean: {_safe(result.suggestion)}", file=out)
    for n, hit in enumerate(result.hits, start=1):
        print(f"\n{n:>2}. {_safe(hit.title)}  [{hit.id}]", file=out)
        print(
            f"    {_safe(outlet_name(hit.source))} · {_date(hit.published)} · {hit.word_count} words"
            f" · score {hit.score:.2f}",
            file=out,
        )
        print(f"    {_emphasise(_safe(hit.snippet), hit.highlights, out)}", file=out)


def cmd_show(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    """`broadsheet show ID`."""
    view = workspace.clean_article(args.id)
    article = view.article
    if args.markdown:
        text = workspace.article_markdown(args.id)
        out.write(_safe(text) if out.isatty() else text)
        return
    if args.json:
        data = {
            "id": article.id,
            "title": article.title,
            "title_derived": article.title_derived,
            "source": article.source,
            "published": article.published,
            "url": article.url,
            "language": article.language,
            "body": view.text,
            "hidden_boilerplate": [{"reason": b.boilerplate, "text": b.text} for b in view.hidden],
        }
        dump("show", {"article": data}, out)
        return
    derived = " (headline derived from the text)" if article.title_derived else ""
    print(_safe(article.title) + derived, file=out)
    print(
        f"{_safe(outlet_name(article.source))} · {_date(article.published)} · {view.word_count} words"
        + (f" · {article.url}" if article.url else ""),
        file=out,
    )
    print(file=out)
    print(_safe(view.text), file=out)


def cmd_list(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    """`broadsheet list`."""
    summaries = workspace.summaries()
    if args.json:
        dump("list", {"total": len(summaries), "articles": [asdict(s) for s in summaries]}, out)
        return
    for s in summaries:
        print(
            f"{s.id}  {_date(s.published):10}  {_safe(outlet_name(s.source))[:20]:20}  "
            f"{s.word_count:>6} words  {_safe(s.title)}",
            file=out,
        )


def cmd_story(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    """`broadsheet story ID`: the articles of the story an article belongs to."""
    story = workspace.story_of(args.id)
    summaries = workspace.summaries_of(story.article_ids)
    if args.json:
        data = {"story": story.id, "articles": [asdict(s) for s in summaries]}
        dump("story", data, out)
        return
    outlets = {outlet_name(s.source) for s in summaries}
    print(f"{len(summaries)} articles from {len(outlets)} outlets", file=out)
    for s in summaries:
        mark = "*" if s.id == args.id else " "
        print(
            f"{mark} {s.id}  {_date(s.published):10}  {_safe(outlet_name(s.source))[:20]:20}  "
            f"{s.word_count:>6} words  {_safe(s.title)}",
            file=out,
        )


def cmd_stories(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    """`broadsheet stories`: every story with its outlets, date span and article count."""
    rows = workspace.story_rows()
    if args.json:
        data = [
            {
                "story": r.story.id,
                "count": len(r.members),
                "outlets": list(r.outlets),
                "first_date": r.first_date,
                "last_date": r.last_date,
                "articles": [asdict(m) for m in r.members],
            }
            for r in rows
        ]
        dump("stories", {"total": len(data), "stories": data}, out)
        return
    for r in rows:
        span = f"{r.first_date}..{r.last_date}" if r.first_date != r.last_date else r.first_date
        outlets = ", ".join(r.outlets) or UNKNOWN_OUTLET
        print(
            f"{r.story.id}  {len(r.members)} article{'s' if len(r.members) != 1 else ''}"
            f"  {span or 'undated'}  {_safe(outlets)}",
            file=out,
        )
        print(f"    {_safe(r.members[0].title)}", file=out)


def cmd_compare(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    """`broadsheet compare ID [--with OTHER]`: coverage, aligned passages, disagreements."""
    if args.with_id == args.id:
        raise CommandError("--with names the same article; pick another one")
    result = workspace.compare(args.id, args.with_id)
    if args.json:
        dump("compare", report.as_dict(result), out)
        return
    for line in report.text_lines(result):
        print(_safe(line), file=out)


def cmd_bookmarks(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    """`broadsheet bookmarks [list|export|import|add]`."""
    action = args.bookmarks_command or "list"
    if action == "export":
        _bookmarks_export(workspace, args, out)
    elif action == "import":
        _bookmarks_import(workspace, args, out)
    elif action == "add":
        try:
            b = workspace.add_bookmark_by_quote(args.article_id, args.quote, args.note, args.tag)
        except QuoteNotFound as exc:
            raise CommandError(f"article {args.article_id}: {exc}") from exc
        print(f"bookmark #{b.id} saved: {b.article_id} [{b.start}, {b.end})", file=out)
    else:
        _bookmarks_list(workspace, args, out)


def _bookmarks_list(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    entries = workspace.bookmark_entries(getattr(args, "filter", ""))
    if args.json:
        data = [
            asdict(e.bookmark)
            | {
                "tags": list(e.bookmark.tags),
                "headline": e.headline,
                "outlet": e.outlet,
                "published": e.published,
                "url": e.url,
                "anchor": {
                    "status": e.located.status,
                    "start": e.located.start,
                    "end": e.located.end,
                    "method": e.located.method,
                    "similarity": round(e.located.similarity, 3),
                },
            }
            for e in entries
        ]
        dump("bookmarks", {"total": len(data), "bookmarks": data}, out)
        return
    for e in entries:
        b = e.bookmark
        print(
            f"#{b.id}  {b.article_id}  {b.created}  {_safe(outlet_name(e.outlet))}  {e.located.status}",
            file=out,
        )
        print(f"    \u201c{_safe(b.quote)[:200]}\u201d", file=out)
        if b.note:
            print(f"    note: {_safe(b.note)}", file=out)
        if b.tags:
            print(f"    tags: {_safe(', '.join(b.tags))}", file=out)


def _bookmarks_export(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    if args.output:
        try:
            count = workspace.export_bookmarks(Path(args.output), args.format, args.filter)
        except OSError as exc:
            raise CommandError(f"cannot write {args.output}: {exc.strerror or exc}") from exc
        print(f"exported {count} bookmarks to {args.output}", file=sys.stderr)
        return
    text, _ = workspace.render_bookmarks(args.format, args.filter)
    # Verbatim into a pipe or file; a terminal must not interpret escapes from notes or quotes.
    out.write(_safe(text) if out.isatty() else text)


def _bookmarks_import(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    try:
        raw = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"cannot read {args.file}: {exc}") from exc
    report = workspace.import_bookmarks(raw, args.file)
    print(
        f"imported {report.added} bookmarks, skipped {report.duplicates} already present"
        + (
            f"; {report.without_article} belong to articles not in this library (orphaned)"
            if report.without_article
            else ""
        ),
        file=out,
    )
    if report.errors:
        for line in report.errors[:-1]:
            print(f"broadsheet bookmarks: {line}", file=sys.stderr)
        raise CommandError(report.errors[-1])


def cmd_index(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    """`broadsheet index [--rebuild]`."""
    if args.rebuild:
        count = workspace.rebuild_index(procs=os.cpu_count() or 1)
        print(f"rebuilt the search index: {count} articles", file=out)
    else:
        print(f"search index is up to date: {workspace.indexed_count()} articles", file=out)


_COMMANDS = {
    "search": cmd_search,
    "show": cmd_show,
    "list": cmd_list,
    "story": cmd_story,
    "stories": cmd_stories,
    "compare": cmd_compare,
    "bookmarks": cmd_bookmarks,
    "index": cmd_index,
    **cli_ingest.COMMANDS,
    **cli_reader.COMMANDS,
}
