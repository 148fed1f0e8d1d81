"""The page's GIF encoder (ui/static/gif.js), run in Node, decoded by Pillow.

Node writes the files with the real module; Pillow, an independent decoder, reads them
back: pixels, delays, loop, per-frame comments, and a picture big enough that LZW's table
fills and starts again (the clear code in the middle of a frame).
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess

import pytest
from PIL import Image, ImageSequence

from tests.support.paths import ROOT, STATIC

WRITE = """
import { readFileSync, writeFileSync } from "node:fs";
import { GifWriter } from "%(module)s";
const { width, height, palette, frames, out } = JSON.parse(readFileSync(0, "utf8"));
const writer = new GifWriter(width, height, palette);
for (const { indices, delay, comment } of frames) {
  writer.add(Uint8Array.from(indices), delay, comment);
}
writeFileSync(out, writer.bytes());
"""


def write_gif(tmp_path, width: int, height: int, palette: list, frames: list) -> Image.Image:
    """The GIF gif.js writes for these frames (palette indices, delay in 1/100 s, comment)."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    out = tmp_path / "out.gif"
    spec = {"width": width, "height": height, "palette": palette, "frames": frames, "out": str(out)}
    script = WRITE % {"module": (STATIC / "gif.js").as_uri()}
    done = subprocess.run(
        [node, "--input-type=module", "-e", script],
        input=json.dumps(spec),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return Image.open(out)


def frames_of(image: Image.Image) -> list[tuple[list, dict]]:
    return [
        (list(frame.convert("RGB").get_flattened_data()), dict(frame.info))
        for frame in ImageSequence.Iterator(image)
    ]


def test_pillow_reads_frames_delays_loop_and_comments(tmp_path):
    palette = [[0, 0, 0], [255, 255, 255], [0, 114, 178]]
    image = write_gif(
        tmp_path,
        3,
        2,
        palette,
        [
            {"indices": [0, 0, 0, 0, 0, 0], "delay": 10, "comment": "step 0"},
            {"indices": [0, 1, 0, 0, 2, 0], "delay": 10, "comment": "step 5"},
            {"indices": [0, 1, 0, 0, 0, 0], "delay": 110, "comment": "step 9"},
        ],
    )
    assert image.info["loop"] == 0
    decoded = frames_of(image)
    black, white, blue = ((0, 0, 0), (255, 255, 255), (0, 114, 178))
    assert [pixels for pixels, _ in decoded] == [
        [black] * 6,
        [black, white, black, black, blue, black],
        [black, white, black, black, black, black],
    ]
    assert [info["duration"] for _, info in decoded] == [100, 100, 1100]
    assert [info["comment"] for _, info in decoded] == [b"step 0", b"step 5", b"step 9"]


def test_a_picture_that_fills_the_lzw_table_decodes_exactly(tmp_path):
    generator = random.Random(21)
    palette = [[i, (i * 7) % 256, 255 - i] for i in range(255)]
    width, height = 150, 120  # 18,000 noisy pixels: the 4,096-code table fills several times
    first = [generator.randrange(255) for _ in range(width * height)]
    second = list(first)
    for at in range(width * 40, width * 41):  # one changed line: a 150 × 1 rectangle
        second[at] = (second[at] + 1) % 255
    image = write_gif(
        tmp_path,
        width,
        height,
        palette,
        [
            {"indices": first, "delay": 10, "comment": "step 0"},
            {"indices": second, "delay": 10, "comment": "step 1"},
        ],
    )
    decoded = frames_of(image)
    assert [pixels for pixels, _ in decoded] == [
        [tuple(palette[i]) for i in first],
        [tuple(palette[i]) for i in second],
    ]
