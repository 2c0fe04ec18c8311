"""导入已有文稿 over the REST API: the same import as the web page and `flask import-report`.

POST /api/v1/reports/import with pasted text or a .docx in base64; dry_run (the default) answers
with the tree and the numbers and writes nothing, dry_run false creates the report (all or nothing).
"""
import base64
import binascii

from flask.views import MethodView
from marshmallow import fields, validate

from app.extensions import db
from core.kinds import KINDS
from core.metrics.periods import PeriodError, parse_period
from data_models import NodeType

from . import bp
from . import messages as msg
from .auth import WRITE, require
from .problems import Problem, problems
from .schemas import PERIOD_HELP, Lenient, Strict

BAD_BASE64 = "docx_base64 不是有效的 Base64 编码。"
NOTHING = "请提供 text（粘贴的文字）或 docx_base64（Word 文档）其中之一。"
# Twice core.importing.source.MAX_CHARS (read_text refuses a text above that with its own message), written out
# so that start-up does not load the importer (tests/importing/test_api.py checks the two agree).
TEXT_MAX = 200_000


class ImportIn(Strict):
    period = fields.String(required=True, validate=validate.Length(min=4, max=40), metadata={"description": PERIOD_HELP})
    kind = fields.String(load_default="", validate=validate.OneOf(["", *KINDS]),
                         metadata={"description": "报告类型；留空则按内容判断"})
    text = fields.String(load_default="", validate=validate.Length(max=TEXT_MAX),
                         metadata={"description": "粘贴的全文（与 docx_base64 二选一）"})
    docx_base64 = fields.String(load_default="", validate=validate.Length(max=16 * 1024 * 1024),
                                metadata={"description": "Word 文档（.docx）的 Base64 编码"})
    filename = fields.String(load_default="文稿.docx", validate=validate.Length(max=200))
    dry_run = fields.Boolean(load_default=True, metadata={"description": "为 true 时只返回识别结果，不创建文稿"})


class ImportNode(Lenient):
    kind = fields.String(metadata={"description": " / ".join(NodeType)})
    number = fields.String(metadata={"description": "原文的序号：一、（一）1. 一是 ■ ●"})
    title = fields.String()
    lead = fields.String(allow_none=True)
    text = fields.String()
    children = fields.List(fields.Nested(lambda: ImportNode()))


class ImportCandidate(Lenient):
    metric = fields.String()
    label = fields.String()
    value = fields.Raw(allow_none=True)


class ImportNumber(Lenient):
    text = fields.String()
    metric = fields.String(allow_none=True)
    candidates = fields.List(fields.Nested(ImportCandidate))
    status = fields.String(metadata={"description": "bound / ambiguous / unmatched"})
    label = fields.String(allow_none=True)
    value = fields.Raw(allow_none=True)
    context = fields.String()
    placeholder = fields.String(allow_none=True)
    previous_year = fields.Boolean()
    auto = fields.Boolean(metadata={"description": "bound on its value alone (自动识别): only one metric of the "
                                                   "period prints the typed value; review it"})


class ImportOut(Lenient):
    kind = fields.String()
    title = fields.String()
    subtitle = fields.String()
    speaker = fields.String()
    addressee = fields.String()
    salutation = fields.String()
    signature = fields.String()
    date = fields.String()
    children = fields.List(fields.Nested(ImportNode))
    numbers = fields.List(fields.Nested(ImportNumber))
    warnings = fields.List(fields.String())
    comments = fields.List(fields.String())
    report_id = fields.Integer(allow_none=True)


def _source(data: dict):
    from core.importing.source import ImportRefused, read_text, read_upload

    if data["docx_base64"]:
        try:
            raw = base64.b64decode(data["docx_base64"], validate=True)
        except (binascii.Error, ValueError):
            raise ImportRefused(BAD_BASE64) from None
        return read_upload(raw, data["filename"] or "文稿.docx")
    if not data["text"].strip():
        raise ImportRefused(NOTHING)
    return read_text(data["text"])


@bp.route("/reports/import")
class ReportImport(MethodView):
    @bp.arguments(ImportIn)
    @bp.response(200, ImportOut)
    @bp.alt_response(201, schema=ImportOut)
    @problems(401, 422)
    def post(self, data):
        """导入已有文稿：返回识别出的结构和数字；dry_run 为 false 时创建文稿（全部成功才写入）"""
        from core.importing.service import create_report_from_plan, plan_import  # loads with the first import
        from core.importing.source import ImportRefused

        caller = require(WRITE)
        try:
            period = parse_period(data["period"])
            plan = plan_import(db.session, caller.committee_id, period, _source(data), data["kind"] or None)
            result = plan.as_json()
            if not data["dry_run"]:
                report = create_report_from_plan(db.session, caller.token.committee, period, plan,
                                                 user_id=caller.token.created_by_id)
                db.session.flush()
                result["report_id"] = report.id
        except (ImportRefused, PeriodError) as error:
            db.session.rollback()
            raise Problem(422, msg.REFUSED, str(error)) from None
        if data["dry_run"]:
            db.session.rollback()
            return result, 200
        db.session.commit()
        return result, 201
