"""Compare's race in Chromium: one transport steps every run, and each run shows its history.

Keys (→ ← ↑ Home P) and the transport's buttons move the race's step; at every step
reached, each run's numbers (loss, accuracy) are checked against an independent
``perceptron.train`` of that run, and both charts and every run's marker follow. A link
with ``t`` opens the race at that step, and a switch from Train keeps the step.
"""

from __future__ import annotations

import numpy as np
import pytest

import perceptron
from perceptron.datasets import PRESETS
from tests.support.page import wait_js, wait_ready

pytestmark = pytest.mark.browser

RATES = (0.1, 1.0, 10.0)  # Compare's default runs, with the sidebar's seed (1)
RACE_READY_JS = "() => document.querySelector('.lab-race')?.dataset.ready === 'true'"
RACE_AT_JS = """(t) => {
  const race = document.querySelector('.lab-race');
  return race?.dataset.step === String(t)
    && [...race.querySelectorAll('.lab-chart')].every((c) => c.dataset.step === String(t));
}"""
SHOWN_JS = """() => [...document.querySelectorAll('.lab-race-run')].map((box) => ({
  step: Number(box.dataset.step),
  loss: box.querySelector('[data-lab="loss"]').textContent,
  accuracy: box.querySelector('[data-lab="accuracy"]').textContent,
}))"""
MARKERS_JS = """() => [...document.querySelectorAll('.lab-race svg.lab-race-marks')]
  .map((svg) => svg.querySelectorAll('circle, polygon').length)"""


@pytest.fixture(scope="module")
def histories() -> list[perceptron.History]:
    data = np.array(PRESETS["notebook"].rows, dtype=float)
    return [perceptron.train(data[:, :2], data[:, 2], learning_rate=r) for r in RATES]


def expected(histories: list[perceptron.History], t: int) -> list[dict]:
    """What each run's box shows at the race's step t, from the engine's own history."""
    return [
        {
            "step": min(t, h.last_step),
            "loss": f"loss {h.loss[min(t, h.last_step)]:.4g}",
            "accuracy": f"{h.accuracy[min(t, h.last_step)]:.0%} right",
        }
        for h in histories
    ]


def open_race(new_page, server, query: str = ""):
    page = new_page(1280, 900)
    page.goto(f"{server.url}/compare{query}")
    wait_ready(page, 2, stage=False)
    wait_js(page, RACE_READY_JS, what="the race")
    return page


def at_step(page, t: int) -> list[dict]:
    wait_js(page, RACE_AT_JS, t, what=f"the race at step {t}")
    return page.evaluate(SHOWN_JS)


def url_t(page) -> int:
    return int(page.evaluate("() => new URLSearchParams(location.search).get('t') ?? '0'"))


def test_keys_and_buttons_step_every_run_in_the_race(server, new_page, histories):
    page = open_race(new_page, server)
    assert at_step(page, 0) == expected(histories, 0)
    assert page.evaluate(MARKERS_JS) == [3, 3], "each chart shows every run's marker"
    page.locator(".lab-race-numbers").click()  # focus on the page, not on a widget
    moves = [("ArrowRight", 1), ("ArrowRight", 2), ("ArrowUp", 10), ("ArrowLeft", 9)]
    moves += [("ArrowUp", 10), ("ArrowUp", 100), ("Home", 0)]
    for key, t in moves:
        page.keyboard.press(key)
        assert at_step(page, t) == expected(histories, t), key
    button = lambda name: page.locator(f'.lab-race [data-lab="{name}"]')  # noqa: E731
    for name, t in (("step", 1), ("step", 2), ("jump", 10), ("back", 9), ("reset", 0)):
        button(name).click()
        assert at_step(page, t) == expected(histories, t), name
    page.locator('.lab-race [data-lab="slider"]').fill("5000")
    assert at_step(page, 5000) == expected(histories, 5000)
    wait_js(page, "() => new URLSearchParams(location.search).get('t') === '5000'", what="t=5000")
    # Play, then P to pause: whatever step it stops on, every run shows its own history there.
    page.locator(".lab-race-numbers").click()  # the keys act once the slider lets go of focus
    page.keyboard.press("Home")
    page.keyboard.press("p")
    wait_js(page, "() => Number(document.querySelector('.lab-race').dataset.step) > 50")
    page.keyboard.press("P")
    t = int(page.evaluate("() => document.querySelector('.lab-race').dataset.step"))
    assert at_step(page, t) == expected(histories, t)
    assert page.locator('.lab-race [data-lab="play"]').get_attribute("data-state") == "paused"
    assert page.evaluate(MARKERS_JS) == [3, 3]


def test_a_link_restores_the_race_at_t(server, new_page, histories):
    page = open_race(new_page, server, "?t=42")
    assert at_step(page, 42) == expected(histories, 42)
    assert url_t(page) == 42
    now = page.evaluate("() => document.querySelector('[data-lab=\"findings-now\"]').textContent")
    assert "at step 42" in now


def test_a_switch_from_train_keeps_the_step(server, new_page, histories):
    page = new_page(1280, 900)
    page.goto(server.url)
    wait_js(page, "() => document.querySelector('.lab-stage')?.dataset.ready === 'true'")
    page.locator(".lab-numbers").click()
    for _ in range(7):
        page.keyboard.press("ArrowRight")
    wait_js(page, "() => document.querySelector('.lab-stage')?.dataset.step === '7'")
    page.locator('[data-testid="stTopNav"] a, [data-testid="stSidebarNav"] a').filter(
        has_text="Compare"
    ).first.click()
    wait_js(page, RACE_READY_JS, what="the race")
    assert at_step(page, 7) == expected(histories, 7)
    assert url_t(page) == 7
