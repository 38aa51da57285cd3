"""A library of 2,100 generated articles that all mention "budget", built once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.core.locations import resolve
from reader.core.models import Article
from reader.core.workspace import Workspace

GENERATED = 2100


def articles(count: int = GENERATED) -> list[Article]:
    """Distinct articles: each headline and body names its own number."""
    return [
        Article(
            id=f"gen-{n:05d}",
            title=f"Council budget vote number {n}",
            body=(
                f"The council met on day {n}. The budget vote passed with {n} votes.\n\n"
                f"A second paragraph about the harbour, number {n}."
            ),
            source=f"Outlet {n % 7}",
            published=f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}",
            url=f"https://example.org/news/{n}",
        )
        for n in range(count)
    ]


@pytest.fixture(scope="session")
def big_library_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir with the sample corpus plus the generated articles, indexed."""
    root = tmp_path_factory.mktemp("big-library")
    workspace = Workspace(resolve(root))
    try:
        workspace.prepare_library()
        workspace.add_articles(articles())
        workspace.prepare_index()
    finally:
        workspace.close()
    return root


@pytest.fixture
def big_library(big_library_template: Path, tmp_path: Path) -> Path:
    """A private copy of the big library for one test."""
    copy = tmp_path / "big"
    shutil.copytree(big_library_template, copy)
    return copy
