"""The run the sidebar chose: what every page shows, and how.

Its own module so that the stage, the sharing panel and the pages can name the
type without importing the widget code that builds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from perceptron.history import History
from perceptron.settings import RunSpec
from ui import run


@dataclass
class ChosenRun:
    """The sidebar's valid run (its spec), presenter mode, and what it refused.

    Only the spec is kept in the session: the history comes from the server's shelf of runs
    each time it is asked for (trained again if it left the shelf), so a hall of students
    with runs of their own holds what the shelf allows, not one run per student.
    """

    spec: RunSpec
    presenter: bool
    problems: list[str] = field(default_factory=list)

    @property
    def history(self) -> History:
        return run.train(self.spec)
