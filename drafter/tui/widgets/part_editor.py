"""The editor of one mandated part: its items (numbered as generated), each item's heading and paragraphs.

This module owns the editor's layout and its text side: loading an entry into the heading and the paragraph
TextArea, moving typed text back into the answers, confirming carried text, inserting snippets, and showing the
entry a finding points at. The list of items and their structural actions are :mod:`.part_items`, last year's
text :mod:`.last_year`.

Paragraph text is edited in a TextArea as **one paragraph per line** (soft-wrapped on screen); how that text
becomes paragraphs (blank lines ignored, unchanged lines keeping their provenance, live figures) is
:mod:`drafter.editor_text`.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Label, ListView, Static, TextArea

from drafter.editor_text import join_lines, paragraphs_to_text, text_to_paragraphs
from drafter.figures import catalogue, find_printed, from_editor, to_editor, values_of
from drafter.i18n import N_, _
from drafter.model import Answers, Item, Paragraph, Provenance, Section
from drafter.outline import BlockPath, Outline, entry_of, entry_paths, item_at
from drafter.pack import Pack, SectionSpec
from drafter.tui.widgets.last_year import LastYearPanel, previous_section
from drafter.tui.widgets.part_items import ItemActions, ItemsList


class PartEditor(ItemActions):
    """Items list on the left, the chosen item's heading and paragraphs on the right, guidance above, last year's
    text below (the items' structural actions are :class:`ItemActions`)."""

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
        self.entries: list[BlockPath] = [()]
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
        section = previous_section(self.previous, self.spec.key)
        if section is not None:
            assert self.previous is not None
            yield LastYearPanel(self.previous, section, self.pack)

    def _show_last_year_of(self, path: BlockPath) -> None:
        """Scroll last year's text to what matches the entry on show."""
        if not self.is_mounted:
            return
        for panel in self.query(LastYearPanel):
            panel.show_entry(self.section.items[path[0]].heading if path else None, path[0] if path else None)

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False  # mouse shortcuts; the keys are in the footer, Tab stays short
        # start on the first item when the part has items but no opening paragraphs
        self.entries = entry_paths(self.section)
        self.current = 1 if not self.section.intro and self.section.items else 0
        self._rebuild_list()
        self._load(self.current)

    # ---- loading -----------------------------------------------------------------------------------------
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

    # ---- text actions ----------------------------------------------------------------------------------
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
