from flask import abort, flash, render_template, request
from flask_login import current_user, login_required
from sqlalchemy import func

from app.extensions import db
from app.paging import paginate
from app.scoping import own, visible_committee_ids
from core.metrics.definitions import load_specs
from core.metrics.engine import MetricError, compute_metrics, records_behind, rollup_metrics
from core.metrics.periods import PeriodError, Period, parse_period
from core.upward.messages import ROLLUP_RULE
from core.metrics.system import system_rollup
from data_models import Record

from . import bp

PAGE_SIZE = 100


def _period() -> Period:
    """The period asked for (?period=2023H1), else the year of the committee's latest record."""
    text = request.args.get("period", "").strip()
    if text:
        try:
            return parse_period(text)
        except PeriodError as error:
            flash(str(error), "error")
    latest = db.session.scalar(own(Record).with_only_columns(func.max(Record.date)))
    return Period.year(latest.year if latest else 2023)


def _groups(values: dict) -> list[tuple[str, list]]:
    """Values in catalogue order, grouped as the catalogue groups them (学习与会议, 提案…)."""
    groups: dict[str, list] = {}
    for spec in load_specs(db.session, current_user.committee_id):
        if spec.key in values:
            groups.setdefault(spec.group or "其他", []).append(values[spec.key])
    return list(groups.items())


@bp.route("/")
@login_required
def index():
    period = _period()
    values = compute_metrics(db.session, current_user.committee_id, period, previous=True)
    zero = sum(1 for v in values.values() if v.is_zero)
    has_subordinates = bool(current_user.committee.subordinates)
    return render_template("metrics/index.html", period=period, groups=_groups(values), zero=zero,
                           has_subordinates=has_subordinates)


@bp.route("/rollup")
@login_required
def rollup():
    committee = current_user.committee
    if not committee.subordinates:
        abort(404)
    period = _period()
    system = system_rollup(db.session, committee.id, period)
    return render_template("metrics/rollup.html", period=period, groups=_groups(system.totals), rollup=system,
                           rule=ROLLUP_RULE)


def _scope_ids() -> list[int]:
    """Whose records to list: own (default), one visible committee (?committee=), or all (?system=1)."""
    visible = visible_committee_ids()
    if request.args.get("system"):
        return visible
    committee_id = request.args.get("committee", current_user.committee_id, type=int)
    if committee_id not in visible:
        abort(404)
    return [committee_id]


@bp.route("/<key>/records")
@login_required
def records(key: str):
    period = _period()
    ids = _scope_ids()
    try:
        stmt = records_behind(db.session, ids, period, key)
        compute = rollup_metrics if len(ids) > 1 else compute_metrics
        value = compute(db.session, current_user.committee_id if len(ids) > 1 else ids[0], period, [key])
    except MetricError:
        abort(404)
    pages = paginate(stmt, PAGE_SIZE)
    return render_template("metrics/records.html", period=period, value=next(iter(value.values())), rows=pages.items,
                           total=pages.total, pages=pages)
