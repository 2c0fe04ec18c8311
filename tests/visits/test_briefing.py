"""Choosing briefing sections: only approved reports of the committee and period; trees kept whole."""
from datetime import date

import pytest

from core.visits.briefing import briefing_tree
from core.visits.service import VisitError, briefing_choices, choose_sections
from data_models import Report, Section


def add_report(db_session, committee_id, status="approved", year=2023):
    report = Report(committee_id=committee_id, kind="annual_summary", title=f"{year}年工作总结", status=status,
                    period_start=date(year, 1, 1), period_end=date(year, 12, 31))
    section = Section(node_type="section", key="political_guidance", heading="坚持党的领导", position=1)
    other = Section(node_type="section", key="consultation", heading="聚焦中心履职", position=2,
                    body="开展协商{{ 协商次数 }}次。")
    report.sections = [section, other]
    db_session.add(report)
    db_session.flush()
    item = Section(report_id=report.id, parent_id=section.id, node_type="item", lead="突出政治建设。",
                   body="召开党组会议{{ 党组会议次数 }}次。", position=1)
    db_session.add(item)
    db_session.commit()
    return report


def test_only_approved_reports_of_the_period_are_offered(db_session, visit, demo):
    approved = add_report(db_session, visit.committee_id)
    add_report(db_session, visit.committee_id, status="draft")
    add_report(db_session, visit.committee_id, year=2022)
    add_report(db_session, demo.county_a.id)
    choices = briefing_choices(db_session, visit)
    assert [(r.id, [s.heading for s in sections]) for r, sections in choices] == [
        (approved.id, ["坚持党的领导", "聚焦中心履职"])]


def test_section_of_a_draft_is_refused(db_session, visit):
    draft = add_report(db_session, visit.committee_id, status="draft")
    with pytest.raises(VisitError):
        choose_sections(db_session, visit, [s.id for s in draft.sections if s.heading == "坚持党的领导"])
    assert visit.section_ids == []


def test_briefing_tree_keeps_chosen_order_and_children(db_session, visit):
    report = add_report(db_session, visit.committee_id)
    first, second = (next(s for s in report.sections if s.heading == h) for h in ("坚持党的领导", "聚焦中心履职"))
    choose_sections(db_session, visit, [second.id, first.id])
    tree = briefing_tree(db_session, visit.section_ids, lambda text, _section: text.replace("{{ 党组会议次数 }}", "8"))
    assert [n.heading for n in tree] == ["聚焦中心履职", "坚持党的领导"]
    assert [(c.lead, c.body) for c in tree[1].children] == [("突出政治建设。", "召开党组会议8次。")]


def test_next_years_plans_are_not_offered(db_session, visit):
    report = add_report(db_session, visit.committee_id)
    plans = Section(report_id=report.id, node_type="part", key="next_points", heading="2024年工作要点", position=9)
    db_session.add(plans)
    db_session.flush()
    db_session.add(Section(report_id=report.id, parent_id=plans.id, node_type="section", key="consultation",
                           heading="围绕中心履职", position=1))
    db_session.commit()
    [(_, sections)] = briefing_choices(db_session, visit)
    assert [s.heading for s in sections] == ["坚持党的领导", "聚焦中心履职"]


def test_moving_the_period_drops_sections_of_other_years(db_session, visit):
    from core.visits.service import save_visit

    from .conftest import visit_input

    report = add_report(db_session, visit.committee_id)
    choose_sections(db_session, visit, [s.id for s in report.sections if s.node_type == "section"])
    save_visit(db_session, visit.committee_id, visit_input(period_start=date(2022, 1, 1), period_end=date(2022, 12, 31)),
               visit=visit)
    assert visit.section_ids == []


def test_sections_page_keeps_the_ids_and_drops_stray_values(client, db_session, visit):
    report = add_report(db_session, visit.committee_id)
    first = next(s for s in report.sections if s.heading == "坚持党的领导")
    client.login("xishan_drafter")
    page = client.post(f"/visits/{visit.id}/sections", follow_redirects=True,
                       data={"section_id": [str(first.id), "abc", "-3", "１"]}).get_data(as_text=True)
    assert "服务器出现错误" not in page
    db_session.expire_all()
    assert visit.section_ids == [first.id]
