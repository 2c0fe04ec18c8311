"""Every document the demo produces: each report kind, the visit packet and the 汇编 (.docx bytes by name)."""
import dataclasses
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.demo import load_demo
from core.metrics.engine import compute_metrics
from core.metrics.periods import Period
from core.rendering.docx import render_docx
from core.publishing import document_for
from core.upward.compilation import compile_request
from core.upward.package import Package, accept_package, metrics_document
from data_models import CollectionRequest, Report, Visit


def demo_outputs(session: Session) -> dict[str, bytes]:
    """Load the demo, then render one report of every kind, the packet and the compilation."""
    load_demo(session)
    session.flush()
    outputs: dict[str, bytes] = {}
    for report in session.scalars(select(Report).order_by(Report.id)):
        name = report.kind if report.kind != "visit_packet" else "visit_packet"
        outputs.setdefault(name, render_docx(document_for(session, report)))
    if "visit_packet" not in outputs:
        from core.visits.output import packet_report

        visit = session.scalars(select(Visit)).first()
        outputs["visit_packet"] = render_docx(document_for(session, packet_report(session, visit)))
    outputs["compilation"] = demo_compilation(session)
    return outputs


def demo_compilation(session: Session) -> bytes:
    """The city's 汇编 of both counties' demo annual summaries, submitted as rendered."""
    request = session.scalars(select(CollectionRequest)).first()
    period = Period(request.period_start, request.period_end)
    for target in request.targets:
        committee = target.committee
        report = session.scalars(select(Report).where(Report.committee_id == committee.id,
                                                      Report.kind == request.kind)).first()
        content = document_for(session, report)
        values = compute_metrics(session, committee.id, period).values()
        package = Package(committee_name=committee.name, committee_short_name=committee.short_name,
                          title=report.title, kind=report.kind, period=period, docx=render_docx(content), pdf=None,
                          pdf_note="", metrics=metrics_document(values, committee, period),
                          content=dataclasses.asdict(content))
        accept_package(session, request_id=request.id, sender=committee, package=package,
                       idempotency_key=f"demo-{committee.id}")
    return compile_request(session, request.id, today=date(2024, 2, 1))
