"""`broadsheet search`, `show` and `list`: reading the library from the command line."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import TextIO

from reader.cli.habits import dump
from reader.cli.output import (
    date_or_undated,
    emphasise,
    hit_json,
    one_line,
    safe,
)
from reader.core.models import SearchOptions, outlet_name
from reader.core.workspace import Workspace


def cmd_search(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    """`broadsheet search QUERY`."""
    options = SearchOptions(
        limit=args.limit,
        offset=args.offset,
        sort=args.sort,
        outlet=args.source,
        since=args.since,
        until=args.until,
        unread_only=args.unread,
    )
    result = workspace.search(args.query, options)
    if args.json:
        payload = {
            "query": result.query,
            "read_as": result.read_as,
            "notes": list(result.notes),
            "total": result.total,
            "unread_only": args.unread,
            "matched": result.matched,
            "offset": args.offset,
            "sort": args.sort,
            "suggestion": result.suggestion,
            "outlets": [{"outlet": name, "hits": n} for name, n in result.outlets],
            "hits": [hit_json(hit) for hit in result.hits],
        }
        dump("search", payload, out)
        return
    shown = len(result.hits)
    count = f"{result.total} hit{'s' if result.total != 1 else ''}"
    if result.matched is not None:  # --unread: how many of how many
        count = f"{result.total} unread of {result.matched} hit{'s' if result.matched != 1 else ''}"
    print(
        f"{count} for {result.read_as}"
        f" ({result.seconds * 1000:.0f} ms){f', showing {shown}' if shown < result.total else ''}",
        file=out,
    )
    for note in result.notes:
        print(f"note: {note}", file=out)
    if result.outlets and result.total:
        counts = ", ".join(f"{outlet_name(name)} {n}" for name, n in result.outlets[:8])
        more = f", {len(result.outlets) - 8} more" if len(result.outlets) > 8 else ""
        print(f"outlets: {safe(counts)}{more}", file=out)
    if result.suggestion:
        print(f"did you mean: {safe(result.suggestion)}", file=out)
    for n, hit in enumerate(result.hits, start=1):
        print(f"\n{n:>2}. {safe(hit.title)}  [{one_line(hit.id)}]", file=out)
        print(
            f"    {safe(outlet_name(hit.source))} · {one_line(date_or_undated(hit.published))} · {hit.word_count} words"
            f" · score {hit.score:.2f}",
            file=out,
        )
        print(f"    {emphasise(safe(hit.snippet), hit.highlights, out)}", file=out)


def cmd_show(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    """`broadsheet show ID`."""
    view = workspace.clean_article(args.id)
    article = view.article
    if args.markdown:
        text = workspace.article_markdown(args.id)
        out.write(safe(text) if out.isatty() else text)
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
            "author": article.author,
            "headline_only": article.headline_only,
            "body": view.text,
            "hidden_boilerplate": [{"reason": b.boilerplate, "text": b.text} for b in view.hidden],
        }
        dump("show", {"article": data}, out)
        return
    derived = " (headline derived from the text)" if article.title_derived else ""
    print(safe(article.title) + derived, file=out)
    size = "headline only" if article.headline_only else f"{view.word_count} words"
    byline = f" · by {one_line(article.author)}" if article.author else ""
    print(
        f"{one_line(outlet_name(article.source))}{byline} · "
        f"{one_line(date_or_undated(article.published))} · {size}"
        + (f" · {one_line(article.url)}" if article.url else ""),
        file=out,
    )
    if article.headline_only:
        fetch_hint = (
            f"(headline only: `broadsheet fetch-text {one_line(article.id)}` fetches its text)"
        )
        print(fetch_hint, file=out)
    print(file=out)
    print(safe(view.text), file=out)


def cmd_list(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    """`broadsheet list`."""
    summaries = workspace.summaries()
    if args.json:
        dump("list", {"total": len(summaries), "articles": [asdict(s) for s in summaries]}, out)
        return
    for s in summaries:
        size = "headline only" if s.headline_only else f"{s.word_count:>6} words"
        byline = f" · by {one_line(s.author)}" if s.author else ""
        print(
            f"{one_line(s.id)}  {one_line(date_or_undated(s.published)):10}  "
            f"{one_line(outlet_name(s.source))[:20]:20}  "
            f"{size:>13}  {safe(s.title)}{byline}",
            file=out,
        )
