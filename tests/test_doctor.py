"""``drafter doctor``: the faces this machine prints the official font names with, LibreOffice, the workspace.

The command runs as a real process, with the real fontconfig and LibreOffice of this machine (scripts/test installs
them), in both languages and as JSON; then with LibreOffice off PATH, and with Liberation hidden from fontconfig by a
user configuration (as a machine without fonts-liberation2 is). LibreOffice's lookup in the usual install folders is
tested with a fake install folder, and the search of the font folders (Windows, macOS) with fake font files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from drafter import libreoffice
from drafter.doctor import check_fonts_in_folders, check_workspace, official_fonts
from drafter.importer.which import builtin_packs
from drafter.pack.spec import Fonts
from drafter.typeset.faces import Verdict, faces
from tests.cli_helpers import run_drafter
from tests.conftest import ROOT, require, soffice

HIDE_LIBERATION = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><selectfont><rejectfont><glob>*/liberation*</glob><glob>*/Liberation*</glob></rejectfont></selectfont>
</fontconfig>
"""
"""A user's fontconfig file that hides the Liberation faces, as on a machine without fonts-liberation2."""


def real_face(tmp_path: Path, source: Path, family: str) -> dict[str, str]:
    """The environment of a machine where a face is installed under the official name ``family`` (as an office that
    installed the Windows fonts has): a copy of ``source`` in a user font folder, renamed when fontconfig scans it."""
    fonts, config = tmp_path / "fonts", tmp_path / "config" / "fontconfig"
    fonts.mkdir()
    config.mkdir(parents=True)
    copy = fonts / f"official{source.suffix}"
    shutil.copyfile(source, copy)
    (config / "fonts.conf").write_text(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>{fonts}</dir>
  <match target="scan"><test name="file"><string>{copy}</string></test>
    <edit name="family" mode="assign" binding="same"><string>{family}</string></edit></match>
</fontconfig>
""", encoding="utf-8")
    return {"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_CACHE_HOME": str(tmp_path / "cache")}


def fc_match() -> str:
    found = shutil.which("fc-match")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("fc-match is required in CI; scripts/test installs the Debian package fontconfig")
        pytest.skip("fc-match is not installed")
    return found


def doctor(*args: str, env: dict[str, str] | None = None, lang: str | None = "en",
           workspace: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``drafter doctor`` as a clerk runs it (in this process, with that environment: tests.cli_helpers)."""
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("DRAFTER_LANG", "LANGUAGE", "LC_ALL", "LANG", "DRAFTER_SOFFICE")}
    environment.update(env or {})
    command = [] if workspace is None else ["--workspace", str(workspace)]
    command += ["doctor", *args, *(["--lang", lang] if lang else [])]
    return run_drafter(*command, env=environment)


def official_names() -> list[str]:
    return list(official_fonts(builtin_packs()))


def font_line(output: str, name: str) -> str:
    return next(line for line in output.splitlines() if line.lstrip("✓✗ ").startswith(name + " "))


def test_the_official_names_are_the_ones_the_packs_declare() -> None:
    names = official_names()
    assert {"方正小标宋简体", "仿宋_GB2312", "楷体_GB2312", "黑体", "宋体", "Times New Roman"} <= set(names)
    declared = {getattr(pack.style.fonts, role) for pack in builtin_packs() for role in ("title", "body", "latin")}
    assert declared <= set(names)


def test_every_role_of_a_packs_fonts_has_a_kind_of_face() -> None:
    roles = {role for role, info in Fonts.model_fields.items() if info.annotation is str}
    assert roles == set(faces().roles), "faces.toml [roles] must name the kind of face of every [fonts] role"
    assert set(faces().roles.values()) <= set(faces().kinds)


def test_doctor_names_every_official_font_with_its_face_and_exits_0(tmp_path: Path) -> None:
    fc_match()
    soffice()
    result = doctor(workspace=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in official_names():
        line = font_line(result.stdout, name)
        assert line.lstrip().startswith("✓"), line
        face = line.split("→", 1)[1].split(":", 1)[0].strip()
        assert face and face != "—", line
    assert "Liberation Serif" in font_line(result.stdout, "Times New Roman")
    assert "metric-compatible" in font_line(result.stdout, "Times New Roman")
    assert "Noto Sans CJK" in font_line(result.stdout, "黑体")
    assert "LibreOffice " in result.stdout  # its version, as it prints it
    assert f"{tmp_path}: writable" in result.stdout
    assert "Chromium" not in result.stdout
    assert "Everything drafter needs is here." in result.stdout


def test_doctor_speaks_chinese_by_default(tmp_path: Path) -> None:
    fc_match()
    soffice()
    result = doctor(workspace=tmp_path, lang=None)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "字体（" in result.stdout and "工作文件夹" in result.stdout and "可写入" in result.stdout
    assert "字宽兼容" in font_line(result.stdout, "Times New Roman")
    assert "同类替代字体" in font_line(result.stdout, "仿宋_GB2312")
    assert "drafter 所需的一切都已具备。" in result.stdout


def test_doctor_json_for_scripts(tmp_path: Path) -> None:
    fc_match()
    soffice()
    result = doctor("--format", "json", "--dev", workspace=tmp_path / "new")
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["ok"] is True, result.stdout
    assert [font["name"] for font in report["fonts"]] == official_names()
    for font in report["fonts"]:
        assert font["verdict"] in ("real", "substitute") and font["face"] and Path(font["file"]).is_file(), font
    latin = next(font for font in report["fonts"] if font["name"] == "Times New Roman")
    assert latin["kind"] == "latin" and latin["face"].startswith("Liberation Serif")
    assert report["libreoffice"]["found"] and report["libreoffice"]["version"].startswith("LibreOffice")
    assert report["workspace"] == {"path": str(tmp_path / "new"), "exists": False, "writable": True, "reason": None}
    assert "chromium" in report  # asked for with --dev; found or not, it does not change the exit code


def test_without_libreoffice_doctor_exits_1_and_says_what_to_install(tmp_path: Path) -> None:
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    (bin_folder / "fc-match").symlink_to(fc_match())
    result = doctor(workspace=tmp_path, env={"PATH": str(bin_folder)})
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    where = next(n for n, line in enumerate(lines) if line.startswith("LibreOffice"))
    assert lines[where + 1].lstrip().startswith("✗ not found")
    assert "Debian/Ubuntu: sudo apt install libreoffice-writer" in lines[where + 2]
    assert "麒麟/统信 UOS: sudo apt install libreoffice-writer" in lines[where + 3]
    assert "libreoffice.org" in lines[where + 4] and "DRAFTER_SOFFICE" in lines[where + 4]
    assert "Problems found: 1" in result.stdout


def test_a_wrong_drafter_soffice_is_named(tmp_path: Path) -> None:
    fc_match()
    wrong = tmp_path / "no-soffice.exe"
    result = doctor("--format", "json", workspace=tmp_path, env={"DRAFTER_SOFFICE": str(wrong)})
    assert result.returncode == 1
    assert json.loads(result.stdout)["libreoffice"] == {
        "found": False, "path": None, "version": None, "DRAFTER_SOFFICE": str(wrong)}
    text = doctor(workspace=tmp_path, env={"DRAFTER_SOFFICE": str(wrong)}).stdout
    assert f"DRAFTER_SOFFICE names {wrong}, which is not a file" in text


def test_times_new_roman_without_liberation_is_a_wrong_fallback(tmp_path: Path) -> None:
    fc_match()
    soffice()
    config = tmp_path / "config" / "fontconfig"
    config.mkdir(parents=True)
    (config / "fonts.conf").write_text(HIDE_LIBERATION, encoding="utf-8")
    hidden = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = doctor(workspace=tmp_path, env=hidden)
    assert result.returncode == 1, result.stdout + result.stderr
    line = font_line(result.stdout, "Times New Roman")
    assert line.lstrip().startswith("✗") and "Liberation" not in line, line
    assert "wrong kind of face: it needs a face with Times New Roman's metrics" in line
    lines = result.stdout.splitlines()
    hints = lines[lines.index(line) + 1: lines.index(line) + 4]
    assert [hint.strip() for hint in hints] == [
        "→ Debian/Ubuntu: sudo apt install fonts-liberation2",
        "→ 麒麟/统信 UOS: sudo apt install fonts-liberation2",
        "→ Windows: install the font Times New Roman",
    ]
    assert font_line(result.stdout, "仿宋_GB2312").lstrip().startswith("✓")  # the CJK faces are still there
    report = json.loads(doctor("--format", "json", workspace=tmp_path, env=hidden).stdout)
    latin = next(font for font in report["fonts"] if font["name"] == "Times New Roman")
    assert latin["verdict"] == "wrong" and latin["install"]["debian"] == ["fonts-liberation2"]


def test_without_fc_match_the_font_folders_are_searched(tmp_path: Path) -> None:
    """Linux without fontconfig's tools: the branch Windows and macOS take, on this machine's font folders."""
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    (bin_folder / "soffice").symlink_to(soffice())
    result = doctor("--format", "json", workspace=tmp_path, env={"PATH": str(bin_folder)})
    report = json.loads(result.stdout)
    assert report["fontconfig"] is None
    latin = next(font for font in report["fonts"] if font["name"] == "Times New Roman")
    assert latin["verdict"] == "substitute" and "Liberation" in latin["face"]  # scripts/test installs it
    text = doctor(workspace=tmp_path, env={"PATH": str(bin_folder)}).stdout
    assert "no fontconfig here" in text
    assert "→ Debian/Ubuntu: sudo apt install fontconfig" in text


def test_font_folders_of_a_windows_machine(tmp_path: Path) -> None:
    fonts = tmp_path / "Fonts"
    fonts.mkdir()
    for name in ("SIMHEI.TTF", "simfang.ttf", "Times New Roman.ttf", "仿宋_GB2312.ttf", "Arial.ttf"):
        (fonts / name).write_bytes(b"\0")
    official = official_fonts(builtin_packs())
    fallbacks = {"方正小标宋简体": "宋体", "楷体_GB2312": "楷体"}
    checks = {check.name: check for check in check_fonts_in_folders(official, [fonts, tmp_path / "none"], fallbacks)}
    assert checks["黑体"].verdict is Verdict.REAL and checks["黑体"].file.endswith("SIMHEI.TTF")
    assert checks["仿宋_GB2312"].verdict is Verdict.REAL
    assert checks["Times New Roman"].verdict is Verdict.REAL
    assert checks["楷体_GB2312"].verdict is Verdict.MISSING
    assert checks["方正小标宋简体"].verdict is Verdict.MISSING  # its fallback 宋体 is not there either
    (fonts / "simsun.ttc").write_bytes(b"\0")
    (fonts / "simkai.ttf").write_bytes(b"\0")
    checks = {check.name: check for check in check_fonts_in_folders(official, [fonts], fallbacks)}
    assert (checks["方正小标宋简体"].verdict, checks["方正小标宋简体"].face) == (Verdict.SUBSTITUTE, "宋体")
    assert (checks["楷体_GB2312"].verdict, checks["楷体_GB2312"].face) == (Verdict.SUBSTITUTE, "楷体")
    assert checks["宋体"].verdict is Verdict.REAL


def test_font_folders_of_a_mac(tmp_path: Path) -> None:
    (tmp_path / "Supplemental").mkdir()
    (tmp_path / "Supplemental" / "Songti.ttc").write_bytes(b"\0")
    (tmp_path / "STHeiti Light.ttc").write_bytes(b"\0")
    checks = {c.name: c for c in check_fonts_in_folders(official_fonts(builtin_packs()), [tmp_path])}
    assert (checks["宋体"].verdict, checks["宋体"].face) == (Verdict.SUBSTITUTE, "Songti")
    assert (checks["黑体"].verdict, checks["黑体"].face) == (Verdict.SUBSTITUTE, "STHeiti Light")
    assert checks["Times New Roman"].verdict is Verdict.MISSING


def test_libreoffice_in_a_usual_install_folder_off_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "LibreOffice" / "program" / "soffice.exe"
    program.parent.mkdir(parents=True)
    program.write_text("#!/bin/sh\necho LibreOffice 24.2.0\n", encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("DRAFTER_SOFFICE", raising=False)
    monkeypatch.delenv("ProgramFiles", raising=False)
    assert libreoffice.soffice() is None
    monkeypatch.setattr(libreoffice, "INSTALL_FOLDERS", (str(tmp_path / "nowhere" / "soffice"), str(program)))
    assert libreoffice.soffice() == str(program)
    monkeypatch.setattr(libreoffice, "INSTALL_FOLDERS", ())
    monkeypatch.setenv("ProgramFiles", str(tmp_path))  # Windows on another drive: %ProgramFiles%\LibreOffice
    assert libreoffice.soffice() == str(program)
    from drafter.doctor import check_libreoffice

    assert check_libreoffice().version == "LibreOffice 24.2.0"


def test_drafter_soffice_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    named = tmp_path / "my-soffice"
    named.write_text("", encoding="utf-8")
    monkeypatch.setenv("DRAFTER_SOFFICE", str(named))
    assert libreoffice.soffice() == str(named)
    monkeypatch.setenv("DRAFTER_SOFFICE", str(tmp_path / "missing"))
    assert libreoffice.soffice() is None


def test_a_workspace_that_cannot_be_written(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    assert not check_workspace(blocked).writable
    assert not check_workspace(blocked / "inside").writable
    assert check_workspace(tmp_path / "new" / "deeper").writable
    result = doctor(workspace=blocked)
    assert result.returncode == 1
    assert f"✗ {blocked}: cannot be written (is a file, not a folder); choose another folder with --workspace" \
        in result.stdout


def test_chromium_is_reported_with_dev_only(tmp_path: Path) -> None:
    require("chromium")
    fc_match()
    soffice()
    result = doctor("--dev", workspace=tmp_path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    where = next(n for n, line in enumerate(lines) if line.startswith("Chromium"))
    assert lines[where + 1].lstrip().startswith("✓") and "Chromium" in lines[where + 1]


@pytest.mark.parametrize(("role", "accepted", "refused"), [
    ("body", ["NotoSerifCJKsc-Regular", "AR PL UMing CN", "FangSong_GB2312", "仿宋"], ["NotoSansCJKsc-Regular",
                                                                                       "DejaVuSans"]),
    ("title", ["NotoSerifCJKsc-Bold", "SimSun", "Songti"], ["FangSong", "NotoSansCJKsc-Bold"]),
    ("heading1", ["NotoSansCJKsc-Regular", "WenQuanYi Zen Hei", "SimHei"], ["NotoSerifCJKsc-Regular", "DejaVuSans"]),
    ("heading2", ["AR PL UKai CN", "KaiTi", "NotoSerifCJKsc-Regular"], ["NotoSansCJKsc-Regular"]),
    ("latin", ["TimesNewRomanPSMT", "LiberationSerif", "Tinos-Regular"], ["DejaVuSerif", "NotoSerifCJKsc-Regular"]),
])
def test_the_faces_each_role_accepts(role: str, accepted: list[str], refused: list[str]) -> None:
    """The one table the PDF tests (tests/test_example.py) and doctor read: fontconfig's and PDF's names alike."""
    kind = faces().kind_of(role)
    assert [name for name in accepted if not kind.accepts(name)] == []
    assert [name for name in refused if kind.accepts(name)] == []


def test_an_installed_official_face_is_the_real_face_and_the_pdf_prints_with_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """doctor tells what LibreOffice does: where a face answers to 仿宋_GB2312 itself, drafter's fonts.conf lets it
    through (its substitutes are accepted after the official name, not preferred before it), doctor calls it the
    real face, and the PDF is set in it."""
    fc_match()
    soffice()
    uming = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
    assert uming.is_file(), "AR PL UMing is missing: scripts/test installs the Debian package fonts-arphic-uming"
    usual = json.loads(doctor("--format", "json", workspace=tmp_path).stdout)
    body = next(font for font in usual["fonts"] if font["name"] == "仿宋_GB2312")
    assert body["verdict"] == "substitute" and "UMing" not in body["face"]  # Noto Serif CJK SC comes first
    env = real_face(tmp_path, uming, "仿宋_GB2312")
    report = json.loads(doctor("--format", "json", workspace=tmp_path, env=env).stdout)
    body = next(font for font in report["fonts"] if font["name"] == "仿宋_GB2312")
    assert body["verdict"] == "real" and body["face"].startswith("仿宋_GB2312"), body
    assert body["file"] == str(tmp_path / "fonts" / "official.ttc")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    from drafter.pack import load_pack
    from drafter.pipeline import render_answers
    from drafter.store import load_answers
    from tests.conftest import EXAMPLES, pdf_fonts, to_pdf

    docx = tmp_path / "report.docx"
    render_answers(load_answers(EXAMPLES / "2025.json"), load_pack(), docx)
    fonts = pdf_fonts(to_pdf(docx, tmp_path))
    assert any("UMing" in font for font in fonts), f"the body is not set in the installed face: {fonts}"


def test_a_wrong_drafter_soffice_is_named_when_a_pdf_is_asked_for(tmp_path: Path) -> None:
    wrong = tmp_path / "soffice.exe"
    environment = {**os.environ, "DRAFTER_SOFFICE": str(wrong)}
    result = run_drafter("render", ROOT / "examples" / "qinghe" / "2025.json", "-o", tmp_path / "a.docx", "--pdf",
                         env=environment)
    assert result.returncode == 2
    assert f"DRAFTER_SOFFICE names {wrong}, which is not a file" in result.stderr
    assert not (tmp_path / "a.pdf").exists()
