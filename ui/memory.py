"""Give a lecture hall's memory back to the machine once the students leave.

A run's arrays (its history, their temporaries, its packed file) are tens to
hundreds of kB each. By default glibc mmaps only the first big ones: once one is
freed it raises its threshold, and later arrays land on the heap, where a few
long-lived small blocks pin the freed ones. A hall of students who each trained
their own run then left most of its peak behind after everyone had gone
(``benchmarks/bench_hall.py --distinct-seeds``). Two glibc calls fix most of it:
a fixed, low mmap threshold, so a freed array is unmapped at once, and a trim when
a session ends, which returns the heap's free pages. Elsewhere (macOS, Windows,
musl) the allocator keeps its own policy and both are skipped.

Streamlit also runs a full garbage collection after every script run
(``runner.postScriptGC``): it walks every object the process tracks, and the
modules the app imports (Streamlit, pandas, Plotly, numpy) are most of them. In
the hall benchmark that walk was most of a first run's CPU. Those objects live as
long as the process, so once they are imported they are moved out of the
collector's sight (``gc.freeze``); each run's collection then walks only what
sessions made since, and still frees their cycles.
"""

from __future__ import annotations

import ctypes
import gc
import weakref

import streamlit as st

M_MMAP_THRESHOLD = -3  # mallopt's parameter number (glibc's malloc.h)
MMAP_FROM_BYTES = 16 * 1024


def _glibc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(M_MMAP_THRESHOLD, MMAP_FROM_BYTES)
        return libc if hasattr(libc, "malloc_trim") else None
    except (OSError, AttributeError):
        return None


_LIBC = _glibc()


class _SessionToken:
    """Lives in one session's state: when the session is gone, so is the token."""


@st.cache_resource(show_spinner=False)
def freeze_imports() -> None:
    """Once per process (a resource with no arguments is made once), after the app's modules
    are imported: keep them out of every collection. Collected first, so no garbage is kept."""
    gc.collect()
    gc.freeze()


def trim_when_session_ends() -> None:
    """Once per session: when its state is freed, return the heap's free pages."""
    if _LIBC is not None and "memory_token" not in st.session_state:
        token = _SessionToken()
        weakref.finalize(token, _LIBC.malloc_trim, 0)
        st.session_state.memory_token = token
