import io

import pytest
from docx import Document

from core.rendering.docx import render_docx
from core.rendering.samples import sample_content


@pytest.fixture
def annual_docx() -> bytes:
    return render_docx(sample_content("annual_summary"))


def reopen(data: bytes):
    return Document(io.BytesIO(data))


def saved(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.fixture
def fake_drafting(monkeypatch):
    """Until a test needs drafting's own assembly: the sample content of the report's kind."""
    from core.rendering import store
    from core.rendering.samples import sample_content

    def document_for(session, report):
        content = sample_content(report.kind, report.committee.name)
        content.title = report.title
        return content

    monkeypatch.setattr(store, "document_for", document_for)


def make_report(session, committee, kind="annual_summary", year=2023, title=None):
    from datetime import date

    from data_models import Report

    end = date(year, 6, 30) if kind == "half_year_summary" else date(year, 12, 31)
    report = Report(committee=committee, kind=kind, title=title or f"{committee.name}{year}年工作总结",
                    period_start=date(year, 1, 1), period_end=end, status="approved", settings={})
    session.add(report)
    session.flush()
    return report
