"""Reuse: import of a 10-page .docx, and carry-forward of the bundled example.

- Import: the example's answers with the measures part written twice, rendered to a .docx that LibreOffice lays
  out on 10 A4 pages; imported in-process. Baseline: python-docx merely opening the file and reading the
  paragraphs' text. Goal ≤ 150 ms.
- Carry-forward of examples/qinghe/2025.json. Baseline: a deep copy with ``model_copy(deep=True)``. Goal ≤ 20 ms.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.harness import EXAMPLE, Result, judged, median_ms


def long_answers_docx(folder: Path) -> Path:
    """The 10-page .docx: the example with its measures part written twice."""
    from drafter.pack import load_pack
    from drafter.pipeline import render_answers
    from drafter.store import load_answers

    answers = load_answers(EXAMPLE)
    measures = answers.sections.get("measures")
    assert measures is not None
    measures.items = measures.items + [item.model_copy(deep=True) for item in measures.items]
    out = folder / "ten-pages.docx"
    render_answers(answers, load_pack(), out)
    return out


def run() -> list[Result]:
    import docx

    from drafter.importer import import_file
    from drafter.pack import load_pack
    from drafter.reuse import carry_forward
    from drafter.store import load_answers

    pack = load_pack()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        source = long_answers_docx(Path(tmp))

        def baseline_open() -> list[str]:
            return [p.text for p in docx.Document(str(source)).paragraphs]

        ours = median_ms(lambda: import_file(source, pack), repeat=15)
        base = median_ms(baseline_open, repeat=15)
        results.append(Result("import 10-page .docx", ours, "ms", "python-docx open + read text", base,
                              "≤ 150 ms", judged(ours <= 150)))

    answers = load_answers(EXAMPLE)
    ours = median_ms(lambda: carry_forward(answers), repeat=50)
    base = median_ms(lambda: answers.model_copy(deep=True), repeat=50)
    results.append(Result("carry-forward of the example", ours, "ms", "model_copy(deep=True)", base,
                          "≤ 20 ms", judged(ours <= 20)))
    return results
