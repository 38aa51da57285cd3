"""One writer at a time across processes: importers wait for each other and dedup sees all.

Before: two imports of the same id-less records stored all 200 twice; with three importers
all but one died with a whoosh LockError traceback and no report; a `search` running while
the index was behind made an import fail before it stored anything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.reliability.helpers import broadsheet, environment, make_library, no_traceback


def records(path: Path, count: int = 200) -> Path:
    """JSON Lines records without ids: only their URLs and words say they are the same."""
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            record = {
                "title": f"Council vote {n}",
                "url": f"https://gazette.example/vote-{n}",
                "body": f"The council voted on measure {n}. " + f"Detail {n} of the debate. " * 20,
                "source": "Gazette",
            }
            out.write(json.dumps(record) + "\n")
    return path


def start(data: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "reader", "--data-dir", str(data), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(),
    )


def stored(data: Path) -> list[dict[str, object]]:
    listed = broadsheet(data, "list", "--json")
    assert listed.code == 0, listed.err
    return list(json.loads(listed.out)["articles"])


def test_three_importers_of_the_same_records_store_each_once_and_all_report(
    tmp_path: Path,
) -> None:
    make_library(tmp_path, [])
    source = records(tmp_path / "votes.jsonl")
    importers = [start(tmp_path, "import", str(source)) for _ in range(3)]
    outcomes = [(p.wait(timeout=300), *p.communicate()) for p in importers]
    for code, out, err in outcomes:
        assert code == 0, err
        assert "Traceback" not in err
        assert "imported from 1 source(s)" in out  # every import ends with its report
    added = sorted(int(out.split(" added")[0].rsplit(" ", 1)[-1]) for _, out, _ in outcomes)
    assert added == [0, 0, 200]  # one stored them; the others found them already there
    assert len(stored(tmp_path)) == 200
    # The index was kept current by whichever importer came last: every vote is found.
    found = broadsheet(tmp_path, "search", "council", "--limit", "1")
    assert found.code == 0 and found.out.startswith("200 hits")


def test_a_search_during_an_import_never_makes_it_fail(tmp_path: Path) -> None:
    make_library(tmp_path, [])
    assert broadsheet(tmp_path, "index").code == 0
    source = records(tmp_path / "votes.jsonl", 400)
    importer = start(tmp_path, "import", str(source))
    searches = [broadsheet(tmp_path, "search", "measure") for _ in range(3)]
    code = importer.wait(timeout=300)
    out, err = importer.communicate()
    assert code == 0, err
    assert "400 added" in out
    for search in searches:
        no_traceback(search)
        assert search.code == 0, search.err


def test_a_second_writer_that_waits_too_long_stops_with_one_line(tmp_path: Path) -> None:
    make_library(tmp_path, [])
    lock = tmp_path / "data" / "library.writer-lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"
            "print('held', flush=True)\n"
            "time.sleep(60)\n",
            str(lock),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        source = records(tmp_path / "votes.jsonl", 5)
        run = broadsheet(tmp_path, "import", str(source), BROADSHEET_WRITE_WAIT="1")
    finally:
        holder.kill()
        holder.wait()
    no_traceback(run)
    assert run.code == 1
    assert "waiting up to 1 s" in run.err and "nothing was written" in run.err
    assert stored(tmp_path) == []
