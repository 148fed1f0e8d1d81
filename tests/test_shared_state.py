"""No state shared between sessions: a server imports the engine, the views and the UI
glue once and every session shares them, so no module may mutate module-level state,
ui/ module-level values are immutable, and cached runs are read-only.
"""

from __future__ import annotations

import ast
import pathlib

import pytest

import perceptron
from tests.support.expected import NOTEBOOK_X, NOTEBOOK_Y
from tests.support.paths import ROOT

MUTATORS = {
    "append",
    "extend",
    "insert",
    "update",
    "setdefault",
    "pop",
    "popitem",
    "clear",
    "add",
    "discard",
    "remove",
    "__setitem__",
}


def shared_state_problems(path: pathlib.Path) -> list[str]:
    tree = ast.parse(path.read_text())
    module_names = set()
    for node in tree.body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        module_names |= {t.id for t in targets if isinstance(t, ast.Name)}
    problems = []
    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.Lambda))]
    for function in functions:
        for node in ast.walk(function):
            where = f"{path.name}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, (ast.Global, ast.Nonlocal)):
                problems.append(f"{where} declares {node.names}")
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in module_names
                and node.func.attr in MUTATORS
            ):
                problems.append(f"{where} mutates module-level {node.func.value.id}")
            elif isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
                targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else []
                if isinstance(node, ast.AugAssign):
                    targets = [node.target]
                for target in targets:
                    base = target
                    while isinstance(base, (ast.Subscript, ast.Attribute)):
                        base = base.value
                    if (
                        base is not target
                        and isinstance(base, ast.Name)
                        and base.id in module_names
                    ):
                        problems.append(f"{where} writes into module-level {base.id}")
    return problems


SHARED_FILES = sorted(
    path
    for folder in ("perceptron", "views", "ui", "pages")
    for path in (ROOT / folder).glob("*.py")
)
"""Everything a server imports once and every session then shares (app.py aside)."""


def test_the_scanner_covers_the_engine_the_views_and_the_glue():
    names = {f"{p.parent.name}/{p.name}" for p in SHARED_FILES}
    expected = {
        "perceptron/settings.py",
        "perceptron/codecs.py",
        "perceptron/history.py",
        "views/payload.py",
        "views/marks.py",
        "ui/stage.py",
        "ui/steps.py",
        "ui/links.py",
        "ui/run.py",
        "pages/train.py",
    }
    assert expected <= names, expected - names


@pytest.mark.parametrize("path", SHARED_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_module_level_state_is_mutated_across_sessions(path):
    assert shared_state_problems(path) == []


def test_the_scanner_catches_shared_state(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "SEEN = []\nCOUNT = {}\n\n"
        "def f(x):\n    SEEN.append(x)\n    COUNT[x] = 1\n\n"
        "def g():\n    global SEEN\n    SEEN = []\n"
    )
    assert len(shared_state_problems(bad)) == 3


@pytest.mark.parametrize(
    "path", [p for p in SHARED_FILES if p.parent.name == "ui"], ids=lambda p: p.name
)
def test_ui_module_level_values_are_immutable_or_read_only(path):
    """Module-level values in ui/ are constants: numbers, strings, tuples, frozen dicts of them."""
    tree = ast.parse(path.read_text())
    for node in tree.body:
        mutable = (ast.List, ast.Set, ast.ListComp, ast.SetComp)
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, mutable):
            pytest.fail(f"{path.name}:{node.lineno} module-level mutable {type(node.value)}")


def test_cached_runs_are_read_only():
    """A cached history is shared by every session that shows it: nobody may write into it."""
    history = perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, iterations=3)
    for name in ("weights", "predictions", "loss", "gradients", "X", "y"):
        with pytest.raises(ValueError, match="read-only"):
            getattr(history, name)[0] = 0
