"""`broadsheet import` and `broadsheet feeds`: the command-line side of bringing in news."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from reader.cli.habits import dump
from reader.core.locations import write_atomic
from reader.core.text import printable

if TYPE_CHECKING:  # imported by the commands that use them: other commands start faster
    from reader.core.ingest.items import ImportResult
    from reader.core.ingest.jobs import FeedOutcome
    from reader.core.workspace import Workspace


def _line(text: str) -> str:
    """A URL, feed title or error made terminal-safe, on one line."""
    return printable(text, one_line=True)


class IngestError(Exception):
    """An expected failure of an import or feeds command (already explained on stderr)."""


def add_parsers(commands: Any) -> None:
    """Add the `import` and `feeds` sub-commands to the main parser."""
    imp = commands.add_parser(
        "import",
        help="import files, folders, web pages, feeds, OPML lists, JSON/JSON Lines records",
    )
    imp.add_argument("sources", nargs="+", metavar="PATH_OR_URL", help="files, folders or URLs")
    imp.add_argument("--json", action="store_true", help="print a JSON object")
    imp.add_argument(
        "--fetch-pages",
        action="store_true",
        help="for feed entries, fetch the linked page and keep its full text",
    )
    feeds = commands.add_parser("feeds", help="subscribe to feeds, list, remove and refresh them")
    actions = feeds.add_subparsers(dest="feeds_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="subscribe to a feed URL and fetch it now")
    add.add_argument("url")
    add.add_argument("--json", action="store_true", help="print a JSON object")
    add.add_argument(
        "--fetch-pages",
        action="store_true",
        help="fetch each entry's linked page, now and on every refresh (a feed setting)",
    )
    setting = actions.add_parser("set", help="change a subscription's settings")
    setting.add_argument("url")
    setting.add_argument(
        "--fetch-pages",
        action=argparse.BooleanOptionalAction,
        required=True,
        help="fetch each entry's linked page on refresh (--no-fetch-pages stops it)",
    )
    listing = actions.add_parser("list", help="list subscriptions with their last refresh")
    listing.add_argument("--json", action="store_true", help="print a JSON object")
    remove = actions.add_parser("remove", help="unsubscribe (the articles stay)")
    remove.add_argument("url")
    refresh = actions.add_parser("refresh", help="fetch new entries of every subscription")
    refresh.add_argument("urls", nargs="*", metavar="URL", help="only these subscriptions")
    refresh.add_argument("--json", action="store_true", help="print a JSON object")
    refresh.add_argument(
        "--fetch-pages", action="store_true", help="fetch each entry's linked page"
    )
    export = actions.add_parser("export", help="write the subscriptions as OPML")
    export.add_argument("-o", "--output", metavar="FILE", help="file to write (default stdout)")


class ProgressBar:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, stream: TextIO = sys.stderr) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        """Redraw (at most 20 times a second, and always at the end of a stage)."""
        if not self.enabled or (time.monotonic() - self.last < 0.05 and done < total):
            return
        self.last = time.monotonic()
        width = 30
        filled = width * done // total if total else width
        bar = "\u2588" * filled + "\u2591" * (width - filled)
        self.stream.write(f"\r{stage:<17} {bar} {done}/{total} ")
        self.stream.flush()

    def close(self) -> None:
        """Clear the bar's line."""
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _report(results: list[ImportResult], command: str) -> int:
    from reader.core.ingest.items import FAILED, WARNING

    for result in results:
        if result.status in (FAILED, WARNING):
            line = f"{result.status}: {result.item}: {result.error}"
            print(f"broadsheet {command}: {printable(line, True)}", file=sys.stderr)
    return sum(1 for r in results if r.status == FAILED)


def cmd_import(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    """`broadsheet import PATH_OR_URL...`."""
    bar = ProgressBar()
    started = time.perf_counter()
    try:
        report = workspace.import_sources(args.sources, bar, fetch_pages=args.fetch_pages)
    finally:
        bar.close()
    seconds = time.perf_counter() - started
    failed = _report(report.results, "import")
    summary = f"imported from {len(args.sources)} source(s) in {seconds:.1f} s: {report.summary()}"
    if args.json:
        items = [r.as_dict() for r in report.results]
        dump("import", {"summary": summary, "failed": failed, "items": items}, out)
    else:
        print(summary, file=out)
    if failed:
        raise IngestError(f"{failed} item(s) failed")


def _outcome_line(outcome: FeedOutcome) -> str:
    from reader.core.ingest.items import ImportReport

    if outcome.status == "failed":
        return printable(f"{outcome.url}: failed: {outcome.error}", True)
    if outcome.status == "not modified":
        return printable(f"{outcome.url}: not modified", True)
    return printable(f"{outcome.url}: {ImportReport(outcome.results).summary()}", True)


def cmd_feeds(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    """`broadsheet feeds add|list|set|remove|refresh|export`."""
    from reader.core.ingest.fetch import FetchError, check_url

    action = args.feeds_command
    if action == "list":
        _feeds_list(workspace, args, out)
        return
    if action == "set":
        if not workspace.set_feed_fetch_pages(args.url, args.fetch_pages):
            raise IngestError(f"not subscribed to {_line(args.url)}")
        state = "on" if args.fetch_pages else "off"
        print(f"{_line(args.url)}: fetching each entry's page is {state}", file=out)
        return
    if action == "export":
        _feeds_export(workspace, args, out)
        return
    if action == "remove":
        if not workspace.unsubscribe(args.url):
            raise IngestError(f"not subscribed to {_line(args.url)}")
        print(f"unsubscribed from {_line(args.url)} (its articles stay in the library)", file=out)
        return
    urls: list[str] | None = None
    if action == "add":
        try:
            check_url(args.url)
        except FetchError as exc:
            raise IngestError(_line(f"{args.url}: {exc}")) from exc
        status, _, error = workspace.subscribe(args.url, fetch_pages=args.fetch_pages)
        said = f"subscribed to {args.url}" if not error else f"{args.url}: {error}"
        print(_line(said), file=sys.stderr if args.json else out)
        urls = [args.url]
    elif args.urls:
        urls = list(args.urls)
    bar = ProgressBar()
    try:
        outcomes = workspace.refresh_feeds(urls, bar, fetch_pages=args.fetch_pages)
    finally:
        bar.close()
    if urls is None and not outcomes:
        print("no subscriptions to refresh", file=sys.stderr if args.json else out)
    failed = _refresh_report(outcomes, args.json, out)
    if failed:
        raise IngestError(f"{failed} item(s) failed")


def _refresh_report(outcomes: list[FeedOutcome], as_json: bool, out: TextIO) -> int:
    """A line per feed (or one JSON object), failures on stderr; how many items failed."""
    failed = 0
    for outcome in outcomes:
        failed += _report(outcome.results, "feeds")
        if not as_json:
            print(_outcome_line(outcome), file=out)
    if as_json:
        feeds = [
            {
                "url": o.url,
                "status": o.status,
                "error": o.error,
                "summary": _outcome_line(o),
                "items": [r.as_dict() for r in o.results],
            }
            for o in outcomes
        ]
        dump("feeds-refresh", {"failed": failed, "feeds": feeds}, out)
    return failed


def _feeds_export(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    """`broadsheet feeds export [-o FILE]`: OPML 2.0, to a file (replaced whole) or stdout."""
    text = workspace.feeds_opml()
    if not args.output:
        out.write(text)
        return
    try:
        write_atomic(Path(args.output), text)
    except OSError as exc:
        raise IngestError(f"cannot write {args.output}: {exc.strerror or exc}") from exc
    print(f"exported {len(workspace.feeds())} subscription(s) to {args.output}", file=out)


def _feeds_list(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    feeds = workspace.feeds()
    if args.json:
        from dataclasses import asdict

        dump("feeds", {"total": len(feeds), "feeds": [asdict(f) for f in feeds]}, out)
        return
    if not feeds:
        print("no subscriptions (add one with `broadsheet feeds add URL`)", file=out)
    for f in feeds:
        print(f"{_line(f.url)}\n    {_line(f.title or '(untitled)')}", file=out)
        when = f.last_refresh or "never refreshed"
        error = f" · last error: {f.last_error}" if f.last_error else ""
        print(printable(f"    last refresh {when} · {f.new_count} new{error}"), file=out)


FILLING = {"import", "feeds"}  # commands that fill a library: no sample corpus for them
COMMANDS = {"import": cmd_import, "feeds": cmd_feeds}
