"""Claim alignment quality on BASIL's 300 outlet pairs, and the model's cost.

Prints: claim pairs and distinct passage pairs found, outlet pairs with no pair, precision on the
hand-judged pairs (tests/data/claim_pair_labels.jsonl) that the output contains, and the
estimated correct pairs; the same with words alone (no embedding model) as a peer in the same
run. The issue's reference for the old passage TF-IDF alignment: about 474 correct pairs at 0.90,
59 outlet pairs empty. `--unjudged N` prints N random output pairs that have no label yet.
Needs ../shared/corpora; prints a line and exits 0 without it.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

from reader.core.stories import claimeval, embedding, quoteeval
from reader.core.stories.facts import extract

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"
LABELS = Path(__file__).resolve().parents[1] / "tests" / "data" / "claim_pair_labels.jsonl"
QUOTES = Path(__file__).resolve().parents[1] / "tests" / "data" / "quote_speaker_labels.jsonl"
BASELINE_CORRECT = 474  # the figure for the old alignment


def report(name: str, s: claimeval.ClaimScores, seconds: float) -> None:
    """One block of figures."""
    print(
        f"{name}: {s.claim_pairs} claim pairs ({s.same_words} same words) in "
        f"{s.passage_pairs} passage pairs; {s.empty_outlet_pairs} of {s.outlet_pairs} outlet "
        f"pairs with none; {seconds:.1f} s"
    )
    print(
        f"  judged {s.judged} output pairs: precision {s.precision:.3f}; estimated correct "
        f"{s.correct_estimate} ({s.correct_estimate / BASELINE_CORRECT:.2f}x the old "
        f"{BASELINE_CORRECT}); {len(s.unjudged)} output pairs unjudged; {s.stale_labels} stale "
        "labels"
    )


def main() -> int:
    """Print the figures."""
    path = SHARED / "events" / "basil_triplets_2010_2019.jsonl"
    if not path.exists():
        print(f"skipped: {path} is not available")
        return 0
    print(f"load: {os.getloadavg()[0]:.2f} (1-minute average), 2 cores shared")
    events = claimeval.basil_views(path)
    labels = claimeval.read_labels(LABELS)
    start = time.perf_counter()
    problem = embedding.model_problem()
    print(f"model: {embedding.MODEL}; loaded in {time.perf_counter() - start:.2f} s {problem}")
    start = time.perf_counter()
    found = claimeval.basil_alignments(events)
    with_model = claimeval.score(found, events, labels)
    report("words + embedding", with_model, time.perf_counter() - start)
    embedding.ENABLED = False
    start = time.perf_counter()
    alone = claimeval.score(claimeval.basil_alignments(events), events, labels)
    report("words alone (peer)", alone, time.perf_counter() - start)
    embedding.ENABLED = True
    views = {v.article.id: v for group in events.values() for v in group}
    q = quoteeval.score_quotes(views, QUOTES)
    quotes = [f for v in views.values() for f in extract(v) if f.kind == "quote"]
    named = sum(f.key != "unattributed" for f in quotes)
    print(
        f"quote attribution: {q.correct} of {q.attributed} attributed judged quotes right "
        f"(precision {q.precision:.3f}; {q.judged} judged, {q.judged - q.attributed} left "
        f"unattributed); {named} of {len(quotes)} BASIL quotes get a speaker"
    )
    if "--unjudged" in sys.argv:
        count = int(sys.argv[sys.argv.index("--unjudged") + 1])
        texts = {
            (v.article.id, p.index): p.text
            for vs in events.values()
            for v in vs
            for p in v.passages
        }
        for a, i, b, j in random.Random(14).sample(with_model.unjudged, count):
            print(
                f"UNJUDGED {a} {i} {b} {j}\n  A: {texts[(a, i)][:300]}\n  B: {texts[(b, j)][:300]}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
