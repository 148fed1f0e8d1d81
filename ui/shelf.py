"""What one server holds for a whole lecture hall: runs bounded by bytes, built one turn at a time.

A run of 100,000 steps is about 7 MB of history and 4.5 MB packed for the page; a hall
where every student asks for their own holds a hundred of them if nothing bounds it.
Here every session shares one :class:`Shelf` of runs, least recently used out first once
the shelf's bytes are spent, and a run that left it is built again when asked for. A
build takes its turn in a :class:`Queue`: first come, first served, a few at a time, so a
hall's requests finish one after another instead of all at the end, and only a few
runs' temporaries exist at once. Both are made once per process (``st.cache_resource``
in ``ui/run.py``).
"""

from __future__ import annotations

import collections
import threading
import time
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

Value = TypeVar("Value")


class Shelf(Generic[Value]):
    """A thread-safe map of at most ``budget`` bytes (as ``size`` counts them), least recently
    used out first. A value larger than the whole budget is handed back but not kept.

    ``on_evict`` learns of each value that leaves, so whatever else holds it can let go too.
    """

    def __init__(
        self,
        budget: int,
        size: Callable[[Value], int],
        on_evict: Callable[[Value], None] = lambda value: None,
    ) -> None:
        self.budget, self._size, self._on_evict = budget, size, on_evict
        self._items: collections.OrderedDict[Hashable, tuple[Value, int]] = (
            collections.OrderedDict()
        )
        self._bytes = 0
        self._lock = threading.Lock()
        self._building: dict[Hashable, threading.Lock] = {}

    @property
    def bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Hashable) -> Value | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
            return item[0]

    def put(self, key: Hashable, value: Value) -> Value:
        size = self._size(value)
        evicted = []
        with self._lock:
            if key in self._items:
                self._bytes -= self._items.pop(key)[1]
            if size <= self.budget:
                self._items[key], self._bytes = (value, size), self._bytes + size
            while self._bytes > self.budget:
                _, (old, old_size) = self._items.popitem(last=False)
                self._bytes -= old_size
                evicted.append(old)
        for old in evicted:
            self._on_evict(old)
        return value

    def get_or_build(self, key: Hashable, build: Callable[[], Value]) -> Value:
        """The value of ``key``, built once however many sessions ask for it at the same time."""
        value = self.get(key)
        if value is not None:
            return value
        with self._lock:
            building = self._building.setdefault(key, threading.Lock())
        try:
            with building:
                value = self.get(key)
                return value if value is not None else self.put(key, build())
        finally:
            with self._lock:
                self._building.pop(key, None)


class Queue:
    """First come, first served turns, at most ``workers`` at once.

    A caller waiting for its turn is told how many runs are ahead of it (the ones waiting
    before it and the ones being built) at once, then every ``RETELL_S`` seconds: not on
    every change, which in a hall of a hundred waiting students would be a hundred messages
    per finished run. Telling the page is also where Streamlit stops a script whose session
    has gone or moved on, and a stopped caller leaves the queue.
    """

    RETELL_S = 3.0

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._changed = threading.Condition()
        self._waiting: collections.deque[object] = collections.deque()
        self._busy = 0

    def ahead_of(self, ticket: object) -> int:
        """Runs before ``ticket``'s; 0 means its turn may start. Hold ``_changed``."""
        before = self._waiting.index(ticket)
        return 0 if before == 0 and self._busy < self.workers else before + self._busy

    @contextmanager
    def turn(self, on_wait: Callable[[int], None] = lambda ahead: None) -> Iterator[None]:
        ticket, told_at = object(), None
        with self._changed:
            self._waiting.append(ticket)
        try:
            while True:
                with self._changed:
                    ahead = self.ahead_of(ticket)
                    if ahead == 0:
                        self._waiting.popleft()
                        self._busy += 1
                        break
                    since = None if told_at is None else time.monotonic() - told_at
                    if since is not None and since < self.RETELL_S:
                        self._changed.wait(self.RETELL_S - since)
                        continue
                told_at = time.monotonic()
                on_wait(ahead)  # outside the lock: it sends a message to the page
        except BaseException:
            with self._changed:
                if ticket in self._waiting:
                    self._waiting.remove(ticket)
                self._changed.notify_all()
            raise
        try:
            yield
        finally:
            with self._changed:
                self._busy -= 1
                self._changed.notify_all()
