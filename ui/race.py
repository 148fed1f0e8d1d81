"""Compare's race: one component that holds several runs and steps them all in the browser.

Like the Train page's stage (``ui/stage.py``): the race is packed once
(``views/race_payload.py``), served as a media file shared by every session that
shows it (``ui/media.py``), and the page owns t from then on (``ui/static/race.js``),
with the Train page's Player and transport. Nothing here runs on a Step.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Sequence

import streamlit as st

import perceptron
from ui import caps, links, media, steps
from ui.assets import PLOTLY_URL, loader
from ui.shelf import Shelf
from views.race_payload import pack_race

_race = st.components.v2.component("lab_race", js=loader("race.js"), isolate_styles=False)


@st.cache_resource(show_spinner=False)
def _packed_races() -> Shelf[bytes]:
    return Shelf(caps.PACKED_RACE_BYTES, len, on_evict=media.forget)


def packed_race(
    key: tuple, labels: tuple[str, ...], presenter: bool, histories: Sequence[perceptron.History]
) -> bytes:
    """The race as the page receives it, gzipped once and fixed in time (same race, same bytes).

    ``key`` names the runs (the arguments ``ui.run.train_compare`` trained them with); the
    histories themselves are not hashed.
    """

    def build() -> bytes:
        race_id = hashlib.sha1(repr((key, labels, presenter)).encode()).hexdigest()[:16]
        blob = pack_race(histories, labels, race_id, presenter)
        return gzip.compress(blob, compresslevel=1, mtime=0)

    return _packed_races().get_or_build((key, labels, presenter), build)


def race_url(key: tuple, labels: Sequence[str], presenter: bool, histories) -> str:
    """Where the page fetches the packed race: one file per race, whoever shows it, held while
    it is shelved (``ui/media.py``)."""
    blob = packed_race(key, tuple(labels), presenter, histories)
    return media.serve(_packed_races(), (key, tuple(labels), presenter), blob, "lab-race")


def show(key: tuple, labels: Sequence[str], presenter: bool, histories) -> None:
    """The race: where its runs are, where to find Plotly, and the step the server chose."""
    data = {**steps.server_step(), "race": race_url(key, labels, presenter, histories)}
    _race(key="race", data={**data, "plotly": PLOTLY_URL, "settings": links.page_settings()})
