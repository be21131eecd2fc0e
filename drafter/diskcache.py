"""Work kept on disk between drafter processes, so that a cold ``drafter render`` does not redo what has not changed
since the last one: loading and checking the pack, setting up the base document.

An entry is a pickle in the user's cache folder (``platformdirs.user_cache_path("drafter")``, or the folder named by
``DRAFTER_CACHE``). Its file is named by what it is about (``slot``: a pack's folders, a style), so a newer value
replaces an older one instead of piling up beside it, and it holds the key of the value: everything the value was
computed from — drafter's version, the versions of Python and of the libraries whose objects are kept, the stamps
(path, modification time in nanoseconds, size) of drafter's own modules that compute it and of every input file.
An entry that is missing, damaged, unreadable or for another key reads as None, and an entry that cannot be
written is not written: the caller then does the work as if there were no cache, so the cache never makes drafter
fail, and never shows anything but what the files on disk say today. (Entries are pickles: the folder is the
user's own, as trusted as the rest of their home folder.)
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

from drafter import __version__
from drafter.cache import Cache

V = TypeVar("V")

Key = tuple[Any, ...]
"""What an entry was computed from: plain values (strings, numbers, tuples of them) that compare equal when the
work would give the same result (the files' stamps are :func:`drafter.cache.stamps`)."""


def folder() -> Path:
    """Where the entries are kept."""
    chosen = os.environ.get("DRAFTER_CACHE")
    if chosen:
        return Path(chosen)
    from platformdirs import user_cache_path

    return user_cache_path("drafter", appauthor=False)


def _entry(kind: str, slot: Key) -> Path:
    digest = hashlib.sha256(repr(slot).encode("utf-8")).hexdigest()[:32]
    return folder() / f"{kind}-{digest}.pickle"


def _full(key: Key) -> Key:
    return (__version__, sys.version, *key)


def load(kind: str, slot: Key, key: Key) -> Any:
    """The value of ``kind`` kept in ``slot`` for ``key``, or None when there is none that can be used."""
    try:
        data = _entry(kind, slot).read_bytes()
        stored_key, value = pickle.loads(data)
    except Exception:  # damaged, truncated, from other code: any failure means "not cached", never an error
        return None
    return value if stored_key == _full(key) else None


def store(kind: str, slot: Key, key: Key, value: Any) -> None:
    """Keep ``value`` in ``slot`` for ``key`` (written atomically); nothing happens when it cannot be written."""
    from drafter.errors import DrafterError
    from drafter.safewrite import atomic_write

    try:
        data = pickle.dumps((_full(key), value), protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write(_entry(kind, slot), data)
    except (DrafterError, OSError, pickle.PicklingError, TypeError, AttributeError):
        return


def kept(memory: Cache[V], memory_key: Hashable, kind: str, slot: Key, key: Callable[[], Key],
         build: Callable[[], tuple[V, Any]], thaw: Callable[[Any], V | None]) -> V:
    """The one sequence of drafter's caches: the value in ``memory`` under ``memory_key``; else the one an earlier
    process kept on disk (``kind`` in ``slot`` for ``key()``, made usable by ``thaw``, which returns None for an
    entry it cannot use); else the value ``build()`` makes, with the form of it to keep on disk, which is stored.

    ``key`` is called only when memory has no value (computing it may import libraries to name their versions).
    """

    def from_disk_or_built() -> V:
        full_key = key()
        entry = load(kind, slot, full_key)
        if entry is not None:
            value = thaw(entry)
            if value is not None:
                return value
        value, frozen = build()
        store(kind, slot, full_key, frozen)
        return value

    return memory.get(memory_key, from_disk_or_built)
