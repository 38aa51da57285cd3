"""`broadsheet story`, `stories` and `compare`: stories across outlets from the command line."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import TextIO

from reader.cli.habits import dump
from reader.cli.output import (
    CommandError,
    date_or_undated,
    one_line,
    safe,
)
from reader.core.models import UNKNOWN_OUTLET, outlet_name
from reader.core.workspace import Workspace


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
            f"{mark} {one_line(s.id)}  {one_line(date_or_undated(s.published)):10}  "
            f"{one_line(outlet_name(s.source))[:20]:20}  "
            f"{s.word_count:>6} words  {safe(s.title)}",
            file=out,
        )


def cmd_stories(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    """`broadsheet stories`: every story with its outlets, date span and article count."""
    if args.min_outlets < 1:
        raise CommandError(f"--min-outlets {args.min_outlets}: give a number of 1 or more")
    rows = workspace.story_rows(args.min_outlets, args.sort, args.search)
    if args.json:
        data = [
            {
                "story": r.story.id,
                "count": len(r.members),
                "outlets": list(r.outlets),
                "outlet_count": r.outlet_count,
                "first_date": r.first_date,
                "last_date": r.last_date,
                "undated": list(r.undated),
                "articles": [asdict(m) for m in r.members],
            }
            for r in rows
        ]
        dump("stories", {"total": len(data), "stories": data}, out)
        return
    for r in rows:
        span = f"{r.first_date}..{r.last_date}" if r.first_date != r.last_date else r.first_date
        named = list(r.outlets) + ([UNKNOWN_OUTLET] if r.outlet_count > len(r.outlets) else [])
        outlets = ", ".join(named)
        print(
            f"{one_line(r.story.id)}  {len(r.members)} article{'s' if len(r.members) != 1 else ''}"
            f"  {one_line(span or 'undated')}  {one_line(outlets)}",
            file=out,
        )
        print(f"    {safe(r.members[0].title)}", file=out)
        if r.undated:
            undated = one_line(", ".join(r.undated))
            print(f"    undated, joined on strong evidence: {undated}", file=out)


def cmd_compare(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    """`broadsheet compare ID [--with OTHER]`: coverage, aligned passages, disagreements."""
    from reader.core.stories import report  # here: other commands need not import it

    if args.with_id == args.id:
        raise CommandError("--with names the same article; pick another one")
    result = workspace.compare(args.id, args.with_id)
    if args.json:
        dump("compare", report.as_dict(result), out)
        return
    for line in report.text_lines(result):
        print(safe(line), file=out)
