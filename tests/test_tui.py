"""Pilot tests of the UI: a whole report by key presses, validation, reordering, snippets, autosave, corrupt files."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import docx
from textual.app import App
from textual.command import CommandList
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import ContentSwitcher, Input, ListView, Static, TextArea

from drafter.compose import compose
from drafter.figures import render, values_of
from drafter.i18n import set_language
from drafter.model import Answers, Figure, Organisation
from drafter.outline import entry_paths
from drafter.pack import load_pack
from drafter.snippets import GAP
from drafter.store import load_answers, save_answers
from drafter.tui.app import make_app
from drafter.tui.screens.editor import EditorScreen
from drafter.tui.screens.generated import GeneratedScreen
from drafter.tui.screens.start import StartScreen
from drafter.tui.widgets.part_editor import PartEditor
from drafter.tui.widgets.preview import Preview
from tests.conftest import EXAMPLES
from tests.tui_helpers import example_workspace, file_matches, type_text, wait_until, workspace_read

SIZE = (100, 30)


def docx_text(path: Path) -> str:
    """All paragraph text of a .docx."""
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


async def test_complete_report_from_empty_workspace_by_keys(tmp_path: Path) -> None:
    app = make_app(workspace=tmp_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, StartScreen)
        await pilot.press("n", "enter")  # the first report type, 法治政府建设年度报告
        await type_text(pilot, "青禾镇")
        await pilot.press("tab", "ctrl+u")
        await type_text(pilot, "2025")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        # basics: the sidebar has focus; Enter goes into the form
        await pilot.press("enter")
        assert app.focused is not None and app.focused.id == "basic-name"
        await pilot.press(*["tab"] * 6)
        assert app.focused.id == "basic-recipients"
        await type_text(pilot, "县委、县政府")
        await pilot.press("tab")  # the year is not a field to type in (it changes through F6 only)
        assert app.focused.id == "basic-date"
        await type_text(pilot, "2026-01-15")
        # measures: intro text, then a new item with heading and paragraph
        await pilot.press("f3")
        assert isinstance(app.focused, TextArea)
        await type_text(pilot, "全年推进法治政府建设。")
        await pilot.press("ctrl+n")
        assert isinstance(app.focused, Input) and app.focused.id == "heading"
        await type_text(pilot, "加强组织领导")
        await pilot.press("enter")
        await type_text(pilot, "镇党委专题研究法治工作4次。\n组织干部学法12次。")
        for text in ("普法形式单一，原因是力量不足。", "党委书记带头学法。", "深化普法宣传。"):
            await pilot.press("f3")
            await type_text(pilot, text)
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, GeneratedScreen)
        await pilot.press("escape")
        await pilot.press("ctrl+q")
    answers_path = tmp_path / "2025.json"
    data = json.loads(answers_path.read_text(encoding="utf-8"))
    assert data["org"]["name"] == "青禾镇"
    assert data["org"]["recipients"] == "县委、县政府"
    assert data["date"] == "2026-01-15"
    measures = data["sections"]["measures"]
    assert measures["intro"] == [{"text": "全年推进法治政府建设。"}]
    assert measures["items"][0]["heading"] == "加强组织领导"
    paragraphs = [p["text"] for p in measures["items"][0]["paragraphs"]]
    assert paragraphs == ["镇党委专题研究法治工作4次。", "组织干部学法12次。"]
    assert data["sections"]["plan"]["intro"][0]["text"] == "深化普法宣传。"
    text = docx_text(tmp_path / "2025.docx")
    assert "县委、县政府：" in text
    assert "（一）加强组织领导" in text
    assert "组织干部学法12次。" in text
    assert "普法形式单一，原因是力量不足。" in text
    assert "2026年1月15日" in text


async def _open_example(tmp_path: Path, year: int = 2025) -> tuple[Path, object]:
    ws = example_workspace(tmp_path / "ws")
    return ws / f"{year}.json", make_app(file=ws / f"{year}.json", lang="en")


async def _measures_items(pilot: Pilot[None]) -> tuple[PartEditor, ListView]:
    """Open the measures part and focus its list of items."""
    screen = pilot.app.screen
    assert isinstance(screen, EditorScreen)
    screen.show_step(screen.step_index("measures"))
    await pilot.pause()
    editor = screen.query_one("#part-measures", PartEditor)
    items = editor.query_one("#items", ListView)
    items.focus()
    return editor, items


async def test_figures_validation_inline(tmp_path: Path) -> None:
    path, app = await _open_example(tmp_path)
    assert not isinstance(app, Path)
    async with app.run_test(size=SIZE) as pilot:  # type: ignore[attr-defined]
        screen = pilot.app.screen
        assert isinstance(screen, EditorScreen)
        screen.show_step(screen.step_index("figures"))
        await pilot.pause()
        before = screen.session.answers.figure_value("committee_study_sessions")
        field = screen.query_one("#fig-committee_study_sessions", Input)
        field.focus()
        await pilot.press("end")
        await type_text(pilot, "x")
        message = screen.query_one("#msg-committee_study_sessions", Static)
        assert "Digits only" in str(message.render())
        assert message.display and message.region.height > 0  # really on screen, under the field
        assert screen.session.answers.figure_value("committee_study_sessions") == before
        await pilot.press("ctrl+u")
        await type_text(pilot, "-3")
        assert "negative" in str(message.render())
        await pilot.press("ctrl+u")
        await type_text(pilot, "15")
        assert str(message.render()).strip() == ""
        assert screen.session.answers.figure_value("committee_study_sessions") == 15
        # resolved > investigated is shown inline; the rate is derived
        investigated = screen.session.answers.figure_value("disputes_investigated")
        assert investigated is not None
        resolved = screen.query_one("#fig-disputes_resolved", Input)
        resolved.focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, str(investigated + 5))
        note = screen.query_one("#msg-disputes_resolved", Static)
        assert "Cannot be more than" in str(note.render())
        await pilot.press("ctrl+u")
        await type_text(pilot, str(investigated))
        assert str(note.render()).strip() == ""
        assert str(screen.query_one("#rate-dispute_success_rate", Static).render()) == "100.0%"
        await wait_until(pilot, lambda: load_answers(path).figure_value("committee_study_sessions") == 15, "the save")


async def test_reordering_items_renumbers(tmp_path: Path) -> None:
    path, app = await _open_example(tmp_path)
    first, second = (i.heading for i in load_answers(path).sections.get("measures").items[:2])  # type: ignore[union-attr]
    async with app.run_test(size=SIZE) as pilot:  # type: ignore[attr-defined]
        _editor, items = await _measures_items(pilot)
        items.index = 2
        await pilot.pause()
        await pilot.press("alt+up")
        await pilot.pause()
        labels = [str(child.query_one("Label").render()) for child in items.children]
        assert labels[1] == f"（一）{second}"
        assert labels[2] == f"（二）{first}"
        await pilot.press("alt+down")
        await pilot.press("alt+down")

        def moved() -> bool:
            measures = load_answers(path).sections.get("measures")
            return measures is not None and measures.items[2].heading == second

        await wait_until(pilot, moved, "the moved item saved")
    saved = load_answers(path).sections.get("measures")
    assert saved is not None
    assert saved.items[0].heading == first
    assert saved.items[2].heading == second  # moved up once, then down twice


def _blank(tmp_path: Path, figures: dict[str, int]) -> Path:
    answers = Answers(org=Organisation(name="青禾镇"), year=2025)
    for key, value in figures.items():
        answers.figures[key] = Figure(value=value)
    path = tmp_path / "2025.json"
    save_answers(path, answers, keep=0)
    return path


async def test_snippet_found_by_pinyin(tmp_path: Path) -> None:
    """Typed on a Latin keyboard, the syllables of 排查 find the snippet 矛盾纠纷排查化解总体情况; Enter inserts it."""
    path = _blank(tmp_path, {"disputes_investigated": 86})
    app = make_app(file=path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        await pilot.press("f3", "f4")
        await type_text(pilot, "paicha")
        await pilot.press("enter")
        body = screen.query_one("#part-measures #body", TextArea)
        await wait_until(pilot, lambda: "共排查矛盾纠纷⟦排查矛盾纠纷=86⟧件" in body.text, "the snippet inserted")


async def test_snippet_inserted_with_figures_and_gaps(tmp_path: Path) -> None:
    path = _blank(tmp_path, {"disputes_investigated": 86})
    app = make_app(file=path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        await pilot.press("f3")
        await pilot.press("f4")
        await type_text(pilot, "排查化解总体")
        await pilot.press("enter")
        await pilot.pause()
        body = screen.query_one("#part-measures #body", TextArea)
        # live figures, visibly marked, with their current value or the gap
        assert "共排查矛盾纠纷⟦排查矛盾纠纷=86⟧件" in body.text
        assert f"调处成功⟦调处成功={GAP}⟧件" in body.text
        assert f"调处成功率⟦调处成功率={GAP}⟧" in body.text
        await pilot.press("ctrl+q")
    intro = load_answers(path).sections.get("measures")
    assert intro is not None and "共排查矛盾纠纷[[fig:disputes_investigated]]件" in intro.intro[0].text


async def test_snippet_figure_filled_later_shows_its_value_everywhere(tmp_path: Path) -> None:
    """Issue 12 case 1 and issue 19 item 4: a snippet inserted while its figures are empty shows the gap, and the
    value once the figure is typed — in the editor, the file's rendering, the preview and the .docx."""
    path = _blank(tmp_path, {})
    app = make_app(file=path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        await pilot.press("f3", "f4")
        await type_text(pilot, "排查化解总体")
        await pilot.press("enter")
        await pilot.pause()
        body = screen.query_one("#part-measures #body", TextArea)
        assert f"⟦排查矛盾纠纷={GAP}⟧" in body.text
        await pilot.press(*["f3"] * 5)  # to the figures form
        assert screen.query_one("#panes", ContentSwitcher).current == "figures"
        for key, value in (("disputes_investigated", "16"), ("disputes_resolved", "1")):
            screen.query_one(f"#fig-{key}", Input).focus()
            await type_text(pilot, value)
        await pilot.pause()
        assert "共排查矛盾纠纷⟦排查矛盾纠纷=16⟧件，调处成功⟦调处成功=1⟧件，调处成功率⟦调处成功率=6.3%⟧" in body.text
        await pilot.press("f5")
        await pilot.pause()
        preview = str(screen.query_one(Preview).query_one("#preview-text", Static).render())
        assert "共排查矛盾纠纷16件，调处成功1件，调处成功率6.3%" in preview
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, GeneratedScreen)
        await pilot.press("escape", "ctrl+q")
    assert "共排查矛盾纠纷16件，调处成功1件，调处成功率6.3%" in docx_text(tmp_path / "2025.docx")
    saved = load_answers(path).sections.get("measures")
    assert saved is not None and "[[fig:dispute_success_rate]]" in saved.intro[0].text


async def test_autosave_without_any_save_command(tmp_path: Path) -> None:
    path = _blank(tmp_path, {})
    before = path.read_text(encoding="utf-8")
    app = make_app(file=path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await type_text(pilot, "自动保存的文字。")
        typed = time.monotonic()
        await wait_until(pilot, file_matches(path, "自动保存的文字。"), "the autosave", timeout=5)
        assert time.monotonic() - typed < 1.5, "saved within a second or so of the last key"
        assert path.read_text(encoding="utf-8") != before


async def test_quit_never_asks_and_keeps_text(tmp_path: Path) -> None:
    path = _blank(tmp_path, {})
    app = make_app(file=path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await type_text(pilot, "最后一句。")
        await pilot.press("ctrl+q")
    section = load_answers(path).sections.get("measures")
    assert section is not None and section.intro[0].text == "最后一句。"


async def test_corrupt_file_is_shown_and_restored_from_backup(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    good = Answers(org=Organisation(name="青禾镇"), year=2025)
    path = ws / "2025.json"
    save_answers(path, good)
    # a changed version: the first one is now a backup (a save of the same answers writes nothing, no backup)
    save_answers(path, good.model_copy(update={"opening": "另写的开头。"}))
    path.write_text('{"org": {"name": "青禾镇"}, "year": ', encoding="utf-8")
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await workspace_read(pilot)
        screen = app.screen
        assert isinstance(screen, StartScreen)
        problem = str(screen.query_one("#start-problem", Static).render())
        assert "2025.json" in problem and "not valid JSON" in problem
        await pilot.press("enter")  # cannot open a broken file
        assert isinstance(app.screen, StartScreen)
        await pilot.press("r")
        await pilot.pause()
        assert screen.entries[0].ok
        said = [n.message for n in app._notifications]
        assert any(m.startswith("Restored 2025.json from backup ") and m.endswith(": 青禾镇, the report on 2025.")
                   for m in said), said
        assert not any("the backup is of" in m for m in said)  # the damaged file names the same township
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
    assert load_answers(path).org.name == "青禾镇"
    (aside,) = ws.glob("2025.corrupt-*.json")  # the damaged file is kept, not overwritten
    assert aside.read_text(encoding="utf-8") == '{"org": {"name": "青禾镇"}, "year": '


async def test_restoring_a_backup_of_another_report_warns(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    path = ws / "2025.json"
    save_answers(path, Answers(org=Organisation(name="北山镇"), year=2024))
    save_answers(path, Answers(org=Organisation(name="青禾镇"), year=2025))  # the backup is 北山镇's 2024 report
    path.write_text('{"org": {"name": "青禾镇"}, "year": 2025, "sections": {', encoding="utf-8")
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await workspace_read(pilot)
        await pilot.press("r")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any(m.endswith(": 北山镇, the report on 2024.") for m in said), said
        assert "the backup is of 北山镇, the replaced file was of 青禾镇" in said
        assert "the backup reports on 2024, the replaced file on 2025" in said


async def test_corrupt_file_without_backup_still_starts(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "2024.json").write_bytes(b"\xff\xfe garbage")
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await workspace_read(pilot)
        problem = str(app.screen.query_one("#start-problem", Static).render())
        assert "2024.json" in problem and "UTF-8" in problem
        assert "No good backup" in problem


async def test_basics_validated_inline_and_last_valid_value_kept(tmp_path: Path) -> None:
    path = _blank(tmp_path, {})
    app = make_app(file=path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        date = screen.query_one("#basic-date", Input)
        date.focus()
        await type_text(pilot, "2026-02-30")
        assert "no such day" in str(screen.query_one("#bmsg-date", Static).render())
        assert screen.query_one("#bmsg-date", Static).display
        await pilot.press("ctrl+u")
        await type_text(pilot, "2026-02-03")
        assert str(screen.query_one("#bmsg-date", Static).render()) == ""
        name = screen.query_one("#basic-name", Input)
        name.focus()
        await pilot.press("ctrl+u")
        assert "required" in str(screen.query_one("#bmsg-name", Static).render())
        await pilot.press("ctrl+q")
    saved = load_answers(path)
    assert saved.org.name == "青禾镇"  # the empty name was never saved
    assert saved.date is not None and saved.date.isoformat() == "2026-02-03"


async def test_sidebar_states_and_debounced_preview(tmp_path: Path) -> None:
    path = _blank(tmp_path, {})
    app = make_app(file=path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        sidebar_label = screen.query_one("#step-measures .step-label")
        assert str(sidebar_label.render()).startswith("○")
        await pilot.press("f3")
        await type_text(pilot, "全年推进法治政府建设。")
        await wait_until(pilot, lambda: str(sidebar_label.render()).startswith("●"), "the sidebar mark")
        await pilot.press("f5")
        preview = screen.query_one("#preview-text", Static)
        assert "一、" in str(preview.render()) and "全年推进法治政府建设。" in str(preview.render())


async def test_command_palette_lists_the_main_actions(tmp_path: Path) -> None:
    path = _blank(tmp_path, {})
    app = make_app(file=path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "Generate Word")
        await wait_until(pilot, lambda: any(c.option_count for c in app.screen.query(CommandList)), "a match")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, GeneratedScreen), "the generated screen")
    assert (tmp_path / "2025.docx").is_file()


async def test_command_palette_finds_chinese_titles_by_pinyin(tmp_path: Path) -> None:
    """Typed on a Latin keyboard, ``bz`` (its initials) finds the step 不足和原因, with 不足 highlighted, and so does
    ``buzu`` (its syllables); ``tc`` finds 退出, one of the palette's own commands; a Latin query that matches
    nothing says so in Chinese."""
    shutil.copy(EXAMPLES / "2025.json", tmp_path / "2025.json")
    app = make_app(file=tmp_path / "2025.json", lang="zh_CN")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+p")
            for query, line, highlighted in (("bz", "转到：不足和原因", "不足"), ("buzu", "转到：不足和原因", "不足"),
                                             ("tc", "退出", "退出")):
                await type_text(pilot, query)
                await wait_until(pilot, lambda line=line: line in _palette_lines(app), line)
                [prompt] = [p for p in _palette_prompts(app.screen.query_one(CommandList))
                            if p.plain.split("\n")[0] == line]
                title = prompt.plain.split("\n")[0]
                assert "".join(title[span.start:span.end] for span in prompt.spans if span.end <= len(title)) == (
                    highlighted)
                await pilot.press(*["backspace"] * len(query))
            await type_text(pilot, "qqqq")
            await wait_until(pilot, lambda: _palette_lines(app) == ["未找到匹配的命令"], "the no-match line")
    finally:
        set_language("en")


def _palette_prompts(command_list: CommandList) -> list[Content]:
    """The lines of the palette's list as shown: each hit's title with its highlighted characters."""
    out: list[Content] = []
    for index in range(command_list.option_count):
        prompt = command_list.get_option_at_index(index).prompt
        out.append(prompt if isinstance(prompt, Content) else Content(str(prompt)))
    return out


def _palette_lines(app: App[None]) -> list[str]:
    """The first line (the title) of each entry the palette lists."""
    return [p.plain.split("\n")[0] for c in app.screen.query(CommandList) for p in _palette_prompts(c)]


async def test_sub_items_are_numbered_one_level_deeper(tmp_path: Path) -> None:
    path = _blank(tmp_path, {})
    app = make_app(file=path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        await pilot.press("f3", "ctrl+n")
        await type_text(pilot, "健全工作机制")
        await pilot.press("ctrl+t")
        await type_text(pilot, "完善制度")
        await pilot.press("enter")
        await type_text(pilot, "制定学法制度。")
        await pilot.press("ctrl+n")  # a sibling of the sub-item
        await type_text(pilot, "强化考核")
        await pilot.pause()
        items = screen.query_one("#part-measures #items", ListView)
        labels = [str(child.query_one("Label").render()) for child in items.children]
        assert labels == ["Opening paragraphs", "（一）健全工作机制", "  1.完善制度", "  2.强化考核"]
        await pilot.press("ctrl+q")
    measures = load_answers(path).sections.get("measures")
    assert measures is not None
    assert [i.heading for i in measures.items[0].items] == ["完善制度", "强化考核"]
    assert measures.items[0].items[0].paragraphs[0].text == "制定学法制度。"


async def test_f7_runs_the_heading_into_its_paragraph_and_back(tmp_path: Path) -> None:
    path, app = await _open_example(tmp_path)
    before = load_answers(path).sections.get("measures")
    assert before is not None
    index = next(i for i, item in enumerate(before.items) if not item.run_in)
    heading = before.items[index].heading
    async with app.run_test(size=SIZE) as pilot:  # type: ignore[attr-defined]
        editor, items = await _measures_items(pilot)
        items.index = entry_paths(editor.section).index((index,))
        await pilot.pause()
        await pilot.press("f7")

        def run_in() -> bool:
            measures = load_answers(path).sections.get("measures")
            return measures is not None and measures.items[index].run_in

        await wait_until(pilot, run_in, "run-in saved")
        saved = load_answers(path)
        assert saved.sections.get("measures") is not None and saved.sections.get("measures").items[index].run_in
        text = compose(saved, load_pack()).text()
        first = render(saved.sections.get("measures").items[index].paragraphs[0].text, values_of(saved, load_pack()))
        assert f"{heading}。{first}" in text or f"{heading}{first}" in text
        await pilot.press("f7")
        await wait_until(pilot, lambda: not run_in(), "own-line heading saved")
    saved = load_answers(path).sections.get("measures")
    assert saved is not None and not saved.items[index].run_in


async def test_one_key_turns_figures_that_contradict_the_form_into_live_figures(tmp_path: Path) -> None:
    """Issue 12 case 1 in the editor: the review lists the frozen figures against the form; F10 fixes them, and
    the part then shows the form's values, marked live."""
    data = json.loads((example_workspace(tmp_path / "ws") / "2025.json").read_text(encoding="utf-8"))
    text = json.dumps(data["sections"], ensure_ascii=False)
    for key, value in (("disputes_investigated", "152"), ("disputes_resolved", "148")):
        text = text.replace(f"[[fig:{key}]]", value)
    data["sections"] = json.loads(text)
    data["figures"]["disputes_investigated"]["value"] = 16
    data["figures"]["disputes_resolved"]["value"] = 1
    path = tmp_path / "ws" / "2025.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    app = make_app(file=path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        await pilot.press(*["f3"] * 8)  # basics, five parts, figures, submission: the review
        assert screen.query_one("#panes", ContentSwitcher).current == "review"
        rows = [str(label.render()) for label in screen.query("#findings Label")]
        wrong = [row for row in rows if "the figures form says 16件" in row]
        assert wrong and "全年排查矛盾纠纷152件" in wrong[0] and "(F10 fixes)" in wrong[0]
        await pilot.press("f10")
        await wait_until(pilot, lambda: not [label for label in screen.query("#findings Label")
                                             if "the figures form says" in str(label.render())], "the fix applied")
        body = screen.query_one("#part-measures #body", TextArea)
        screen.query_one("#part-measures", PartEditor).focus_path((5, 0))
        assert "全年排查矛盾纠纷⟦排查矛盾纠纷=16⟧件" in body.text
        await pilot.press("ctrl+q")
    assert "全年排查矛盾纠纷[[fig:disputes_investigated]]件" in path.read_text(encoding="utf-8")


async def test_figure_reference_typed_in_a_part_becomes_live(tmp_path: Path) -> None:
    path = _blank(tmp_path, {"petitions": 21})
    app = make_app(file=path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        await pilot.press("f3")
        await type_text(pilot, "全年受理信访事项[[受理信访事项]]件，{{ x }}照写。")
        await wait_until(pilot, file_matches(path, "[[fig:petitions]]件，{{ x }}照写。"), "the text saved")
        stored = load_answers(path).sections.get("measures")
        assert stored is not None
        assert stored.intro[0].text == "全年受理信访事项[[fig:petitions]]件，{{ x }}照写。"
        await pilot.press("f3", "f2")  # the reference now shows marked, with its value
        body = screen.query_one("#part-measures #body", TextArea)
        assert body.text == "全年受理信访事项⟦受理信访事项=21⟧件，{{ x }}照写。"
        await pilot.press("ctrl+q")


async def test_the_basics_step_shows_the_packs_deadlines(tmp_path: Path) -> None:
    from tests.tui_helpers import screen_rows

    ws = example_workspace(tmp_path / "ws")
    spec = load_pack().spec
    app = make_app(file=ws / "2025.json", lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        rows = "\n".join(screen_rows(app))
        assert "Report due: " + spec.deadline_report[:12] in rows  # the label in the clerk's language, the
        assert "Publication due: " + spec.deadline_publish[:12] in rows  # deadline in the pack's words
