"""Saving visits: Chinese validation that changes nothing, agenda and contacts replaced on edit."""
from datetime import date

import pytest
from sqlalchemy import func, select

from core.visits.service import VisitError, save_visit
from data_models import Visit, VisitAgendaItem

from .conftest import visit_input


def test_bad_visit_writes_nothing(db_session, demo):
    bad = visit_input(delegation=" ", size=0, end_date=date(2024, 5, 1),
                      agenda=[dict(day=date(2024, 6, 1), activity="")], contacts=[dict(name="")])
    with pytest.raises(VisitError) as error:
        save_visit(db_session, demo.county_b.id, bad)
    assert error.value.errors == [
        "请填写来访团组名称。", "结束日期不能早于开始日期。", "来访人数应为 1 至 500 之间的整数。",
        "第1行日程缺少活动内容。", "第1行日程的日期不在考察期间内。", "第1行联系人缺少姓名。",
    ]
    assert db_session.scalar(select(func.count()).select_from(Visit)) == 0


def test_edit_replaces_agenda_and_contacts(db_session, visit):
    save_visit(db_session, visit.committee_id, visit_input(agenda=[dict(activity="参观", day=None)], contacts=[]),
               visit=visit)
    db_session.commit()
    assert [(a.activity, a.day) for a in visit.agenda] == [("参观", date(2024, 5, 20))]
    assert visit.contacts == []
    assert db_session.scalar(select(func.count()).select_from(VisitAgendaItem)) == 1
