"""Build a package from an approved report, and submit it within this deployment."""
import dataclasses
import uuid

from sqlalchemy.orm import Session

from core.kinds import kind_label
from core.metrics.periods import Period
from core.review import workflow
from data_models import CollectionRequest, OfdState, PdfState, RenderedDocument, Report, ReportStatus, Submission, User

from . import UpwardError
from . import messages as msg
from .package import Package, accept_package, metrics_document

PDF_TIMEOUT = 90.0


def check_report(report: Report, kind: str, period: Period) -> None:
    """A report may go up only when approved, and of the kind and period asked for."""
    if report.status not in ReportStatus.SUBMITTABLE:
        raise UpwardError(msg.NOT_APPROVED.format(status=ReportStatus.label_of(report.status)))
    if report.kind != kind:
        raise UpwardError(msg.WRONG_KIND.format(got=kind_label(report.kind),
                                                want=kind_label(kind)))
    got = Period(report.period_start, report.period_end)
    if got != period:
        raise UpwardError(msg.WRONG_PERIOD.format(got=got.label, want=period.label))


def build_package(session: Session, report: Report, *, kind: str, period: Period, submitted_by: str = "",
                  user_id: int | None = None, want_ofd: bool = False) -> Package:
    """The report's current rendered version (rendered now if it changed), its PDF (and OFD when the
    superior asks for it) and its numbers, all from the one assembly that publishing made."""
    from core.publishing import RenderError, publication
    from core.rendering.docx import TemplateMissing

    check_report(report, kind, period)  # the report's period is the request's: its numbers are the package's
    try:
        published = publication(session, report.id, user_id, items=True)
    except (RenderError, TemplateMissing) as error:
        raise UpwardError(str(error)) from error
    assembled, rendered = published.assembled, published.document
    if assembled.metrics_error:  # never send a package without its numbers
        raise UpwardError(assembled.metrics_error)
    pdf, pdf_note = pdf_of(rendered)
    return Package(
        committee_name=report.committee.name, committee_short_name=report.committee.short_name,
        title=report.title, kind=report.kind, period=period, docx=rendered.docx, pdf=pdf, pdf_note=pdf_note,
        metrics=metrics_document(assembled.metrics.values(), report.committee, period),
        content=dataclasses.asdict(assembled.content),
        source_report_id=report.id, submitted_by=submitted_by,
        ofd=ofd_of(session, rendered) if want_ofd and pdf else None,
    )


def pdf_of(rendered: RenderedDocument) -> tuple[bytes | None, str]:
    """The rendered version's PDF, converted now if the background job has not yet; kept on the version."""
    from core.rendering.pdf import PdfFailed, PdfUnavailable, docx_to_pdf

    if rendered.pdf:
        return rendered.pdf, ""
    try:
        data = docx_to_pdf(rendered.docx, timeout=PDF_TIMEOUT)
    except PdfUnavailable as error:
        rendered.pdf_state, rendered.pdf_error = PdfState.UNAVAILABLE, str(error)
        return None, msg.PDF_MISSING.format(reason=error)
    except PdfFailed as error:
        return None, msg.PDF_MISSING.format(reason=error)
    rendered.pdf, rendered.pdf_state, rendered.pdf_error = data, PdfState.DONE, ""
    return data, ""


def ofd_of(session: Session, rendered: RenderedDocument) -> bytes | None:
    """The rendered version's OFD, made from its PDF now if not yet; kept on the version. None when the
    PDF cannot be read (the package then goes with its PDF, as a package without PDF goes with its note)."""
    from core.rendering.ofd import OfdFailed, pdf_to_ofd
    from core.publishing import ofd_info

    if rendered.ofd:
        return rendered.ofd
    try:
        data = pdf_to_ofd(rendered.pdf, ofd_info(session, rendered))
    except OfdFailed as error:
        rendered.ofd_state, rendered.ofd_error = OfdState.FAILED, str(error)
        return None
    rendered.ofd, rendered.ofd_state, rendered.ofd_error = data, OfdState.DONE, ""
    return data


def submit_report(session: Session, request: CollectionRequest, report: Report, user: User) -> Submission:
    """Submit within one deployment: the superior's tables receive the package at once."""
    package = build_package(session, report, kind=request.kind, period=Period(request.period_start, request.period_end),
                            submitted_by=user.display_name or user.username, user_id=user.id,
                            want_ofd=request.want_ofd)
    submission, _ = accept_package(session, request_id=request.id, sender=report.committee, package=package,
                                   idempotency_key=f"local-{uuid.uuid4().hex}", channel="local", user_id=user.id)
    mark_sent(session, report, user, submission_id=submission.id)
    return submission


def mark_sent(session: Session, report: Report, user: User | None, **detail) -> None:
    """approved → sent through the review workflow (its event and audit line); a resubmission changes nothing."""
    if report.status == ReportStatus.APPROVED:
        try:
            workflow.mark_sent(session, report, user, **detail)
        except workflow.AlreadyDone:  # a simultaneous delivery marked it first
            pass
