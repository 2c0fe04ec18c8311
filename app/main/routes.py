from flask import render_template
from flask_login import current_user, login_required
from sqlalchemy import func

from app.extensions import db
from app.scoping import own
from data_models import Report, ReportStatus, ReviewEvent, Section, TaskRun

from . import bp

@bp.route("/")
@login_required
def dashboard():
    reports = db.session.scalars(own(Report).order_by(Report.updated_at.desc()).limit(20)).all()
    runs = db.session.scalars(own(TaskRun).order_by(TaskRun.id.desc()).limit(10)).all()
    return render_template("main/dashboard.html", reports=reports, runs=runs, committee=current_user.committee,
                           counts=_status_counts(), my_sections=_by_report(_my_sections()), waiting=_waiting_for_me())


def _status_counts() -> list[tuple[str, int]]:
    """How many of the committee's reports are in each status (one GROUP BY)."""
    query = own(Report).with_only_columns(Report.status, func.count(Report.id)).group_by(Report.status)
    counts = dict(db.session.execute(query).all())
    return [(status, counts.get(status, 0)) for status in ReportStatus]


def _my_sections() -> list[tuple[Section, Report]]:
    """Sections the user owns in the committee's reports still being written."""
    query = (own(Report).join(Section, Section.report_id == Report.id)
             .where(Section.owner_id == current_user.id, Report.status.in_(ReportStatus.IN_PROGRESS))
             .with_only_columns(Section, Report).order_by(Report.updated_at.desc(), Section.position).limit(30))
    return [tuple(row) for row in db.session.execute(query)]


def _by_report(rows: list[tuple[Section, Report]]) -> list[tuple[Report, list[Section]]]:
    """Sections grouped under their report, reports in the order they first appear."""
    groups: dict[int, tuple[Report, list[Section]]] = {}
    for section, report in rows:
        groups.setdefault(report.id, (report, []))[1].append(section)
    return list(groups.values())


def _waiting_for_me() -> list[tuple[Report, str]]:
    """Reviewers: reports in review; drafters: reports returned, with the latest comment."""
    statuses = [s for role, s in (("reviewer", ReportStatus.IN_REVIEW), ("drafter", ReportStatus.RETURNED))
                if current_user.has_role(role)]
    reports = db.session.scalars(own(Report).where(Report.status.in_(statuses)).order_by(Report.updated_at)).all()
    return [(report, _last_comment(report)) for report in reports]


def _last_comment(report: Report) -> str:
    query = (db.select(ReviewEvent.comment).where(ReviewEvent.report_id == report.id)
             .order_by(ReviewEvent.id.desc()).limit(1))
    return db.session.scalar(query) or ""


@bp.route("/healthz")
def healthz():
    return {"status": "ok"}
