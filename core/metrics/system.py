"""The system's numbers: whose figures count for a committee tree, from which source, and the totals.

One rule, used by every surface (数据汇总 page, 汇编, {{ 全市… }} placeholders, 全系统汇总,
`flask metrics --rollup`, the API): for a period with a collection request, the requesting
committee's own live ledger plus each subordinate's current submission; a subordinate that has not
submitted but keeps its ledger in this deployment counts with its live ledger, marked
台账（实时数据）; one with neither is not counted and is listed as such. Without a request, every
live ledger of the subtree. The totals themselves are rollup.combine (rates recomputed, distinct
counts de-duplicated). It lives below drafting and upward so both can read it.
"""
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_models import CollectionRequest, Committee, RequestTarget, Submission

from . import formats
from .definitions import load_specs
from .engine import compute_metrics, rollup_metrics
from .periods import Period
from .queries import ledger_kept_here
from .rollup import LEDGER, SUBMISSION, Contribution, Source, combine
from .values import MetricValue

AREA_PREFIX = {"province": "全省", "city": "全市", "county": "全县"}


def current_submissions(session: Session, request_id: int) -> dict[int, Submission]:
    """The latest, not superseded submission of each committee to a request."""
    stmt = select(Submission).where(Submission.request_id == request_id, Submission.superseded.is_(False))
    return {s.committee_id: s for s in session.scalars(stmt)}


def _targets(session: Session, request: CollectionRequest) -> list[tuple[Committee, Submission | None]]:
    """Each committee asked, in committee order, with its current submission or None."""
    received = current_submissions(session, request.id)
    stmt = (select(Committee).join(RequestTarget, RequestTarget.committee_id == Committee.id)
            .where(RequestTarget.request_id == request.id).order_by(Committee.sort_order, Committee.id))
    return [(committee, received.get(committee.id)) for committee in session.scalars(stmt)]


@dataclass
class SystemRollup:
    """Totals (key -> MetricValue with breakdown and origins), who counted, and who did not."""

    totals: dict[str, MetricValue]
    contributions: list[Contribution]
    not_counted: list[Committee] = field(default_factory=list)
    request: CollectionRequest | None = None

    def part(self, key: str, name: str) -> MetricValue | None:
        """One committee's value of a total, printable like the total itself."""
        total = self.totals[key]
        if name not in total.breakdown:
            return None
        return replace(total, value=total.breakdown[name], note="", breakdown={}, origins={}, items=None)


def submitted_values(metrics: dict) -> dict[str, MetricValue]:
    """A package's metric document (schema_version 1) as MetricValues; `items` when the sender listed them."""
    out = {}
    for row in metrics.get("values", []):
        out[row["key"]] = MetricValue(row["key"], row["label"], row["unit"], row["kind"], _exact(row.get("value")),
                                      decimals=row.get("decimals"), items=row.get("items"))
    return out


def _exact(value):
    """JSON floats as Decimal, so totals are Decimal sums (0.1 + 0.2 is 0.3)."""
    return formats.to_decimal(value) if isinstance(value, float) else value


def request_rollup(session: Session, request: CollectionRequest) -> SystemRollup:
    """The request's totals by the one rule (see the module docstring)."""
    period = Period(request.period_start, request.period_end)
    targets = _targets(session, request)
    kept = ledger_kept_here(session, [request.committee_id, *(c.id for c, _ in targets)])
    parts, missing = [], []
    if request.committee_id in kept:
        parts.append(_live(session, request.committee, period))
    for committee, submission in targets:
        if submission is not None:
            source = Source(SUBMISSION, committee.id, submission.received_at, submission.id)
            parts.append(Contribution(committee.short_name, source, submitted_values(submission.metrics)))
        elif committee.id in kept:
            parts.append(_live(session, committee, period))
        else:
            missing.append(committee)
    totals = combine(load_specs(session, request.committee_id), parts)
    return SystemRollup(totals, parts, missing, request)


def _live(session: Session, committee: Committee, period: Period) -> Contribution:
    values = compute_metrics(session, committee.id, period, items=True)
    return Contribution(committee.short_name, Source(LEDGER, committee.id), values)


def rollup_request(session: Session, request: CollectionRequest) -> dict[str, MetricValue]:
    return request_rollup(session, request).totals


def latest_request(session: Session, committee_id: int, period: Period) -> CollectionRequest | None:
    """The committee's latest request for exactly this period (its totals are the system's numbers)."""
    return session.scalars(select(CollectionRequest).where(
        CollectionRequest.committee_id == committee_id, CollectionRequest.period_start == period.start,
        CollectionRequest.period_end == period.end).order_by(CollectionRequest.id.desc())).first()


def system_rollup(session: Session, committee_id: int, period: Period) -> SystemRollup:
    """The system's numbers for a period: the latest request's, else every live ledger of the subtree."""
    request = latest_request(session, committee_id, period)
    if request is not None:
        return request_rollup(session, request)
    totals = rollup_metrics(session, committee_id, period)
    names = {name for value in totals.values() for name in value.origins}
    parts = [Contribution(name, next(v.origins[name] for v in totals.values() if name in v.origins))
             for name in _in_order(session, names)]
    return SystemRollup(totals, parts)


def _in_order(session: Session, names: set[str]) -> list[str]:
    stmt = select(Committee.short_name).where(Committee.short_name.in_(names)).order_by(Committee.sort_order, Committee.id)
    return list(session.scalars(stmt))


def rollup_placeholders(session: Session, committee_id: int, period: Period) -> dict[str, MetricValue]:
    """The system's totals keyed by prefixed label (全市党组会议次数) for the superior's own report text."""
    committee = session.get(Committee, committee_id)
    prefix = AREA_PREFIX.get(committee.level, "全市")
    values = system_rollup(session, committee_id, period).totals
    return {prefix + v.label: replace(v, label=prefix + v.label) for v in values.values()}
