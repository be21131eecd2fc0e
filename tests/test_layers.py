"""Layering is enforced, not just intended. import-linter (run by scripts/test) checks that the core never imports
Textual, the UI or the command line; these tests say what it cannot: that its contract covers every core module,
and that ``drafter render`` never loads Textual at run time."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHELLS = {"drafter", "drafter.__main__", "drafter.cli", "drafter.commands", "drafter.tui", "drafter.serve",
          "drafter.web"}
"""The thin shells over the core; everything else in drafter is core and listed in the import-linter contract."""


def contract_modules() -> set[str]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        config = tomllib.load(handle)
    (contract,) = config["tool"]["importlinter"]["contracts"]
    return set(contract["source_modules"])


def test_every_core_module_is_under_the_import_linter_contract() -> None:
    """What import-linter cannot say: that the contract names every module that is not a shell."""
    top = {f"drafter.{p.stem if p.is_file() else p.name}" for p in (ROOT / "drafter").iterdir()
           if (p.suffix == ".py" or (p / "__init__.py").is_file())}
    core = top - SHELLS - {"drafter.__init__"}
    assert core - contract_modules() == set(), "add these to [tool.importlinter] in pyproject.toml"
    assert contract_modules() <= top, "the contract names modules that no longer exist"


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
