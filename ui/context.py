"""What every page needs from the sidebar: the run to show and how to show it.

Its own module so that the stage, the sharing panel and the pages can name the
type without importing the widget code that builds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from perceptron.history import History
from perceptron.settings import RunSpec


@dataclass
class Context:
    spec: RunSpec
    history: History
    presenter: bool
    problems: list[str] = field(default_factory=list)
