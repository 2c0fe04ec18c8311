"""Fixtures for the upward area: a city request to both demo counties and hand-made packages."""
import io
from datetime import date

import pytest
from docx import Document

from core.metrics.periods import Period
from core.upward.package import SCHEMA_VERSION, Package
from core.upward.requests import issue_request

YEAR = Period.year(2023)


def make_docx(*paragraphs: str) -> bytes:
    """A real .docx made with python-docx (stands in for a rendered report)."""
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_package(committee, *, title="2023年工作总结", values=None, kind="annual_summary", period=YEAR) -> Package:
    values = values if values is not None else {"party_group_meetings": 12, "chair_meetings": 8}
    metrics = {"schema_version": SCHEMA_VERSION, "committee": committee.name,
               "period": {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": period.label},
               "values": [{"key": k, "label": LABELS.get(k, k), "unit": "次", "kind": "count", "value": v}
                          for k, v in values.items()]}
    content = {"kind": kind, "title": title, "committee_name": committee.name,
               "blocks": [{"kind": "heading1", "number": "一、", "text": "坚持在强化政治引领上持续用力"},
                          {"kind": "paragraph", "text": f"{committee.short_name}全年召开党组会议{values.get('party_group_meetings', 0)}次。"}]}
    return Package(committee_name=committee.name, committee_short_name=committee.short_name, title=title,
                   kind=kind, period=period, docx=make_docx(title, f"{committee.short_name}正文"), pdf=None,
                   pdf_note="未附 PDF：PDF 尚未生成", metrics=metrics, content=content)


LABELS = {"party_group_meetings": "党组会议次数", "chair_meetings": "主席会议次数"}


@pytest.fixture
def city_request(demo, db_session):
    """The city's 2023 annual-summary request to both counties, deadline 2024-01-31."""
    request = issue_request(db_session, committee_id=demo.city.id, kind="annual_summary", period=YEAR,
                            deadline=date(2024, 1, 31), target_ids=[demo.county_a.id, demo.county_b.id],
                            note="请于1月底前报送。")
    db_session.commit()
    return request
