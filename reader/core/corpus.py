"""Reading corpus files (Markdown with front matter, plain text) into Articles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from reader.core.models import Article
from reader.core.text import derive_title

FRONT_MATTER_FIELDS = ("title", "source", "published", "url", "language", "author")


class CorpusError(ValueError):
    """A corpus file that cannot be read as an article; the message names the file and why."""


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a `---` delimited block of `key: value` lines from the body.

    Values may be bare or JSON-quoted strings (which is also valid YAML). The body is returned
    exactly as it follows the closing delimiter.
    """
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 3)
    if end == -1:
        if text.endswith("\n---"):
            end = len(text) - 4
        else:
            raise ValueError("front matter opened with '---' is never closed")
    fields: dict[str, str] = {}
    for number, line in enumerate(text[4:end].splitlines(), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, raw = line.partition(":")
        if not sep:
            raise ValueError(f"front matter line {number} is not 'key: value'")
        raw = raw.strip()
        if raw.startswith('"'):
            try:
                value = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise ValueError(
                    f"front matter line {number}: bad quoted value ({exc.msg})"
                ) from exc
        elif raw.startswith("'") and raw.endswith("'") and len(raw) >= 2:
            value = raw[1:-1].replace("''", "'")
        else:
            value = raw
        fields[key.strip().lower()] = str(value)
    return fields, text[end + 5 :]


def article_from_text(article_id: str, text: str, origin: str = "") -> Article:
    """An Article from a Markdown/plain-text document, deriving the headline if none is given."""
    fields, body = parse_front_matter(text)
    title = fields.get("title", "").strip()
    derived = False
    if not title:
        title = derive_title(body)
        derived = bool(title)
    if not body.strip():
        raise ValueError("no article text")
    return Article(
        id=article_id,
        title=title,
        body=body,
        source=fields.get("source", "").strip(),
        published=fields.get("published", "").strip(),
        url=fields.get("url", "").strip(),
        language=fields.get("language", "").strip(),
        author=fields.get("author", "").strip(),
        title_derived=derived,
        origin=origin,
    )


def read_article_file(path: Path, origin_prefix: str = "") -> Article:
    """One corpus file as an Article whose id is the file's stem."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path.name}: not UTF-8 text (byte {exc.start})") from exc
    except OSError as exc:
        raise CorpusError(f"{path.name}: cannot read ({exc.strerror})") from exc
    try:
        return article_from_text(path.stem, text, origin=origin_prefix + path.stem)
    except ValueError as exc:
        raise CorpusError(f"{path.name}: {exc}") from exc


def corpus_files(directory: Path) -> list[Path]:
    """The article files of a corpus directory, in name order."""
    return sorted(p for p in directory.iterdir() if p.suffix in (".md", ".txt") and p.is_file())


def read_corpus(directory: Path, origin_prefix: str = "") -> Iterator[Article | CorpusError]:
    """Every article of a directory, or the error that stopped one; the rest still load."""
    for path in corpus_files(directory):
        try:
            yield read_article_file(path, origin_prefix)
        except CorpusError as exc:
            yield exc
