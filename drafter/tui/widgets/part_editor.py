"""The editor of one mandated part: its items (numbered as generated), each item's heading and paragraphs.

Paragraph text is edited in a TextArea as **one paragraph per line** (soft-wrapped on screen). Chinese
paragraphs are single long lines in the source, so a line is the natural unit: Enter starts a new paragraph,
blank lines are ignored. A line that is unchanged keeps its provenance (carried/imported text stays marked
unreviewed until edited or confirmed); an edited line becomes typed.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, ListItem, ListView, Static, TextArea

from drafter.figures import Catalogue, Values, catalogue, find_printed, from_editor, render, to_editor, values_of
from drafter.i18n import N_, _
from drafter.model import Answers, Item, Paragraph, Provenance, Section
from drafter.numbering import outline_number
from drafter.outline import Outline, Path, entry_of, entry_paths, item_at, siblings_of
from drafter.pack import Pack, SectionSpec


def join_lines(text: str) -> str:
    """Text written over several lines as one paragraph: Chinese lines join without a space, others with one."""
    out = ""
    for line in (part.strip() for part in text.splitlines()):
        if not line:
            continue
        if out and (out[-1].isascii() and line[0].isascii()):
            out += " "
        out += line
    return out


def paragraphs_to_text(paragraphs: list[Paragraph], values: Values | None = None) -> str:
    """The TextArea text of ``paragraphs``: one per line, live figures shown as ``⟦label=value⟧``."""
    if values is None:
        return "\n".join(p.text for p in paragraphs)
    return "\n".join(to_editor(p.text, values) for p in paragraphs)


def text_to_paragraphs(text: str, old: list[Paragraph], cat: Catalogue | None = None) -> list[Paragraph]:
    """Paragraphs from TextArea text; an unchanged line keeps its old provenance, an edited one is typed.

    With the catalogue ``cat``, a marked live figure (or a ``[[label]]`` typed) is stored as a reference again.
    """
    known = {p.text.strip(): p.provenance for p in old}
    out = []
    for line in text.splitlines():
        line = line.strip()
        if cat is not None:
            line = from_editor(line, cat)
        if line:
            out.append(Paragraph(text=line, provenance=known.get(line, Provenance.TYPED)))
    return out


def entry_label(section: Section, path: Path) -> str:
    """The list label of an entry: its generated number and heading, indented by depth."""
    if not path:
        return _("Opening paragraphs")
    siblings = siblings_of(section, path)
    item = siblings[path[-1]]
    indent = "  " * (len(path) - 1)
    if not item.heading.strip():
        return indent + _("(paragraphs without heading)")
    number = sum(1 for other in siblings[: path[-1] + 1] if other.heading.strip())
    return f"{indent}{outline_number(len(path) + 1, number)}{item.heading.strip()}"


class ItemsList(ListView):
    """The part's entries; removing and moving items are keys of this list (shown while it has focus)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r,delete", "remove_item", N_("Remove"), id="part.remove_item"),
        Binding("ctrl+z", "undo_remove", N_("Undo remove"), id="part.undo_remove"),
        Binding("alt+up", "move_item(-1)", N_("Move"), id="part.move_up", key_display="alt+↑↓"),
        Binding("alt+down", "move_item(1)", N_("Down"), id="part.move_down", show=False),
    ]

    def _editor(self) -> PartEditor:
        return next(a for a in self.ancestors if isinstance(a, PartEditor))

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


class PartEditor(Widget):
    """Items list on the left, the chosen item's heading and paragraphs on the right, guidance above."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "add_item", N_("New item"), id="part.add_item"),
        Binding("ctrl+t", "add_sub_item", N_("Sub-item"), id="part.add_sub_item", show=False),  # in the help
        Binding("f7", "toggle_run_in", N_("Run-in"), id="part.run_in", show=False),  # in the help
        Binding("f8", "confirm_text", N_("Confirm"), id="part.confirm"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "confirm_text":  # only offered while there is carried or imported text to confirm
            return self.is_mounted and any(p.needs_review for p in self._paragraphs(self.current))
        if action == "toggle_run_in":  # only for an item with a heading, not for the opening paragraphs
            return self.is_mounted and bool(self.path) and bool(item_at(self.section, self.path).heading.strip())
        return True

    class Changed(Message):
        """The part's text, items or their order changed."""

        def __init__(self, editor: PartEditor) -> None:
            super().__init__()
            self.editor = editor

    def __init__(self, spec: SectionSpec, answers: Answers, previous: Answers | None, pack: Pack | None = None,
                 **kwargs: object) -> None:
        super().__init__(id=f"part-{spec.key}", classes="pane")
        self.spec = spec
        self.pack = pack
        """With the pack, live figures show their current values, marked ``⟦label=value⟧``."""
        self.answers = answers
        self.previous = previous
        self.current = 0
        self.entries: list[Path] = [()]
        self._text_dirty = False
        self._loading = False
        self._outline: Outline | None = None

    # ---- model helpers -------------------------------------------------------------------------------
    @property
    def section(self) -> Section:
        """The part being edited, created empty on first use."""
        section = self.answers.sections.get(self.spec.key)
        if section is None:
            section = Section()
            self.answers.sections[self.spec.key] = section
        return section

    @property
    def path(self) -> Path:
        """The path of the entry being edited."""
        return self.entries[self.current] if self.current < len(self.entries) else ()

    def _item(self, index: int) -> Item | None:
        path = self.entries[index]
        return item_at(self.section, path) if path else None

    def _paragraphs(self, index: int) -> list[Paragraph]:
        item = self._item(index) if index < len(self.entries) else None
        return self.section.intro if item is None else item.paragraphs

    def _set_paragraphs(self, index: int, paragraphs: list[Paragraph]) -> None:
        item = self._item(index)
        if item is None:
            self.section.intro = paragraphs
        else:
            item.paragraphs = paragraphs

    # ---- layout -----------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="guidance"):
            yield Static(_("[b]{label}[/b]: {prompt}").format(label=self.spec.label, prompt=self.spec.prompt),
                         classes="prompt", markup=True)
            yield Static(join_lines(self.spec.guidance), classes="guidance-text", markup=False)
        with Horizontal(classes="part-body"):
            with Vertical(classes="items-column"):
                yield Label(_("Items"), classes="column-title")
                yield ItemsList(id="items")
                with Horizontal(classes="item-buttons"):
                    yield Button("+", id="add-item", tooltip=_("New item (Ctrl+N)"))
                    yield Button("−", id="remove-item", tooltip=_("Remove item (Ctrl+R)"))
                    yield Button("↑", id="item-up", tooltip=_("Move up (Alt+Up)"))
                    yield Button("↓", id="item-down", tooltip=_("Move down (Alt+Down)"))
            with Vertical(classes="editor-column"):
                yield Input(placeholder=_("Item heading (the number is added for you)"), id="heading")
                yield Label("", id="review-note", classes="review-note")
                yield TextArea(id="body", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
                yield Label(_("One paragraph per line. Enter starts a new paragraph."), classes="hint")
        blocks = self._previous_blocks()
        if blocks:
            with VerticalScroll(classes="last-year"):
                assert self.previous is not None
                yield Static(_("Last year ({year}):").format(year=self.previous.year), markup=False)
                for index, text in enumerate(blocks):
                    block = Static(text, markup=False, id=f"last-year-{index}", classes="last-year-block")
                    block.display = bool(text)  # no opening paragraphs: no empty line
                    yield block

    def _previous_section(self) -> Section | None:
        if self.previous is None:
            return None
        section = self.previous.sections.get(self.spec.key)
        return None if section is None or section.is_empty() else section

    def _previous_blocks(self) -> list[str]:
        """Last year's text of this part: the opening paragraphs, then one block per top-level item."""
        section = self._previous_section()
        if section is None:
            return []
        values = values_of(self.previous, self.pack) if self.pack is not None else None

        def shown(para: Paragraph) -> str:  # last year's live figures with last year's values
            return render(para.text, values) if values is not None else para.text

        blocks = ["\n".join(shown(p) for p in section.intro)]
        number = 0
        for item in section.items:
            lines = []
            if item.heading.strip():
                number += 1
                lines.append(f"{outline_number(2, number)}{item.heading}")
            lines += [shown(p) for p in item.all_paragraphs()]
            blocks.append("\n".join(lines))
        return blocks

    def _show_last_year_of(self, path: Path) -> None:
        """Scroll last year's text to what matches the entry on show: the item with the same heading, else the
        item at the same place (the opening paragraphs for the opening)."""
        section = self._previous_section()
        if section is None or not self.is_mounted:
            return
        target = 0
        if path:
            heading = self.section.items[path[0]].heading.strip()
            same = [i for i, item in enumerate(section.items) if heading and item.heading.strip() == heading]
            target = 1 + (same[0] if same else min(path[0], len(section.items) - 1))
        for block in self.query(f"#last-year-{target}"):
            scroll = self.query_one(".last-year", VerticalScroll)
            scroll.scroll_to_widget(block, top=True, animate=False)

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False  # mouse shortcuts; the keys are in the footer, Tab stays short
        # start on the first item when the part has items but no opening paragraphs
        self.entries = entry_paths(self.section)
        self.current = 1 if not self.section.intro and self.section.items else 0
        self._rebuild_list()
        self._load(self.current)

    # ---- list and loading ---------------------------------------------------------------------------
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

    def _load(self, index: int) -> None:
        self.flush()
        self.current = index
        self._loading = True
        heading = self.query_one("#heading", Input)
        item = self._item(index)
        if item is None:
            heading.value = ""
            heading.disabled = True
            heading.placeholder = _("Opening paragraphs of the part (no heading)")
        else:
            heading.disabled = False
            heading.placeholder = _("Item heading (the number is added for you)")
            heading.value = item.heading
        body = self.query_one("#body", TextArea)
        body.load_text(self._shown_text(index))
        self.call_after_refresh(self._show_last_year_of, self.path)
        self._loading = False
        self._text_dirty = False
        self._update_review_note()

    def _shown_text(self, index: int) -> str:
        """The text the paragraph editor shows for entry ``index``: live figures with their current values."""
        values = values_of(self.answers, self.pack) if self.pack is not None else None
        return paragraphs_to_text(self._paragraphs(index), values)

    def _update_review_note(self) -> None:
        unreviewed = sum(1 for p in self._paragraphs(self.current) if p.needs_review)
        note = self.query_one("#review-note", Label)
        if unreviewed:
            note.update(_("{n} paragraph(s) carried or imported, not yet reviewed — edit them or press F8 to confirm")
                        .format(n=unreviewed))
            note.display = True
        else:
            note.display = False
        self.refresh_bindings()

    def show_figures(self) -> None:
        """Show the current values of the live figures (after the figures form changed), keeping the cursor."""
        if not self.is_mounted or self.pack is None:
            return
        self.flush()
        body = self.query_one("#body", TextArea)
        cursor = body.cursor_location
        text = self._shown_text(self.current)
        if text == body.text:
            return
        self._loading = True
        body.load_text(text)
        row = min(cursor[0], body.document.line_count - 1)
        body.cursor_location = (row, min(cursor[1], len(body.document.get_line(row))))
        self._loading = False

    def reload(self) -> None:
        """Show the answers again after they were changed from outside (fixes); nothing typed is pending."""
        self._text_dirty = False
        self._rebuild_list()
        self._load(min(self.current, len(self.entries) - 1))

    def flush(self) -> bool:
        """Move the TextArea's text into the answers; True when something changed."""
        if not self._text_dirty or not self.is_mounted:
            return False
        self._text_dirty = False
        text = self.query_one("#body", TextArea).text
        old = self._paragraphs(self.current)
        new = text_to_paragraphs(text, old, catalogue(self.pack) if self.pack is not None else None)
        if [(p.text, p.provenance) for p in new] == [(p.text, p.provenance) for p in old]:
            return False
        self._set_paragraphs(self.current, new)
        self._show_typed_references()
        self._update_review_note()
        return True

    def _show_typed_references(self) -> None:
        """Show a figure reference the clerk typed (``[[label]]``) as the live figure it now is, in place."""
        body = self.query_one("#body", TextArea)
        if self.pack is None or "[[" not in body.text:
            return
        cat, values = catalogue(self.pack), values_of(self.answers, self.pack)
        row_at, col_at = body.cursor_location
        for row in range(body.document.line_count):
            line = body.document.get_line(row)
            shown = to_editor(from_editor(line, cat), values) if "[[" in line else line
            if shown == line:
                continue
            self._loading = True
            body.replace(shown, (row, 0), (row, len(line)))
            self._loading = False
            if row == row_at:
                col_at = len(to_editor(from_editor(line[:col_at], cat), values))
        body.cursor_location = (row_at, col_at)

    def _changed(self) -> None:
        self.post_message(self.Changed(self))

    # ---- events ----------------------------------------------------------------------------------------
    @on(ListView.Highlighted, "#items")
    def _highlighted(self, event: ListView.Highlighted) -> None:
        index = event.list_view.index
        if index is not None and index != self.current and not self._loading:
            self._load(index)

    @on(ListView.Selected, "#items")
    def _selected(self, event: ListView.Selected) -> None:
        target = "#body" if self.current == 0 else "#heading"
        self.query_one(target).focus()

    @on(TextArea.Changed, "#body")
    def _body_changed(self, event: TextArea.Changed) -> None:
        # Every edit (typing, deleting, cut, paste, undo, redo, insert) lands here. load_text() announces a change
        # too, after the fact: so a text counts as changed when it differs from what the answers hold *now* (not
        # from what was loaded: after an autosave, deleting the character just typed gives the loaded text back).
        if self._loading:
            return
        if self._text_dirty or event.text_area.text != self._shown_text(self.current):
            self._text_dirty = True
            self._changed()

    @on(Input.Changed, "#heading")
    def _heading_changed(self, event: Input.Changed) -> None:
        item = None if self._loading else self._item(self.current)
        if item is None:
            return
        if item.heading != event.value:
            item.heading = event.value
            item.provenance = Provenance.TYPED
            self._refresh_labels()
            self._changed()

    @on(Input.Submitted, "#heading")
    def _heading_done(self) -> None:
        self.query_one("#body").focus()

    @on(Button.Pressed, "#add-item")
    def _add_pressed(self) -> None:
        self.action_add_item()

    @on(Button.Pressed, "#remove-item")
    def _remove_pressed(self) -> None:
        self.action_remove_item()

    @on(Button.Pressed, "#item-up")
    def _up_pressed(self) -> None:
        self.action_move_item(-1)

    @on(Button.Pressed, "#item-down")
    def _down_pressed(self) -> None:
        self.action_move_item(1)

    # ---- actions -----------------------------------------------------------------------------------------
    def _go(self, path: Path) -> None:
        """Rebuild the list after a change of structure and show the entry at ``path``."""
        self.current = entry_paths(self.section).index(path) if path in entry_paths(self.section) else 0
        self._rebuild_list()
        self._load(self.current)

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

    def _remove(self, path: Path) -> None:
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

    def action_confirm_text(self) -> None:
        """Mark the current entry's carried or imported paragraphs as reviewed (typed)."""
        self.flush()
        paragraphs = self._paragraphs(self.current)
        changed = False
        for para in paragraphs:
            if para.needs_review:
                para.provenance = Provenance.TYPED
                changed = True
        item = self._item(self.current)
        if item is not None and item.provenance is not Provenance.TYPED:
            item.provenance = Provenance.TYPED
            changed = True
        self._update_review_note()
        if changed:
            self.notify(_("Text confirmed as reviewed."))
            self._changed()

    def insert_text(self, text: str) -> None:
        """Insert ``text`` as paragraph(s) of their own at the cursor; no other paragraph's text changes.

        On an empty line the text fills it; at the start of a paragraph it goes before it; anywhere else after
        it. The paragraphs around keep their text, so they keep their marks (carried, to review …). Live figures
        in ``text`` (stored as references, as a snippet brings them) show with their current values.
        """
        if self.pack is not None:
            text = to_editor(text, values_of(self.answers, self.pack))
        body = self.query_one("#body", TextArea)
        row, column = body.cursor_location
        line = body.document.get_line(row)
        text = "\n".join(part.strip() for part in text.splitlines() if part.strip())
        if not line.strip():
            result = body.replace(text, (row, 0), (row, len(line)))
            end = result.end_location
        elif column == 0:
            body.insert(text + "\n", (row, 0))
            end = (row + text.count("\n"), len(text.splitlines()[-1]))
        else:
            end = body.insert("\n" + text, (row, len(line))).end_location
        body.move_cursor(end)
        body.focus()

    def focus_path(self, path: tuple[int, ...], excerpt: str = "") -> None:
        """Show the entry a block path points at (:func:`drafter.outline.entry_of`)
        with the cursor on ``excerpt`` in that paragraph (or at its start)."""
        self.flush()
        entries = entry_paths(self.section)
        target, paragraph = entry_of(path)
        if target not in entries:  # the outline changed since the finding was made
            target, paragraph = (), None
        self.current = entries.index(target)
        self.query_one("#items", ListView).index = self.current
        self._load(self.current)
        body = self.query_one("#body", TextArea)
        lines = body.text.split("\n")
        row = paragraph if paragraph is not None and 0 <= paragraph < len(lines) else 0
        # the excerpt is printed text; the editor shows live figures as ⟦label=value⟧
        column = max(0, find_printed(lines[row], excerpt)) if excerpt else 0
        if excerpt and find_printed(lines[row], excerpt) < 0:  # the paragraph index is off (blank lines)
            row, column = next(((r, find_printed(line, excerpt)) for r, line in enumerate(lines)
                                if find_printed(line, excerpt) >= 0), (row, 0))
        body.focus()
        body.move_cursor((row, column), center=True)
