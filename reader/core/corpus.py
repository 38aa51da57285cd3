"""Reading corpus files (Markdown with front matter, plain text) into Articles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from reader.core.dates import iso_date
from reader.core.models import Article
from reader.core.text import derive_title

FRONT_MATTER_FIELDS = ("title", "source", "published", "url", "language", "author")


class CorpusError(ValueError):
    """A corpus file that cannot be read as an article; the message names the file and why."""


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a `---` delimited YAML block from the body: (fields as text, body).

    The block is read by a real YAML parser, so lists (`tags:` then `- a`), folded (`>`) and
    literal (`|`) values and quoting all work; every scalar stays text (no YAML 1.1 surprises
    such as `title: No` becoming false). A list becomes its items joined by ", "; nested
    mappings are ignored. Front matter YAML cannot read (`title: Breaking: news`) falls back to
    plain `key: value` lines, so it is never fatal. Only an unclosed block is an error. The
    body is returned exactly as it follows the closing delimiter.
    """
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 3)
    if end == -1:
        if text.endswith("\n---"):
            end = len(text) - 4
        else:
            raise ValueError("front matter opened with '---' is never closed")
    block = text[4:end]
    try:
        fields = _yaml_fields(block)
    except ValueError:
        fields = _line_fields(block)
    return fields, text[end + 5 :]


def _yaml_fields(block: str) -> dict[str, str]:
    import yaml

    try:
        loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # libyaml when built with it
        data = yaml.load(block, Loader=loader)  # every scalar stays a string
    except yaml.YAMLError as exc:
        raise ValueError(str(exc)) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError("front matter is not a mapping")
    fields: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, list):
            value = ", ".join(str(v).strip() for v in value if isinstance(v, str) and v.strip())
        if isinstance(value, str):
            fields[str(key).strip().lower()] = value.strip()
    return fields


def _line_fields(block: str) -> dict[str, str]:
    """`key: value` lines, the rest of the first colon being the value; other lines skipped."""
    fields: dict[str, str] = {}
    for line in block.splitlines():
        key, sep, raw = line.partition(":")
        if not sep or not key.strip() or line[:1].isspace() or line.lstrip().startswith("#"):
            continue
        raw = raw.strip()
        if raw.startswith('"'):
            try:
                raw = str(json.loads(raw))
            except json.JSONDecodeError:
                raw = raw.strip('"')
        elif raw.startswith("'") and raw.endswith("'") and len(raw) >= 2:
            raw = raw[1:-1].replace("''", "'")
        fields[key.strip().lower()] = raw
    return fields


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
        published=iso_date(fields.get("published", "")),
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
