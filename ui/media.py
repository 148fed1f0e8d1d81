"""Packed files (a run, a race) served from Streamlit's media store for as long as their shelf
holds them.

The store drops a file as soon as no session's *latest* script run names it, and a rerun
that is cut short (a drag sends a position every ~150 ms; two quick clicks) names none: the
page, still fetching the file the rerun before sent, gets a 404, and a rerun that files the
same bytes again tells it nothing new (same URL). So each file is also held in its shelf's
name, and taken out of the store when it leaves the shelf (:func:`forget`), so what the
store holds stays bounded by the shelves (``ui/caps.py``) however many sessions come and go.

Streamlit has no public call for either: the manager's own lock, maps and deletion are
used, and if a future version renames them, files are left to Streamlit's own cleanup.
"""

from __future__ import annotations

import contextlib
from collections.abc import Hashable

from streamlit import runtime
from streamlit.runtime.memory_media_file_storage import _calculate_file_id

from ui.shelf import Shelf

MIMETYPE = "application/gzip"
"""Every packed file is gzipped once, on the server (``ui/run.py``, ``ui/race.py``)."""

HOLDER = "perceptron-lab-shelf"
"""The name a shelved file is held under in the store, beside its sessions' names."""


def serve(shelf: Shelf[bytes], key: Hashable, blob: bytes, coordinates: str) -> str:
    """File ``blob`` (shelved under ``key``) for this session and return its URL, held while
    ``shelf`` holds it.

    The check runs under the store's lock, which :func:`forget` takes too: a blob evicted
    before it is not held, one evicted after it is let go by its eviction.
    """
    manager = runtime.get_instance().media_file_mgr
    url = manager.add(blob, MIMETYPE, coordinates)
    file_id = _calculate_file_id(blob, MIMETYPE)
    with contextlib.suppress(AttributeError), manager._lock:  # type: ignore[union-attr]
        if shelf.get(key) is blob:
            manager._files_by_session_and_coord[HOLDER][file_id] = file_id  # type: ignore[union-attr]
    return url


def forget(blob: bytes) -> None:
    """Take a packed file that left its shelf out of the store (a shelf's ``on_evict``).

    A page has fetched its file within moments of its rerun (a shelf holds far more than a
    moment's worth of files); a later rerun of a session that still shows it packs and
    files it again.
    """
    manager = runtime.get_instance().media_file_mgr if runtime.exists() else None
    file_id = _calculate_file_id(blob, MIMETYPE)
    with contextlib.suppress(AttributeError, KeyError), manager._lock:  # type: ignore[union-attr]
        manager._files_by_session_and_coord[HOLDER].pop(file_id, None)  # type: ignore[union-attr]
        if file_id in manager._file_metadata:  # type: ignore[union-attr]
            manager._delete_file(file_id)  # type: ignore[union-attr]
