from flask import abort, render_template
from flask_login import current_user, login_required
from sqlalchemy import func

from app.extensions import db
from app.paging import paginate
from app.scoping import own, visible_committee_ids
from core.metrics.definitions import load_specs
from core.metrics.engine import MetricError, compute_metrics, records_behind, rollup_metrics
from core.metrics.periods import Period
from core.upward.messages import ROLLUP_RULE
from core.metrics.system import system_rollup
from data_models import Record

from . import bp
from .forms import MetricsQuery

PAGE_SIZE = 100


def _period(query: MetricsQuery) -> Period:
    """The period asked for (?period=2023H1), else (none, or a wrong one: its error shows under the field)
    the year of the committee's latest record."""
    query.validate()
    if query.period.data:
        return query.period.data
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
    query = MetricsQuery()
    period = _period(query)
    values = compute_metrics(db.session, current_user.committee_id, period, previous=True)
    zero = sum(1 for v in values.values() if v.is_zero)
    has_subordinates = bool(current_user.committee.subordinates)
    return render_template("metrics/index.html", period=period, groups=_groups(values), zero=zero,
                           has_subordinates=has_subordinates, query=query)


@bp.route("/rollup")
@login_required
def rollup():
    committee = current_user.committee
    if not committee.subordinates:
        abort(404)
    query = MetricsQuery()
    period = _period(query)
    system = system_rollup(db.session, committee.id, period)
    return render_template("metrics/rollup.html", period=period, groups=_groups(system.totals), rollup=system,
                           rule=ROLLUP_RULE, query=query)


def _scope_ids(query: MetricsQuery) -> list[int]:
    """Whose records to list: own (default), one visible committee (?committee=), or all (?system=1)."""
    visible = visible_committee_ids()
    if query.system.data:
        return visible
    committee_id = current_user.committee_id if query.committee.data is None else query.committee.data
    if committee_id not in visible:
        abort(404)
    return [committee_id]


@bp.route("/<key>/records")
@login_required
def records(key: str):
    query = MetricsQuery()
    period = _period(query)
    ids = _scope_ids(query)
    try:
        stmt = records_behind(db.session, ids, period, key)
        compute = rollup_metrics if len(ids) > 1 else compute_metrics
        value = compute(db.session, current_user.committee_id if len(ids) > 1 else ids[0], period, [key])
    except MetricError:
        abort(404)
    pages = paginate(stmt, PAGE_SIZE)
    return render_template("metrics/records.html", period=period, value=next(iter(value.values())), rows=pages.items,
                           total=pages.total, pages=pages)
