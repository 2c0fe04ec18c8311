"""A bounded, thread-safe memo: compute a value once per key, keep the most recently used `size` of them.

Shared by the metric values cache, the merged pieces of the editor and preview, and proofreading
findings; each caller builds its own key (what the value depends on) and copies what it hands out
if callers may change it.
"""
import threading
from collections import OrderedDict
from typing import Callable, Hashable, TypeVar

T = TypeVar("T")


class Memo:
    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value kept under `key`, or compute() kept there (computed outside the lock)."""
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        value = compute()
        with self._lock:
            self._entries[key] = value
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
