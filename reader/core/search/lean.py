"""Whoosh without the two imports it does not need here, for a faster cold command.

Whoosh's compat module imports urllib.request (for `urlretrieve`, which Broadsheet never
calls) and its readers import the cached_property package, which imports asyncio (to tell
coroutine properties apart; Whoosh has none). The two cost about 70 ms of CPU, a third of
what `broadsheet search` spends before it searches. `import_whoosh_lean` imports those two
modules with small stand-ins in their place, then takes the stand-ins out of sys.modules, so
any later `import asyncio` or `import urllib.request` gets the real module. It does nothing
when Whoosh or the real modules are already imported (the TUI, tests).
"""

from __future__ import annotations

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


def import_whoosh_lean() -> None:
    """Import whoosh.compat and cached_property without urllib.request and asyncio."""
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
