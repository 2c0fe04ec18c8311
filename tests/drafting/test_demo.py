from sqlalchemy import func, select

from core.demo import load_demo
from core.drafting.document import assemble, as_text
from data_models import Report, ReviewEvent, Section


def test_demo_reports_every_kind_and_idempotent(db_session):
    """Loading twice gives the same reports (how fast it loads is benchmarks/demo.py's question)."""
    load_demo(db_session)
    db_session.commit()
    load_demo(db_session)
    db_session.commit()
    reports = db_session.scalars(select(Report).order_by(Report.id)).all()
    assert len(reports) == 7
    assert {r.kind for r in reports} >= {"annual_summary", "half_year_summary", "standing_committee_report",
                                         "news_interpretation", "briefing", "experience_briefing"}
    approved = [r for r in reports if r.status == "approved"]
    assert [r.committee.short_name for r in approved] == ["西山县政协"]
    assert db_session.scalar(select(func.count()).select_from(ReviewEvent).where(
        ReviewEvent.report_id == approved[0].id, ReviewEvent.action == "approved")) == 1


def test_demo_annual_report_follows_reference_000(db_session, filters):
    load_demo(db_session)
    db_session.commit()
    report = db_session.scalars(select(Report).where(Report.kind == "annual_summary", Report.status == "draft")).one()
    sections = db_session.scalars(select(Section).where(Section.report_id == report.id)).all()
    placeholders = sum(s.body.count("{{") + s.lead.count("{{") for s in sections)
    assert placeholders == 43  # every * of reference 000
    assert not any("*" in s.body.replace("{{", "").replace("}}", "") for s in sections)
    text = as_text(assemble(db_session, report, filters=filters).content)
    assert "一、2023年主要工作及成效" in text and "（五）坚持固本强基，自身建设全面加强" in text and "二、2024年工作要点" in text
    assert "深化理论学习。把学习贯彻党的创新理论作为履职第一课" in text


def test_demo_half_year_report_follows_reference_001(db_session, filters):
    load_demo(db_session)
    db_session.commit()
    report = db_session.scalars(select(Report).where(Report.kind == "half_year_summary")).one()
    text = as_text(assemble(db_session, report, filters=filters).content)
    assert "2023年上半年工作回顾\n一、坚持在政治引领上下功夫" in text
    assert "一是把党的领导落到实处。" in text and "2023年下半年工作打算" in text


def test_demo_kinds_number_as_their_styles(db_session, filters):
    load_demo(db_session)
    db_session.commit()
    texts = {r.kind: as_text(assemble(db_session, r, {}, filters).content)
             for r in db_session.scalars(select(Report).where(Report.committee.has(short_name="东湖县政协")))}
    assert "\n2023年工作回顾\n■政治引领有力\n●理论武装持续深化。" in texts["news_interpretation"]
    assert "\n2024年主要任务\n■把稳思想之舵\n●坚持党的全面领导。" in texts["news_interpretation"]
    assert "\n一、坚持党的领导，把牢基层协商正确方向\n一是把党的领导贯穿协商全过程。" in texts["experience_briefing"]
    assert "。二是把制度建设作为基础工程。" in texts["experience_briefing"]
    assert "\n四、健全工作机制，推动协商成果落地见效\n一是建立成果转化机制。" in texts["experience_briefing"]
    standing = texts["standing_committee_report"].splitlines()
    assert standing[1:4] == ["——在政协东湖县第十届委员会第二次会议上", "县政协主席　李华", "（2024年1月8日）"]
    assert standing[4] == "各位委员："
    assert "（六）加强自身建设，履职能力不断提升" in standing
    assert texts["briefing"].splitlines()[1] == "尊敬的李主席，各位领导、同志们："
