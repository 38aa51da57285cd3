"""`broadsheet remove` and `broadsheet fetch-text`: changing what the library holds."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from reader.cli.output import CommandError, one_line
from reader.core.workspace import NotFound, Workspace


class LibraryChangeError(CommandError):
    """An expected failure of remove or fetch-text (already explained on stderr); main
    reports it as every CommandError: one line, exit status 1."""


def add_parsers(commands: Any) -> None:
    """Add the `remove` and `fetch-text` sub-commands to the main parser."""
    remove = commands.add_parser(
        "remove", help="remove articles (their bookmarks are kept and shown as orphaned)"
    )
    remove.add_argument("ids", nargs="*", metavar="ID", help="article ids (as `list` prints them)")
    remove.add_argument(
        "--samples", action="store_true", help="remove the bundled sample articles in one step"
    )
    fetch_text = commands.add_parser(
        "fetch-text", help="fetch the full text of headline-only articles from their pages"
    )
    fetch_text.add_argument("ids", nargs="+", metavar="ID")


def cmd_remove(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    """`broadsheet remove ID...` and `broadsheet remove --samples`."""
    if not args.ids and not args.samples:
        raise LibraryChangeError(
            "name the articles to remove (ids as `list` prints them) or --samples"
        )
    missing = [i for i in dict.fromkeys(args.ids) if not _exists(workspace, i)]
    for article_id in missing:
        print(
            f"broadsheet remove: no article with id {one_line(repr(article_id))}", file=sys.stderr
        )
    wanted = [i for i in args.ids if i not in missing]
    removed = workspace.remove_articles(wanted)
    if args.samples:
        removed += workspace.remove_samples()
    for article in removed:
        print(one_line(f"removed {article.id}: {article.title}"), file=out)
    kept = workspace.bookmark_count(a.id for a in removed)
    if kept:
        print(f"{kept} bookmark(s) on them kept, shown as orphaned", file=out)
    if args.samples and not removed:
        print("no sample articles to remove", file=out)
    if missing:
        raise LibraryChangeError(f"{len(missing)} id(s) not found")


def cmd_fetch_text(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    """`broadsheet fetch-text ID...`: the full text of headline-only articles."""
    from reader.core.workspace import PageError  # the ingest package: only for this command

    failed = 0
    for article_id in dict.fromkeys(args.ids):
        try:
            article = workspace.fetch_text(article_id)
        except (NotFound, PageError) as exc:
            failed += 1
            reason = exc.args[0] if exc.args else exc
            print(one_line(f"broadsheet fetch-text: {article_id}: {reason}"), file=sys.stderr)
            continue
        words = len(article.body.split())
        print(one_line(f"{article_id}: fetched {words} words from {article.url}"), file=out)
    if failed:
        raise LibraryChangeError(f"{failed} article(s) failed")


def _exists(workspace: Workspace, article_id: str) -> bool:
    try:
        workspace.article(article_id)
    except NotFound:
        return False
    return True


COMMANDS = {"remove": cmd_remove, "fetch-text": cmd_fetch_text}
