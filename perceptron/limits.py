"""Every cap on a size that grows with user input, in one place.

The app, the CLI and the URL parser all read these, so a limit is changed here
or nowhere. They exist so that no input can make the server allocate gigabytes
or compute for minutes: one student's typo must not slow down a lecture hall.
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

APP_MAX_ITERATIONS = 100_000
"""Iterations the app offers: enough to show saturation, few enough to cache many runs."""

MAX_DRAWN_POINTS = 400
"""Points per drawn path: long runs are downsampled, keeping first, last and current exact."""

SHOWN_ROWS = 12
"""Rows followed step by step (the rows table, error curves, predictions sent to the page): a
1,000-row upload shows its first dozen and says so, so a step stays as cheap as for four."""

PLANE_ROWS = 200
"""Rows drawn as points on the input plane; a larger upload shows its first 200 and says so."""

APP_MAX_HISTORY_VALUES = 1_000_000
"""The app's own (iterations + 1) × rows cap: a cached run stays under ~10 MB whatever the table."""

CACHE_ENTRIES = 16
"""Training runs kept by the app's cache, and as many runs packed for the page: about 18 MB a
pair at the history cap, so at most ~290 MB if every run were at the cap (a default run and
its packing take about 1.1 MB). A session keeps its own run besides, so it never retrains."""

MAX_COMPARE_RUNS = 8
"""Runs trained side by side on the Compare page."""

COMPARE_CACHE_ENTRIES = 4
"""Compare-page results kept by the app's cache: 8 runs of at most ~10 MB each, so ~320 MB."""

MAX_URL_CHARS = 4_000
"""Longest query-string value the app will parse; anything longer is ignored as tampered."""
