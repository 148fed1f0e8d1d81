"""Playback timing and animation frames: what the browser's player is given."""

from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pytest

import perceptron
from perceptron.figures import (
    errors_figure,
    errors_frames,
    landscape_figure,
    landscape_frames,
    loss_figure,
    loss_frames,
    surface_figure,
    surface_frames,
    weights_figure,
    weights_frames,
)
from perceptron.playback import (
    PACE,
    fraction_at,
    keyframes,
    next_decade,
    step_at,
    timeline,
)
from tests.conftest import NOTEBOOK_X, NOTEBOOK_Y


@pytest.fixture(scope="module")
def h() -> perceptron.History:
    return perceptron.train(NOTEBOOK_X, NOTEBOOK_Y, iterations=10001)


@pytest.mark.parametrize("last", [1, 7, 100, 10001, 100000])
def test_step_at_inverts_fraction_at_and_hits_both_ends(last):
    assert step_at(last, 0.0) == 0 and step_at(last, 1.0) == last
    for t in {0, 1, last // 3, last - 1, last}:
        assert step_at(last, fraction_at(last, t)) == t


def test_the_log_scale_is_offset_by_pace():
    # hand-computed: fraction of step 100 in a 10,100-step run is log(2) / log(102)
    assert fraction_at(10100, 100) == pytest.approx(math.log(2) / math.log(1 + 10100 / PACE))


def test_timeline_is_monotonic_and_new_every_frame_at_the_start():
    steps = timeline(10001, 0, 15.0)
    assert steps[0] == 0 and steps[-1] == 10001 and len(steps) == 900
    assert all(a <= b for a, b in itertools.pairwise(steps))
    # 60 display slots a second; the first second must already move every ~2 slots
    assert len(set(steps[:60])) >= 25


def test_timeline_from_the_middle_starts_there():
    steps = timeline(10001, 500, 5.0)
    assert steps[0] == 500 and steps[-1] == 10001


def test_keyframes_keep_first_and_last_and_respect_the_cap():
    steps = timeline(10001, 0, 15.0)
    picked = keyframes(steps, 60)
    assert picked[0] == 0 and picked[-1] == 10001 and len(picked) <= 60
    assert picked == sorted(set(picked))
    assert keyframes([3, 3, 4], 10) == [3, 4]


def test_next_decade_jumps_through_powers_of_ten():
    assert [next_decade(t, 10001) for t in (0, 1, 5, 10, 99, 100, 9999, 10000)] == [
        1, 10, 10, 100, 100, 1000, 10000, 10001,
    ]  # fmt: skip
    assert next_decade(3, 3) == 3


FRAME_BUILDERS = [
    (weights_figure, weights_frames),
    (errors_figure, errors_frames),
    (loss_figure, loss_frames),
    (landscape_figure, landscape_frames),
]


@pytest.mark.parametrize(("build", "animate"), FRAME_BUILDERS)
def test_frames_move_only_the_current_step_traces_to_the_exact_values(h, build, animate):
    fig = build(h, 0)
    frames = animate(fig, h, [0, 1, 10, 10001])
    assert [f["name"] for f in frames] == ["0", "1", "10", "10001"]
    for frame in frames:
        step = int(frame["name"])
        still = build(h, step)  # the same figure built directly at that step
        for index, update in zip(frame["traces"], frame["data"], strict=True):
            for axis, values in update.items():
                expected = np.asarray(getattr(still.data[index], axis), dtype=float)
                assert np.allclose(values, expected, rtol=1e-5), (frame["name"], index, axis)


def test_surface_frames_match_the_surface_built_at_that_step(h):
    for kind in ("heatmap", "3d"):
        fig = surface_figure(h, 0, kind=kind)
        for frame in surface_frames(fig, h, [1, 50, 10001]):
            still = surface_figure(h, int(frame["name"]), kind=kind)
            surface = frame["data"][0]["z"]
            assert np.allclose(surface, np.asarray(still.data[0].z, dtype=float), atol=6e-4)
            assert frame["layout"]["title"]["text"] == still.layout.title.text


def test_a_whole_playback_of_frames_stays_small(h):
    steps = keyframes(timeline(10001, 0, 15.0), 450)
    for build, animate in FRAME_BUILDERS:
        fig = build(h, 0)
        size = len(json.dumps(animate(fig, h, steps), separators=(",", ":")))
        assert size < 80_000, (build.__name__, size)
    fig = surface_figure(h, 0)
    assert len(json.dumps(surface_frames(fig, h, steps), separators=(",", ":"))) < 150_000
