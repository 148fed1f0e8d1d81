"""The app's own caps, tighter than the engine's: one server holds a lecture hall's runs.

The engine accepts what a single script can afford (``perceptron/limits.py``); the app
keeps many runs in its caches for many visitors at once, so it offers less.
"""

APP_MAX_ITERATIONS = 100_000
"""Iterations the app offers: enough to show saturation, few enough to cache many runs."""

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
