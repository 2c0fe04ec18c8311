"""Build a package from an approved report, and submit it within this deployment."""
import dataclasses
import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.metrics.periods import Period
from data_models import CollectionRequest, RenderedDocument, Report, Submission, User

from . import UpwardError
from . import messages as msg
from .package import Package, accept_package, metrics_document

SUBMITTABLE = ("approved", "sent")


def check_report(report: Report, kind: str, period: Period) -> None:
    """A report may go up only when approved, and of the kind and period asked for."""
    if report.status not in SUBMITTABLE:
        raise UpwardError(msg.NOT_APPROVED.format(status=msg.REPORT_STATUS_NAMES.get(report.status, report.status)))
    if report.kind != kind:
        raise UpwardError(msg.WRONG_KIND.format(got=msg.KIND_NAMES.get(report.kind, report.kind),
                                                want=msg.KIND_NAMES.get(kind, kind)))
    got = Period(report.period_start, report.period_end)
    if got != period:
        raise UpwardError(msg.WRONG_PERIOD.format(got=got.label, want=period.label))


def build_package(session: Session, report: Report, *, kind: str, period: Period, submitted_by: str = "") -> Package:
    """The report's latest rendered .docx (rendered now if it never was), its PDF and its numbers."""
    check_report(report, kind, period)
    content = _document_content(session, report.id)
    rendered = _latest_rendered(session, report.id)
    docx = rendered.docx if rendered else _render_now(content)
    pdf, pdf_note = _pdf_of(rendered)
    from core.metrics.engine import compute_metrics

    values = compute_metrics(session, report.committee_id, period)
    return Package(
        committee_name=report.committee.name, committee_short_name=report.committee.short_name,
        title=report.title, kind=report.kind, period=period, docx=docx, pdf=pdf, pdf_note=pdf_note,
        metrics=metrics_document(values.values(), report.committee, period),
        content=dataclasses.asdict(content) if content is not None else None,
        source_report_id=report.id, submitted_by=submitted_by,
    )


def _document_content(session: Session, report_id: int):
    try:
        from core.drafting.document import build_document
    except ImportError:
        return None
    return build_document(session, report_id)


def _latest_rendered(session: Session, report_id: int) -> RenderedDocument | None:
    stmt = select(RenderedDocument).where(RenderedDocument.report_id == report_id)
    return session.scalars(stmt.order_by(RenderedDocument.version.desc())).first()


def _render_now(content) -> bytes:
    try:
        from core.rendering.docx import render_docx
    except ImportError as error:
        raise UpwardError(msg.NO_DOCX.format(error=error)) from error
    if content is None:
        raise UpwardError(msg.NO_DOCX.format(error="core.drafting"))
    return render_docx(content)


def _pdf_of(rendered: RenderedDocument | None) -> tuple[bytes | None, str]:
    if rendered is not None and rendered.pdf:
        return rendered.pdf, ""
    reason = (rendered.pdf_error if rendered is not None else "") or msg.PDF_NOT_RENDERED
    return None, msg.PDF_MISSING.format(reason=reason)


def submit_report(session: Session, request: CollectionRequest, report: Report, user: User) -> Submission:
    """Submit within one deployment: the superior's tables receive the package at once."""
    package = build_package(session, report, kind=request.kind, period=Period(request.period_start, request.period_end),
                            submitted_by=user.display_name or user.username)
    submission, _ = accept_package(session, request_id=request.id, sender=report.committee, package=package,
                                   idempotency_key=f"local-{uuid.uuid4().hex}", channel="local", user_id=user.id)
    mark_sent(report)
    return submission


def mark_sent(report: Report) -> None:
    if report.status == "approved":
        report.status = "sent"


def submit_remote(session: Session, link, remote: dict, report: Report, user: User):
    """Queue the package for a request of the superior's own deployment (`remote` as its API lists it)."""
    from .outbox import queue_package

    period = Period(date.fromisoformat(remote["period_start"]), date.fromisoformat(remote["period_end"]))
    package = build_package(session, report, kind=remote["kind"], period=period,
                            submitted_by=user.display_name or user.username)
    return queue_package(session, link, int(remote["id"]), package, report_id=report.id, user_id=user.id)
