"""The command line: `broadsheet COMMAND`, one module per command family, all through Workspace."""

from reader.cli.main import main

__all__ = ["main"]
