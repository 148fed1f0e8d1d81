"""How much of a run the charts draw: a long run or a big table costs what a small one does.

Every chart and the run packed for the page read these, so a figure the page shows
and the caption that says "first 12 of 1,000 rows" cannot disagree.
"""

MAX_DRAWN_POINTS = 400
"""Points per drawn path: long runs are downsampled, keeping first, last and current exact."""

SHOWN_ROWS = 12
"""Rows followed step by step (the rows table, error curves, predictions sent to the page): a
1,000-row upload shows its first dozen and says so, so a step stays as cheap as for four."""

PLANE_ROWS = 200
"""Rows drawn as points on the input plane; a larger upload shows its first 200 and says so."""
