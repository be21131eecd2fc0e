"""Start-up of the ``drafter`` process: what makes a cold ``drafter render`` quick must not change what it does."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from drafter.errors import PackError
from tests.cli_helpers import run_drafter

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "qinghe" / "2025.json"


def _run_as_process(argv: list[str], env: dict[str, str] | None = None) -> str:
    """Run ``main(argv)`` as the whole process, as the ``drafter`` command does, and report the collector's state
    once the command is done."""
    code = (
        "import gc\n"
        "from drafter.cli import main\n"
        f"code = main({argv!r}, whole_process=True)\n"
        "import os\n"
        "print('CODE', code, 'ENABLED', gc.isenabled(), 'FROZEN', gc.get_freeze_count() > 0,\n"
        "      'PLUGINS', os.environ.get('PYDANTIC_DISABLE_PLUGINS'))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"} | (env or {})
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120,
                            env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_one_shot_render_writes_the_report_and_leaves_nothing_for_the_last_collection(tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    shown = _run_as_process(["render", str(EXAMPLE), "-o", str(out)])
    assert "Report written to" in shown
    assert "CODE 0 ENABLED False FROZEN True PLUGINS __all__" in shown
    import docx

    assert "青禾镇" in "\n".join(p.text for p in docx.Document(str(out)).paragraphs)


def test_a_command_that_keeps_running_gets_the_collector_back(tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    assert "CODE 0" in _run_as_process(["render", str(EXAMPLE), "-o", str(out)])
    shown = _run_as_process(["check", str(out)])  # not a one-shot command: the collector runs as usual
    assert "ENABLED True FROZEN False" in shown


def test_pydantic_plugins_stay_off_unless_the_user_says_otherwise(tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    chosen = _run_as_process(["render", str(EXAMPLE), "-o", str(out)], {"PYDANTIC_DISABLE_PLUGINS": "logfire"})
    assert "CODE 0" in chosen and "PLUGINS logfire" in chosen



# The disk cache (drafter.diskcache): a pack and a base document prepared once are taken from disk by the next
# process, and what the clerk gets never depends on whether they were.

def _office_pack(tmp_path: Path, title: str) -> Path:
    folder = tmp_path / "office-pack"
    (folder / "text").mkdir(parents=True, exist_ok=True)
    (folder / "text" / "title.j2").write_text(title, encoding="utf-8")
    return folder


def test_a_pack_read_once_is_taken_from_disk_without_reading_its_files_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import drafter.pack
    from drafter.compose import compose
    from tests.factories import make_answers

    monkeypatch.setenv("DRAFTER_CACHE", str(tmp_path / "cache"))
    folder = _office_pack(tmp_path, "{{ org.government_organ }}{{ year }}年度工作报告\n")
    first = compose(make_answers(), drafter.pack.load_pack(override=folder))
    assert list((tmp_path / "cache").glob("pack-*.pickle"))

    def unread(*args: object) -> None:
        raise AssertionError("the pack's TOML was read again")

    monkeypatch.setattr(drafter.pack, "validate_toml", unread)
    again = drafter.pack.load_pack(override=folder)
    assert compose(make_answers(), again) == first
    assert first.title == "南溪乡人民政府2025年度工作报告"


def test_an_edited_pack_file_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter.compose import compose
    from drafter.pack import load_pack
    from tests.factories import make_answers

    monkeypatch.setenv("DRAFTER_CACHE", str(tmp_path / "cache"))
    folder = _office_pack(tmp_path, "{{ year }}年度工作报告\n")
    assert compose(make_answers(), load_pack(override=folder)).title == "2025年度工作报告"
    _office_pack(tmp_path, "{{ org.government_organ }}{{ year }}年度法治政府建设工作报告\n")
    assert compose(make_answers(), load_pack(override=folder)).title == "南溪乡人民政府2025年度法治政府建设工作报告"
    assert len(list((tmp_path / "cache").glob("pack-*"))) == 1  # the newer pack replaced the older one on disk
    broken = _office_pack(tmp_path, "{{ year }年\n")
    with pytest.raises(PackError, match=r"title\.j2"):
        load_pack(override=broken)  # a pack that no longer passes its checks is refused, whatever was kept


def _render(out: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DRAFTER_CACHE": str(cache)}
    return subprocess.run([sys.executable, "-m", "drafter", "render", str(EXAMPLE), "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, env=env)


def _parts(docx_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx_path) as package:
        return {name: package.read(name) for name in package.namelist() if name != "docProps/core.xml"}


def test_a_render_from_the_disk_cache_is_the_render_without_it(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, second, uncached = tmp_path / "first.docx", tmp_path / "second.docx", tmp_path / "uncached.docx"
    assert _render(first, cache).returncode == 0
    assert {p.name.split("-")[0] for p in cache.iterdir()} == {"pack", "base"}
    assert _render(second, cache).returncode == 0
    unwritable = tmp_path / "a-file"
    unwritable.write_text("not a folder", encoding="utf-8")
    result = _render(uncached, unwritable / "cache")  # the cache cannot be written: nothing is said, nothing fails
    assert result.returncode == 0 and result.stderr == ""
    assert _parts(first) == _parts(second) == _parts(uncached)


def test_a_damaged_cache_is_ignored_and_replaced(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert _render(tmp_path / "first.docx", cache).returncode == 0
    entries = sorted(cache.iterdir())
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:100])  # cut short, as by a full disk or a crash
    result = _render(tmp_path / "again.docx", cache)
    assert result.returncode == 0 and result.stderr == ""
    assert _parts(tmp_path / "first.docx") == _parts(tmp_path / "again.docx")
    assert all(len(entry.read_bytes()) > 100 for entry in entries)


# The command line builds only the sub-command it runs; --help and a mistyped command still see them all.

def test_the_command_table_names_what_each_module_adds() -> None:
    import argparse
    import importlib

    from drafter.cli import COMMAND_MODULES

    for module, names in COMMAND_MODULES.items():
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(module).register(sub)
        assert tuple(sub.choices) == names, module


def _drafter(*args: str) -> subprocess.CompletedProcess[str]:
    return run_drafter("--lang", "en", *args)


def test_help_and_a_mistyped_command_list_every_command() -> None:
    from drafter.cli import COMMAND_MODULES

    every = [name for names in COMMAND_MODULES.values() for name in names]
    shown = _drafter("--help").stdout
    assert all(name in shown for name in every)
    mistyped = _drafter("rendr", str(EXAMPLE))
    assert mistyped.returncode == 2
    assert "invalid choice: 'rendr'" in mistyped.stderr and all(repr(name) in mistyped.stderr for name in every)


def test_a_workspace_named_like_a_command_is_not_taken_for_one(tmp_path: Path) -> None:
    folder = tmp_path / "render"
    folder.mkdir()
    out = tmp_path / "r.docx"
    result = _drafter("--works", "render", "render", str(EXAMPLE), "-o", str(out))  # shortened --workspace
    assert result.returncode == 0, result.stderr
    assert out.is_file()


def test_an_edited_inherited_file_makes_a_new_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """政府信息公开 takes its layout from the 法治政府建设 pack: editing that shared style.toml must reach it."""
    import shutil

    import drafter.pack
    from drafter.locations import templates_dir

    monkeypatch.setenv("DRAFTER_CACHE", str(tmp_path / "cache"))
    copied = tmp_path / "templates"
    shutil.copytree(templates_dir(), copied)
    monkeypatch.setattr(drafter.pack, "templates_dir", lambda: copied)
    first = drafter.pack.load_pack("gongkai")
    assert first.style.body_size_pt == 16 and first.table("requests") is not None
    style = copied / "fazhi-zhengfu" / "style.toml"
    text = style.read_text(encoding="utf-8")
    assert "body_size_pt = 16" in text
    style.write_text(text.replace("body_size_pt = 16", "body_size_pt = 15"), encoding="utf-8")
    again = drafter.pack.load_pack("gongkai")
    assert again.style.body_size_pt == 15 and again.table("requests") is not None
