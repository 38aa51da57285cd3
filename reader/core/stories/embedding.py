"""Sentence vectors from a small static embedding model shipped inside a registry package.

Why static: a static model is a table of word vectors averaged per sentence, so it needs no torch
and embeds a thousand sentences in a fraction of a second on two cores. The model is WordLlama's
`l2_supercat` at 256 dimensions (its 19 MB wheel carries 16 MB of weights and the tokenizer). The
other registry package with weights inside, `tokenlearn-static-model` (64-d int8), embedded the
4,871 BASIL passages 3x slower here (16.8 s against 5.3 s), too slow for the 500 ms budget of
opening a comparison; the README gives both measurements.

The model is loaded from the package's own folder with downloads disabled: WordLlama's default
cache folder is elsewhere and it would try the network. If the package is missing or broken,
`sentence_vectors` returns None and alignment falls back to words alone; `model_problem()` says why.

Vectors are kept in a bounded in-process memo keyed by the sentence text, so reopening a
comparison (or the same article in another story) does not embed it again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

MODEL = "wordllama l2_supercat 256-d"
DIMENSIONS = 256
MEMO_SIZE = 50_000  # sentences (about 50 MB of float32 vectors at most)
ENABLED = True  # benchmarks turn it off to measure words alone as a peer

_lock = threading.Lock()
_model: Any = None
_problem = ""
_memo: OrderedDict[str, np.ndarray] = OrderedDict()


def _load() -> Any:
    """The model, loaded once; None (and `_problem` set) if it cannot be loaded offline."""
    global _model, _problem
    if _model is not None or _problem:
        return _model
    try:
        import wordllama
        from wordllama import WordLlama

        folder = Path(wordllama.__file__).parent
        _model = WordLlama.load(cache_dir=folder, dim=DIMENSIONS, disable_download=True)
    except Exception as error:  # any failure means: compare by words alone
        _problem = f"the embedding model could not be loaded ({type(error).__name__}: {error})"
        _model = None
    return _model


def model_problem() -> str:
    """Why the model is not in use, or "" when it is (loads it if needed)."""
    with _lock:
        _load()
        return _problem


def warm_up() -> None:
    """Load the model now (the TUI calls this in the background at start)."""
    with _lock:
        _load()


def sentence_vectors(sentences: Sequence[str]) -> np.ndarray | None:
    """Unit-length vectors, one row per sentence, or None without the model."""
    if not ENABLED:
        return None
    with _lock:
        model = _load()
        if model is None:
            return None
        missing = list(dict.fromkeys(s for s in sentences if s not in _memo))
        if missing:
            fresh = np.asarray(model.embed(missing, norm=True), dtype=np.float32)
            for sentence, vector in zip(missing, fresh, strict=True):
                _memo[sentence] = vector
        rows = []
        for sentence in sentences:
            _memo.move_to_end(sentence)
            rows.append(_memo[sentence])
        while len(_memo) > MEMO_SIZE:
            _memo.popitem(last=False)
    if not rows:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.vstack(rows)


def clear_memo() -> None:
    """Forget the remembered vectors (benchmarks measuring a cold open)."""
    with _lock:
        _memo.clear()
