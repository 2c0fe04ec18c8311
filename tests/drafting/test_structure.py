"""Moving a section anywhere in the tree (the outline's drag, 移到…) and changing what a block is."""
import pytest
from sqlalchemy import select

from core.drafting.document import outline
from core.drafting.sections import InvalidEdit, place_section, set_node_type
from data_models import AuditEvent, Report, Section


def _headings(db_session, report):
    return {s.heading: s for s in db_session.scalars(select(Section).where(Section.report_id == report.id)) if s.heading}


def _numbered(db_session, report):
    return [f"{row.number}{row.section.heading[:6]}" for row in outline(db_session, report) if row.section.heading]


def test_a_section_moves_under_another_part_before_a_sibling(db_session, make_report):
    report = make_report()
    by_heading = _headings(db_session, report)
    supervision = next(s for h, s in by_heading.items() if h.startswith("坚持在民主监督"))
    next_part = next(s for h, s in by_heading.items() if h.endswith("年工作要点"))
    first_point = next(s for h, s in by_heading.items() if h.startswith("强化理论学习"))
    place_section(db_session, supervision, next_part.id, first_point.id)
    numbered = _numbered(db_session, report)
    assert numbered[numbered.index("二、{{ 下一年") + 1:][:2] == ["（一）坚持在民主监", "（二）强化理论学习"]
    assert "（三）坚持在发挥政" in numbered  # the old siblings closed the gap


def test_a_section_cannot_go_under_itself_or_below_its_children(db_session, make_report):
    report = make_report()
    part = next(s for s in db_session.scalars(select(Section).where(Section.report_id == report.id,
                                                                    Section.node_type == "part")))
    child = db_session.scalars(select(Section).where(Section.parent_id == part.id)).first()
    for parent_id in (part.id, child.id):
        with pytest.raises(InvalidEdit):
            place_section(db_session, part, parent_id)


def test_changing_the_kind_of_a_block_renumbers_it(db_session, make_report):
    report = make_report()
    section = next(s for h, s in _headings(db_session, report).items() if h.startswith("坚持在民主监督"))
    set_node_type(db_session, section, "subsection")
    assert section.node_type == "subsection"
    with pytest.raises(InvalidEdit):
        set_node_type(db_session, section, "chapter")


def test_place_and_kind_routes_are_audited_and_refuse_with_chinese(client, demo, db_session):
    client.login("donghu_drafter")
    client.post("/reports/new", data={"kind": "annual_summary", "period": "2023"})
    report = db_session.scalars(select(Report)).one()
    part, *_ = db_session.scalars(select(Section).where(Section.report_id == report.id, Section.node_type == "part"))
    section = db_session.scalars(select(Section).where(Section.parent_id == part.id, Section.node_type == "section")).first()
    client.post(f"/reports/{report.id}/sections/{section.id}/place", data={"parent_id": "", "before_id": part.id})
    client.post(f"/reports/{report.id}/sections/{section.id}/kind", data={"node_type": "item"})
    db_session.expire_all()
    assert (section.parent_id, section.node_type) == (None, "item")
    actions = db_session.scalars(select(AuditEvent.action).where(AuditEvent.action.in_(["section.move", "section.kind"]))).all()
    assert sorted(actions) == ["section.kind", "section.move"]
    html = client.post(f"/reports/{report.id}/sections/{part.id}/place", data={"parent_id": part.id},
                       follow_redirects=True).get_data(as_text=True)
    assert "上级节点无效" in html


def test_new_sibling_lands_right_after_its_block(client, demo, db_session):
    client.login("donghu_drafter")
    client.post("/reports/new", data={"kind": "annual_summary", "period": "2023"})
    report = db_session.scalars(select(Report)).one()
    first = next(s for h, s in _headings(db_session, report).items() if h.startswith("坚持在强化政治引领"))
    client.post(f"/reports/{report.id}/sections", data={"node_type": "section", "after_id": first.id, "heading": "新的一节"})
    numbered = _numbered(db_session, report)
    assert numbered[1:4] == ["（一）坚持在强化政", "（二）新的一节", "（三）坚持在服务高"]
