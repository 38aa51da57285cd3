"""`broadsheet bookmarks [list|export|import|add]`: saved passages from the command line."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TextIO

from reader.cli.habits import dump
from reader.cli.output import CommandError, one_line, safe
from reader.core.models import outlet_name
from reader.core.workspace import Workspace


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
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


def cmd_bookmarks(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    """`broadsheet bookmarks [list|export|import|add]`."""
    action = args.bookmarks_command or "list"
    if action == "export":
        _bookmarks_export(workspace, args, out)
    elif action == "import":
        _bookmarks_import(workspace, args, out)
    elif action == "add":
        from reader.core.bookmarks.entries import QuoteNotFound  # only `add` needs it

        try:
            b = workspace.add_bookmark_by_quote(args.article_id, args.quote, args.note, args.tag)
        except QuoteNotFound as exc:
            raise CommandError(f"article {args.article_id}: {exc}") from exc
        print(f"bookmark #{b.id} saved: {one_line(b.article_id)} [{b.start}, {b.end})", file=out)
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
            f"#{b.id}  {one_line(b.article_id)}  {one_line(b.created)}  "
            f"{one_line(outlet_name(e.outlet))}  {e.located.status}",
            file=out,
        )
        print(f"    \u201c{safe(b.quote)[:200]}\u201d", file=out)
        if b.note:
            print(f"    note: {safe(b.note)}", file=out)
        if b.tags:
            print(f"    tags: {safe(', '.join(b.tags))}", file=out)


def _bookmarks_export(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    if args.output:
        try:
            count = workspace.export_bookmarks(Path(args.output), args.format, args.filter)
        except OSError as exc:
            raise CommandError(f"cannot write {args.output}: {exc.strerror or exc}") from exc
        print(f"exported {count} bookmarks to {one_line(args.output)}", file=sys.stderr)
        return
    text, _ = workspace.render_bookmarks(args.format, args.filter)
    # Verbatim into a pipe or file; a terminal must not interpret escapes from notes or quotes.
    out.write(safe(text) if out.isatty() else text)


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
            print(f"broadsheet bookmarks: {one_line(line)}", file=sys.stderr)
        raise CommandError(report.errors[-1])
