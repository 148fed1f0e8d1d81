"""Every fixture of the suite and the order its modules run in, nothing else: helpers live
in ``tests/support/`` (see tests/README.md for what each module holds and which test covers
what).

Browser fixtures: ``chromium_path`` (skips without Chromium, fails on CI), ``browser``
(one headless Chromium per test module), ``server`` (one app server per test module,
started by the one factory, ``tests.support.browser.running_server``), ``fresh_server``
(a server of its own, for deep links) and ``new_page`` (a page in its own context, i.e.
its own Streamlit session).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import numpy as np
import pytest

# Plain asserts in the support modules report their values, as in the tests themselves;
# registered before anything imports them.
pytest.register_assert_rewrite("tests.support")

from tests.support.browser import (  # noqa: E402
    Server,
    launch_chromium,
    require_chromium,
    running_server,
)
from tests.support.expected import NOTEBOOK_X, NOTEBOOK_Y  # noqa: E402
from tests.support.page import DEFAULT_TIMEOUT_MS, TRAIN_CHARTS, wait_ready  # noqa: E402


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Modules with the most browser tests first, every module's tests kept together and in
    their order: ``make test`` hands whole modules to two xdist workers in this order, so
    the long browser modules start at once and the quick ones fill in at the end, and no
    worker is left running a long module alone while the other has nothing to do."""
    module = {item: item.nodeid.partition("::")[0] for item in items}
    browser_tests = Counter(module[item] for item in items if item.get_closest_marker("browser"))
    first_seen = {name: i for i, name in enumerate(dict.fromkeys(module.values()))}
    items.sort(key=lambda item: (-browser_tests[module[item]], first_seen[module[item]]))


@pytest.fixture
def notebook_data() -> tuple[np.ndarray, np.ndarray]:
    return NOTEBOOK_X.copy(), NOTEBOOK_Y.copy()


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def chromium_path() -> str:
    return require_chromium()


@pytest.fixture(scope="module")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright, chromium_path)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def server(chromium_path) -> Iterator[Server]:
    """One server for a test module; each test opens its own browser context (session)."""
    with running_server() as running:
        yield running


@pytest.fixture(scope="module")
def warm_server(browser) -> Iterator[Server]:
    """One server for a test module whose first session already drew the Train page, so no
    test pays for the server's first run (compiling the app, filling its caches): for tests
    that measure layouts or run a time-bounded tool on every page."""
    with running_server() as running:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        try:
            page = context.new_page()
            page.goto(running.url)
            wait_ready(page, TRAIN_CHARTS, timeout=2 * DEFAULT_TIMEOUT_MS)
        finally:
            context.close()
        yield running


@pytest.fixture
def fresh_server(chromium_path) -> Iterator[Server]:
    """A server no browser has talked to yet, for deep links."""
    with running_server() as running:
        yield running


@pytest.fixture
def new_page(browser):
    """Factory: a page in its own context (own Streamlit session) at a given viewport.

    Other keyword arguments go to ``browser.new_context`` (``permissions``, ``color_scheme``…).
    """
    contexts = []

    def make(width: int = 1280, height: int = 800, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
