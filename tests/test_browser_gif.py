"""Save animation, in headless Chromium: the default run as a GIF, decoded by Pillow.

The file the page downloads is read back frame by frame: how many frames, how long in all
(about 10 s, the last frame held), its size (at most 3 MB), and the step each frame says it
shows (gif.js writes it in a comment): step 0 first, the run's last step last, in order.
The time it took is printed (the README gives the figure); no test asserts a time.
Cancel is tested too: nothing is downloaded and the button comes back.
"""

from __future__ import annotations

import time

import pytest
from PIL import Image, ImageSequence

from tests.support.expected import notebook_run
from tests.support.page import open_session, wait_js
from tests.support.stage import stage_control

pytestmark = pytest.mark.browser

MAX_BYTES = 3_000_000
IDLE_JS = """() => {
  const save = document.querySelector('.lab-stage [data-lab="save-animation"]');
  const cancel = document.querySelector('.lab-stage [data-lab="cancel-animation"]');
  return !!save && !save.disabled && save.textContent === 'Save animation' && cancel.hidden;
}"""
SAVING_JS = """() => {
  const save = document.querySelector('.lab-stage [data-lab="save-animation"]');
  const progress = document.querySelector('.lab-stage .lab-animation progress');
  return save.disabled && save.textContent.startsWith('Saving') && !progress.hidden
    && progress.value > 0;
}"""


def test_save_animation_writes_the_default_run_as_a_gif(new_page, server, tmp_path):
    page = open_session(new_page, server, "", 5)
    last = notebook_run().last_step
    started = time.perf_counter()
    with page.expect_download(timeout=120_000) as download:
        stage_control(page, "save-animation").click()
    seconds = time.perf_counter() - started
    path = tmp_path / "animation.gif"
    download.value.save_as(path)
    size = path.stat().st_size
    image = Image.open(path)
    frames = [
        (frame.info["comment"].decode(), frame.info["duration"])
        for frame in ImageSequence.Iterator(image)
    ]
    print(
        f"GIF of the default run: {size:,} bytes, {len(frames)} frames, "
        f"{image.width}×{image.height} px, made in {seconds:.1f} s"
    )
    assert size <= MAX_BYTES
    assert len(frames) == 90  # 10 frames a second for 9 s, then the last step held 1 s more
    assert sum(duration for _, duration in frames) == 10_000
    steps = [int(comment.removeprefix("step ")) for comment, _ in frames]
    assert steps[0] == 0 and steps[-1] == last == 10_001
    assert steps == sorted(set(steps))
    wait_js(page, IDLE_JS, what="the Save animation button back")


def test_cancel_stops_the_animation_and_downloads_nothing(new_page, server):
    page = open_session(new_page, server, "", 5)
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    stage_control(page, "save-animation").click()
    wait_js(page, SAVING_JS, what="the animation under way")
    stage_control(page, "cancel-animation").click()
    wait_js(page, IDLE_JS, what="the Save animation button back after Cancel")
    assert downloads == []
