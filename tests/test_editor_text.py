"""The rules the part editor and the table grid call, without a screen: the editor's text read back into
paragraphs, the generated number of an item, and a table cell stored and its value last year."""

from __future__ import annotations

from drafter.editor_text import join_lines, paragraphs_to_text, text_to_paragraphs
from drafter.figures import catalogue, values_of
from drafter.model import Answers, Figure, Item, Organisation, Paragraph, Provenance, Section, Table
from drafter.outline import item_number
from drafter.pack import load_pack
from drafter.tables import computed, last_year_value, set_cell


def test_guidance_lines_join_without_a_space_in_chinese_and_with_one_in_latin() -> None:
    assert join_lines("  对照年度目标，\n\n逐项写明成效。\n") == "对照年度目标，逐项写明成效。"
    assert join_lines("List the\nmeasures taken") == "List the measures taken"


def test_an_unchanged_line_keeps_its_provenance_and_an_edited_one_is_typed() -> None:
    old = [Paragraph(text="去年的第一段。", provenance=Provenance.CARRIED),
           Paragraph(text="去年的第二段。", provenance=Provenance.IMPORTED)]
    new = text_to_paragraphs("去年的第一段。\n\n  改过的第二段。  \n", old)
    assert [(p.text, p.provenance) for p in new] == [
        ("去年的第一段。", Provenance.CARRIED), ("改过的第二段。", Provenance.TYPED)]


def test_a_live_figure_shows_marked_in_the_editor_and_is_stored_as_a_reference_again() -> None:
    pack = load_pack()
    answers = Answers(org=Organisation(name="青禾镇"), year=2025,
                      figures={"committee_study_sessions": Figure(value=12)})
    stored = [Paragraph(text="全年党委会会前学法[[fig:committee_study_sessions]]次。")]
    shown = paragraphs_to_text(stored, values_of(answers, pack))
    assert shown == "全年党委会会前学法⟦党委会会前学法=12⟧次。"
    assert paragraphs_to_text(stored) == stored[0].text
    back = text_to_paragraphs(shown + "\n新写[[党委会会前学法]]次。", stored, catalogue(pack))
    assert [p.text for p in back] == [stored[0].text, "新写[[fig:committee_study_sessions]]次。"]
    assert back[0].provenance is stored[0].provenance


def test_only_items_with_a_heading_are_numbered() -> None:
    section = Section(items=[Item(heading="甲"), Item(heading=""), Item(heading="乙", items=[Item(heading="丙")])])
    assert [item_number(section, (i,)) for i in range(3)] == ["（一）", "", "（二）"]
    assert item_number(section, (2, 0)) == "1."


def test_a_cell_stored_drops_the_printed_totals_and_an_empty_row_goes() -> None:
    table = Table(cells={"new": {"natural": 3}}, printed={"new": {"total": 99}})
    assert set_cell(table, ("new", "natural"), 3)  # same value, but the printed totals go
    assert table.printed == {}
    assert not set_cell(table, ("new", "natural"), 3)
    assert set_cell(table, ("new", "natural"), None)
    assert table.cells == {}
    assert set_cell(table, ("new", "other"), 2)
    assert table.cells == {"new": {"other": 2}}


def test_last_years_value_is_the_carried_one_else_computed_from_last_years_table() -> None:
    spec = load_pack("gongkai").table("requests")
    assert spec is not None
    last = Table(cells={"new": {"natural": 4, "other": 1}})
    total = computed(spec, last.cells)[("new", "total")]
    assert last_year_value(spec, Table(), ("new", "total"), last) == total == 5
    assert last_year_value(spec, Table(), ("new", "total"), None) is None
    carried = Table(previous={"new": {"natural": 7}})
    assert last_year_value(spec, carried, ("new", "natural"), last) == 7
    assert last_year_value(spec, carried, ("new", "other"), last) is None


def test_a_live_figure_is_one_unit_for_the_cursor_and_for_deletions() -> None:
    from drafter.editor_text import figure_as_text, snap_column, widen_to_figures

    pack = load_pack()
    cat = catalogue(pack)
    line = "会前学法⟦党委会会前学法=12⟧次，⟦不是指标⟧照写"
    start, end = line.index("⟦"), line.index("⟧") + 1
    assert snap_column(line, start + 3, cat, came_from=start) == end
    assert snap_column(line, end - 1, cat, came_from=end) == start
    assert snap_column(line, start + 1, cat) == start
    literal = line.rindex("⟦") + 1  # a marker naming no figure is plain text: the cursor may stand inside
    assert snap_column(line, literal, cat) == literal
    assert widen_to_figures(lambda _row: line, (0, end - 1), (0, end), cat) == ((0, start), (0, end))
    assert widen_to_figures(lambda _row: line, (0, start), (0, start + 1), cat) == ((0, start), (0, end))
    assert widen_to_figures(lambda _row: line, (0, 0), (0, 2), cat) == ((0, 0), (0, 2))
    values = values_of(Answers(org=Organisation(name="青禾镇"), year=2025,
                               figures={"committee_study_sessions": Figure(value=12)}), pack)
    assert figure_as_text(line, start, cat, values) == (start, end, "12")
    assert figure_as_text(line, end, cat, values) == (start, end, "12")
    assert figure_as_text(line, 0, cat, values) is None
