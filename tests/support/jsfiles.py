"""``page_js(name)``: a JavaScript snippet the tests run in the page, from ``js/<name>.js``.

Each file holds one function expression (what ``page.evaluate`` and
``page.wait_for_function`` take), after a header of ``//`` comment lines saying what it
returns and what argument it takes. The header is dropped on loading; ``parts`` replace
placeholder words in the snippet (``page_js("page_ready", CHARTS_DRAWN=...)``), which is
how one snippet calls another. One-line selectors and expressions stay inline in Python.
"""

from __future__ import annotations

import functools
import pathlib

JS_DIR = pathlib.Path(__file__).resolve().parent / "js"


@functools.cache
def _source(name: str) -> str:
    lines = (JS_DIR / f"{name}.js").read_text(encoding="utf-8").splitlines()
    while lines and lines[0].lstrip().startswith("//"):
        lines.pop(0)
    return "\n".join(lines).strip()


def page_js(name: str, **parts: object) -> str:
    """The snippet in ``tests/support/js/<name>.js``, each ``parts`` key replaced by its value."""
    text = _source(name)
    for placeholder, value in parts.items():
        assert placeholder in text, f"{name}.js has no {placeholder}"
        text = text.replace(placeholder, str(value))
    return text
