"""The engine's caps on every size that grows with user input, in one place.

The CLI, the codecs and the app all read these, so an engine limit is changed here
or nowhere. They exist so that no input can make the process allocate gigabytes
or compute for minutes. The app's tighter caps live with the app (``ui/caps.py``)
and the charts' with the charts (``views/caps.py``).
"""

MAX_ROWS = 1_000
"""Rows in a dataset: a teaching table has a handful; a thousand still trains quickly."""

MAX_FEATURES = 10
"""Input columns. The charts draw two; the engine itself accepts up to ten."""

MAX_SEED = 2**32 - 1
"""Largest seed numpy's RandomState accepts."""

MAX_ITERATIONS = 1_000_000
"""Gradient-descent updates the engine will run."""

MAX_HISTORY_VALUES = 10_000_000
"""Cap on (iterations + 1) × rows: predictions alone take 8 bytes each (80 MB at the cap)."""

MAX_URL_CHARS = 4_000
"""Longest query-string value the app will parse; anything longer is ignored as tampered."""
