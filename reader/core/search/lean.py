"""Whoosh without the imports it does not need here, for a faster cold command.

Whoosh's compat module imports urllib.request (for `urlretrieve`, which Broadsheet never
calls) and its readers import the cached_property package, which imports asyncio (to tell
coroutine properties apart; Whoosh has none). The two cost about 70 ms of CPU, a third of
what `broadsheet search` spends before it searches. `import_whoosh_lean` imports those two
modules with small stand-ins in their place, then takes the stand-ins out of sys.modules, so
any later `import asyncio` or `import urllib.request` gets the real module. It does nothing
when Whoosh or the real modules are already imported (the TUI, tests).

Whoosh's query module also imports its English morphology tables (`variations`, for a query
kind Broadsheet never builds: 5 ms). `whoosh.lang.morph_en` is a stand-in module until the
real one is first used: its `variations` and any other name load the real module then.
"""

from __future__ import annotations

import importlib
import inspect
import sys
import types
from collections.abc import Callable
from typing import Any


def _urlretrieve(*args: Any, **kwargs: Any) -> Any:
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


def _ensure_future(*args: Any, **kwargs: Any) -> Any:
    import asyncio

    return asyncio.ensure_future(*args, **kwargs)


def _stand_in(name: str, **attributes: Callable[..., Any]) -> types.ModuleType:
    module = types.ModuleType(name, "a stand-in while Whoosh is imported (reader.core.search.lean)")
    for key, value in attributes.items():
        setattr(module, key, value)
    return module


MORPHOLOGY = "whoosh.lang.morph_en"


def _real_morphology() -> types.ModuleType:
    """The real whoosh.lang.morph_en, imported in place of the stand-in on first use."""
    module = sys.modules.get(MORPHOLOGY)
    if module is None or getattr(module, "__stand_in__", False):
        sys.modules.pop(MORPHOLOGY, None)
        module = importlib.import_module(MORPHOLOGY)
    return module


def _variations(word: str) -> Any:
    return _real_morphology().variations(word)


def _morphology_attribute(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(name)
    return getattr(_real_morphology(), name)


def _stand_in_morphology() -> None:
    if MORPHOLOGY in sys.modules:
        return
    module = _stand_in(MORPHOLOGY, variations=_variations, __getattr__=_morphology_attribute)
    module.__stand_in__ = True  # type: ignore[attr-defined]
    sys.modules[MORPHOLOGY] = module


def import_whoosh_lean() -> None:
    """Import whoosh.compat and cached_property without urllib.request and asyncio, and
    leave whoosh.lang.morph_en to be imported when used."""
    _stand_in_morphology()
    if "whoosh.compat" in sys.modules and "cached_property" in sys.modules:
        return
    stand_ins = {}
    if "urllib.request" not in sys.modules:
        stand_ins["urllib.request"] = _stand_in("urllib.request", urlretrieve=_urlretrieve)
    if "asyncio" not in sys.modules:
        stand_ins["asyncio"] = _stand_in(
            "asyncio",
            iscoroutinefunction=inspect.iscoroutinefunction,
            ensure_future=_ensure_future,
        )
    sys.modules.update(stand_ins)
    try:
        import cached_property  # noqa: F401
        import whoosh.compat  # noqa: F401
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
