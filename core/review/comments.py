"""Reviewers' comments on sections: written while a report is in review, read by its drafters.

The caller owns the session and commits; bad input raises WorkflowError with a Chinese message.
"""
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.audit import record
from data_models import Report, ReportStatus, Section, SectionComment, User

from . import messages
from .workflow import COMMENT_LIMIT, WorkflowError


def add_comment(session: Session, report: Report, section_id: int, user: User, body: str) -> SectionComment:
    """A reviewer remarks on one section of a report under review."""
    body = (body or "").strip()
    section = session.get(Section, section_id)
    _check(user.committee_id == report.committee_id, messages.NOT_YOUR_COMMITTEE)
    _check(user.has_role("reviewer"), messages.ROLE_COMMENT)
    _check(report.status == ReportStatus.IN_REVIEW, messages.CANNOT_COMMENT)
    _check(section is not None and section.report_id == report.id, messages.NO_SUCH_SECTION)
    _check(bool(body), messages.COMMENT_EMPTY)
    _check(len(body) <= COMMENT_LIMIT, messages.COMMENT_TOO_LONG.format(limit=COMMENT_LIMIT))
    comment = SectionComment(report_id=report.id, section_id=section_id, user_id=user.id, body=body)
    session.add(comment)
    record(session, "report.comment", user_id=user.id, committee_id=report.committee_id, object_type="report",
           object_id=report.id, title=report.title, section_id=section_id)
    return comment


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise WorkflowError(message)


def comments_by_section(session: Session, report_id: int) -> dict[int, list[SectionComment]]:
    """Every comment of a report, oldest first, keyed by section id."""
    found: dict[int, list[SectionComment]] = defaultdict(list)
    for comment in session.scalars(select(SectionComment).where(SectionComment.report_id == report_id)
                                   .order_by(SectionComment.created_at, SectionComment.id)):
        found[comment.section_id].append(comment)
    return dict(found)
