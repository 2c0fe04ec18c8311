import re
"""A packet for the demo committee: numbers from the metrics engine, text merged for the visit's period,
a .docx that passes the format checker."""
import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from core.metrics.engine import compute_metrics
from core.metrics.periods import Period
from core.rendering.docx import render_docx
from core.rendering.format_check import check_docx
from core.visits.packet import KEY_METRICS, build_packet, format_value
from core.visits.service import choose_sections

from .test_briefing import add_report


@pytest.fixture
def ledger(db_session, demo):
    from core.demo import ledger

    ledger.seed(db_session)
    db_session.commit()


@pytest.fixture
def briefed_visit(db_session, visit, ledger):
    report = add_report(db_session, visit.committee_id)
    choose_sections(db_session, visit, [s.id for s in report.sections if s.node_type == "section"])
    db_session.commit()
    return visit


def _tables(content):
    return [b.rows for b in content.blocks if b.kind == "table"]


def test_metrics_table_holds_the_engines_numbers(db_session, briefed_visit):
    content = build_packet(db_session, briefed_visit.id)
    values = compute_metrics(db_session, briefed_visit.committee_id, Period.year(2023), keys=list(KEY_METRICS))
    expected = [[values[k].label, format_value(values[k]), "" if values[k].unit == "%" else values[k].unit]
                for k in KEY_METRICS]
    rows = _tables(content)[1]
    assert [row[1:] for row in rows[1:]] == expected
    rate = next(row[2] for row in rows if row[1] == "办结率")  # one decimal at most, always with %
    assert re.fullmatch(r"\d{1,3}(\.\d)?%", rate) and float(rate[:-1]) <= 100
    assert all(values[k].value for k in KEY_METRICS)  # the demo ledger gives every key metric a number


def test_section_text_is_merged_for_the_visits_period(db_session, briefed_visit):
    from sqlalchemy import func, select

    from data_models import Report

    reports = db_session.scalar(select(func.count()).select_from(Report))
    content = build_packet(db_session, briefed_visit.id)
    db_session.flush()
    assert db_session.scalar(select(func.count()).select_from(Report)) == reports  # building writes nothing
    item = next(b for b in content.blocks if b.kind == "item")
    count = compute_metrics(db_session, briefed_visit.committee_id, Period.year(2023), keys=["party_group_meetings"])
    assert item.text == f"召开党组会议{count['party_group_meetings'].value}次。"
    half = compute_metrics(db_session, briefed_visit.committee_id, Period.half(2023, 1), keys=["party_group_meetings"])
    briefed_visit.period_end = Period.half(2023, 1).end
    item = next(b for b in build_packet(db_session, briefed_visit.id).blocks if b.kind == "item")
    assert item.text == f"召开党组会议{half['party_group_meetings'].value}次。"


def test_packet_renders_and_passes_the_format_checker(db_session, briefed_visit):
    data = render_docx(build_packet(db_session, briefed_visit.id))
    assert check_docx(data, kind="visit_packet") == []
    doc = Document(io.BytesIO(data))
    texts = [p.text for p in doc.paragraphs]
    assert "尊敬的李明主席，各位领导，同志们：" in texts
    assert any("汇报完毕" in t for t in texts)
    assert len(doc.tables) == 4
    for table in doc.tables:  # official tables: header style, borders, header row repeated on each page
        header = table.rows[0]._tr
        assert header.find(".//" + qn("w:tblHeader")) is not None
        assert table.rows[0].cells[0].paragraphs[0].style.style_id == "GwTableHeader"
        assert table._tbl.tblPr.find(qn("w:tblBorders")) is not None
    assert doc.tables[2].rows[1].cells[3].text == "实地考察"


def test_unknown_placeholder_is_warned(db_session, briefed_visit):
    from core.visits.packet import assemble

    warnings = assemble(db_session, briefed_visit.id).warnings
    assert warnings == ["“聚焦中心履职”引用了未知的指标“协商次数”。"]
