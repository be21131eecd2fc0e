"""Layering is enforced, not just intended: the core never imports Textual; render never loads the UI."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = [
    "model",
    "pack",
    "compose",
    "typeset",
    "checks",
    "importer",
    "reuse",
    "store",
    "pipeline",
    "compare",
    "locale_format",
    "snippets",
    "errors",
    "i18n",
    "locations",
    "figures",
    "docxio",
    "outline",
    "linebreak",
]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_modules_never_import_textual() -> None:
    checked = 0
    for name in CORE:
        target = ROOT / "drafter" / name
        files = list(target.rglob("*.py")) if target.is_dir() else [target.with_suffix(".py")]
        for file in files:
            if not file.exists():
                continue
            checked += 1
            bad = {m for m in imported_modules(file) if m == "textual" or m.startswith(("textual.", "drafter.tui"))}
            assert not bad, f"{file} imports {bad}"
    assert checked >= 10


def test_render_path_does_not_load_textual(tmp_path: Path) -> None:
    import json

    from tests.factories import answers_dict

    src = tmp_path / "a.json"
    src.write_text(json.dumps(answers_dict(), ensure_ascii=False), encoding="utf-8")
    code = (
        "import sys\n"
        "from drafter.cli import main\n"
        f"assert main(['render', {str(src)!r}, '-o', {str(tmp_path / 'a.docx')!r}]) == 0\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print('TEXTUAL', loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "TEXTUAL []" in result.stdout
    assert (tmp_path / "a.docx").is_file()
