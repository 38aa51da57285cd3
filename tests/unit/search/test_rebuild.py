"""A large library's index is rebuilt in a child process that uses every core."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reader.core.locations import resolve
from reader.core.search import index as index_module
from reader.core.search.rebuild import RebuildStopped, rebuild_in_child
from reader.core.workspace import Workspace


def _sample_workspace(root: Path) -> Workspace:
    workspace = Workspace(resolve(root))
    workspace.setup()
    return workspace


def test_a_child_rebuilds_the_index_and_reports_progress(tmp_path: Path) -> None:
    workspace = _sample_workspace(tmp_path)
    seen: list[tuple[int, int]] = []
    count = rebuild_in_child(
        workspace.locations.library_path,
        workspace.locations.index_dir,
        lambda done, total: seen.append((done, total)),
    )
    assert count == 5
    assert seen[-1] == (5, 5)
    again = Workspace(resolve(tmp_path))
    assert again.setup() == []  # the child's index is current: nothing to rebuild
    assert [h.id[:3] for h in again.search("Lightfoot").hits] == ["001"]


def test_a_failing_child_says_why(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError) as error:
        rebuild_in_child(tmp_path, tmp_path / "index", None)  # a folder is not a library
    assert str(error.value)
    assert "\n" not in str(error.value)


def test_ensure_hands_a_large_rebuild_to_a_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = _sample_workspace(tmp_path)
    calls: list[Path] = []

    def child(library: Path, index_dir: Path, progress: object, stop: threading.Event) -> int:
        calls.append(index_dir)
        return rebuild_in_child(library, index_dir, None, stop)

    monkeypatch.setattr(index_module, "worth_a_child", lambda articles: True)
    monkeypatch.setattr(index_module, "rebuild_in_child", child)
    (workspace.locations.index_dir / "vocabulary.json").unlink()
    (notice,) = workspace.prepare_index()
    assert notice.startswith("search index vocabulary missing: rebuilt")
    assert calls == [workspace.locations.index_dir]
    assert workspace.search("Lightfoot").total == 1


def test_a_stopped_child_leaves_nothing_behind(tmp_path: Path) -> None:
    workspace = _sample_workspace(tmp_path)
    stop = threading.Event()
    stop.set()  # the reader quits as the rebuild starts
    with pytest.raises(RebuildStopped):
        rebuild_in_child(
            workspace.locations.library_path, workspace.locations.index_dir, None, stop
        )
    index_dir = workspace.locations.index_dir
    assert not list(index_dir.parent.glob(f"{index_dir.name}.building-*"))
    assert Workspace(resolve(tmp_path)).setup() == []  # the old index is untouched
