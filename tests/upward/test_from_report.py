"""A package is built from the one publication: the report assembled once, its metrics computed once."""
import dataclasses

import pytest
from sqlalchemy import select

from core.demo import load_demo
from core.drafting import context
from core.drafting import document as drafting
from core.drafting.document import build_document
from core.metrics.engine import compute_metrics
from core.metrics.periods import Period
from core.publishing import versions
from core.upward.from_report import build_package
from core.upward.package import metrics_document
from data_models import CollectionRequest, Report


@pytest.fixture
def approved(db_session, monkeypatch):
    monkeypatch.setenv("SOFFICE", "/nonexistent/soffice")  # the package goes without PDF, at once
    load_demo(db_session)
    db_session.commit()
    request = db_session.scalars(select(CollectionRequest)).one()
    report = db_session.scalars(select(Report).where(Report.status == "approved")).first()
    return report, request


def _counting(monkeypatch, module, name: str) -> list:
    calls, real = [], getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(name)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_package_assembles_and_computes_metrics_once(db_session, approved, monkeypatch):
    report, request = approved
    period = Period(request.period_start, request.period_end)
    assembled = _counting(monkeypatch, drafting, "assemble")
    computed = _counting(monkeypatch, context, "report_metrics")
    package = build_package(db_session, report, kind=request.kind, period=period)
    assert (assembled, computed) == (["assemble"], ["report_metrics"])
    monkeypatch.undo()
    # the same content and numbers as two separate passes would give, and the version just kept
    assert package.content == dataclasses.asdict(build_document(db_session, report.id))
    alone = compute_metrics(db_session, report.committee_id, period, items=True)
    assert package.metrics == metrics_document(alone.values(), report.committee, period)
    assert any(row.get("items") for row in package.metrics["values"])
    assert package.docx == versions(db_session, report.id)[0].docx and "LibreOffice" in package.pdf_note


def test_package_without_numbers_is_refused(db_session, approved, monkeypatch):
    from core.upward import UpwardError

    report, request = approved

    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(context, "report_metrics", broken)
    with pytest.raises(UpwardError, match="boom"):
        build_package(db_session, report, kind=request.kind, period=Period(request.period_start, request.period_end))
