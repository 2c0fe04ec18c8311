"""A passage pasted into one block splits into blocks by its numbering, read as the importer reads it,
and one undo puts everything back."""
import pytest
from sqlalchemy import select

from core.drafting import sections as sec
from core.drafting.document import outline, preview_text
from core.drafting.reports import create_report
from core.importing import paste
from core.metrics.periods import parse_period
from data_models import Section
from tests.importing.documents import PASSAGE



@pytest.fixture
def report(db_session, demo):
    report = create_report(db_session, demo.county_a, "annual_summary", parse_period("2024"))
    db_session.commit()
    return report


def _sections(db_session, report, node_type="section"):
    db_session.expire_all()
    return db_session.scalars(select(Section).where(Section.report_id == report.id, Section.node_type == node_type)
                              .order_by(Section.position, Section.id)).all()


def test_the_plan_keeps_the_leading_text_and_reads_levels_by_numbering(report):
    plan = paste.plan_split(report, PASSAGE)
    assert plan.keep == "全年围绕中心工作履职尽责。"
    assert [(p.heading, p.body, p.level) for p in plan.pieces] == [
        ("聚焦乡村振兴建言献策", "组织委员深入东湖县各乡镇开展专题调研。", 3),
        ("聚焦民生实事协商议政", "围绕养老服务召开专题协商会。", 3),
        ("加强自身建设", "开展委员履职培训。", 2)]


def test_plain_paragraphs_do_not_split(report):
    assert paste.plan_split(report, "第一段。\n第二段。").pieces == []
    assert paste.plan_split(report, "").pieces == []


def test_split_places_lower_levels_below_the_block_and_the_same_level_beside_it(db_session, report):
    first, second, *_ = _sections(db_session, report)
    first.body = PASSAGE
    db_session.commit()
    previous, created = paste.split_section(db_session, report, first, first.version)
    db_session.commit()
    assert previous == PASSAGE
    rows = [(row.number, row.section.heading or row.section.body) for row in outline(db_session, report)]
    at = rows.index(next(r for r in rows if r[1] == first.heading))
    assert rows[at][0] == "（一）"
    assert rows[at + 1] == ("1.", "聚焦乡村振兴建言献策")  # a lower level: below the block
    assert rows[at + 2] == ("2.", "聚焦民生实事协商议政")
    assert rows[at + 3] == ("（二）", "加强自身建设")  # the block's own level: beside it, numbered on
    assert rows[at + 4] == ("（三）", second.heading)
    assert [s.node_type for s in created] == ["subsection", "subsection", "section"]
    db_session.expire_all()
    assert db_session.get(Section, first.id).body == "全年围绕中心工作履职尽责。"
    text, _ = preview_text(db_session, report.id)
    assert "组织委员深入东湖县各乡镇开展专题调研。" in text and "开展委员履职培训。" in text


def test_undo_restores_the_block_and_removes_the_new_blocks(db_session, report):
    first = _sections(db_session, report)[0]
    first.body = PASSAGE
    db_session.commit()
    before = [row.section.id for row in outline(db_session, report)]
    previous, created = paste.split_section(db_session, report, first, first.version)
    db_session.commit()
    versions = {s.id: s.version for s in created}
    paste.undo_split(db_session, report, first, first.version, previous, versions)
    db_session.commit()
    assert [row.section.id for row in outline(db_session, report)] == before
    assert db_session.get(Section, first.id).body == PASSAGE


def test_undo_after_a_later_edit_is_refused_and_loses_nothing(db_session, report):
    first = _sections(db_session, report)[0]
    first.body = PASSAGE
    db_session.commit()
    previous, created = paste.split_section(db_session, report, first, first.version)
    db_session.commit()
    versions = {s.id: s.version for s in created}
    seen = first.version
    sec.save_section(db_session, created[0], seen_version=created[0].version, heading="改过的标题", lead="",
                     body=created[0].body, user_id=None)
    db_session.commit()
    with pytest.raises(paste.SplitRefused, match="无法整体撤销"):
        paste.undo_split(db_session, report, first, seen, previous, versions)
    db_session.rollback()
    assert db_session.get(Section, created[0].id).heading == "改过的标题"


def test_a_stale_version_is_refused(db_session, report):
    first = _sections(db_session, report)[0]
    first.body = PASSAGE
    db_session.commit()
    with pytest.raises(paste.SplitRefused, match="已被修改"):
        paste.split_section(db_session, report, first, first.version - 1)
