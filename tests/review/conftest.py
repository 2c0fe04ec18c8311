"""Fixtures for the review workflow: a demo report with a small section tree."""
from datetime import date

import pytest
from sqlalchemy import select

from data_models import Report, Section, User


def gen_report(session, committee, owner=None, status="draft", title="2024年工作总结") -> Report:
    """A report with a part, a section under it and an item under that."""
    report = Report(committee_id=committee.id, kind="annual_summary", title=title, status=status,
                    period_start=date(2024, 1, 1), period_end=date(2024, 12, 31), settings={"speaker": "主席"})
    session.add(report)
    session.flush()
    part = Section(report_id=report.id, position=0, node_type="part", heading="2024年工作总结")
    session.add(part)
    session.flush()
    section = Section(report_id=report.id, parent_id=part.id, position=0, node_type="section",
                      key="political_guidance", heading="坚持在强化政治引领上持续用力",
                      owner_id=owner.id if owner else None)
    session.add(section)
    session.flush()
    session.add(Section(report_id=report.id, parent_id=section.id, position=0, node_type="item",
                        lead="不断强化理论武装。", body="全年开展学习{{ 学习次数 }}次。"))
    session.commit()
    return report


def user(session, username: str) -> User:
    return session.scalars(select(User).where(User.username == username)).one()


@pytest.fixture
def report(db_session, demo):
    return gen_report(db_session, demo.county_a, owner=user(db_session, "donghu_drafter"))


@pytest.fixture
def other_report(db_session, demo):
    """A report of the other county (xishan)."""
    return gen_report(db_session, demo.county_b, title="西山县2024年工作总结")
