"""The items of the part editor: the list of entries with its keys, and the structural actions on items (add, add a
sub-item, remove with undo, move, run-in heading). The rules of these edits live in :mod:`drafter.outline`; this
module shows them and asks before removing text."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Input, Label, ListItem, ListView

from drafter.i18n import N_, _
from drafter.model import Section
from drafter.outline import BlockPath, Outline, entry_paths, item_at, item_number, siblings_of


def entry_label(section: Section, path: BlockPath) -> str:
    """The list label of an entry: its generated number and heading, indented by depth."""
    if not path:
        return _("Opening paragraphs")
    item = siblings_of(section, path)[path[-1]]
    indent = "  " * (len(path) - 1)
    if not item.heading.strip():
        return indent + _("(paragraphs without heading)")
    return f"{indent}{item_number(section, path)}{item.heading.strip()}"


class ItemsList(ListView):
    """The part's entries; removing and moving items are keys of this list (shown while it has focus)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r,delete", "remove_item", N_("Remove"), id="part.remove_item"),
        Binding("ctrl+z", "undo_remove", N_("Undo remove"), id="part.undo_remove"),
        Binding("alt+up", "move_item(-1)", N_("Move"), id="part.move_up", key_display="alt+↑↓"),
        Binding("alt+down", "move_item(1)", N_("Down"), id="part.move_down", show=False),
    ]

    def _editor(self) -> ItemActions:
        return next(a for a in self.ancestors if isinstance(a, ItemActions))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo_remove":  # in the footer only while there is a removed item to bring back
            return self.is_mounted and bool(self._editor().outline.removed)
        return True

    def action_remove_item(self) -> None:
        """Remove the highlighted item."""
        self._editor().action_remove_item()

    def action_move_item(self, step: int) -> None:
        """Move the highlighted item."""
        self._editor().action_move_item(step)

    def action_undo_remove(self) -> None:
        """Bring back the item removed last."""
        self._editor().action_undo_remove()


class ItemActions(Widget):
    """The part editor's list of entries and the structural edits of its items (the base of
    :class:`drafter.tui.widgets.part_editor.PartEditor`, which provides the text side)."""

    entries: list[BlockPath]
    current: int
    _outline: Outline | None

    @property
    def section(self) -> Section:
        """The part being edited."""
        raise NotImplementedError

    @property
    def path(self) -> BlockPath:
        """The path of the entry being edited."""
        return self.entries[self.current] if self.current < len(self.entries) else ()

    def flush(self) -> bool:
        """Move the text being typed into the answers; True when something changed."""
        raise NotImplementedError

    def _load(self, index: int) -> None:
        raise NotImplementedError

    def _changed(self) -> None:
        raise NotImplementedError

    # ---- the list ---------------------------------------------------------------------------------------
    def _rebuild_list(self) -> None:
        """Show the entries again after a change of structure, with the current one highlighted.

        The rows are updated in place (only the difference is added or removed): recreating them all would leave
        the highlight on a row that is being removed, and the list would show no highlighted row.
        """
        self.entries = entry_paths(self.section)
        items = self.query_one("#items", ListView)
        rows = [child for child in items.children if isinstance(child, ListItem)]
        for index, path in enumerate(self.entries):
            label = entry_label(self.section, path)
            if index < len(rows):
                rows[index].query_one(Label).update(label)
            else:
                items.append(ListItem(Label(label, markup=False)))
        for extra in rows[len(self.entries):]:
            extra.remove()
        if items.index == self.current and self.current < len(rows):
            rows[self.current].highlighted = True
        else:
            items.index = self.current

    def _refresh_labels(self) -> None:
        items = self.query_one("#items", ListView)
        for index, child in enumerate(items.children):
            child.query_one(Label).update(entry_label(self.section, self.entries[index]))

    def _go(self, path: BlockPath) -> None:
        """Rebuild the list after a change of structure and show the entry at ``path``."""
        self.current = entry_paths(self.section).index(path) if path in entry_paths(self.section) else 0
        self._rebuild_list()
        self._load(self.current)

    # ---- actions -----------------------------------------------------------------------------------------
    @property
    def outline(self) -> Outline:
        """Structural edits of this part (kept while the part's section stays the same object)."""
        if self._outline is None or self._outline.section is not self.section:
            self._outline = Outline(self.section)
        return self._outline

    def action_add_item(self) -> None:
        """Add an empty item after the current one (same level) and start typing its heading."""
        self.flush()
        self._go(self.outline.add_after(self.path))
        self.query_one("#heading", Input).focus()
        self._changed()

    def action_add_sub_item(self) -> None:
        """Add an empty sub-item at the end of the current item (numbered one level deeper)."""
        path = self.path
        if not path:
            self.notify(_("Choose an item first; sub-items belong to an item."))
            return
        self.flush()
        new = self.outline.add_sub_item(path)
        if new is None:
            self.notify(_("Items go at most three levels deep."))
            return
        self._go(new)
        self.query_one("#heading", Input).focus()
        self._changed()

    def action_remove_item(self) -> None:
        """Remove the current item and its sub-items (asks first when they hold text)."""
        path = self.path
        if not path:
            self.notify(_("The opening paragraphs cannot be removed; clear their text instead."))
            return
        self.flush()
        item = item_at(self.section, path)
        if item.heading.strip() or item.all_paragraphs() or item.items:
            from drafter.tui.screens.confirm import ConfirmScreen

            question = _("Remove the item “{heading}” and its text?").format(heading=item.heading or "…")

            def done(yes: bool | None) -> None:
                if yes:
                    self._remove(path)
                self.query_one("#items", ListView).focus()

            self.app.push_screen(ConfirmScreen(question), done)
        else:
            self._remove(path)

    def _remove(self, path: BlockPath) -> None:
        heading = item_at(self.section, path).heading.strip()
        self._go(self.outline.remove(path))
        self.query_one("#items", ListView).focus()
        self.notify(_("Item “{heading}” removed. Ctrl+Z in the list of items brings it back.")
                    .format(heading=heading or "…"))
        self.query_one("#items", ItemsList).refresh_bindings()
        self._changed()

    def action_undo_remove(self) -> None:
        """Bring back the item removed last."""
        self.flush()
        restored = self.outline.undo_remove()
        if restored is None:
            self.notify(_("No removed item to bring back."))
            return
        path, item = restored
        self._go(path)
        self.query_one("#items", ListView).focus()
        self.notify(_("Item “{heading}” restored.").format(heading=item.heading.strip() or "…"))
        self._changed()

    def action_move_item(self, step: int) -> None:
        """Move the current item up (-1) or down (+1) among its siblings; the numbering follows."""
        self.flush()
        new = self.outline.move(self.path, step)
        if new is None:
            return
        self._go(new)
        self._changed()

    def action_toggle_run_in(self) -> None:
        """Print the current item's heading at the start of its first paragraph (（一）标题。正文……), or alone."""
        path = self.path
        if not path:
            return
        self.flush()
        item = item_at(self.section, path)
        item.run_in = not item.run_in
        if item.run_in:
            self.notify(_("The heading now starts its first paragraph."))
        else:
            self.notify(_("The heading now stands on a line of its own."))
        self._changed()
