"""Last year's text of a part, shown under the part editor: the opening paragraphs, then one block per top-level
item, with last year's live figures at last year's values; scrolled to what matches the entry on show."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static

from drafter.figures import render, values_of
from drafter.i18n import _
from drafter.model import Answers, Paragraph, Section
from drafter.outline import item_number
from drafter.pack import Pack


def previous_section(previous: Answers | None, key: str) -> Section | None:
    """Last year's part ``key``, or None when last year's report has none (or an empty one)."""
    if previous is None:
        return None
    section = previous.sections.get(key)
    return None if section is None or section.is_empty() else section


def last_year_blocks(previous: Answers, section: Section, pack: Pack | None) -> list[str]:
    """Last year's text of ``section``: the opening paragraphs, then one block per top-level item."""
    values = values_of(previous, pack) if pack is not None else None

    def shown(para: Paragraph) -> str:  # last year's live figures with last year's values
        return render(para.text, values) if values is not None else para.text

    blocks = ["\n".join(shown(p) for p in section.intro)]
    for index, item in enumerate(section.items):
        lines = []
        if item.heading.strip():
            lines.append(f"{item_number(section, (index,))}{item.heading}")
        lines += [shown(p) for p in item.all_paragraphs()]
        blocks.append("\n".join(lines))
    return blocks


class LastYearPanel(VerticalScroll):
    """Last year's text of one part, a block per top-level item (``#last-year-<n>``, the opening being 0)."""

    def __init__(self, previous: Answers, section: Section, pack: Pack | None) -> None:
        blocks = []
        for index, text in enumerate(last_year_blocks(previous, section, pack)):
            block = Static(text, markup=False, id=f"last-year-{index}", classes="last-year-block")
            block.display = bool(text)  # no opening paragraphs: no empty line
            blocks.append(block)
        title = Static(_("Last year ({year}):").format(year=previous.year), markup=False)
        super().__init__(title, *blocks, classes="last-year")
        self.section = section

    def show_entry(self, heading: str | None, index: int | None) -> None:
        """Scroll to what matches this year's entry: the item with the same ``heading``, else the item at the same
        place ``index`` (the opening paragraphs for the opening, both None)."""
        target = 0
        if index is not None:
            heading = (heading or "").strip()
            items = self.section.items
            same = [i for i, item in enumerate(items) if heading and item.heading.strip() == heading]
            target = 1 + (same[0] if same else min(index, len(items) - 1))
        for block in self.query(f"#last-year-{target}"):
            self.scroll_to_widget(block, top=True, animate=False)
