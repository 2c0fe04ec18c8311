"""Reports over the REST API: list, create (idempotent), read the tree, update a section (If-Match),
submit for review, and render jobs with their files."""
import hashlib
import json

from flask import Response, request, url_for
from flask.views import MethodView
from sqlalchemy import select

from app.extensions import db
from core.drafting import context as ctx
from core.drafting import sections as sec
from core.drafting.document import outline
from core.drafting.guards import EditRefused
from core.drafting.merge import check_text, make_environment
from core.drafting.reports import create_report
from core.metrics.periods import PeriodError, parse_period
from core.publishing import batch
from core.proofreading.report import proofread_report
from core.review import workflow
from data_models import ApiRequestKey, RenderedDocument, Report, Section, TaskRun, User

from . import bp
from . import messages as msg
from .auth import READ, WRITE, require
from .paging import page_of
from .problems import Problem, problems
from .schemas import (PageArgs, ProofreadingSchema, RenderIn, RenderSchema, ReportIn, ReportPage, ReportSchema, ReportTree,
                      SectionIn, SectionSchema, SubmitIn)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
REFUSED = (EditRefused, sec.InvalidEdit, PeriodError, workflow.WorkflowError)


def _own_report(caller, report_id: int) -> Report:
    report = db.session.get(Report, report_id)
    if report is None or report.committee_id not in caller.committee_ids:
        raise Problem(404, msg.NOT_FOUND, msg.NOT_FOUND_DETAIL)
    return report


def _writable_report(caller, report_id: int) -> Report:
    """Writes reach the token's own committee only; reading reaches the committees below it too."""
    report = _own_report(caller, report_id)
    if report.committee_id != caller.committee_id:
        raise Problem(404, msg.NOT_FOUND, msg.NOT_FOUND_DETAIL)
    return report


def _refused(error: Exception) -> Problem:
    return Problem(422, msg.REFUSED, getattr(error, "message", None) or str(error))


@bp.route("/reports")
class Reports(MethodView):
    @bp.arguments(PageArgs, location="query")
    @bp.response(200, ReportPage)
    @problems(401)
    def get(self, args):
        """文稿列表（分页）"""
        caller = require(READ)
        stmt = select(Report).where(Report.committee_id.in_(caller.committee_ids)).order_by(Report.id.desc())
        return page_of(stmt, args["page"], args["per_page"])

    @bp.arguments(ReportIn)
    @bp.response(201, ReportSchema)
    @problems(401, 409, 422)
    @bp.doc(parameters=[{"in": "header", "name": "Idempotency-Key", "required": False, "schema": {"type": "string", "maxLength": 80},
                         "description": "重复提交同一请求时带相同的值，只创建一次"}])
    def post(self, data):
        """新建文稿（带 Idempotency-Key 时重复请求只创建一次）"""
        caller = require(WRITE)
        key, fingerprint = _idempotency(data)
        if key and (earlier := _earlier_answer(caller, key, fingerprint)) is not None:
            return earlier
        try:
            report = create_report(db.session, caller.token.committee, data["kind"], parse_period(data["period"]),
                                   data["title"], user_id=caller.token.created_by_id)
        except REFUSED as error:
            db.session.rollback()
            raise _refused(error) from None
        if key:
            db.session.add(ApiRequestKey(token_id=caller.token.id, key=key, fingerprint=fingerprint, object_id=report.id))
        db.session.commit()
        return report


def _idempotency(data: dict) -> tuple[str, str]:
    key = request.headers.get("Idempotency-Key", "").strip()
    if len(key) > 80:
        raise Problem(422, msg.INVALID, "Idempotency-Key 不能超过80个字符。")
    return key, hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def _earlier_answer(caller, key: str, fingerprint: str):
    earlier = db.session.scalar(select(ApiRequestKey).where(ApiRequestKey.token_id == caller.token.id,
                                                            ApiRequestKey.key == key))
    if earlier is None:
        return None
    if earlier.fingerprint != fingerprint:
        raise Problem(409, msg.IDEMPOTENCY_REUSED, msg.IDEMPOTENCY_REUSED_DETAIL)
    return db.session.get(Report, earlier.object_id)


@bp.route("/reports/<int:report_id>")
class ReportDetail(MethodView):
    @bp.response(200, ReportTree)
    @problems(401, 404)
    def get(self, report_id: int):
        """文稿及其章节树（含生成的层次序号）"""
        report = _own_report(require(READ), report_id)
        fields = ("id", "committee_id", "kind", "title", "status", "period_start", "period_end", "revision")
        return {**{name: getattr(report, name) for name in fields}, "sections": _tree(report)}


def _tree(report: Report) -> list[dict]:
    """The outline as nested nodes, each with the number the document will print."""
    roots, stack = [], []
    for row in outline(db.session, report):
        node = _section_view(row.section, row.number)
        del stack[row.depth:]
        (stack[-1]["children"] if stack else roots).append(node)
        stack.append(node)
    return roots


def _section(report: Report, section_id: int) -> Section:
    section = db.session.get(Section, section_id)
    if section is None or section.report_id != report.id:
        raise Problem(404, msg.NOT_FOUND, msg.NOT_FOUND_DETAIL)
    return section


def _etag(section: Section) -> str:
    return f'"{section.id}-{section.version}"'


@bp.route("/reports/<int:report_id>/sections/<int:section_id>")
class SectionDetail(MethodView):
    @bp.response(200, SectionSchema)
    @problems(401, 404)
    def get(self, report_id: int, section_id: int):
        """一个章节（响应头 ETag 用于修改时的 If-Match）"""
        section = _section(_own_report(require(READ), report_id), section_id)
        return _section_view(section), 200, {"ETag": _etag(section)}

    @bp.arguments(SectionIn)
    @bp.response(200, SectionSchema)
    @problems(401, 404, 412, 422, 428)
    @bp.doc(parameters=[{"in": "header", "name": "If-Match", "required": True, "schema": {"type": "string"},
                         "description": "读取章节时得到的 ETag"}])
    def put(self, data, report_id: int, section_id: int):
        """修改章节文字（乐观锁：If-Match 必须等于当前 ETag）"""
        caller = require(WRITE)
        section = _section(_writable_report(caller, report_id), section_id)
        seen = request.headers.get("If-Match", "").strip()
        if not seen:
            raise Problem(428, msg.PRECONDITION_REQUIRED, msg.PRECONDITION_REQUIRED_DETAIL)
        if seen != _etag(section):
            raise Problem(412, msg.CONFLICT, msg.CONFLICT_DETAIL.format(version=section.version),
                          headers={"ETag": _etag(section)})
        fields = {name: data[name].replace("\r\n", "\n") for name in ("heading", "lead", "body")}
        env = make_environment(ctx.number_filters())
        if problems := [p for p in (check_text(env, t) for t in fields.values()) if p]:
            raise Problem(422, msg.REFUSED, problems[0])
        try:
            sec.save_section(db.session, section, seen_version=section.version, user_id=caller.token.created_by_id, **fields)
        except sec.SaveConflict as conflict:
            db.session.rollback()
            raise Problem(412, msg.CONFLICT, conflict.message) from None
        except REFUSED as error:
            db.session.rollback()
            raise _refused(error) from None
        db.session.commit()
        return _section_view(section), 200, {"ETag": _etag(section)}


def _section_view(section: Section, number: str = "") -> dict:
    """A section as the API shows it; `number` is the generated one when read within its tree."""
    return {"id": section.id, "parent_id": section.parent_id, "node_type": section.node_type, "number": number,
            "heading": section.heading, "lead": section.lead, "body": section.body, "version": section.version,
            "children": []}


@bp.route("/reports/<int:report_id>/proofreading")
class Proofreading(MethodView):
    @bp.response(200, ProofreadingSchema)
    @problems(401, 404)
    def get(self, report_id: int):
        """公文校对结果：每处问题的位置、规则、说明、修改建议和依据（已忽略的不列出）"""
        report = _own_report(require(READ), report_id)
        result = proofread_report(db.session, report)
        return {"report_id": report.id, "errors": result.errors, "warnings": result.warnings,
                "ignored": result.ignored, "items": result.findings}


@bp.route("/reports/<int:report_id>/submit")
class Submit(MethodView):
    @bp.arguments(SubmitIn)
    @bp.response(200, ReportSchema)
    @problems(401, 404, 422)
    def post(self, data, report_id: int):
        """提交审核（以令牌签发人的身份）"""
        caller = require(WRITE)
        report = _writable_report(caller, report_id)
        user = db.session.get(User, caller.token.created_by_id) if caller.token.created_by_id else None
        if user is None:
            raise Problem(422, msg.REFUSED, msg.NO_ACTOR)
        try:
            workflow.submit(db.session, report, user, data["comment"])
        except REFUSED as error:
            db.session.rollback()
            raise _refused(error) from None
        db.session.commit()
        return report


@bp.route("/reports/<int:report_id>/renders")
class Renders(MethodView):
    @bp.arguments(RenderIn)
    @bp.response(202, RenderSchema)
    @problems(401, 404)
    def post(self, data, report_id: int):
        """生成公文格式 Word（及 PDF）：后台任务，返回任务状态地址"""
        from tasks.rendering import render_report

        caller = require(WRITE)
        report = _writable_report(caller, report_id)
        run = batch.start_render(db.session, report, caller.token.created_by_id, pdf=data["pdf"])
        db.session.commit()
        render_report.delay(run.id)
        db.session.refresh(run)
        return _render_view(run), 202, {"Location": url_for("api.RenderDetail", run_id=run.id)}


@bp.route("/renders/<int:run_id>")
class RenderDetail(MethodView):
    @bp.response(200, RenderSchema)
    @problems(401, 404)
    def get(self, run_id: int):
        """生成任务的状态；完成后给出 Word/PDF 下载地址"""
        caller = require(READ)
        run = db.session.get(TaskRun, run_id)
        if run is None or run.name != batch.RENDER_RUN or run.committee_id not in caller.committee_ids:
            raise Problem(404, msg.NOT_FOUND, msg.NOT_FOUND_DETAIL)
        return _render_view(run)


def _render_view(run: TaskRun) -> dict:
    document = db.session.get(RenderedDocument, run.result["document_id"]) if (run.result or {}).get("document_id") else None
    return {"id": run.id, "report_id": (run.params or {}).get("report_id"), "state": run.state, "message": run.message or "",
            "document_id": document.id if document else None, "version": document.version if document else None,
            "docx_url": url_for("api.download", document_id=document.id, ext="docx") if document else None,
            "pdf_url": url_for("api.download", document_id=document.id, ext="pdf") if document and document.pdf else None,
            "ofd_url": url_for("api.download", document_id=document.id, ext="ofd") if document and document.ofd else None}


@bp.route("/documents/<int:document_id>/<any(docx, pdf, ofd):ext>")
@bp.response(200, content_type=DOCX)
@problems(401, 404)
def download(document_id: int, ext: str):
    """下载某一版本的 Word、PDF 或 OFD 文件（OFD 须先在页面上生成）"""
    caller = require(READ)
    document = db.session.get(RenderedDocument, document_id)
    if document is None or _own_report(caller, document.report_id) is None:
        raise Problem(404, msg.NOT_FOUND, msg.NOT_FOUND_DETAIL)
    data = getattr(document, ext)
    if data is None:
        raise Problem(404, msg.OFD_NOT_READY if ext == "ofd" else msg.PDF_NOT_READY,
                      msg.OFD_NOT_READY if ext == "ofd" else msg.PDF_NOT_READY)
    return Response(data, mimetype={"docx": DOCX, "pdf": "application/pdf", "ofd": "application/ofd"}[ext])
