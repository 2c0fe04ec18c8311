"""Collection requests (报送通知): issued by a superior to its subordinates; status and reminders."""
from dataclasses import dataclass
from datetime import date, datetime
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit
from core.committees import subtree_ids
from core.kinds import KINDS, period_kind_label
from core.metrics.periods import Period
from core.times import beijing_today, to_beijing
from core.metrics.system import current_submissions  # noqa: F401  (re-exported: upward pages read it here)
from data_models import CollectionRequest, Committee, RequestTarget, Submission, TargetState
from data_models.base import utcnow

from . import UpwardError
from . import messages as msg


@dataclass
class TargetStatus:
    """Where one subordinate stands on one request."""

    committee: Committee
    status: TargetState
    submission: Optional[Submission]
    reminders: int
    last_reminded_at: Optional[datetime]
    deadline: date

    @property
    def submitted_late(self) -> bool:
        return self.submission is not None and to_beijing(self.submission.received_at).date() > self.deadline


def default_title(kind: str, period: Period) -> str:
    return f"关于报送{period_kind_label(period.label, kind)}的通知"


def issue_request(session: Session, *, committee_id: int, kind: str, period: Period, deadline: date | None,
                  target_ids: list[int], note: str = "", title: str = "", user_id: int | None = None,
                  want_ofd: bool = False) -> CollectionRequest:
    """A new request from `committee_id` to some of its subordinates (validated, audited)."""
    if kind not in KINDS:
        raise UpwardError(msg.BAD_KIND)
    if not isinstance(deadline, date):
        raise UpwardError(msg.BAD_DEADLINE)
    targets = _subordinates(session, committee_id, target_ids)
    request = CollectionRequest(
        committee_id=committee_id, kind=kind, period_start=period.start, period_end=period.end,
        deadline=deadline, note=note.strip(), title=title.strip() or default_title(kind, period),
        target_ids=[c.id for c in targets], created_by_id=user_id, want_ofd=bool(want_ofd),
        targets=[RequestTarget(committee_id=c.id) for c in targets],
    )
    session.add(request)
    session.flush()
    audit.record(session, "upward.request", user_id=user_id, committee_id=committee_id,
                 object_type="collection_request", object_id=request.id, targets=request.target_ids)
    return request


def _subordinates(session: Session, committee_id: int, target_ids: list[int]) -> list[Committee]:
    ids = list(dict.fromkeys(int(i) for i in target_ids))
    if not ids:
        raise UpwardError(msg.NO_TARGETS)
    below = set(subtree_ids(session, committee_id)) - {committee_id}
    committees = _in_committee_order(session, ids)
    for committee_id_ in ids:
        if committee_id_ not in below:
            committee = session.get(Committee, committee_id_)
            raise UpwardError(msg.NOT_SUBORDINATE.format(name=committee.name if committee else committee_id_))
    return committees


def _in_committee_order(session: Session, ids: list[int]) -> list[Committee]:
    stmt = select(Committee).where(Committee.id.in_(ids)).order_by(Committee.sort_order, Committee.id)
    return list(session.scalars(stmt))


def period_of(request: CollectionRequest) -> Period:
    return Period(request.period_start, request.period_end)


def target_statuses(session: Session, request: CollectionRequest, today: date | None = None) -> list[TargetStatus]:
    """Each target in committee order, with its TargetState (submitted, late or pending)."""
    today = today or beijing_today()
    received = current_submissions(session, request.id)
    stmt = (select(RequestTarget).join(Committee, Committee.id == RequestTarget.committee_id)
            .where(RequestTarget.request_id == request.id).order_by(Committee.sort_order, Committee.id))
    out = []
    for target in session.scalars(stmt):
        submission = received.get(target.committee_id)
        status = TargetState.of(submission is not None, request.deadline, today)
        out.append(TargetStatus(target.committee, status, submission, target.reminders,
                                target.last_reminded_at, request.deadline))
    return out


def remind(session: Session, request: CollectionRequest, committee_id: int, *, user_id: int | None,
           note: str = "") -> RequestTarget:
    """Record a reminder (催报) to a target that has not submitted; audited."""
    target = session.scalars(select(RequestTarget).where(
        RequestTarget.request_id == request.id, RequestTarget.committee_id == committee_id)).first()
    if target is None:
        raise UpwardError(msg.NOT_TARGET)
    if committee_id in current_submissions(session, request.id):
        raise UpwardError(msg.ALREADY_SUBMITTED)
    target.reminders += 1
    target.last_reminded_at = utcnow()
    target.last_reminder_note = note.strip()
    audit.record(session, "upward.remind", user_id=user_id, committee_id=request.committee_id,
                 object_type="collection_request", object_id=request.id, target=committee_id,
                 count=target.reminders)
    return target


def requests_issued(session: Session, committee_id: int) -> list[CollectionRequest]:
    stmt = select(CollectionRequest).where(CollectionRequest.committee_id == committee_id)
    return list(session.scalars(stmt.order_by(CollectionRequest.deadline.desc(), CollectionRequest.id.desc())))


def requests_received(session: Session, committee_id: int) -> list[tuple[CollectionRequest, RequestTarget]]:
    """Requests addressed to `committee_id` within this deployment, newest deadline first."""
    stmt = (select(CollectionRequest, RequestTarget).join(RequestTarget)
            .where(RequestTarget.committee_id == committee_id)
            .order_by(CollectionRequest.deadline.desc(), CollectionRequest.id.desc()))
    return [tuple(row) for row in session.execute(stmt)]


def target_of(session: Session, request_id: int, committee_id: int) -> RequestTarget | None:
    return session.scalars(select(RequestTarget).where(
        RequestTarget.request_id == request_id, RequestTarget.committee_id == committee_id)).first()
