"""The bundled sample corpus: one Markdown file per seed, metadata only where the article shows it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.corpus import CorpusError, parse_front_matter, read_article_file, read_corpus
from reader.core.locations import sample_corpus_dir
from tests.conftest import shared_path

STEMS = [
    "000_38b2c77cdd090361",
    "001_7945570cf1f85a53",
    "002_4f6ddd44314d6b20",
    "003_664e7e63c6e16625",
    "004_3f326c91794456b3",
]


def test_sample_corpus_has_the_five_seed_articles_with_their_stems_as_ids() -> None:
    articles = list(read_corpus(sample_corpus_dir()))
    assert [a.id for a in articles] == STEMS  # type: ignore[union-attr]


def test_only_what_the_articles_show_is_filled_in() -> None:
    articles = {a.id: a for a in read_corpus(sample_corpus_dir())}  # type: ignore[union-attr]
    assert articles["004_3f326c91794456b3"].source == "The Forum"
    for stem in STEMS[:4]:
        assert articles[stem].source == "", "never invent an outlet"
    for article in articles.values():
        assert article.published == "", "a date in a photo caption is not a publication date"
        assert article.url == ""
        assert article.language == "en"
    assert articles["002_4f6ddd44314d6b20"].title_derived
    assert not articles["000_38b2c77cdd090361"].title_derived


def test_bodies_are_the_seed_text_unchanged() -> None:
    seeds = shared_path("seeds")
    for stem in STEMS:
        article = read_article_file(sample_corpus_dir() / f"{stem}.md")
        assert article.body == (seeds / f"{stem}.txt").read_text(encoding="utf-8")


def test_front_matter_values_may_be_quoted_or_bare() -> None:
    fields, body = parse_front_matter(
        '---\ntitle: "A \\"quoted\\" title"\nsource: Bare Outlet\n---\nText'
    )
    assert fields == {"title": 'A "quoted" title', "source": "Bare Outlet"}
    assert body == "Text"


def test_a_bad_file_is_reported_by_name_and_the_rest_still_load(tmp_path: Path) -> None:
    (tmp_path / "a_good.md").write_text("---\ntitle: Fine\n---\nSome text here.", encoding="utf-8")
    (tmp_path / "b_open.md").write_text("---\ntitle: Never closed\nText", encoding="utf-8")
    (tmp_path / "c_latin1.txt").write_bytes("Caf\xe9 society".encode("latin-1"))
    (tmp_path / "d_empty.md").write_text("---\ntitle: Empty\n---\n   \n", encoding="utf-8")
    items = list(read_corpus(tmp_path))
    assert items[0].id == "a_good"  # type: ignore[union-attr]
    errors = [str(i) for i in items[1:]]
    assert all(isinstance(i, CorpusError) for i in items[1:])
    assert errors[0].startswith("b_open.md: front matter") and "never closed" in errors[0]
    assert errors[1].startswith("c_latin1.txt: not UTF-8")
    assert errors[2] == "d_empty.md: no article text"


def test_a_file_without_front_matter_reads_as_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Plain headline sentence here. More text.\n", encoding="utf-8")
    article = read_article_file(path)
    assert article.title == "Plain headline sentence here"
    assert article.title_derived


@pytest.mark.parametrize("stem", STEMS)
def test_every_sample_file_has_all_front_matter_fields(stem: str) -> None:
    fields, _ = parse_front_matter((sample_corpus_dir() / f"{stem}.md").read_text(encoding="utf-8"))
    assert set(fields) == {"title", "source", "published", "url", "language"}
