"""The web form ``drafter serve`` serves: HTML pages over the workspace core, for the office PC's browser.

Pages are rendered on the server with Jinja (the app's own templates in ``drafter/web/templates``) and a little
JavaScript served from the package (``drafter/web/static``): no build step, nothing from the network. Every rule
comes from the core — the workspace (which reports exist, creating, carrying forward, importing, removing), the
model (validation), the store (atomic saves), outline (item numbers), figures (values and rates), tables (cells and
their rules), checks (findings and fixes), compose and the typesetters (preview, .docx, PDF, public copy). The
pages hold none of their own. Every route sits behind :class:`drafter.web.guard.Guard`.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import BodyPartReader, web
from pydantic import ValidationError

from drafter import workspace
from drafter.checks import check_answers, fix_answers
from drafter.compose import compose
from drafter.errors import DrafterError
from drafter.figures.live import REFERENCE
from drafter.figures.values import values_of
from drafter.i18n import _, language, normalise, set_language
from drafter.locations import DEFAULT_PACK
from drafter.model import Answers, Item, Section, Table
from drafter.outline import item_number
from drafter.pack import Pack
from drafter.tables import broken, cell_name, layout, read_cell, set_cell, typed_cells
from drafter.typeset.html import fragment
from drafter.web.editors import Editors, OpenReport
from drafter.web.guard import Guard

HERE = Path(__file__).resolve().parent
UPLOAD_LIMIT = 20 * 1024 * 1024
"""The largest upload (a Word file of last year's report) accepted: 20 MB."""
SNIFF = ((b"PK", ".docx"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".doc"))
"""An uploaded file is typed by its first bytes, not its name: a Word .docx (a zip), an old .doc/.wps (OLE)."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
LANG_COOKIE = "drafter-lang"


def environment() -> jinja2.Environment:
    """The pages' Jinja environment (the app's own templates; packs are rendered in their sandbox elsewhere)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals["_"] = _
    env.filters["paragraph_html"] = paragraph_html
    return env


class WebForm:
    """The routes of the web form over one workspace folder."""

    def __init__(self, folder: Path, guard: Guard) -> None:
        self.folder = folder
        self.guard = guard
        self.default_language = language()
        self.editors = Editors()
        self.env = environment()

    # ---- the application ---------------------------------------------------------------------------------------
    def app(self) -> web.Application:
        """The aiohttp application: every route behind the guard."""
        app = web.Application(middlewares=[self.guard.middleware, self.languages], client_max_size=UPLOAD_LIMIT)
        app.add_routes([
            web.get("/", self.start),
            web.post("/new", self.new),
            web.post("/upload", self.upload),
            web.post("/remove", self.remove),
            web.post("/putback", self.put_back),
            web.get("/r/{name}", self.report),
            web.get("/r/{name}/download/{kind}", self.download),
            web.post("/api/r/{name}/{tab}/part/{key}", self.save_part),
            web.post("/api/r/{name}/{tab}/basics", self.save_basics),
            web.post("/api/r/{name}/{tab}/figure", self.save_figure),
            web.post("/api/r/{name}/{tab}/cell", self.save_cell),
            web.post("/api/r/{name}/{tab}/fix", self.fix),
            web.post("/api/r/{name}/{tab}/ping", self.ping),
            web.post("/api/r/{name}/{tab}/leave", self.leave),
            web.post("/api/r/{name}/{tab}/takeover", self.take_over),
            web.get("/api/r/{name}/{tab}/state", self.state),
            web.get("/favicon.ico", _no_icon),
            web.static("/static", HERE / "static", show_index=False),
        ])
        app.on_shutdown.append(self._shutdown)
        return app

    async def _shutdown(self, _app: web.Application) -> None:
        self.editors.close_all()

    @web.middleware
    async def languages(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """The page's language: ``?lang=en`` or ``?lang=zh`` (remembered in a cookie), the cookie, then the server's
        (Chinese unless ``drafter --lang``, DRAFTER_LANG or the system locale says otherwise). The browser's own
        language list is not used: an office PC's browser set to English should not turn a county's form English."""
        asked = normalise(request.query.get("lang"))
        lang = asked or normalise(request.cookies.get(LANG_COOKIE)) or self.default_language
        request["lang"] = lang
        set_language(lang)
        response = await handler(request)
        if asked:
            response.set_cookie(LANG_COOKIE, asked, samesite="Strict", path="/")
        return response

    def page(self, request: web.Request, template: str, **context: Any) -> web.Response:
        lang = set_language(request["lang"])  # again: another request may have switched it while this one waited
        body = self.env.get_template(template).render(lang="en" if lang == "en" else "zh-CN", **context)
        return web.Response(text=body, content_type="text/html", charset="utf-8",
                            headers={"Cache-Control": "no-store", "X-Frame-Options": "DENY",
                                     "Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'"})

    def path_of(self, name: str) -> Path:
        """The answers file ``name`` of the workspace (a report file name, nothing else)."""
        if workspace.parse_report_file(name) is None or "/" in name or "\\" in name:
            raise web.HTTPNotFound(text=_("no such report"))
        path = self.folder / name
        if not path.is_file():
            raise web.HTTPNotFound(text=_("no such report"))
        return path

    # ---- the start page ----------------------------------------------------------------------------------------
    async def start(self, request: web.Request) -> web.Response:
        types = workspace.report_types()
        reports = [
            {"name": line.path.name, "year": line.year, "title": types.get(line.pack, line.pack),
             "org": line.name or "?", "saved": line.saved.strftime("%Y-%m-%d %H:%M") if line.saved else ""}
            for line in workspace.list_reports(self.folder)
        ]
        choices = [{"pack": pack, "title": title, "year": workspace.next_year(self.folder, pack)}
                   for pack, title in types.items()]
        return self.page(request, "start.html", reports=reports, choices=choices,
                         township=workspace.township(self.folder), message=request.query.get("message", ""),
                         kept=request.query.get("kept", ""), kept_for=request.query.get("for", ""))

    async def new(self, request: web.Request) -> web.StreamResponse:
        form = await request.post()
        pack = str(form.get("pack", DEFAULT_PACK))
        if pack not in workspace.report_types():
            raise web.HTTPBadRequest(text=_("unknown report type"))
        try:
            year = int(str(form.get("year", "")))
        except ValueError:
            return _back(_("the year is not a number"))
        name = str(form.get("org", "")).strip() or workspace.township(self.folder) or ""
        try:
            if form.get("how") == "carry":
                answers = workspace.carried_forward(self.folder, pack, year)
            else:
                if not name:
                    return _back(_("name the township first"))
                answers = workspace.blank(name, year, pack)
            path = workspace.create(self.folder, answers)
        except DrafterError as exc:
            return _back(str(exc))
        raise web.HTTPSeeOther(f"/r/{path.name}")

    async def upload(self, request: web.Request) -> web.StreamResponse:
        """Last year's Word (or WPS, or web page) file from the PC: imported, and only then made a report."""
        try:
            reader = await request.multipart()
        except (ValueError, AssertionError):
            raise web.HTTPBadRequest(text=_("not a file upload")) from None
        data = b""
        year: int | None = None
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader):
                continue
            if part.name == "file":
                data = await part.read(decode=False)
            elif part.name == "year":
                text = (await part.text()).strip()
                year = int(text) if text.isdigit() else None
        if not data:
            return _back(_("choose a file first"))
        with tempfile.TemporaryDirectory(prefix="drafter-upload-") as work:
            source = Path(work) / f"upload{_suffix_of(data)}"
            source.write_bytes(data)
            try:
                result = workspace.import_source(source, year=year)
                path = workspace.create(self.folder, result.answers)
            except DrafterError as exc:
                return _back(str(exc).replace(str(source), _("the uploaded file")))
        raise web.HTTPSeeOther(f"/r/{path.name}")

    async def remove(self, request: web.Request) -> web.StreamResponse:
        form = await request.post()
        path = self.path_of(str(form.get("name", "")))
        self.editors.forget(path)
        try:
            kept = workspace.remove(path)
        except DrafterError as exc:
            return _back(str(exc))
        raise web.HTTPSeeOther("/?" + _query(message=_("{name} moved to the backups").format(name=path.name),
                                             kept=str(kept.relative_to(self.folder)), **{"for": path.name}))

    async def put_back(self, request: web.Request) -> web.StreamResponse:
        form = await request.post()
        name = str(form.get("name", ""))
        if workspace.parse_report_file(name) is None:
            raise web.HTTPBadRequest(text=_("no such report"))
        kept = (self.folder / str(form.get("kept", ""))).resolve()
        if not kept.is_relative_to(self.folder.resolve()) or not kept.is_file():
            raise web.HTTPBadRequest(text=_("no such report"))
        try:
            workspace.put_back(kept, self.folder / name)
        except DrafterError as exc:
            return _back(str(exc))
        raise web.HTTPSeeOther("/")

    # ---- the report page ---------------------------------------------------------------------------------------
    async def report(self, request: web.Request) -> web.StreamResponse:
        path = self.path_of(request.match_info["name"])
        try:
            tab, entry = self.editors.attach(path)
        except DrafterError as exc:
            return _back(str(exc))
        session = entry.session
        answers, pack = session.answers, session.pack
        values = values_of(answers, pack)
        parts: list[dict[str, Any]] = []
        for spec in pack.spec.sections:
            section = answers.sections.get(spec.key) or Section()
            previous = session.previous.sections.get(spec.key) if session.previous else None
            parts.append({"spec": spec, "section": section, "items": _items_view(section, section.items, ()),
                          "last_year": compose_text(previous),
                          "snippets": [{"id": s.id, "title": s.title, "topic": s.topic}
                                       for s in session.snippets.search("", None) if s.section in ("", spec.key)],
                          "table": _table_view(answers, pack, spec.table, session.previous) if spec.table else None})
        figures = [_figure_view(spec, answers, values, session.previous) for spec in pack.spec.figures]
        writes = self.editors.writes(entry, tab)
        state = {"tab": tab, "name": path.name, "writes": writes,
                 "labels": {f.key: f.label for f in pack.spec.figures}, "values": values.texts(),
                 "snippets": {s["id"]: _snippet_html(session, s["id"]) for p in parts for s in p["snippets"]},
                 "t": {"saving": _("Saving…"), "saved": _("Saved"), "not_saved": _("Not saved"),
                       "editing": _("Editing…"), "no_findings": _("No problems found."),
                       "take_over": _("Edit here instead? The other tab will only read, and what it has not saved is "
                                      "lost.")}}
        return self.page(request, "report.html", answers=answers, pack=pack, parts=parts, figures=figures,
                         name=path.name, title=workspace.report_title(answers.pack), writes=writes, values=values,
                         elsewhere=entry.elsewhere, state=json.dumps(state, ensure_ascii=False).replace("<", "\\u003c"),
                         preview=fragment(compose(answers, pack)), findings=self.findings(entry))

    def findings(self, entry: OpenReport) -> list[dict[str, Any]]:
        """The findings of ``drafter check`` on the report, as the page lists them."""
        session = entry.session
        out = []
        for finding in check_answers(session.answers, session.pack, session.previous):
            out.append({"severity": str(finding.severity), "message": finding.message, "excerpt": finding.excerpt,
                        "section": finding.section or "", "path": ".".join(map(str, finding.path)),
                        "fixable": finding.fixable, "table": finding.table, "row": finding.row,
                        "column": finding.column, "where": finding.where})
        return out

    # ---- saving --------------------------------------------------------------------------------------------------
    def _writer(self, request: web.Request) -> OpenReport:
        path = self.path_of(request.match_info["name"])
        entry = self.editors.get(path, request.match_info["tab"])
        if entry is None:
            raise web.HTTPConflict(text=_("this page is out of date: reload it"))
        if not self.editors.writes(entry, request.match_info["tab"]):
            raise web.HTTPConflict(text=entry.elsewhere or _("another tab edits this report; this one reads only"))
        return entry

    async def _json(self, request: web.Request) -> dict[str, Any]:
        try:
            data = await request.json()
        except (ValueError, UnicodeDecodeError):
            raise web.HTTPBadRequest(text=_("not JSON")) from None
        if not isinstance(data, dict):
            raise web.HTTPBadRequest(text=_("not JSON"))
        return data

    def saved(self, entry: OpenReport, **extra: Any) -> web.Response:
        entry.session.save()
        session = entry.session
        values = values_of(session.answers, session.pack)
        body = {"saved": dt.datetime.now().strftime("%H:%M:%S"), "values": values.texts(), **extra}
        return web.json_response(body)

    async def save_part(self, request: web.Request) -> web.Response:
        entry = self._writer(request)
        key = request.match_info["key"]
        session = entry.session
        if session.pack.section(key) is None:
            raise web.HTTPNotFound(text=_("no such part"))
        data = await self._json(request)
        catalogue = values_of(session.answers, session.pack).catalogue
        try:
            section = Section.model_validate(_stored_part(data, catalogue))
        except ValidationError as exc:
            return web.json_response({"error": _first_error(exc)}, status=422)
        old = session.answers.sections.get(key)
        if old is not None:
            section.heading = old.heading
        session.answers.sections[key] = section
        return self.saved(entry, numbers=_numbers(section, section.items, ()))

    async def save_basics(self, request: web.Request) -> web.Response:
        entry = self._writer(request)
        data = await self._json(request)
        answers = entry.session.answers
        org = answers.org.model_dump()
        for field in ("name", "county", "party_organ", "government_organ", "recipients", "address", "postcode",
                      "telephone"):
            if field in data:
                org[field] = str(data[field])
        if "signatories" in data:
            org["signatories"] = [s.strip() for s in str(data["signatories"]).splitlines() if s.strip()]
        dump = answers.model_dump()
        dump["org"] = org
        if "date" in data:
            dump["date"] = data["date"] or None
        if "title_form" in data:
            dump["title_form"] = data["title_form"]
        return self.replaced(entry, dump)

    def replaced(self, entry: OpenReport, dump: dict[str, Any]) -> web.Response:
        """The report's answers replaced by ``dump`` once the model validates it (and saved), or the first problem."""
        try:
            entry.session.answers = Answers.model_validate(dump)
        except ValidationError as exc:
            return web.json_response({"error": _first_error(exc)}, status=422)
        return self.saved(entry)

    async def save_figure(self, request: web.Request) -> web.Response:
        entry = self._writer(request)
        data = await self._json(request)
        key = str(data.get("key", ""))
        answers = entry.session.answers
        spec = next((f for f in entry.session.pack.spec.figures if f.key == key), None)
        if spec is None or spec.kind != "count":
            raise web.HTTPNotFound(text=_("no such figure"))
        text = str(data.get("value", "")).strip()
        dump = answers.model_dump()
        figure = dump["figures"].setdefault(key, {})
        figure["value"] = int(text) if text.isdigit() else None
        if text and not text.isdigit():
            return web.json_response({"error": _("a count is a whole number of 0 or more")}, status=422)
        return self.replaced(entry, dump)

    async def save_cell(self, request: web.Request) -> web.Response:
        entry = self._writer(request)
        data = await self._json(request)
        session = entry.session
        table_spec = session.pack.table(str(data.get("table", "")))
        if table_spec is None:
            raise web.HTTPNotFound(text=_("no such table"))
        cell = (str(data.get("row", "")), str(data.get("column", "")))
        if cell not in typed_cells(table_spec):
            raise web.HTTPNotFound(text=_("no such cell"))
        column = table_spec.column_named(cell[1])
        text = str(data.get("value", "")).strip()
        value, problem = read_cell(text, column) if column is not None and text else (None, "")
        if problem:
            return web.json_response({"error": problem}, status=422)
        table = session.answers.tables.setdefault(table_spec.key, Table())
        set_cell(table, cell, value)
        return self.saved(entry, table=_table_view(session.answers, session.pack, table_spec.key, session.previous))

    async def fix(self, request: web.Request) -> web.Response:
        entry = self._writer(request)
        fixed, changes = fix_answers(entry.session.answers, entry.session.pack)
        entry.session.answers = fixed
        return self.saved(entry, changes=changes)

    async def ping(self, request: web.Request) -> web.Response:
        path = self.path_of(request.match_info["name"])
        entry = self.editors.get(path, request.match_info["tab"])
        writes = entry is not None and self.editors.writes(entry, request.match_info["tab"])
        return web.json_response({"known": entry is not None, "writes": writes})

    async def take_over(self, request: web.Request) -> web.Response:
        """A read-only tab takes the report over (the clerk confirmed: the other tab was closed or is forgotten)."""
        path = self.path_of(request.match_info["name"])
        entry = self.editors.get(path, request.match_info["tab"])
        if entry is None or entry.file_lock is None:
            raise web.HTTPConflict(text=entry.elsewhere if entry else _("this page is out of date: reload it"))
        self.editors.release_holder(path)
        self.editors.leave(path, request.match_info["tab"])
        return web.json_response({"reload": True})

    async def leave(self, request: web.Request) -> web.Response:
        path = self.path_of(request.match_info["name"])
        self.editors.leave(path, request.match_info["tab"])
        return web.json_response({"left": True})

    async def state(self, request: web.Request) -> web.Response:
        """The preview (the composed document in HTML) and the findings, after a change."""
        path = self.path_of(request.match_info["name"])
        entry = self.editors.get(path, request.match_info["tab"])
        if entry is None:
            raise web.HTTPConflict(text=_("this page is out of date: reload it"))
        session = entry.session
        return web.json_response({"preview": fragment(compose(session.answers, session.pack)),
                                  "findings": self.findings(entry),
                                  "values": values_of(session.answers, session.pack).texts()})

    # ---- downloads -------------------------------------------------------------------------------------------------
    async def download(self, request: web.Request) -> web.StreamResponse:
        """The .docx, the submission copy, the PDF or the public page: written into the workspace (as the terminal
        editor's F9 does) and handed to the browser."""
        path = self.path_of(request.match_info["name"])
        kind = request.match_info["kind"]
        from drafter.pipeline import pack_problems, render_answers, submission_problems
        from drafter.store import load_answers

        entry = self.editors.open_report(path)
        answers = entry.session.answers if entry is not None else load_answers(path)
        pack = entry.session.pack if entry is not None else workspace.pack_of(answers.pack)
        problems = pack_problems(answers, pack)
        if kind == "submission":
            problems += submission_problems(answers, pack)
        if problems:
            return _text_page(_("Not generated: {problems}").format(problems="; ".join(problems)), 422)
        try:
            if kind == "docx":
                out = path.with_suffix(".docx")
                render_answers(answers, pack, out)
            elif kind == "submission":
                out = path.with_name(f"{path.stem}.submission.docx")
                render_answers(answers, pack, out, copy="submission")
            elif kind == "pdf":
                from drafter.typeset.pdf import to_pdf

                docx = path.with_suffix(".docx")
                render_answers(answers, pack, docx)
                out = to_pdf(docx, path.with_suffix(".pdf"))
            elif kind == "public":
                from drafter.publish import publish

                done = publish(answers, pack, path.parent / "public", path.stem, force=False)
                if done.refused:
                    return _text_page("\n".join(f.message for f in done.refused), 422)
                out = next(p for p in done.written if p.name.endswith(".page.html"))
            else:
                raise web.HTTPNotFound(text=_("no such download"))
        except DrafterError as exc:
            return _text_page(str(exc), 422)
        return web.FileResponse(out, headers={"Content-Disposition": f'attachment; filename="{out.name}"'})


# ---- views: what the templates receive -----------------------------------------------------------------------------
def _items_view(section: Section, items: list[Item], at: tuple[int, ...]) -> list[dict[str, Any]]:
    out = []
    for index, item in enumerate(items):
        path = (*at, index)
        out.append({"item": item, "path": ".".join(map(str, path)), "number": item_number(section, path),
                    "items": _items_view(section, item.items, path)})
    return out


def _numbers(section: Section, items: list[Item], at: tuple[int, ...]) -> dict[str, str]:
    """Each item's generated number by its path ("0", "0.1"): the page shows what :func:`item_number` gives."""
    out: dict[str, str] = {}
    for index, item in enumerate(items):
        path = (*at, index)
        out[".".join(map(str, path))] = item_number(section, path)
        out.update(_numbers(section, item.items, path))
    return out


def compose_text(section: Section | None) -> str:
    """Last year's text of a part, plain."""
    if section is None:
        return ""
    lines = [p.text for p in section.intro]

    def walk(items: list[Item]) -> None:
        for item in items:
            if item.heading:
                lines.append(item.heading)
            lines.extend(p.text for p in item.paragraphs)
            walk(item.items)

    walk(section.items)
    return "\n".join(REFERENCE.sub("□", line) for line in lines)


def paragraph_html(text: str, values: Any) -> str:
    """Stored paragraph text as the page edits it: each live figure an atomic chip showing its value."""
    out = []
    at = 0
    for match in REFERENCE.finditer(text):
        out.append(html.escape(text[at:match.start()]))
        key = match.group(1)
        spec = values.catalogue.get(key)
        label = spec.label if spec is not None else key
        out.append(f'<span class="fig" contenteditable="false" data-fig="{html.escape(key)}" '
                   f'title="{html.escape(label)}">{html.escape(label)}={html.escape(values.text(key))}</span>')
        at = match.end()
    out.append(html.escape(text[at:]))
    return "".join(out)


def _snippet_html(session: workspace.Session, snippet_id: str) -> str:
    from drafter.snippets import live_snippet

    snippet = session.snippets.get(snippet_id)
    return paragraph_html(live_snippet(snippet, session.answers, session.pack),
                          values_of(session.answers, session.pack))


def _figure_view(spec: Any, answers: Answers, values: Any, previous: Answers | None) -> dict[str, Any]:
    figure = answers.figures.get(spec.key)
    last = figure.previous if figure is not None and figure.previous is not None else None
    if last is None and previous is not None and spec.key in previous.figures:
        last = previous.figures[spec.key].value
    return {"key": spec.key, "label": spec.label, "unit": spec.unit, "typed": spec.kind == "count",
            "value": "" if figure is None or figure.value is None else str(figure.value),
            "shown": values.text(spec.key), "last": "" if last is None else str(last)}


def _table_view(answers: Answers, pack: Pack, key: str, previous: Answers | None) -> dict[str, Any]:
    spec = pack.table(key)
    assert spec is not None
    data = answers.tables.get(key)
    printed = layout(spec, data)
    typed = set(typed_cells(spec))
    marks: dict[tuple[str, str], list[str]] = {}
    for problem in broken(spec, data, previous.tables.get(key) if previous else None):
        marks.setdefault(problem.cell, []).append(f"{problem.title}")
    rows = []
    for row in printed.rows:
        cells = []
        for cell in row:
            view = {"text": cell.text, "kind": cell.kind, "cols": cell.cols, "rows": cell.rows,
                    "typed": cell.cell in typed if cell.cell else False, "row": "", "column": "", "marks": []}
            if cell.cell is not None:
                view["row"], view["column"] = cell.cell
                view["marks"] = marks.get(cell.cell, [])
                view["name"] = cell_name(spec, cell.cell)
            cells.append(view)
        rows.append(cells)
    return {"key": key, "title": spec.title, "rows": rows, "header_rows": printed.header_rows}


def _stored_part(data: dict[str, Any], catalogue: Any) -> dict[str, Any]:
    """The part as the page sent it, with figures typed as ``[[label]]`` made live (as the terminal editor does)."""
    from drafter.figures.live import from_editor

    def paragraphs(value: Any) -> list[dict[str, Any]]:
        out = []
        for paragraph in value if isinstance(value, list) else []:
            if isinstance(paragraph, dict):
                text = from_editor(str(paragraph.get("text", "")), catalogue)
                out.append({**paragraph, "text": text})
        return out

    def items(value: Any) -> list[dict[str, Any]]:
        out = []
        for item in value if isinstance(value, list) else []:
            if isinstance(item, dict):
                out.append({**item, "paragraphs": paragraphs(item.get("paragraphs")),
                            "items": items(item.get("items"))})
        return out

    return {"intro": paragraphs(data.get("intro")), "items": items(data.get("items"))}


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error.get("loc", ()))
    return f"{where}: {error.get('msg', '')}"


def _suffix_of(data: bytes) -> str:
    for magic, suffix in SNIFF:
        if data.startswith(magic):
            return suffix
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return ".html"
    return ".txt"


def _query(**params: str) -> str:
    from urllib.parse import urlencode

    return urlencode(params)


def _back(message: str) -> web.StreamResponse:
    raise web.HTTPSeeOther("/?" + _query(message=message))


async def _no_icon(_request: web.Request) -> web.Response:
    return web.Response(status=204)


def _text_page(message: str, status: int) -> web.Response:
    return web.Response(text=message, status=status, content_type="text/plain", charset="utf-8")
