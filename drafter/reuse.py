"""Start this year's report from last year's answers: carry the text forward, move the report's own year on.

Carried text keeps last year's wording; every paragraph and item heading is marked
:attr:`~drafter.model.Provenance.CARRIED` until the clerk edits or confirms it. Figures start empty with
last year's value kept beside them as ``previous``. Nothing here imports the UI.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from drafter.errors import InputError
from drafter.model import Answers, Item, Paragraph, Provenance, Section, year_problem

if TYPE_CHECKING:
    from drafter.pack import Pack

# A four-digit year written before 年 (2024年, 2024年度, 2024年以来).
_YEAR = re.compile(r"(?<![\d.．])(\d{4})(?=年)")
# Range connectors: a year next to one of these is part of a range (2021—2025年, 2021-2025, 2021至2025年).
_RANGE = "—–-－~～至到"
# Words just before a year that make it the term of a comparison (较2023年, 与2023年相比, 比2023年, 同2023年).
_COMPARISON = re.compile(r"(?:较|比|与|同|相较于?|相比于?|对比|较之|对照)\s*$")


def _title_spans(text: str) -> list[tuple[int, int]]:
    """Start and end of every 《…》 (or 〈…〉) title in ``text``, nested titles included in their outer one."""
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for index, char in enumerate(text):
        if char in "《〈":
            if depth == 0:
                start = index
            depth += 1
        elif char in "》〉" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, index + 1))
    if depth:
        spans.append((start, len(text)))
    return spans


def _in_range(text: str, start: int, end: int) -> bool:
    """True when the year at ``text[start:end]`` is one end of a range of years."""
    before = text[max(0, start - 2):start].rstrip()
    if before and before[-1] in _RANGE and re.search(r"\d", text[max(0, start - 8):start]):
        return True
    after = text[end:end + 8]
    after = after[1:] if after.startswith("年") else after
    after = after.lstrip()
    return bool(after) and after[0] in _RANGE and bool(re.match(r"\s*\d{4}", after[1:]))


def shift_years(text: str, old_year: int, new_year: int, *, plan: bool = False) -> str:
    """Move the years of the reporting period on from ``old_year`` to ``new_year``.

    ``2024年以来`` becomes ``2025年以来``. In the plan part (``plan=True``) the year after the old report year is
    the year being planned, so ``2025年`` becomes ``2026年`` as well. Years are never changed inside a range
    (``2021—2025年``, ``2021-2025``), inside a title (``《…（2021—2025年）》``), in a comparison
    (``较2023年``, ``与2023年相比``) or when they lie outside the reporting period (history).
    """
    delta = new_year - old_year
    if delta == 0 or not text:
        return text
    targets = {old_year: new_year}
    if plan:
        targets[old_year + 1] = new_year + 1
    titles = _title_spans(text)
    out: list[str] = []
    last = 0
    for match in _YEAR.finditer(text):
        year = int(match.group(1))
        if year not in targets:
            continue
        start, end = match.span(1)
        if any(a <= start < b for a, b in titles):
            continue
        if _in_range(text, start, end):
            continue
        if _COMPARISON.search(text[max(0, start - 4):start]):
            continue
        out.append(text[last:start])
        out.append(str(targets[year]))
        last = end
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _carry_paragraphs(paragraphs: list[dict[str, Any]]) -> None:
    for para in paragraphs:
        para["provenance"] = Provenance.CARRIED.value


def _carry_items(items: list[dict[str, Any]]) -> None:
    for item in items:
        item["provenance"] = Provenance.CARRIED.value
        _carry_paragraphs(item.get("paragraphs", []))
        _carry_items(item.get("items", []))


def carry_forward(previous: Answers, year: int | None = None, pack: Pack | None = None) -> Answers:
    """This year's answers started from ``previous``: same organisation, parts and text, marked carried.

    Only what stands for the report's own year moves on: the year itself (the pack's title, headings and
    standard opening are written from it) and the clerk's own versions of that dated wording, the opening and
    the part headings (``2025年以来`` → ``2026年以来``, ``2026年工作安排`` → ``2027年工作安排``). The years in the
    paragraphs and item headings are left as written: they are evidence of what happened in a year, and moving
    them makes true sentences false (``2025年是…纲要收官之年``). The checks flag the ones that now read as stale.

    Every paragraph and item heading is marked carried. Figures are emptied and keep last year's value as
    ``previous``; tables keep last year's cells as ``previous`` and fill the cells the pack's rules carry over
    (:func:`drafter.tables.carry_forward`); the date is cleared. ``year`` defaults to the year after ``previous.year``.
    The organisation's dispatch data (发文字号 prefix, 签发人, 抄送, 印发机关) stays; of the report's own dispatch
    data the 发文字号 serial stays (its year advances with the date) and 份号, 密级, 紧急程度 and 印发日期 are cleared.
    """
    from drafter.pack import Role, load_pack

    old = previous.year
    new = old + 1 if year is None else year
    problem = year_problem(new)
    if problem:
        raise InputError(problem)
    pack = pack or load_pack(previous.pack)
    plan = pack.spec.key_of(Role.PLAN)
    data = previous.model_dump(mode="python")
    data["year"] = new
    data["date"] = None
    data["dispatch"] = {"serial": data.get("dispatch", {}).get("serial")}
    if data.get("opening"):
        data["opening"] = shift_years(data["opening"], old, new)
    for key, section in data["sections"].items():
        if section is None:
            continue
        if section.get("heading"):
            section["heading"] = shift_years(section["heading"], old, new, plan=key == plan)
        _carry_paragraphs(section.get("intro", []))
        _carry_items(section.get("items", []))
    data["figures"] = {
        key: {"value": None, "previous": fig.get("value")} for key, fig in data.get("figures", {}).items()
    }
    data["tables"] = {}
    answers = Answers.model_validate(data)
    if previous.tables:
        from drafter.tables import carry_forward as carry_table

        for spec in pack.tables.tables:
            answers.tables[spec.key] = carry_table(spec, previous.tables.get(spec.key))
    return answers


def iter_paragraphs(answers: Answers) -> Iterator[tuple[str, Paragraph]]:
    """Every paragraph of every part with its part's key, in reading order."""
    for key, section in answers.section_items():
        for para in section.all_paragraphs():
            yield key, para


def _items(items: list[Item]) -> Iterator[Item]:
    for item in items:
        yield item
        yield from _items(item.items)


def unreviewed(answers: Answers) -> list[tuple[str, Paragraph]]:
    """The paragraphs still carried or imported, which the clerk has neither edited nor confirmed."""
    return [(key, para) for key, para in iter_paragraphs(answers) if para.needs_review]


def confirm_paragraph(paragraph: Paragraph) -> None:
    """Mark ``paragraph`` as reviewed: the clerk has read it and keeps it (it now counts as typed)."""
    paragraph.provenance = Provenance.TYPED


def confirm_section(section: Section) -> int:
    """Confirm every paragraph and item heading of ``section``; returns how many paragraphs changed."""
    changed = 0
    for para in section.all_paragraphs():
        if para.needs_review:
            confirm_paragraph(para)
            changed += 1
    for item in _items(section.items):
        item.provenance = Provenance.TYPED
    return changed
