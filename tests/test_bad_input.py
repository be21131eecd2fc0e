"""Bad input through the command line: exit code 2, one line naming the file and the problem, no traceback,
no output left behind — and the odd-but-valid inputs (control characters, emoji, CJK Extension B, a huge
section, a 10 MB reference) render.

The cases are tables so the import and check commands can be run over the same files later:
``BAD_ANSWERS`` (answers files) and ``BAD_DOCX`` (Word files) map a file under tests/data/ to a fragment the
message must contain.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import pytest

from tests.cli_helpers import drafter_process, run_drafter
from tests.data.make_bad_inputs import big_docx

from .conftest import DATA, ROOT

BAD_ANSWERS: dict[str, str] = {
    "answers-invalid.json": "not valid JSON",
    "answers-wrong-types.json": "field year: must be a whole number",
    "answers-unknown-keys.json": "field org.mayor: is not a known field",
    "answers-unknown-part.json": "field sections.achievements: pack fazhi-zhengfu has no such part",
    "answers-empty.json": "the file is empty",
    "answers-future-version.json": "newer drafter",
}

BAD_DOCX: dict[str, str] = {
    "docx-other-zip.docx": "not a Word document",
    "docx-png-renamed.docx": "PNG image",
    "docx-truncated.docx": "truncated",
    "docx-encrypted.docx": "password-protected",
}


def drafter(*args: str, preexec: Callable[[], None] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the ``drafter`` command line in English and capture its output: in this process, or in a real one when
    ``preexec`` must limit it first (a resource limit, a capability dropped)."""
    if preexec is not None:
        return drafter_process("--lang", "en", *args, preexec_fn=preexec)
    return run_drafter("--lang", "en", *args)


def assert_refused(result: subprocess.CompletedProcess[str], path: Path, fragment: str) -> str:
    """Exit 2, exactly one line on stderr that names ``path`` and contains ``fragment``, no traceback."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0], lines[0]
    assert fragment in lines[0], lines[0]
    return lines[0]


def docx_text(path: Path) -> str:
    """All paragraph text of a .docx, one paragraph a line."""
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def _copy(name: str, folder: Path) -> Path:
    target = folder / name
    shutil.copyfile(DATA / name, target)
    return target


@pytest.mark.parametrize(("name", "fragment"), sorted(BAD_ANSWERS.items()))
@pytest.mark.parametrize("command", ["render", "validate"])
def test_bad_answers_file(tmp_path: Path, command: str, name: str, fragment: str) -> None:
    answers = _copy(name, tmp_path)
    out = tmp_path / "out.docx"
    args = [command, str(answers)] + (["-o", str(out)] if command == "render" else [])
    assert_refused(drafter(*args), answers, fragment)
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


@pytest.mark.parametrize(("name", "fragment"), sorted(BAD_DOCX.items()))
def test_bad_reference_docx(tmp_path: Path, name: str, fragment: str) -> None:
    reference = DATA / name
    out = tmp_path / "out.docx"
    result = drafter("render", str(ROOT / "tests/data/answers-v1.json"), "-o", str(out), "--reference", str(reference))
    assert_refused(result, reference, fragment)
    assert list(tmp_path.iterdir()) == []


def test_good_reference_docx_renders(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    reference = DATA / "docx-valid.docx"
    result = drafter("render", str(DATA / "answers-v1.json"), "-o", str(out), "--reference", str(reference))
    assert result.returncode == 0, result.stderr
    assert "完善议事规则" in docx_text(out)
    assert "参考文档" not in docx_text(out)  # the reference gives styles, not its body text


def test_missing_reference_docx(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.docx"
    out = tmp_path / "o.docx"
    result = drafter("render", str(DATA / "answers-v1.json"), "-o", str(out), "--reference", str(missing))
    assert_refused(result, missing, "file not found")


def test_ten_megabyte_reference_renders(tmp_path: Path) -> None:
    reference = big_docx(tmp_path / "big.docx", megabytes=10)
    assert reference.stat().st_size > 10 * 1024 * 1024
    out = tmp_path / "out.docx"
    result = drafter("render", str(DATA / "answers-v1.json"), "-o", str(out), "--reference", str(reference))
    assert result.returncode == 0, result.stderr
    assert "完善议事规则" in docx_text(out)


def test_oversized_docx_is_refused_by_the_shared_opener(tmp_path: Path) -> None:
    from drafter.docxio import open_docx
    from drafter.errors import InputError

    reference = big_docx(tmp_path / "big.docx", megabytes=10)
    with pytest.raises(InputError) as caught:
        open_docx(reference, max_bytes=5 * 1024 * 1024)
    assert str(reference) in str(caught.value) and "too large" in str(caught.value)


def test_control_characters_removed_with_a_warning(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    result = drafter("render", str(DATA / "answers-control-chars.json"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "4 control characters were removed" in result.stderr
    text = docx_text(out)
    assert "网页复制的文字含有控制字符。" in text
    assert not any(ord(ch) < 0x20 and ch not in "\t\n" for ch in text)


def test_emoji_and_extension_b_survive(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    result = drafter("render", str(DATA / "answers-emoji-ext-b.json"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "群众点赞👍，生僻字𠀀𪚥𫠝一并保留。" in docx_text(out)


def test_two_hundred_thousand_character_section(tmp_path: Path) -> None:
    data = json.loads((DATA / "answers-v1.json").read_text(encoding="utf-8"))
    long_text = ("依法行政工作持续推进，群众满意度稳步提升。" * 10_000)[:200_000]
    data["sections"]["other"] = {"intro": [{"text": long_text}]}
    answers = tmp_path / "long.json"
    answers.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "long.docx"
    result = drafter("render", str(answers), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert long_text in docx_text(out)


def test_output_parent_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "report"
    blocker.write_text("not a folder", encoding="utf-8")
    out = blocker / "out.docx"
    assert_refused(drafter("render", str(DATA / "answers-v1.json"), "-o", str(out)), out, "cannot write here")
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_output_is_a_folder(tmp_path: Path) -> None:
    assert_refused(drafter("render", str(DATA / "answers-v1.json"), "-o", str(tmp_path)), tmp_path, "folder")


PREVIOUS_OUTPUT = DATA / "docx-valid.docx"
"""A report rendered earlier, which a new render may replace."""


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder holding a previous out.docx (made read-only by the test; writable again afterwards)."""
    folder = tmp_path / "readonly"
    folder.mkdir()
    shutil.copyfile(PREVIOUS_OUTPUT, folder / "out.docx")
    yield folder
    folder.chmod(0o755)


def _without_root_override() -> None:
    # root ignores file permissions through CAP_DAC_OVERRIDE; drop it (and DAC_READ_SEARCH) from the bounding
    # set so the command, once exec'd, meets the read-only folder as any clerk would.
    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop, cap_dac_override, cap_dac_read_search = 24, 1, 2
    for cap in (cap_dac_override, cap_dac_read_search):
        if libc.prctl(pr_capbset_drop, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def test_read_only_output_folder_keeps_previous_output(read_only_folder: Path) -> None:
    out = read_only_folder / "out.docx"
    read_only_folder.chmod(0o555)
    preexec = _without_root_override if os.geteuid() == 0 else None
    result = drafter("render", str(DATA / "answers-v1.json"), "-o", str(out), preexec=preexec)
    assert_refused(result, out, "cannot write here")
    assert "ermission denied" in result.stderr
    assert out.read_bytes() == PREVIOUS_OUTPUT.read_bytes()
    assert sorted(p.name for p in read_only_folder.iterdir()) == ["out.docx"]


def _small_file_limit() -> None:
    # Files may grow to 4 KB only: the write fails as on a full disk (EFBIG; Python ignores SIGXFSZ).
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_full_output_location_keeps_previous_output(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    shutil.copyfile(PREVIOUS_OUTPUT, out)
    result = drafter("render", str(DATA / "answers-v1.json"), "-o", str(out), preexec=_small_file_limit)
    assert_refused(result, out, "cannot write here")
    assert out.read_bytes() == PREVIOUS_OUTPUT.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.docx"]


# ---- the same bad files through the import and the checks --------------------------------------------------


@pytest.mark.parametrize("name", sorted(BAD_DOCX))
@pytest.mark.parametrize("command", ["import", "check"])
def test_bad_docx_through_import_and_check(tmp_path: Path, name: str, command: str) -> None:
    source = tmp_path / "report.docx"
    shutil.copyfile(DATA / name, source)
    out = tmp_path / "answers.json"
    args = ["import", str(source), "-o", str(out)] if command == "import" else ["check", str(source)]
    assert_refused(drafter(*args), source, BAD_DOCX[name])
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]  # nothing else written


@pytest.mark.parametrize("name", sorted(BAD_ANSWERS))
def test_bad_answers_through_check_and_new(tmp_path: Path, name: str) -> None:
    source = DATA / name
    assert_refused(drafter("check", str(source)), source, BAD_ANSWERS[name])
    out = tmp_path / "next.json"
    assert_refused(drafter("new", "--year", "2026", "--from", str(source), "-o", str(out)), source, BAD_ANSWERS[name])
    assert not out.exists()


def test_ten_megabyte_docx_imports_and_checks(tmp_path: Path) -> None:
    source = big_docx(tmp_path / "big.docx", megabytes=10)
    out = tmp_path / "big.json"
    imported = drafter("import", str(source), "-o", str(out))
    assert imported.returncode == 0, imported.stderr
    assert "Traceback" not in imported.stderr and out.is_file()
    checked = drafter("check", str(source), "--year", "2025", "--org", "青禾镇")
    assert checked.returncode in (0, 1), checked.stderr
    assert "Traceback" not in checked.stderr


@pytest.mark.parametrize(("args", "below", "fragment"), [
    (["serve", "--workspace"], "", "it is a file, not a folder"),
    (["serve", "--workspace"], "sub", "a part of the path is a file, not a folder"),
    (["--workspace"], "", "it is a file, not a folder"),
    (["--workspace"], "sub", "a part of the path is a file, not a folder"),
    (["new", "--org", "青禾镇", "--workspace"], "", "it is a file, not a folder"),
    (["new", "--org", "青禾镇", "--workspace"], "sub", "a part of the path is a file, not a folder"),
])
def test_a_workspace_that_is_a_file_is_refused_in_one_line(
    tmp_path: Path, args: list[str], below: str, fragment: str
) -> None:
    """``drafter serve --workspace FILE`` (or ``FILE/sub``) and the guided editor's ``drafter --workspace FILE``:
    one line naming the path, exit 2, the file untouched (never a traceback from creating the folder)."""
    blocker = tmp_path / "reports.json"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    workspace = blocker / below if below else blocker
    line = assert_refused(drafter(*args, str(workspace)), workspace, fragment)
    assert "cannot be the workspace" in line
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder"
