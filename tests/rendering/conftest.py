import io

import pytest
from docx import Document
from sqlalchemy import select

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
def demo_reports(db_session, demo):
    """The demo seed (committees, users, ledger, one report of every kind); reports by (short name, kind)."""
    from core.demo import load_demo
    from data_models import Report

    load_demo(db_session)
    db_session.commit()
    reports = db_session.scalars(select(Report).order_by(Report.id)).all()
    return {(r.committee.short_name, r.kind): r for r in reports}
