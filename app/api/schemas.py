"""Request and response shapes of the REST API (marshmallow; the OpenAPI document is built from them)."""
from marshmallow import EXCLUDE, RAISE, Schema, fields, validate

from data_models import TaskState

PERIOD_HELP = "统计期间：2023、2023H1、2023H2 或 2023-01-01:2023-06-30"


class Strict(Schema):
    class Meta:
        unknown = RAISE


class Lenient(Schema):
    class Meta:
        unknown = EXCLUDE


class ProblemSchema(Lenient):
    type = fields.String()
    title = fields.String(metadata={"description": "中文标题"})
    status = fields.Integer()
    detail = fields.String(metadata={"description": "中文说明"})
    errors = fields.List(fields.Dict())


class PageArgs(Strict):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class Links(Lenient):
    self = fields.String()
    next = fields.String(allow_none=True)
    prev = fields.String(allow_none=True)


class PageMeta(Lenient):
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
    links = fields.Nested(Links)


class CommitteeSchema(Lenient):
    id = fields.Integer()
    name = fields.String()
    short_name = fields.String()
    level = fields.String(metadata={"description": "city / county …"})
    superior_id = fields.Integer(allow_none=True)


class CommitteeList(Lenient):
    items = fields.List(fields.Nested(CommitteeSchema))


class MetricArgs(Strict):
    period = fields.String(required=True, validate=validate.Length(min=4, max=40), metadata={"description": PERIOD_HELP})
    rollup = fields.Boolean(load_default=False, metadata={"description": "是否汇总下级委员会（全系统合计）"})


class MetricSchema(Lenient):
    key = fields.String()
    label = fields.String()
    unit = fields.String()
    kind = fields.String()
    value = fields.Raw(allow_none=True, metadata={"description": "数值（字符串形式的十进制数）、列表或 null"})
    note = fields.String()


class MetricList(Lenient):
    committee_id = fields.Integer()
    period = fields.String()
    items = fields.List(fields.Nested(MetricSchema))


class RecordArgs(PageArgs):
    committee_id = fields.Integer()
    category = fields.String(validate=validate.Length(max=100))


class RecordSchema(Lenient):
    id = fields.Integer()
    committee_id = fields.Integer()
    category = fields.String(attribute="category.name")
    type = fields.String(attribute="type.name", allow_none=True)
    date = fields.Date()
    title = fields.String()
    count = fields.Integer()
    persons = fields.Integer()
    amount = fields.Decimal(as_string=True)
    attrs = fields.Dict()
    external_id = fields.String(allow_none=True)


class RecordPage(PageMeta):
    items = fields.List(fields.Nested(RecordSchema))


class RecordsIn(Lenient):
    records = fields.List(fields.Dict(), required=True, validate=validate.Length(min=1, max=5000),
                          metadata={"description": "每条记录：category、external_id、title、date，及 count/persons/amount/attrs"})


class RecordsOut(Lenient):
    created = fields.Integer()
    updated = fields.Integer()
    unchanged = fields.Integer()


class ReportSchema(Lenient):
    id = fields.Integer()
    committee_id = fields.Integer()
    kind = fields.String()
    title = fields.String()
    status = fields.String()
    period_start = fields.Date()
    period_end = fields.Date()
    revision = fields.Integer()


class ReportPage(PageMeta):
    items = fields.List(fields.Nested(ReportSchema))


class ReportIn(Strict):
    kind = fields.String(required=True, validate=validate.Length(min=1, max=40))
    period = fields.String(required=True, validate=validate.Length(min=4, max=40), metadata={"description": PERIOD_HELP})
    title = fields.String(load_default="", validate=validate.Length(max=200))


class SectionSchema(Lenient):
    id = fields.Integer()
    parent_id = fields.Integer(allow_none=True)
    node_type = fields.String()
    number = fields.String(metadata={"description": "生成的层次序号，如 一、（一）一是"})
    heading = fields.String()
    lead = fields.String()
    body = fields.String()
    version = fields.Integer(metadata={"description": "修改时在 If-Match 中带上 ETag（即此版本号）"})
    children = fields.List(fields.Nested(lambda: SectionSchema()))


class ReportTree(ReportSchema):
    sections = fields.List(fields.Nested(SectionSchema))


class SectionIn(Strict):
    heading = fields.String(load_default="", validate=validate.Length(max=300))
    lead = fields.String(load_default="", validate=validate.Length(max=300))
    body = fields.String(load_default="", validate=validate.Length(max=20000))


class SubmitIn(Strict):
    comment = fields.String(load_default="", validate=validate.Length(max=500))


class RenderIn(Strict):
    pdf = fields.Boolean(load_default=True)


class RenderSchema(Lenient):
    id = fields.Integer()
    report_id = fields.Integer()
    state = fields.String(metadata={"description": " / ".join(TaskState)})
    message = fields.String()
    document_id = fields.Integer(allow_none=True)
    version = fields.Integer(allow_none=True)
    docx_url = fields.String(allow_none=True)
    pdf_url = fields.String(allow_none=True)
    ofd_url = fields.String(allow_none=True)


class FindingSchema(Lenient):
    section_id = fields.Integer(allow_none=True)
    field = fields.String(metadata={"description": "heading / lead / body"})
    start = fields.Integer()
    end = fields.Integer()
    text = fields.String()
    severity = fields.String(metadata={"description": "error / warning"})
    rule = fields.String()
    category = fields.String()
    message = fields.String()
    suggestion = fields.String(allow_none=True)
    source = fields.String(metadata={"description": "依据，如 GB/T 15834-2011"})


class ProofreadingSchema(Lenient):
    report_id = fields.Integer()
    errors = fields.Integer()
    warnings = fields.Integer()
    ignored = fields.Integer()
    items = fields.List(fields.Nested(FindingSchema))
