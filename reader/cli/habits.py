"""The command-line twins of the reader's habits: `open`, `mark`, `keys`, and the JSON shape
every `--json` prints.

Every `--json` output is one JSON object with a "schema" naming the command and its version
("broadsheet.search/1"); a value the library does not know (an undated article's date, an
outlet it does not show) is null, never "". The README's JSON section documents each shape.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:  # imported by the commands that use them: other commands start faster
    from reader.core.workspace import Workspace

SCHEMA_VERSION = 1


class ReaderCommandError(Exception):
    """An expected failure: one line on stderr, exit status 1."""


def schema(command: str) -> str:
    """The schema name of a command's JSON output."""
    return f"broadsheet.{command}/{SCHEMA_VERSION}"


def unknown_as_null(value: Any) -> Any:
    """Empty strings (the library's "not known") become null, all the way down."""
    if value == "":
        return None
    if isinstance(value, dict):
        return {k: unknown_as_null(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [unknown_as_null(v) for v in value]
    return value


def dump(command: str, payload: dict[str, Any], out: TextIO) -> None:
    """Print one command's JSON object: its schema first, unknown values as null."""
    data = {"schema": schema(command)} | unknown_as_null(payload)
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def add_parsers(commands: Any) -> None:
    """Add `open`, `mark` and `keys` to the main parser."""
    opening = commands.add_parser("open", help="open an article's web address in the browser")
    opening.add_argument("id", help="article id")
    opening.add_argument(
        "--print", action="store_true", help="print the address instead of opening it"
    )
    mark = commands.add_parser("mark", help="mark articles read or unread")
    state = mark.add_mutually_exclusive_group(required=True)
    state.add_argument("--read", action="store_true", help="mark them read")
    state.add_argument("--unread", action="store_true", help="mark them unread")
    mark.add_argument("ids", nargs="*", metavar="ID", help="article ids")
    mark.add_argument("--all", action="store_true", help="every article (or every one of --feed)")
    mark.add_argument("--feed", metavar="URL", help="with --all: only this subscription's articles")
    mark.add_argument("--json", action="store_true", help="print a JSON object")
    keys = commands.add_parser("keys", help="list every key binding id (for config.toml)")
    keys.add_argument("--json", action="store_true", help="print a JSON object")


def cmd_open(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    """`broadsheet open ID`."""
    import webbrowser

    url = workspace.article(args.id).url
    if not url:
        raise ReaderCommandError(f"article {args.id} has no web address (imported from a file)")
    if args.print or not webbrowser.open(url):
        print(url, file=out)
        return
    print(f"opened {url}", file=out)


def cmd_mark(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    """`broadsheet mark --read|--unread ID... | --all [--feed URL]`."""
    if args.all == bool(args.ids):
        raise ReaderCommandError("name article ids, or --all (not both)")
    if args.feed and not args.all:
        raise ReaderCommandError("--feed goes with --all")
    if args.all:
        ids = workspace.article_ids(args.feed)
    else:
        ids = list(dict.fromkeys(args.ids))
        for article_id in ids:
            workspace.article(article_id)  # NotFound names the first unknown id; nothing changed
    changed = workspace.mark_many_read(ids, read=args.read)
    state = "read" if args.read else "unread"
    if args.json:
        dump("mark", {"state": state, "articles": len(ids), "changed": changed}, out)
        return
    print(f"marked {changed} of {len(ids)} article(s) {state}", file=out)


def cmd_keys(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    """`broadsheet keys`: every binding id with its keys (after config.toml), scope and use."""
    from reader.tui import keys, settings

    loaded = settings.load(workspace.locations.config_path, keys.BINDING_IDS)
    rows = [
        {
            "id": key.id,
            "keys": keys.keys_of(key, loaded.keymap),
            "default": key.key.split(","),
            "scope": key.scope,
            "action": key.description,
            "help": key.help,
        }
        for key in keys.KEYS
    ]
    problems = loaded.problems + keys.conflicts(loaded.keymap)
    if args.json:
        dump(
            "keys",
            {"config": str(workspace.locations.config_path), "keys": rows, "problems": problems},
            out,
        )
        return
    for row in rows:
        shown = ",".join(row["keys"])
        print(f"{row['id']:<26} {shown:<22} {row['scope']:<13} {row['help']}", file=out)
    print(f'\nremap in {workspace.locations.config_path}: [keymap] then id = "key"', file=out)
    for problem in problems:
        print(f"broadsheet keys: {problem}", file=out)


COMMANDS = {"open": cmd_open, "mark": cmd_mark, "keys": cmd_keys}
ERRORS = (ReaderCommandError,)  # NotFound is caught by main with the other expected errors
