"""Read a .docx back the way Word resolves formatting: direct properties, then styles, then defaults."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree


@dataclass
class Para:
    """One body paragraph with its resolved formatting."""

    style: str
    text: str
    element: etree._Element


class Inspector:
    """Resolve paragraph and run properties through the style chain."""

    def __init__(self, path: Path) -> None:
        self.doc = docx.Document(str(path))
        self.styles = {el.get(qn("w:styleId")): el for el in self.doc.styles.element.iter(qn("w:style"))}
        defaults = self.doc.styles.element.find(qn("w:docDefaults"))
        self.rpr_default = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
        self.ppr_default = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}") if defaults is not None else None

    def paragraphs(self) -> list[Para]:
        out = []
        for p in self.doc.element.body.iter(qn("w:p")):
            style_el = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            style = style_el.get(qn("w:val")) if style_el is not None else "Normal"
            text = "".join(t.text or "" for t in p.iter(qn("w:t")))
            out.append(Para(style, text, p))
        return out

    def _chain(self, style_id: str | None) -> list[etree._Element]:
        chain = []
        while style_id and style_id in self.styles:
            el = self.styles[style_id]
            chain.append(el)
            based = el.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return chain

    def run_prop(self, para: Para, run: etree._Element, tag: str, attr: str) -> str | None:
        """The effective ``w:<tag> w:<attr>`` of ``run`` in ``para``."""
        candidates: list[etree._Element | None] = [run.find(qn("w:rPr"))]
        rstyle = run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
        if rstyle is not None:
            candidates += [s.find(qn("w:rPr")) for s in self._chain(rstyle.get(qn("w:val")))]
        candidates += [s.find(qn("w:rPr")) for s in self._chain(para.style)]
        candidates.append(self.rpr_default)
        for rpr in candidates:
            if rpr is None:
                continue
            el = rpr.find(qn(f"w:{tag}"))
            if el is not None and el.get(qn(f"w:{attr}")) is not None:
                return el.get(qn(f"w:{attr}"))
        return None

    def para_prop(self, para: Para, tag: str, attr: str) -> str | None:
        """The effective ``w:<tag> w:<attr>`` of ``para``'s paragraph properties."""
        candidates = [para.element.find(qn("w:pPr"))] + [s.find(qn("w:pPr")) for s in self._chain(para.style)]
        candidates.append(self.ppr_default)
        for ppr in candidates:
            if ppr is None:
                continue
            el = ppr.find(qn(f"w:{tag}"))
            if el is not None and el.get(qn(f"w:{attr}")) is not None:
                return el.get(qn(f"w:{attr}"))
        return None

    def runs(self, para: Para) -> list[etree._Element]:
        return [r for r in para.element.iter(qn("w:r")) if r.find(qn("w:t")) is not None]
