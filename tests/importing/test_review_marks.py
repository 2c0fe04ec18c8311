"""Numbers bound on their value alone keep a `| 待核对` mark in the report they create, printed the same."""
from core.drafting.chips import needs_review
from core.drafting.document import preview_text
from core.importing.service import create_report_from_plan, plan_import
from core.importing.source import read_text
from core.metrics.periods import Period
from data_models import Section

TEXT = """东湖县政协2023年工作总结
一、2023年工作及成效
（一）强化政治引领
全年召开党组会议6次，专题研究湖区治理2次。"""


def _import(db_session, committee):
    plan = plan_import(db_session, committee.id, Period.year(2023), read_text(TEXT))
    report = create_report_from_plan(db_session, committee, Period.year(2023), plan)
    db_session.commit()
    return plan, report


def test_auto_bound_numbers_are_marked_in_the_section_and_print_as_typed(db_session, donghu):
    plan, report = _import(db_session, donghu)
    status = {n.text: (n.metric, n.auto) for n in plan.numbers}
    assert status["6次"][1] is False  # the name fits
    assert status["2次"][1] is True  # 专题研究 shares nothing with 主席会议次数: the value decided
    body = " ".join(s.body for s in db_session.query(Section).filter(Section.report_id == report.id))
    assert "{{ 党组会议次数 }}" in body  # bound by its name: no mark
    assert "{{ 主席会议次数 | 待核对 }}" in body
    text, warnings = preview_text(db_session, report.id)
    assert "全年召开党组会议6次，专题研究湖区治理2次。" in text  # printed as typed
    warnings = [w for w in warnings if w.code == "auto_number"]
    assert len(warnings) == 1 and "主席会议次数" in warnings[0].message and "自动识别" in warnings[0].message
    assert warnings[0].section_id is not None


def test_confirming_removes_the_warning(db_session, donghu):
    from core.drafting.chips import confirmed

    _plan, report = _import(db_session, donghu)
    section = next(s for s in db_session.query(Section).filter(Section.report_id == report.id)
                   if "待核对" in s.body)
    marked = "{{ 主席会议次数 | 待核对 }}"
    section.body = section.body.replace(marked, confirmed(marked))
    db_session.commit()
    assert "{{ 主席会议次数 }}" in section.body and not needs_review(section.body)
    text, warnings = preview_text(db_session, report.id)
    assert not [w for w in warnings if w.code == "auto_number"]
    assert "专题研究湖区治理2次。" in text
