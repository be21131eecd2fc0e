"""The items of one part as an outline: where each entry and paragraph sits, and adding, moving, removing items
with undo.

The editor's widgets call these; they hold no rules of their own. Paths are positions, never stored:
``()`` is the part's opening paragraphs, ``(i,)`` item i, ``(i, j)`` its sub-item j … A composed block's path
(:attr:`drafter.compose.Block.path`) is an entry's path followed by a paragraph index — the opening's paragraphs
being ``(INTRO, n)`` — or by ``HEADING`` for an item's heading; :func:`paragraph_at` and :func:`entry_of` read it
back, for the checks and the editor alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.model import Item, Paragraph, Section
from drafter.numbering import outline_number

BlockPath = tuple[int, ...]
"""Where an entry sits: ``()`` is the part's opening paragraphs, ``(i,)`` item i, ``(i, j)`` its sub-item j …"""

INTRO = -1
"""The first index of a block path into the part's opening paragraphs: ``(INTRO, n)``."""

HEADING = -2
"""The last index of an item heading's block path: ``(i, HEADING)`` is item i's heading (it sorts before the item's
paragraphs, and can never be read as a paragraph's index or a sub-item's)."""

MAX_DEPTH = 3
"""Items go at most three levels deep (（一）, 1., （1）)."""


def entry_paths(section: Section) -> list[BlockPath]:
    """Every entry of the part in reading order: the opening paragraphs, then items depth first."""
    out: list[BlockPath] = [()]

    def walk(items: list[Item], prefix: BlockPath) -> None:
        for index, item in enumerate(items):
            out.append((*prefix, index))
            walk(item.items, (*prefix, index))

    walk(section.items, ())
    return out


def paragraph_at(section: Section, path: BlockPath) -> Paragraph | None:
    """The paragraph a block path points at (an entry's path, then the paragraph's index), or None."""
    if not path:
        return None
    *entry, index = path
    if entry == [INTRO]:
        return section.intro[index] if 0 <= index < len(section.intro) else None
    children: list[Item] = section.items
    item: Item | None = None
    for i in entry:
        if not 0 <= i < len(children):
            return None
        item = children[i]
        children = item.items
    if item is None or not 0 <= index < len(item.paragraphs):
        return None
    return item.paragraphs[index]


def entry_of(path: BlockPath) -> tuple[BlockPath, int | None]:
    """A block path split into the entry it lies in and the paragraph's index (None for a heading)."""
    if not path:
        return (), None
    if path[0] == INTRO:
        return (), path[1] if len(path) > 1 else None
    if path[-1] == HEADING:
        return path[:-1], None
    return path[:-1], path[-1]


def item_at(section: Section, path: BlockPath) -> Item:
    """The item at ``path`` (not the opening paragraphs)."""
    items = section.items
    item = items[path[0]]
    for index in path[1:]:
        item = item.items[index]
    return item


def siblings_of(section: Section, path: BlockPath) -> list[Item]:
    """The list that holds the item at ``path``."""
    return section.items if len(path) == 1 else item_at(section, path[:-1]).items


def item_number(section: Section, path: BlockPath) -> str:
    """The generated number of the item at ``path`` (（一）, 1. …): only items with a heading are numbered, so
    this is '' for an item without one."""
    siblings = siblings_of(section, path)
    if not siblings[path[-1]].heading.strip():
        return ""
    number = sum(1 for other in siblings[: path[-1] + 1] if other.heading.strip())
    return outline_number(len(path) + 1, number)


@dataclass
class Removed:
    """An item taken out of the outline, kept so that undo can put it back where it was."""

    path: BlockPath
    item: Item


@dataclass
class Outline:
    """Structural edits of one part's items; each returns the path of the entry to show next.

    Removals are remembered (most recent last) so :meth:`undo_remove` can restore them in reverse order.
    """

    section: Section
    removed: list[Removed] = field(default_factory=list)

    def add_after(self, path: BlockPath) -> BlockPath:
        """Insert an empty item after ``path`` at the same level (first item when ``path`` is the opening)."""
        if not path:
            self.section.items.insert(0, Item())
            return (0,)
        siblings_of(self.section, path).insert(path[-1] + 1, Item())
        return (*path[:-1], path[-1] + 1)

    def add_sub_item(self, path: BlockPath) -> BlockPath | None:
        """Append an empty sub-item to the item at ``path``; None when ``path`` cannot have one."""
        if not path or len(path) >= MAX_DEPTH:
            return None
        item = item_at(self.section, path)
        item.items.append(Item())
        return (*path, len(item.items) - 1)

    def remove(self, path: BlockPath) -> BlockPath:
        """Remove the item at ``path`` with its sub-items (remembered for undo); returns the entry to show."""
        siblings = siblings_of(self.section, path)
        item = siblings.pop(path[-1])
        self.removed.append(Removed(path, item))
        if siblings:
            return (*path[:-1], min(path[-1], len(siblings) - 1))
        return path[:-1]

    def move(self, path: BlockPath, step: int) -> BlockPath | None:
        """Move the item at ``path`` by ``step`` among its siblings; None when it cannot move that way."""
        if not path:
            return None
        siblings = siblings_of(self.section, path)
        old, new = path[-1], path[-1] + step
        if not 0 <= new < len(siblings):
            return None
        siblings[old], siblings[new] = siblings[new], siblings[old]
        return (*path[:-1], new)

    def undo_remove(self) -> tuple[BlockPath, Item] | None:
        """Put the most recently removed item back where it was; None when nothing was removed.

        When the outline changed since, the item goes back as close as possible: under the same parent if it
        still exists, at the same index or at the end.
        """
        if not self.removed:
            return None
        removed = self.removed.pop()
        parent = removed.path[:-1]
        while parent and parent not in entry_paths(self.section):
            parent = parent[:-1]
        siblings = self.section.items if not parent else item_at(self.section, parent).items
        index = min(removed.path[-1], len(siblings))
        siblings.insert(index, removed.item)
        return (*parent, index), removed.item
