"""The pages a soak cycle visits, and how to tell each one is drawn after a switch.

Why one landmark per page and not "the script is idle": right after a click in the top
navigation the old page is still on screen and still idle, so each page is recognised by
its path together with something only it draws (the Train stage ready, Compare's two
figures ready, the Walkthrough's step buttons), with the script finished.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.support import page as page_support


@dataclass(frozen=True)
class Landmark:
    """A page of an app: its title in the top navigation, its path and what it draws."""

    title: str
    path: str  # a JS regular expression for location.pathname
    selector: str
    count: int = 1


TRAIN = Landmark("Train", r"^/(train)?$", '.lab-stage:not(.lab-figure)[data-ready="true"]')
APP_CYCLE = (
    Landmark("Walkthrough", r"^/walkthrough$", ".st-key-walk-step button"),
    Landmark("Compare", r"^/compare$", '.lab-race[data-ready="true"]'),
    TRAIN,
)
FLOOR_ONE = Landmark("One", r"^/(one)?$", ".st-key-step button")
FLOOR_CYCLE = (
    Landmark("Two", r"^/two$", ".st-key-page-two"),
    Landmark("Three", r"^/three$", ".st-key-page-three"),
    FLOOR_ONE,
)

LANDMARK_JS = """
([path, selector, count]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!new RegExp(path).test(location.pathname.replace(/\\/+$/, '') || '/')) return false;
  if (app?.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelectorAll(selector).length < count) return false;
  return ![...document.querySelectorAll('.js-plotly-plot')].some((el) => !el._fullLayout);
}
"""


def wait_drawn(page, landmark: Landmark, timeout_ms: float = 60_000) -> None:
    """Until ``landmark``'s page is the one shown, drawn, with its script finished."""
    page.wait_for_function(
        LANDMARK_JS,
        arg=[landmark.path, landmark.selector, landmark.count],
        timeout=timeout_ms,
        polling=50,
    )
    if landmark is TRAIN:  # every chart at the stage's step, as the tests read it
        page_support.wait_ready(page, stage=True, timeout=timeout_ms)


def nav_link(page, title: str):
    """The top navigation's link to the page called ``title``."""
    link = page.locator('[data-testid="stTopNavLink"]', has_text=title)
    return link.first if link.count() else page.get_by_role("link", name=title).first


def switch(page, landmark: Landmark, timeout_ms: float = 60_000) -> None:
    """Click ``landmark``'s link in the top navigation and wait until its page is drawn."""
    nav_link(page, landmark.title).click()
    wait_drawn(page, landmark, timeout_ms)
