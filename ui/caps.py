"""The app's own caps, tighter than the engine's: one server holds a lecture hall's runs.

The engine accepts what a single script can afford (``perceptron/limits.py``); the app
keeps many runs in its caches for many visitors at once, so it offers less.
"""

APP_MAX_ITERATIONS = 100_000
"""Iterations the app offers: enough to show saturation, few enough to cache many runs."""

APP_MAX_HISTORY_VALUES = 1_000_000
"""The app's own (iterations + 1) × rows cap: a cached run stays under ~10 MB whatever the table."""

MB = 2**20

RUN_SHELF_BYTES = 160 * MB
"""Histories the server keeps for every session to share: about 220 default runs (0.7 MB) or 22
at the app's caps (7.2 MB, 100,000 steps of the notebook's table). Sessions keep no run of
their own, so this and the next bound what a hall of different runs holds."""

PACKED_SHELF_BYTES = 224 * MB
"""Runs packed for the page (and served from Streamlit's media store): about 600 default runs
(0.37 MB gzipped) or 50 at the app's caps (4.5 MB). A page fetches its file within moments of
its run, and these are the last 50 runs asked for even when every one is that long."""

TRAINING_TURNS = 2
"""Runs trained at once (``ui/shelf.py``'s queue); the rest wait their turn, first come first
served. Training is Python-bound: more at once would only finish them all later, each with
its temporaries (up to ~20 MB for a long run) held meanwhile."""

MAX_COMPARE_RUNS = 8
"""Runs trained side by side on the Compare page."""

PACKED_RACE_BYTES = 64 * MB
"""Compare's races packed for the page (and served from Streamlit's media store): about 100
default races (three runs, 0.6 MB gzipped) or 4 of eight 100,000-step runs (13.9 MB)."""

COMPARE_CACHE_ENTRIES = 4
"""Compare-page results kept by the app's cache: 8 runs of at most ~10 MB each, so ~320 MB."""
