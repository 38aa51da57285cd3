"""`python -m reader` runs the same front door as the `broadsheet` command."""

from reader.cli import main

raise SystemExit(main())
