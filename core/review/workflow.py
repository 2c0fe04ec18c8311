"""Status changes of a report: draft → in_review → returned / approved → sent, and revisions.

Every step checks role, committee and current status first; an illegal step raises
WorkflowError with a Chinese message and changes nothing. A legal step adds a ReviewEvent and an
audit record to the caller's transaction (the caller commits).
"""
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.audit import record
from core.proofreading.ignores import copy_ignores
from data_models import Report, ReportStatus, ReviewEvent, Section, User

from . import messages

COMMENT_LIMIT = 2000


class WorkflowError(Exception):
    """An illegal step; str(error) is the Chinese message for the user."""


class AlreadyDone(WorkflowError):
    """The same step was just taken (a double click, a second tab): nothing more is recorded."""


def self_approval_allowed(report: Report) -> bool:
    """Separation of duties: a report is approved by someone other than its submitter, unless the
    committee has turned that off (profile["self_approval"], set on the 用户 page)."""
    return bool((report.committee.profile or {}).get("self_approval"))


def submitter_id(session: Session, report: Report) -> int | None:
    """Who submitted the report for the review now under way."""
    return session.scalar(select(ReviewEvent.user_id).where(ReviewEvent.report_id == report.id,
                                                            ReviewEvent.action == "submitted")
                          .order_by(ReviewEvent.id.desc()).limit(1))


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise WorkflowError(message)


def _check_status(report: Report, allowed: tuple[ReportStatus, ...], message: str) -> None:
    _check(report.status in allowed, message.format(status=ReportStatus.label_of(report.status)))


def _check_actor(report: Report, user: User, role: str, message: str) -> None:
    _check(user.committee_id == report.committee_id, messages.NOT_YOUR_COMMITTEE)
    _check(user.has_role(role), message)


def _clean_comment(comment: str | None, required: bool = False) -> str:
    comment = (comment or "").strip()
    _check(bool(comment) or not required, messages.COMMENT_REQUIRED)
    _check(len(comment) <= COMMENT_LIMIT, messages.COMMENT_TOO_LONG.format(limit=COMMENT_LIMIT))
    return comment


def _step(session: Session, report: Report, user: User | None, action: str, status: ReportStatus | None,
          comment: str = "", **detail) -> ReviewEvent:
    """Move to `status` (None keeps it), log the event and the audit record.

    The move is a conditional UPDATE (… WHERE status = the status we read): of simultaneous
    identical requests exactly one moves the report and records an event; the others find the
    row changed and raise AlreadyDone, so each step happens once per version of the report."""
    before = report.status
    if status is not None:
        moved = session.execute(update(Report).where(Report.id == report.id, Report.status == before)
                                .values(status=status).execution_options(synchronize_session="evaluate"))
        if moved.rowcount != 1:
            raise AlreadyDone(messages.ALREADY_DONE.format(status=ReportStatus.label_of(status)))
    event = ReviewEvent(report_id=report.id, user_id=user.id if user else None, action=action, comment=comment)
    session.add(event)
    record(session, f"report.{action}", user_id=user.id if user else None, committee_id=report.committee_id,
           object_type="report", object_id=report.id, title=report.title, revision=report.revision,
           status_from=before, status_to=report.status, **({"comment": comment} if comment else {}), **detail)
    return event


def _check_not_done(report: Report, status: ReportStatus) -> None:
    if report.status == status:
        raise AlreadyDone(messages.ALREADY_DONE.format(status=ReportStatus.label_of(status)))


def submit(session: Session, report: Report, user: User, comment: str = "") -> ReviewEvent:
    """A drafter hands a draft (or a returned report) to the reviewers."""
    _check_actor(report, user, "drafter", messages.ROLE_SUBMIT)
    _check_not_done(report, ReportStatus.IN_REVIEW)
    _check_status(report, ReportStatus.EDITABLE, messages.CANNOT_SUBMIT)
    return _step(session, report, user, "submitted", ReportStatus.IN_REVIEW, _clean_comment(comment))


def return_for_changes(session: Session, report: Report, user: User, comment: str) -> ReviewEvent:
    """A reviewer sends the report back with comments (required)."""
    _check_actor(report, user, "reviewer", messages.ROLE_REVIEW)
    _check_not_done(report, ReportStatus.RETURNED)
    _check_status(report, (ReportStatus.IN_REVIEW,), messages.CANNOT_RETURN)
    return _step(session, report, user, "returned", ReportStatus.RETURNED, _clean_comment(comment, required=True))


def approve(session: Session, report: Report, user: User, comment: str = "") -> ReviewEvent:
    """A reviewer approves; the report is frozen from now on."""
    _check_actor(report, user, "reviewer", messages.ROLE_REVIEW)
    _check_not_done(report, ReportStatus.APPROVED)
    _check_status(report, (ReportStatus.IN_REVIEW,), messages.CANNOT_APPROVE)
    _check(self_approval_allowed(report) or submitter_id(session, report) != user.id, messages.OWN_SUBMISSION)
    return _step(session, report, user, "approved", ReportStatus.APPROVED, _clean_comment(comment))


def mark_sent(session: Session, report: Report, user: User | None = None, **detail) -> ReviewEvent:
    """Upward submission done: approved → sent (user may be None when a task sends)."""
    if user is not None:
        _check(user.committee_id == report.committee_id, messages.NOT_YOUR_COMMITTEE)
    _check_status(report, (ReportStatus.APPROVED,), messages.CANNOT_SEND)
    return _step(session, report, user, "sent", ReportStatus.SENT, **detail)


def successor(session: Session, report: Report) -> Report | None:
    """The revision made from this report, if any."""
    return session.scalars(select(Report).where(Report.previous_id == report.id)).first()


def revise(session: Session, report: Report, user: User) -> Report:
    """An approved (or sent) report stays frozen; changes go into a new draft revision."""
    _check_actor(report, user, "drafter", messages.ROLE_REVISE)
    _check_status(report, ReportStatus.PASSED, messages.CANNOT_REVISE)
    newer = successor(session, report)
    _check(newer is None, messages.ALREADY_REVISED.format(revision=newer.revision if newer else 0))
    copy = _copy_report(session, report, user)
    copy_ignores(session, report.id, copy.id)
    _step(session, report, user, "revised", None, new_report_id=copy.id)
    record(session, "report.create", user_id=user.id, committee_id=copy.committee_id, object_type="report",
           object_id=copy.id, title=copy.title, revision=copy.revision, previous_id=report.id)
    return copy


def _copy_report(session: Session, report: Report, user: User) -> Report:
    """Copy the report and its section tree, parents before children (new ids for new parent_ids)."""
    fields = ("committee_id", "kind", "title", "period_start", "period_end", "cutoff_date")
    copy = Report(**{f: getattr(report, f) for f in fields}, settings=dict(report.settings or {}),
                  status=ReportStatus.DRAFT, revision=report.revision + 1, previous_id=report.id, created_by_id=user.id)
    session.add(copy)
    session.flush()
    new_ids: dict[int | None, int | None] = {None: None}
    pending = list(report.sections)
    while pending:
        level = [s for s in pending if s.parent_id in new_ids]
        _check(bool(level), messages.CANNOT_REVISE.format(status="结构异常"))
        pairs = [(s, Section(report_id=copy.id, parent_id=new_ids[s.parent_id], position=s.position,
                             node_type=s.node_type, key=s.key, heading=s.heading, lead=s.lead, body=s.body,
                             owner_id=s.owner_id, updated_by_id=user.id)) for s in level]
        session.add_all(new for _, new in pairs)
        session.flush()
        new_ids.update({old.id: new.id for old, new in pairs})
        pending = [s for s in pending if s.id not in new_ids]
    session.expire(copy, ["sections"])
    return copy


def history(session: Session, report: Report) -> list[ReviewEvent]:
    """The report's review events, oldest first."""
    return list(session.scalars(select(ReviewEvent).where(ReviewEvent.report_id == report.id)
                                .order_by(ReviewEvent.created_at, ReviewEvent.id)))
