"""Nothing is lost where drafter writes: an output that is the input, an answers file given as the output, or a
device or pipe is refused with one line and exit 2; an earlier report is replaced silently (issue 18, items 1–2).
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.test_bad_input import assert_refused, docx_text, drafter

from .conftest import DATA

ANSWERS = DATA / "answers-v1.json"


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    """A clerk's answers file in a folder of its own."""
    target = tmp_path / "2025.json"
    shutil.copyfile(ANSWERS, target)
    return target


def test_render_refuses_its_own_answers_file_as_output(answers: Path) -> None:
    before = answers.read_bytes()
    for extra in ([], ["--force"]):
        result = drafter("render", str(answers), "-o", str(answers), *extra)
        assert_refused(result, answers, "is also the input")
        assert answers.read_bytes() == before
    assert sorted(p.name for p in answers.parent.iterdir()) == ["2025.json"]


def test_render_refuses_another_answers_file_unless_forced(answers: Path, tmp_path: Path) -> None:
    other = tmp_path / "2024.json"
    shutil.copyfile(ANSWERS, other)
    before = other.read_bytes()
    result = drafter("render", str(answers), "-o", str(other))
    assert_refused(result, other, "not a Word or PDF document")
    assert "--force" in result.stderr
    assert other.read_bytes() == before
    forced = drafter("render", str(answers), "-o", str(other), "--force")
    assert forced.returncode == 0, forced.stderr
    assert "完善议事规则" in docx_text(other)


def test_render_refuses_a_text_file_named_docx(answers: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.docx"
    notes.write_text("这不是 Word 文件，是手写的笔记。", encoding="utf-8")
    assert_refused(drafter("render", str(answers), "-o", str(notes)), notes, "not a Word or PDF document")
    assert notes.read_text(encoding="utf-8") == "这不是 Word 文件，是手写的笔记。"


def test_render_replaces_an_earlier_report_silently(answers: Path, tmp_path: Path) -> None:
    out = tmp_path / "2025.docx"
    first = drafter("render", str(answers), "-o", str(out))
    assert first.returncode == 0, first.stderr
    answers.write_text(answers.read_text(encoding="utf-8").replace("完善议事规则", "健全议事规则"), encoding="utf-8")
    again = drafter("render", str(answers), "-o", str(out))
    assert again.returncode == 0, again.stderr
    assert again.stderr == ""
    assert "健全议事规则" in docx_text(out)


def test_render_replaces_a_pdf_or_an_empty_file_silently(answers: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "exported.docx"  # a PDF kept under the report's name (-o itself must name a .docx)
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    empty = tmp_path / "empty.docx"
    empty.touch()
    for out in (pdf, empty):
        result = drafter("render", str(answers), "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert "完善议事规则" in docx_text(out)


def test_render_refuses_its_reference_as_output(answers: Path, tmp_path: Path) -> None:
    reference = tmp_path / "letterhead.docx"
    shutil.copyfile(DATA / "docx-valid.docx", reference)
    before = reference.read_bytes()
    result = drafter("render", str(answers), "-o", str(reference), "--reference", str(reference))
    assert_refused(result, reference, "is also the input")
    assert reference.read_bytes() == before


def test_import_and_new_refuse_their_source_as_output_even_forced(answers: Path, tmp_path: Path) -> None:
    before = answers.read_bytes()
    result = drafter("new", "--from", str(answers), "-o", str(answers), "--force")
    assert_refused(result, answers, "is also the input")
    assert answers.read_bytes() == before
    text = tmp_path / "report.txt"
    text.write_text("石桥乡人民政府关于2025年法治政府建设情况的报告\n一、主要举措\n完善议事规则。\n", encoding="utf-8")
    before_text = text.read_bytes()
    result = drafter("import", str(text), "-o", str(text), "--force")
    assert_refused(result, text, "is also the input")
    assert text.read_bytes() == before_text


def test_batch_keeps_an_answers_file_in_the_way_and_renders_the_rest(tmp_path: Path) -> None:
    files = []
    for name in ("a", "b", "c"):
        target = tmp_path / f"{name}.json"
        shutil.copyfile(ANSWERS, target)
        files.append(target)
    outdir = tmp_path / "out"
    outdir.mkdir()
    in_the_way = outdir / "b.docx"
    shutil.copyfile(ANSWERS, in_the_way)  # an answers file saved under a .docx name
    result = drafter("render-batch", *map(str, files), "--outdir", str(outdir))
    assert_refused(result, in_the_way, "not a Word or PDF document")
    assert "2 of 3 reports written" in result.stdout
    assert in_the_way.read_bytes() == ANSWERS.read_bytes()
    assert "完善议事规则" in docx_text(outdir / "a.docx")
    forced = drafter("render-batch", *map(str, files), "--outdir", str(outdir), "--force")
    assert forced.returncode == 0, forced.stderr
    assert "完善议事规则" in docx_text(in_the_way)


# ---- outputs that are not regular files ---------------------------------------------------------------------


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _null_device(path: Path) -> None:
    # a character device like /dev/null, made in the test's own folder (only root may make one)
    if os.geteuid() != 0:
        pytest.skip("only root can make a device node")
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("this container does not allow device nodes")


SPECIAL: dict[str, Callable[[Path], None]] = {"fifo": _fifo, "device": _null_device}


@pytest.mark.parametrize("kind", sorted(SPECIAL))
@pytest.mark.parametrize("command", ["render", "render-force", "import", "new"])
def test_an_output_that_is_not_a_regular_file_is_refused(
    answers: Path, tmp_path: Path, kind: str, command: str
) -> None:
    out = tmp_path / "special.docx"
    SPECIAL[kind](out)
    mode = out.lstat().st_mode
    text = tmp_path / "report.txt"
    text.write_text("石桥乡人民政府关于2025年法治政府建设情况的报告\n一、主要举措\n完善议事规则。\n", encoding="utf-8")
    args = {
        "render": ["render", str(answers), "-o", str(out)],
        "render-force": ["render", str(answers), "-o", str(out), "--force"],
        "import": ["import", str(text), "-o", str(out), "--force"],
        "new": ["new", "--from", str(answers), "-o", str(out), "--force"],
    }[command]
    assert_refused(drafter(*args), out, "not a regular file")
    assert out.lstat().st_mode == mode  # still the pipe or the device, not replaced by a file
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_batch_output_that_is_a_pipe_fails_alone(tmp_path: Path) -> None:
    files = []
    for name in ("a", "b"):
        target = tmp_path / f"{name}.json"
        shutil.copyfile(ANSWERS, target)
        files.append(target)
    outdir = tmp_path / "out"
    outdir.mkdir()
    os.mkfifo(outdir / "a.docx")
    result = drafter("render-batch", *map(str, files), "--outdir", str(outdir), "--force")
    assert_refused(result, outdir / "a.docx", "not a regular file")
    assert stat.S_ISFIFO((outdir / "a.docx").lstat().st_mode)
    assert "完善议事规则" in docx_text(outdir / "b.docx")


def test_atomic_write_refuses_a_pipe(tmp_path: Path) -> None:
    """The guard sits in the one function every write goes through (check --fix, the UI's saves, backups)."""
    from drafter.errors import OutputError
    from drafter.safewrite import atomic_write

    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    with pytest.raises(OutputError, match="not a regular file"):
        atomic_write(pipe, b"{}")
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


def test_render_refuses_a_pdf_name_for_the_word_document(answers: Path, tmp_path: Path) -> None:
    out = tmp_path / "2025.pdf"
    assert_refused(drafter("render", str(answers), "-o", str(out)), out, "--pdf")
    assert not out.exists()


def test_render_pdf_target_is_guarded_before_anything_is_written(answers: Path, tmp_path: Path) -> None:
    docx_out = tmp_path / "r.docx"
    blocker = tmp_path / "r.pdf"
    blocker.write_text("a clerk's notes, not a PDF", encoding="utf-8")
    assert_refused(drafter("render", str(answers), "-o", str(docx_out), "--pdf"), blocker, "not a Word or PDF")
    assert not docx_out.exists(), "nothing is written when the PDF's place is refused"
    assert blocker.read_text(encoding="utf-8") == "a clerk's notes, not a PDF"


def test_check_fix_output_never_replaces_another_file_unasked(answers: Path, tmp_path: Path) -> None:
    answers.write_text(answers.read_text(encoding="utf-8").replace("。", ",", 1), encoding="utf-8")  # one to fix
    last_year = tmp_path / "2024.json"
    shutil.copyfile(ANSWERS, last_year)
    before = last_year.read_bytes()
    result = drafter("check", str(answers), "--fix", "-o", str(last_year))
    assert_refused(result, last_year, "--force")
    assert last_year.read_bytes() == before
    report = tmp_path / "2025.docx"
    assert_refused(drafter("check", str(answers), "--fix", "-o", str(report)), report, ".json")
    assert not report.exists()
    previous = drafter("check", str(answers), "--previous", str(last_year), "--fix", "-o", str(last_year), "--force")
    assert_refused(previous, last_year, "is also the input")  # last year's answers are read: never replaced
    assert last_year.read_bytes() == before
