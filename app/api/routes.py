"""REST API v1 operations. Thin: authorise the token, call core, shape the answer."""
from flask import request
from flask.views import MethodView
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from core import audit
from core.ledger.api import ingest
from core.metrics import formats
from core.metrics.engine import MetricError, compute_metrics
from core.metrics.periods import PeriodError, parse_period
from core.metrics.system import system_rollup
from data_models import Committee, Record, RecordCategory
from sqlalchemy import select

from . import bp
from . import messages as msg
from .auth import READ, RECORDS, require
from .paging import page_of
from .problems import Problem, problems
from .schemas import (CommitteeList, MetricArgs, MetricList, RecordArgs, RecordPage, RecordsIn,
                      RecordsOut)

from . import reports  # noqa: E402,F401  (report, section and render operations)
from . import importing  # noqa: E402,F401  (导入已有文稿)


MAX_ID = 2**31 - 1  # the database's integer keys


@bp.before_request
def _ids_in_range():
    """An id no table can hold names nothing: 404, not a database error."""
    if any(isinstance(v, int) and not 0 < v <= MAX_ID for v in (request.view_args or {}).values()):
        raise Problem(404, msg.NOT_FOUND, msg.NOT_FOUND_DETAIL)


def committee_in_reach(caller, committee_id: int) -> Committee:
    if committee_id not in caller.committee_ids:
        raise Problem(404, msg.NOT_FOUND, msg.NOT_FOUND_DETAIL)
    return db.session.get(Committee, committee_id)


@bp.route("/committees")
class Committees(MethodView):
    @bp.response(200, CommitteeList)
    @problems(401)
    def get(self):
        """本委员会及其下级委员会"""
        caller = require(READ)
        rows = db.session.scalars(select(Committee).where(Committee.id.in_(caller.committee_ids)).order_by(Committee.id))
        return {"items": rows.all()}


@bp.route("/committees/<int:committee_id>/metrics")
class Metrics(MethodView):
    @bp.arguments(MetricArgs, location="query")
    @bp.response(200, MetricList)
    @problems(401, 404, 422)
    def get(self, args, committee_id: int):
        """某委员会某期间的全部统计指标（可汇总下级）"""
        caller = require(READ)
        committee = committee_in_reach(caller, committee_id)
        try:
            period = parse_period(args["period"])
            if args["rollup"]:  # the same totals as the 数据汇总 page, the 汇编 and `flask metrics --rollup`
                values = system_rollup(db.session, committee.id, period).totals
            else:
                values = compute_metrics(db.session, committee.id, period)
        except (PeriodError, MetricError) as error:
            raise Problem(422, msg.INVALID, str(error)) from None
        items = [{"key": v.key, "label": v.label, "unit": v.unit, "kind": v.kind, "value": formats.text_value(v.value, v.decimals),
                  "note": v.note or ""} for v in values.values()]
        return {"committee_id": committee.id, "period": period.label, "items": items}


@bp.route("/records")
class Records(MethodView):
    @bp.arguments(RecordArgs, location="query")
    @bp.response(200, RecordPage)
    @problems(401)
    def get(self, args):
        """台账记录（分页）"""
        caller = require(READ)
        ids = [committee_in_reach(caller, args["committee_id"]).id] if "committee_id" in args else caller.committee_ids
        stmt = select(Record).where(Record.committee_id.in_(ids))
        if args.get("category"):
            stmt = stmt.join(RecordCategory, Record.category_id == RecordCategory.id).where(
                RecordCategory.name == args["category"])
        return page_of(stmt.order_by(Record.date.desc(), Record.id.desc()), args["page"], args["per_page"])

    @bp.arguments(RecordsIn)
    @bp.response(200, RecordsOut)
    @problems(400, 401, 409)
    def post(self, payload):
        """批量写入台账记录（全部无误才写入；按 external_id 幂等）"""
        caller = require(RECORDS)
        try:
            counts, errors = ingest(db.session, caller.committee_id, payload)
            if not errors:
                audit.record(db.session, "ledger.api", user_id=None, committee_id=caller.committee_id,
                             object_type="api_token", object_id=caller.token.id, **counts)
                db.session.commit()
        except IntegrityError:  # a simultaneous request inserted one of these external_ids first
            db.session.rollback()
            raise Problem(409, msg.ALREADY_EXISTS, msg.ALREADY_EXISTS_DETAIL) from None
        if errors:
            db.session.rollback()
            raise Problem(400, msg.RECORDS_REFUSED, msg.INVALID_DETAIL, errors=errors[:200])
        return counts
