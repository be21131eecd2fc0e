"""The one in-process cache: values built from a pack (or another file) kept while the files they came from are
unchanged on disk.

A key names where a value came from — for a pack, its :attr:`~drafter.pack.Pack.identity` (its name, its folders
and the stamps of its files); for any other file, :func:`stamps` of that file. A file edited on disk has a new
stamp (path, modification time in nanoseconds, size), so the next look-up builds the value again instead of
returning the old one. Nothing is written to disk here.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import Generic, TypeVar

V = TypeVar("V")

Stamp = tuple[str, int, int]
"""A file's path, modification time (ns) and size; ``-1, -1`` when the file is missing."""


def stamps(paths: Iterable[Path]) -> tuple[Stamp, ...]:
    """The stamps of ``paths``, in the order given."""
    out: list[Stamp] = []
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            out.append((str(path), -1, -1))
        else:
            out.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(out)


def folder_stamps(folders: Iterable[Path], patterns: Iterable[str] = ("*",)) -> tuple[Stamp, ...]:
    """The stamps of the files under ``folders`` matching ``patterns`` (recursive globs), sorted by path."""
    files: set[Path] = set()
    for folder in folders:
        for pattern in patterns:
            files.update(p for p in folder.glob(pattern) if p.is_file())
    return stamps(sorted(files))


class Cache(Generic[V]):
    """A small thread-safe least-recently-used cache of values built on first use."""

    def __init__(self, maxsize: int = 8) -> None:
        self._maxsize = maxsize
        self._values: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], V]) -> V:
        """The value under ``key``, built by ``build()`` when there is none yet (outside the lock, so a slow build
        never blocks readers of other keys; two threads may build the same value once each)."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = build()
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self._maxsize:
                self._values.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every value."""
        with self._lock:
            self._values.clear()
