"""Layering is enforced, not just intended. import-linter (run by scripts/test) checks that the core never imports
Textual and that each layer imports only from the layers below it; these tests say what it cannot: that its
contracts cover every module, that no import cycle is left (counting imports inside functions, which a layer
contract between modules of one layer does not see), and that ``drafter render`` never loads Textual at run time."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parent.parent
SHELLS = {"drafter", "drafter.__main__", "drafter.cli", "drafter.commands", "drafter.tui", "drafter.serve",
          "drafter.web"}
"""The thin shells over the core; everything else in drafter is core and listed in the import-linter contract."""


def _contract(kind: str) -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        config = tomllib.load(handle)
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == kind]
    return cast(dict[str, Any], contract)


def contract_modules() -> set[str]:
    return set(_contract("forbidden")["source_modules"])


def _top_modules() -> set[str]:
    return {f"drafter.{p.stem if p.is_file() else p.name}" for p in (ROOT / "drafter").iterdir()
            if (p.suffix == ".py" or (p / "__init__.py").is_file())} - {"drafter.__init__"}


def test_every_core_module_is_under_the_import_linter_contract() -> None:
    """What import-linter cannot say: that the contract names every module that is not a shell."""
    top = _top_modules()
    core = top - SHELLS
    assert core - contract_modules() == set(), "add these to [tool.importlinter] in pyproject.toml"
    assert contract_modules() <= top, "the contract names modules that no longer exist"


def test_every_module_is_in_one_layer() -> None:
    """The layers contract places every module of drafter, core and shells, in exactly one layer."""
    layers = [re.split(r"\s*[|:]\s*", layer.strip()) for layer in _contract("layers")["layers"]]
    placed = [module for layer in layers for module in layer]
    assert len(placed) == len(set(placed)), "a module is in two layers"
    assert set(placed) == _top_modules() | {"drafter.__main__"} - {"drafter"}, "place these in [tool.importlinter]"


def test_no_import_cycle_counting_imports_inside_functions() -> None:
    """No module of drafter imports, directly or through others, one that imports it back, counting the imports
    made inside functions (the lazy ones that keep start-up fast); only imports for the type checker are left out,
    since they never run."""
    import grimp

    graph = grimp.build_graph("drafter", exclude_type_checking_imports=True)
    assert graph.direct_import_exists(importer="drafter.cli", imported="drafter.commands.ui"), (
        "the graph counts an import inside a function (cli.main imports the editor's command lazily)")
    cycles = []
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back is not None:
                cycles.append(" → ".join((module, *back)))
    assert cycles == []


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
