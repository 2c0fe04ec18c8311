"""The demo visit: idempotent, hosted by 西山县政协, briefed from its approved 2023 annual report."""
import pytest
from sqlalchemy import func, select

from core.demo import load_demo
from core.demo import visits as demo_visits
from core.metrics.engine import compute_metrics
from core.metrics.periods import Period
from core.rendering.docx import render_docx
from core.rendering.format_check import check_docx
from core.visits.packet import KEY_METRICS, assemble, format_value
from data_models import Section, Visit


def test_demo_visit_is_idempotent(db_session, demo):
    first = demo_visits.seed(db_session)
    second = demo_visits.seed(db_session)
    db_session.commit()
    assert "来西山县考察" in first[0] and "已存在" in second[0]
    visit = db_session.scalars(select(Visit)).one()
    assert visit.committee_id == demo.county_b.id and len(visit.agenda) == 3 and len(visit.contacts) == 3
    assert db_session.scalar(select(func.count()).select_from(Visit)) == 1


@pytest.fixture
def full_demo(db_session, demo):
    lines = load_demo(db_session)
    db_session.commit()
    return lines


def test_demo_packet_renders_from_the_approved_report(db_session, demo, full_demo):
    visit = db_session.scalars(select(Visit)).one()
    chosen = [db_session.get(Section, i) for i in visit.section_ids]
    assert [s.key for s in chosen] == list(demo_visits.BRIEFING_KEYS)
    assert {s.report.status for s in chosen} == {"approved"} and chosen[0].report.committee_id == demo.county_b.id
    packet = assemble(db_session, visit.id)
    assert packet.warnings == []
    values = compute_metrics(db_session, demo.county_b.id, Period.year(2023))
    rows = [b.rows for b in packet.content.blocks if b.kind == "table"][1]
    assert [r[2] for r in rows[1:]] == [format_value(values[k]) for k in KEY_METRICS]
    headings = [b.text for b in packet.content.blocks if b.kind == "heading2"]
    assert headings == [s.heading for s in chosen]
    assert check_docx(render_docx(packet.content), kind="visit_packet") == []
