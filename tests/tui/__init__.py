"""Pilot journeys and snapshots of the reader; fixtures in conftest.py."""

SIZE = (120, 36)  # the terminal size the journeys run at
