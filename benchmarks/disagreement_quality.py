"""Disagreement recall per kind and false flags, on copies of real BASIL articles.

Each article yields copies with one fact changed (office holder, figure with unit, date,
weekday) and copies that restate the same facts (one unrelated word, a date or figure in
another form); each copy is compared with its original as a two-article story.
Needs ../shared/corpora; prints a line and exits 0 without it.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from reader.core.stories import disagreeeval
from reader.core.stories.evaluation import read_labelled

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def main() -> int:
    """Print the figures."""
    path = SHARED / "events" / "basil_triplets_2010_2019.jsonl"
    if not path.exists():
        print(f"skipped: {path} is not available")
        return 0
    articles = [a for a, _ in read_labelled(path)]
    start = time.perf_counter()
    per_kind, unchanged, notes = disagreeeval.run(articles)
    print(
        f"load {os.getloadavg()[0]:.2f}; {len(articles)} BASIL articles; {time.perf_counter() - start:.1f} s"
    )
    for kind, tally in sorted(per_kind.items()):
        print(
            f"  {kind:9} recall {tally.hits / tally.cases:.2f} ({tally.hits} of {tally.cases} changed copies flagged)"
        )
    print(f"  unchanged copies with a flag: {unchanged.hits} of {unchanged.cases}")
    real = disagreeeval.real_event_flags(read_labelled(path))
    print(
        f"  for reference, flags on the {real[0]} real BASIL events (three outlets each, "
        f"not a target: outlets do disagree): {real[1]} ({real[2]} role, {real[3]} number, "
        f"{real[4]} date)"
    )
    if "-v" in sys.argv:
        print("\n".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
