"""The front door: `broadsheet` opens the TUI; sub-commands are its scriptable twins."""

from __future__ import annotations

import argparse
import gc
import os
import sqlite3
import sys
import typing
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from reader import __version__
from reader.cli import bookmarks as cli_bookmarks
from reader.cli import doctor as cli_doctor
from reader.cli import habits as cli_reader
from reader.cli import ingest as cli_ingest
from reader.cli import library as cli_library
from reader.cli import reading as cli_reading
from reader.cli import stories as cli_stories
from reader.cli.output import (
    CommandError,
)
from reader.core.library import LibraryError
from reader.core.locations import resolve
from reader.core.locks import LockTimeout
from reader.core.models import SORTS, QueryError
from reader.core.text import printable
from reader.core.workspace import STORY_SORTS, IndexUnavailable, NotFound, Workspace
from reader.core.workspace import doctor as repair

if TYPE_CHECKING:
    from reader.tui.app import BroadsheetApp

INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped with Ctrl-C


class Parser(argparse.ArgumentParser):
    """argparse, except that a bad option is one line of ours (no usage block), status 2."""

    def error(self, message: str) -> typing.NoReturn:
        """One line naming the command and what was wrong, then exit 2 (a usage error)."""
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def date_value(text: str) -> str:
    """A --since/--until value: YYYY, YYYY-MM or YYYY-MM-DD that names a real date."""
    from reader.core.search.query import date_range

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


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser for `broadsheet` and its sub-commands: with `command`, one of them,
    only the sub-commands defined with it (a parser for all 16 takes 4 ms of a cold command;
    help and a mistyped command get them all)."""
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
    chosen = [add for names, add in _SUB_COMMANDS if command in names]
    for add in chosen or [add for _, add in _SUB_COMMANDS]:
        add(commands)
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    """The sub-command named in the arguments, if any (None for `--help`, `--version`)."""
    arguments = iter(argv)
    for argument in arguments:
        if argument == "--data-dir":
            next(arguments, None)
        elif not argument.startswith("-"):
            return argument
        elif not argument.startswith("--data-dir="):
            return None
    return None


def _add_reading(commands: typing.Any) -> None:
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
    search.add_argument(
        "--unread", action="store_true", help="only articles not read yet (the reader's U)"
    )
    search.add_argument("--json", action="store_true", help="print a JSON object")

    show = commands.add_parser("show", help="print an article's clean text")
    show.add_argument("id", help="article id (as printed by `search` or `list`)")
    show.add_argument("--json", action="store_true", help="print a JSON object")
    show.add_argument("--markdown", action="store_true", help="print it as Markdown")

    listing = commands.add_parser("list", help="list all articles, newest first")
    listing.add_argument("--json", action="store_true", help="print a JSON object")


def _add_stories(commands: typing.Any) -> None:
    story = commands.add_parser("story", help="list the articles of an article's story")
    story.add_argument("id", help="article id")
    story.add_argument("--json", action="store_true", help="print a JSON object")

    stories = commands.add_parser("stories", help="list the stories: articles grouped by event")
    stories.add_argument(
        "--min-outlets",
        type=int,
        default=1,
        metavar="N",
        help="only stories covered by at least N outlets (default 1: every story)",
    )
    stories.add_argument(
        "--sort",
        choices=STORY_SORTS,
        default="outlets",
        help="most outlets first (default) or most recent first",
    )
    stories.add_argument("--search", default="", metavar="WORDS", help="words in a headline")
    stories.add_argument("--json", action="store_true", help="print a JSON object")

    compare = commands.add_parser(
        "compare", help="compare an article's story passage by passage, with disagreements"
    )
    compare.add_argument("id", help="article id")
    compare.add_argument("--with", dest="with_id", metavar="OTHER_ID", help="only this article")
    compare.add_argument("--json", action="store_true", help="print a JSON object")


def _add_index(commands: typing.Any) -> None:
    index = commands.add_parser("index", help="bring the search index up to date")
    index.add_argument("--rebuild", action="store_true", help="rebuild it from the library")


# Which sub-commands each part of the parser defines, in the order `--help` lists them.
_SUB_COMMANDS: list[tuple[frozenset[str], Callable[[typing.Any], None]]] = [
    (frozenset({"search", "show", "list"}), _add_reading),
    (frozenset({"story", "stories", "compare"}), _add_stories),
    (frozenset({"bookmarks"}), cli_bookmarks.add_parsers),
    (frozenset({"index"}), _add_index),
    (frozenset(cli_ingest.COMMANDS), cli_ingest.add_parsers),
    (frozenset(cli_library.COMMANDS), cli_library.add_parsers),
    (frozenset({"doctor"}), cli_doctor.add_parser),
    (frozenset(cli_reader.COMMANDS), cli_reader.add_parsers),
]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (130 after Ctrl-C)."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        # Writes are transactions and files are replaced whole: nothing is half-written.
        print("broadsheet: interrupted; nothing half-written was kept", file=sys.stderr)
        return INTERRUPTED
    finally:
        if argv is None:  # the process ends next (the console script), not a caller's test
            # The interpreter's exit runs full collections over every object while it clears
            # the modules; frozen objects are left to the exit itself: 26 -> 9 ms at exit.
            gc.freeze()


def _main(argv: Sequence[str] | None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(_command_in(arguments)).parse_args(arguments)
    if args.command is None:
        return _run_tui(args.data_dir)
    if args.command == "doctor":
        return cli_doctor.run(args.data_dir, args)
    try:
        workspace = Workspace(resolve(args.data_dir), say=_say)
    except (LibraryError, OSError, sqlite3.Error) as exc:
        _say(_one_line(exc))
        return 1
    try:
        for notice in workspace.notices:
            _say(notice)
        workspace.notices.clear()
        if args.command in cli_ingest.FILLING:
            workspace.decline_samples()  # an import fills a new library: no sample articles
        for notice in _prepare(workspace, args.command):
            _say(notice)
        workspace.notices.clear()
        handler = _COMMANDS[args.command]
        handler(workspace, args, sys.stdout)
        for notice in workspace.notices:  # e.g. an import whose articles could not be indexed
            _say(notice)
    except (
        CommandError,
        QueryError,
        NotFound,
        cli_ingest.IngestError,
        cli_library.LibraryChangeError,
        *cli_reader.ERRORS,
    ) as exc:
        message = exc.args[0] if isinstance(exc, NotFound) and exc.args else exc
        print(f"broadsheet {args.command}: {printable(str(message), True)}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader of our output went away (`| head`): not an error
        _quiet_stdout()
        return 0
    except (LibraryError, LockTimeout, IndexUnavailable, sqlite3.Error, OSError) as exc:
        # Expected trouble with the files (a lock held too long, a full disk): one line.
        print(f"broadsheet {args.command}: {_one_line(exc)}", file=sys.stderr)
        return 1
    finally:
        workspace.close()
    return 0


# Commands that search need a searchable index; `index` and the importers keep it current
# themselves. The rest read only the library: the index is none of their business.
_READS_THE_INDEX = {"search"}


def _prepare(workspace: Workspace, command: str) -> list[str]:
    """First-launch setup, and the index as far as this command needs it."""
    notices = workspace.prepare_library()
    if command in _READS_THE_INDEX:
        notices += workspace.prepare_index(reading=True)
    elif command == "index":
        notices += workspace.prepare_index()
    return notices


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so Python's flush at exit does not fail on the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (tests): nothing will be flushed to it
        pass


def _say(message: str) -> None:
    print(f"broadsheet: {printable(message, True)}", file=sys.stderr, flush=True)


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, sqlite3.DatabaseError) and repair.cause(exc) == "damaged":
        return printable(
            f"the library is damaged ({str(exc)[:60]}); nothing was changed: `broadsheet doctor` checks "
            "it and `broadsheet doctor --salvage library` recovers its rows into a new file",
            True,
        )
    if isinstance(exc, sqlite3.Error):
        return printable(
            f"the library could not be used: {str(exc)[:120]}; nothing was changed", True
        )
    if isinstance(exc, OSError) and exc.strerror:
        where = f" {exc.filename}" if exc.filename else ""
        return printable(f"cannot use{where}: {exc.strerror}", True)
    return printable(str(exc), True)


def reader_app(data_dir: str | None) -> BroadsheetApp:
    """The reader, made as `broadsheet` makes it (benchmarks/_startup_probe.py times this).

    The garbage collector is off until the reader's first screen is drawn (the main screen
    turns it back on): starting makes some 62,000 objects it tracks, nearly all living as
    long as the reader, and its 120-odd collections before the first frame took 43-61 ms."""
    gc.disable()
    try:
        from reader.tui.app import BroadsheetApp

        return BroadsheetApp(resolve(data_dir), say=_say)
    except BaseException:
        gc.enable()
        raise


def _run_tui(data_dir: str | None) -> int:
    try:
        app = reader_app(data_dir)
    except ImportError as exc:  # pragma: no cover - only without the textual dependency
        print(f"broadsheet: the reader needs textual ({exc})", file=sys.stderr)
        return 1
    except (LibraryError, OSError, sqlite3.Error) as exc:
        _say(_one_line(exc))
        return 1
    app.run()
    if app.return_code:  # Textual has shown what failed; say what it means for the user
        _say("the reader stopped on an error; everything saved before it is kept in the library")
    return app.return_code or 0


def cmd_index(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    """`broadsheet index [--rebuild]`."""
    if args.rebuild:
        count = workspace.rebuild_index(procs=os.cpu_count() or 1)
        print(f"rebuilt the search index: {count} articles", file=out)
    else:
        print(f"search index is up to date: {workspace.indexed_count()} articles", file=out)


_COMMANDS = {
    "search": cli_reading.cmd_search,
    "show": cli_reading.cmd_show,
    "list": cli_reading.cmd_list,
    "story": cli_stories.cmd_story,
    "stories": cli_stories.cmd_stories,
    "compare": cli_stories.cmd_compare,
    "bookmarks": cli_bookmarks.cmd_bookmarks,
    "index": cmd_index,
    **cli_ingest.COMMANDS,
    **cli_library.COMMANDS,
    **cli_reader.COMMANDS,
}
