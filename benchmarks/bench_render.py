"""Render speed: in-process, cold process, a batch of 300, and docxtpl — each beside its baseline.

- ``render in-process``: ``pipeline.render_file`` on the example (load, validate, compose, typeset, write) vs a
  naive python-docx script that builds the same paragraphs with direct formatting (fonts and sizes per run).
(The cold-process render is in bench_startup.py.)
- ``render-batch 300``: one ``drafter render-batch`` of 300 copies of the example (both cores) vs 300 pandoc
  runs converting the same report from Markdown with pandoc's reference .docx (and, for honesty, the same
  300 pandoc runs two at a time).
- ``render vs docxtpl``: in-process render vs docxtpl rendering an equivalent Word template built here with
  Jinja tags.

UI memory and keystroke latency belong to the UI's benchmark module (bench_ui.py on the TUI branch).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.harness import EXAMPLE, PYTHON, Result, judged, median_ms, missing, size

BATCH = 300
"""Reports in the batch (a few in quick mode)."""


def _composed() -> Any:
    from drafter.pipeline import compose_file

    return compose_file(EXAMPLE)


def naive_python_docx(document: Any, out: Path) -> None:
    """What a script written without drafter's typesetter does: add_paragraph + runs with direct formatting."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    from drafter.compose import Kind

    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    fonts = {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312", 4: "仿宋_GB2312"}
    for block in document.blocks:
        paragraph = doc.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(28.95)
        font, size = "仿宋_GB2312", 16.0
        if block.kind is Kind.TITLE:
            font, size = "方正小标宋简体", 22.0
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif block.kind is Kind.HEADING:
            font = fonts[block.level]
            fmt.first_line_indent = Pt(32)
        elif block.kind in (Kind.SIGNATURE, Kind.DATE):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif block.kind is Kind.PARAGRAPH:
            fmt.first_line_indent = Pt(32)
        run = paragraph.add_run(block.plain())
        run.font.name = "Times New Roman"
        run.font.size = Pt(size)
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    doc.core_properties.title = document.title
    doc.core_properties.author = document.author
    doc.save(str(out))


def markdown_of(document: Any) -> str:
    """The composed report as pandoc Markdown (headings by level, run-in headings in bold)."""
    from drafter.compose import Kind

    lines: list[str] = []
    for block in document.blocks:
        if block.kind is Kind.TITLE:
            lines.append(f"% {block.text}")
        elif block.kind is Kind.HEADING and block.body:
            lines.append(f"**{block.number}{block.text}。**{block.body}")
        elif block.kind is Kind.HEADING:
            lines.append(f"{'#' * block.level} {block.number}{block.text}")
        else:
            lines.append(block.plain().replace("\t", " | "))
    return "\n\n".join(lines) + "\n"


def docxtpl_template(path: Path) -> None:
    """A Word template with Jinja tags that lays out the same blocks as the report."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = docx.Document()

    def para(text: str, font: str = "仿宋_GB2312", size: float = 16, align: Any = None, indent: bool = False) -> None:
        paragraph = doc.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        if indent:
            paragraph.paragraph_format.first_line_indent = Pt(32)
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)

    para("{{ title }}", "方正小标宋简体", 22, WD_ALIGN_PARAGRAPH.CENTER)
    para("{{ recipient }}")
    para("{%p for b in blocks %}")
    para("{%p if b.heading == 1 %}")
    para("{{ b.text }}", "黑体", indent=True)
    para("{%p elif b.heading == 2 %}")
    para("{{ b.text }}", "楷体_GB2312", indent=True)
    para("{%p else %}")
    para("{{ b.text }}", indent=True)
    para("{%p endif %}")
    para("{%p endfor %}")
    para("{%p for s in signature %}")
    para("{{ s }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    para("{%p endfor %}")
    para("{{ date }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    doc.save(str(path))


def docxtpl_context(document: Any) -> dict[str, Any]:
    from drafter.compose import Kind

    body = [b for b in document.blocks if b.kind in (Kind.HEADING, Kind.PARAGRAPH, Kind.CLOSING, Kind.TABLE)]
    return {
        "title": document.title,
        "recipient": next((b.text for b in document.blocks if b.kind is Kind.RECIPIENT), ""),
        "blocks": [{"heading": b.level if b.kind is Kind.HEADING and not b.body else 0, "text": b.plain()}
                   for b in body],
        "signature": [b.text for b in document.blocks if b.kind is Kind.SIGNATURE],
        "date": next((b.text for b in document.blocks if b.kind is Kind.DATE), ""),
    }


def _wall_s(argvs: list[list[str]], parallel: int = 1) -> float:
    """Seconds to run every command in ``argvs``, ``parallel`` at a time."""
    start = time.perf_counter()
    pending = list(argvs)
    running: list[subprocess.Popen[bytes]] = []
    while pending or running:
        while pending and len(running) < parallel:
            running.append(subprocess.Popen(pending.pop(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        done = running.pop(0)
        if done.wait() != 0:
            raise RuntimeError(f"{done.args!r} failed")
    return time.perf_counter() - start


def run() -> list[Result]:
    from drafter.pipeline import render_file

    results: list[Result] = []
    work = Path(tempfile.mkdtemp(prefix="drafter-bench-"))
    try:
        document = _composed()
        out, naive_out = work / "ours.docx", work / "naive.docx"
        ours = median_ms(lambda: render_file(EXAMPLE, out), repeat=40)
        naive = median_ms(lambda: naive_python_docx(document, naive_out), repeat=20)
        results.append(Result("render in-process (example 2025)", ours, "ms", "naive python-docx script", naive,
                              "≤ 20 ms", judged(ours <= 20)))

        skipped = missing("docxtpl")
        if skipped:
            results.append(Result("render in-process vs docxtpl", ours, "ms", goal="faster than docxtpl",
                                  skipped=skipped))
        else:
            template = work / "template.docx"
            docxtpl_template(template)
            context = docxtpl_context(document)

            def docxtpl_render() -> None:
                from docxtpl import DocxTemplate

                tpl = DocxTemplate(str(template))
                tpl.render(context)
                tpl.save(str(work / "docxtpl.docx"))

            tpl_ms = median_ms(docxtpl_render, repeat=20)
            results.append(Result("render in-process vs docxtpl", ours, "ms", "docxtpl template", tpl_ms,
                                  "faster than docxtpl", judged(ours < tpl_ms)))

        batch_size = size(BATCH, 4)
        inputs = work / "batch"
        inputs.mkdir()
        files = []
        for n in range(batch_size):
            target = inputs / f"report-{n:03d}.json"
            shutil.copyfile(EXAMPLE, target)
            files.append(str(target))
        batch = [PYTHON, "-m", "drafter", "render-batch", *files, "--outdir", str(work / "out")]
        ours_batch = min(_wall_s([batch]) for _ in range(size(3, 1)))
        name = f"render-batch {batch_size} reports (2 cores)"
        skipped = missing("pandoc")
        if skipped:
            results.append(Result(name, ours_batch, "s", goal="≥ 3× faster than pandoc (ratio ≤ 0.33)",
                                  skipped=skipped))
            return results
        md = work / "report.md"
        md.write_text(markdown_of(document), encoding="utf-8")
        reference = work / "reference.docx"
        subprocess.run(["pandoc", "-o", str(reference), "--print-default-data-file", "reference.docx"], check=True)
        pandoc_runs = [["pandoc", str(md), "-o", str(work / "pandoc" / f"r{n:03d}.docx"),
                        "--reference-doc", str(reference)] for n in range(batch_size)]
        (work / "pandoc").mkdir()
        pandoc_serial = _wall_s(pandoc_runs)
        results.append(Result(name, ours_batch, "s", f"{batch_size} pandoc runs", pandoc_serial,
                              "≥ 3× faster (ratio ≤ 0.33)", judged(pandoc_serial >= 3 * ours_batch)))
        pandoc_parallel = _wall_s(pandoc_runs, parallel=2)
        results.append(Result(name, ours_batch, "s", f"{batch_size} pandoc runs, 2 at a time", pandoc_parallel,
                              "(for reference)", None))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


if __name__ == "__main__":
    from benchmarks.harness import HEADER

    print(HEADER)
    for result in run():
        print(result.row())
