"""How much wiring the app has: the review's measures, counted the same way on any checkout.

    python benchmarks/wiring.py [PATH]      (default: this checkout)

- session and widget keys the Streamlit layer names (app.py, pages/, ui/): every
  ``st.session_state.X`` / ``state.X`` / ``state["X"]`` / ``.get("X")`` access, every
  ``key="..."`` argument (an f-string key such as ``f"walk-{key}"`` counts once), and the
  key of every sidebar widget built from the settings table;
- ``window.__lab*`` globals in the app's own code (ui/, Python and JS);
- lines of ui/*.py + ui/static/*.js + views/*.py;
- blocks of 6 or more lines that stand twice in app.py, pages/, ui/, views/, perceptron/
  (the ``duplicates`` command, where it is installed).

Counting is textual on purpose: it must give the same answer for an old checkout.
"""

from __future__ import annotations

import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ACCESS = re.compile(
    r"""(?:session_state|\bstate)(?:\.(?!get\b|pop\b|setdefault\b|keys\b)([a-z_]+)"""
    r"""|\[["']([\w-]+)["']\]|\.(?:get|pop|setdefault)\(["']([\w-]+)["'])"""
)
KEY_ARG = re.compile(r"""\bkey=(f?)["']([^"']+)["']""")
GLOBAL = re.compile(r"window\.(__lab\w+)")


def streamlit_files(root: pathlib.Path) -> list[pathlib.Path]:
    return [root / "app.py", *sorted((root / "pages").glob("*.py")), *sorted(root.glob("ui/*.py"))]


TABLE_WIDGETS = """
try:
    from ui.widgets import WIDGETS
    print(" ".join(WIDGETS))
except ImportError:
    from perceptron.settings import SETTINGS
    print(" ".join(key for key, setting in SETTINGS.items() if setting.widget))
"""


def table_widget_keys(root: pathlib.Path) -> set[str]:
    """The sidebar widgets' keys, which the table gives them (no literal names them)."""
    done = subprocess.run(
        [sys.executable, "-c", TABLE_WIDGETS], cwd=root, capture_output=True, text=True, check=True
    )
    return set(done.stdout.split())


def session_keys(root: pathlib.Path) -> set[str]:
    keys = table_widget_keys(root)
    for path in streamlit_files(root):
        text = path.read_text()
        for match in ACCESS.finditer(text):
            keys.add(next(group for group in match.groups() if group))
        for fstring, name in KEY_ARG.findall(text):
            keys.add(re.sub(r"\{[^}]*\}", "*", name) if fstring else name)
    return keys


def window_globals(root: pathlib.Path) -> set[str]:
    paths = [*root.glob("ui/*.py"), *root.glob("ui/static/*.js")]
    return {name for path in paths for name in GLOBAL.findall(path.read_text())}


def lines(root: pathlib.Path) -> int:
    paths = [*root.glob("ui/*.py"), *root.glob("ui/static/*.js"), *root.glob("views/*.py")]
    return sum(len(path.read_text().splitlines()) for path in paths)


def duplicate_blocks(root: pathlib.Path) -> str:
    """The ``duplicates`` tool's count over the app's code only (tests and benchmarks aside)."""
    if shutil.which("duplicates") is None:
        return "n/a (duplicates not installed)"
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("app.py", "pages", "ui", "views", "perceptron"):
            source = root / name
            if source.is_dir():
                shutil.copytree(source, pathlib.Path(tmp) / name)
            elif source.exists():
                shutil.copy(source, tmp)
        done = subprocess.run(
            ["duplicates", "--most", "40"], cwd=tmp, capture_output=True, text=True, check=False
        )
    return done.stdout.splitlines()[0] if done.stdout else "n/a"


def main() -> None:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    keys = session_keys(root)
    found = window_globals(root)
    print(f"session and widget keys: {len(keys)}  ({', '.join(sorted(keys))})")
    print(f"window.__lab* globals:   {len(found)}  ({', '.join(sorted(found)) or 'none'})")
    print(f"lines of ui/ + ui/static/ + views/: {lines(root):,}")
    print(f"duplicated blocks: {duplicate_blocks(root)}")


if __name__ == "__main__":
    main()
