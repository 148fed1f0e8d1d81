"""Train: step or play gradient descent and watch three synced views at step t.

Everything after training happens in the browser (``ui/stage.py``): the run is
sent once, and stepping, scrubbing and Play never rerun this script.
"""

from ui import entry, links, shell, stage

entry.through_app()  # run alone (a fresh server's deep link): app.py draws it instead
chosen = shell.context("Train")
links.notices()
shell.problems(chosen)
stage.show(chosen)
