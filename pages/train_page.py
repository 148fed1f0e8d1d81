"""Train: step or play gradient descent and watch three synced views at step t.

Everything after training happens in the browser (``ui/stage.py``): the run is
sent once, and stepping, scrubbing and Play never rerun this script.
"""

from ui import links, shell, stage

chosen = shell.context("Train")
links.notices()
shell.problems(chosen)
stage.show(chosen)
