"""The run the sidebar chose: what every page shows, and how.

Its own module so that the stage, the sharing panel and the pages can name the
type without importing the widget code that builds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from perceptron.history import History
from perceptron.settings import RunSpec


@dataclass
class ChosenRun:
    """The sidebar's valid run (its spec and history), presenter mode, and what it refused."""

    spec: RunSpec
    history: History
    presenter: bool
    problems: list[str] = field(default_factory=list)
