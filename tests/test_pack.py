"""Packs are validated when loaded; errors name the file and line; an office folder overrides file by file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from drafter.compose import compose
from drafter.errors import PackError
from drafter.locations import templates_dir
from drafter.pack import load_pack
from tests.factories import make_answers

BUILTIN = templates_dir() / "fazhi-zhengfu"


def office(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "office-pack"
    for name, text in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return folder


def test_builtin_pack_has_the_mandated_parts_in_order() -> None:
    pack = load_pack()
    assert [s.key for s in pack.spec.sections] == ["measures", "problems", "duty", "plan", "other"]
    assert [s.required for s in pack.spec.sections] == [True, True, True, True, False]
    rates = [f for f in pack.spec.figures if f.kind == "rate"]
    assert rates and all(f.numerator and f.denominator for f in rates)


def test_office_folder_overrides_one_file_and_keeps_the_rest(tmp_path: Path) -> None:
    folder = office(tmp_path, {"text/title.j2": "{{ org.government_organ }}{{ year }}年度法治政府建设工作报告\n"})
    pack = load_pack(override=folder)
    doc = compose(make_answers(), pack)
    assert doc.title == "南溪乡人民政府2025年度法治政府建设工作报告"
    assert "2025年度推进法治政府建设的主要举措和成效" in doc.text()  # heading still from the built-in pack


def test_jinja_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    folder = office(tmp_path, {"text/opening.j2": "第一行\n{% if year %}\n{{ year }年\n"})
    with pytest.raises(PackError) as info:
        load_pack(override=folder)
    assert info.value.path == folder.resolve() / "text" / "opening.j2"
    assert info.value.line == 3
    assert str(info.value).startswith(f"{folder.resolve() / 'text' / 'opening.j2'}:3: ")


def test_unknown_variable_is_reported_before_rendering(tmp_path: Path) -> None:
    folder = office(tmp_path, {"text/heading-plan.j2": "{# comment #}\n{{ year + 1 }}年度{{ township }}安排\n"})
    with pytest.raises(PackError) as info:
        load_pack(override=folder)
    assert info.value.line == 2
    assert "township" in info.value.message


def test_lines_per_page_must_be_what_the_line_pitch_gives(tmp_path: Path) -> None:
    text = (BUILTIN / "style.toml").read_text(encoding="utf-8").replace("lines_per_page = 22", "lines_per_page = 23")
    folder = office(tmp_path, {"style.toml": text})
    with pytest.raises(PackError) as info:
        load_pack(override=folder)
    assert info.value.path == folder.resolve() / "style.toml"
    assert "lines_per_page is 23, but 22 lines" in info.value.message


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    text = (BUILTIN / "style.toml").read_text(encoding="utf-8").replace("lines_per_page = 22", "lines_per_page = = 22")
    folder = office(tmp_path, {"style.toml": text})
    expected = next(i for i, line in enumerate(text.splitlines(), 1) if "lines_per_page" in line)
    with pytest.raises(PackError) as info:
        load_pack(override=folder)
    assert info.value.path == folder.resolve() / "style.toml"
    assert info.value.line == expected


def test_bad_value_names_the_line(tmp_path: Path) -> None:
    text = (BUILTIN / "pack.toml").read_text(encoding="utf-8")
    broken = text.replace(
        'key = "leaflets"\nlabel = "发放宣传资料"\nunit = "份"', 'key = "leaflets"\nlabel = "发放宣传资料"\nunit = 5'
    )
    assert broken != text
    folder = office(tmp_path, {"pack.toml": broken})
    expected = next(i for i, line in enumerate(broken.splitlines(), 1) if line == "unit = 5")
    with pytest.raises(PackError) as info:
        load_pack(override=folder)
    assert info.value.line == expected
    assert "unit" in info.value.message


def test_missing_mandated_part_is_an_error(tmp_path: Path) -> None:
    text = (BUILTIN / "pack.toml").read_text(encoding="utf-8")
    start = text.index('[[sections]]\nkey = "duty"')
    end = text.index("[[sections]]", start + 5)
    folder = office(tmp_path, {"pack.toml": text[:start] + text[end:]})
    with pytest.raises(PackError, match="duty"):
        load_pack(override=folder)


def test_copy_of_builtin_pack_loads(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(BUILTIN, copy)
    assert load_pack(override=copy).spec == load_pack().spec


def test_bad_import_data_names_file_and_line(tmp_path: Path) -> None:
    from drafter.importer.spec import import_spec

    folder = office(tmp_path, {"import.toml": 'closing = ["特此报告"]\nrun_in_max_chars = 1\n'})
    with pytest.raises(PackError) as info:
        import_spec(load_pack(override=folder))
    assert info.value.path == folder.resolve() / "import.toml"
    assert info.value.line == 2
    assert "run_in_max_chars" in info.value.message


def test_names_a_template_sets_itself_are_known_and_the_first_unknown_is_named_with_its_line(tmp_path: Path) -> None:
    own = "{% set y = year %}{% for o in organs %}{{ o }}{{ loop.index }}{% endfor %}{{ y }}年度安排\n"
    assert load_pack(override=office(tmp_path / "a", {"text/heading-plan.j2": own})).name == "fazhi-zhengfu"
    text = "{% for o in organs %}{{ o }}\n{{ township }}{{ village }}{% endfor %}\n{{ township }}\n"
    with pytest.raises(PackError) as info:
        load_pack(override=office(tmp_path / "b", {"text/heading-plan.j2": text}))
    assert (info.value.line, info.value.message) == (2, "unknown variable 'township'")
