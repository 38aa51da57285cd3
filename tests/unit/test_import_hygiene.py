"""The core must not import the UI: each core module is imported alone in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import reader.core

CORE_MODULES = sorted(
    m.name for m in pkgutil.walk_packages(reader.core.__path__, prefix="reader.core.")
)


def test_core_has_the_packages_the_architecture_names() -> None:
    for name in ("models", "text", "locations", "corpus", "workspace", "library", "search"):
        assert f"reader.core.{name}" in CORE_MODULES
    for name in ("stories", "bookmarks", "ingest", "search.whoosh_internals", "library.database"):
        assert f"reader.core.{name}" in CORE_MODULES


def test_no_core_module_imports_textual_or_rich() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {CORE_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_cli_imports_no_ui_until_the_reader_is_launched() -> None:
    code = "import sys, reader.cli; print(any(m.startswith('textual') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_no_two_modules_import_each_other_even_lazily() -> None:
    # grimp (import-linter's graph) counts imports inside functions too: a lazy import does not
    # hide a cycle. Tarjan's strongly connected components; any of two or more is a cycle.
    import grimp

    graph = grimp.build_graph("reader")
    edges = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        for other in edges[module]:
            if other not in order:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], order[other])
        if low[module] == order[module]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(edges):
        if module not in order:
            visit(module)
    assert cycles == []


def _loaded_after(statement: str, names: tuple[str, ...]) -> list[str]:
    code = f"import sys\n{statement}\nprint(','.join(n for n in {names!r} if n in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return [n for n in out.stdout.strip().split(",") if n]


def test_a_search_from_the_command_line_loads_no_ingest_package() -> None:
    # `broadsheet search` imports the CLI: fetching, feeds and HTML load only for their commands.
    assert _loaded_after("import reader.cli.main", ("reader.core.ingest", "http.client")) == []


def test_the_readers_first_screen_loads_neither_the_search_engine_nor_ingest() -> None:
    # The first list is drawn before the setup thread imports Whoosh's analysis and numpy.
    names = ("numpy", "whoosh.analysis", "reader.core.search.analysis", "reader.core.ingest.items")
    assert _loaded_after("import reader.tui.app", names) == []
    # `broadsheet` imports the command line first, then the reader: the same holds for both
    # (the command line once loaded numpy and Whoosh for `search` before the reader started).
    assert _loaded_after("import reader.cli.main\nimport reader.tui.app", names) == []
