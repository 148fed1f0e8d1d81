"""What a page holds on to: JS heap, DOM nodes and event listeners, after a forced GC.

Why CDP and not ``performance.memory``: ``HeapProfiler.collectGarbage`` really collects
(twice, so what the first pass only unlinked is freed too), and ``Memory.getDOMCounters``
counts every node and JS event listener still alive, detached ones included, which is
exactly what a leaked page is: a stage taken out of the document but still reachable from
a listener on ``document`` or ``window``. The counters are per renderer process, so each
measured page runs alone in its own browser. Read by ``tests/test_browser_leaks.py`` and
the soak benchmark (``benchmarks/bench_soak.py``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Counts:
    """One reading after GC: heap used (bytes), DOM nodes, JS event listeners, documents."""

    heap: int
    nodes: int
    listeners: int
    documents: int

    @property
    def heap_mb(self) -> float:
        return self.heap / 1e6


class Probe:
    """A CDP session on one page that forces GC and reads its counters."""

    def __init__(self, page) -> None:
        self.cdp = page.context.new_cdp_session(page)

    def read(self) -> Counts:
        for _ in range(2):
            self.cdp.send("HeapProfiler.collectGarbage")
        heap = self.cdp.send("Runtime.getHeapUsage")
        dom = self.cdp.send("Memory.getDOMCounters")
        return Counts(
            heap=int(heap["usedSize"]),
            nodes=int(dom["nodes"]),
            listeners=int(dom["jsEventListeners"]),
            documents=int(dom["documents"]),
        )

    def listeners_on(self, expression: str) -> dict[str, int]:
        """Listeners on one object (``"document"``, ``"window"``) by event type."""
        target = self.cdp.send("Runtime.evaluate", {"expression": expression})["result"]
        found = self.cdp.send("DOMDebugger.getEventListeners", {"objectId": target["objectId"]})
        self.cdp.send("Runtime.releaseObject", {"objectId": target["objectId"]})
        out: dict[str, int] = {}
        for listener in found["listeners"]:
            out[listener["type"]] = out.get(listener["type"], 0) + 1
        return out
