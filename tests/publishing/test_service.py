import pytest
from sqlalchemy import select

from core import publishing
from core.rendering.format_check import check_docx
from data_models import AuditEvent, RenderedDocument, Section


def test_every_demo_report_renders_and_passes_the_checker(db_session, demo_reports):
    kinds = set()
    for report in demo_reports.values():
        document, created = publishing.publish(db_session, report.id)
        assert created and check_docx(document.docx) == [], (report.kind, check_docx(document.docx))
        kinds.add(report.kind)
    assert kinds >= {"annual_summary", "half_year_summary", "standing_committee_report", "news_interpretation",
                     "briefing", "experience_briefing"}


def test_render_keeps_a_version_with_hash_author_numbers_and_name(db_session, demo_reports):
    report = demo_reports[("东湖县政协", "annual_summary")]
    document, created = publishing.publish(db_session, report.id, user_id=None)
    db_session.commit()
    assert created and document.version == 1
    assert document.filename == "政协东湖县委员会2023年工作总结.docx"
    assert len(document.content_hash) == 64
    assert document.metric_values and all(isinstance(k, str) for k in document.metric_values)
    event = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "render")).one()
    assert event.object_id == document.id and event.committee_id == report.committee_id


def test_unchanged_report_reuses_its_latest_version(db_session, demo_reports):
    report = demo_reports[("东湖县政协", "briefing")]
    first, _ = publishing.publish(db_session, report.id)
    again, created = publishing.publish(db_session, report.id)
    assert again.id == first.id and not created
    section = db_session.scalars(select(Section).where(Section.report_id == report.id, Section.body != "")).first()
    section.body += "新增一句。"
    second, created = publishing.publish(db_session, report.id)
    assert created and second.version == 2 and second.content_hash != first.content_hash
    assert [d.version for d in publishing.versions(db_session, report.id)] == [2, 1]


def test_half_year_download_name(demo_reports):
    report = demo_reports[("清河市政协", "half_year_summary")]
    assert publishing.download_name(report, "pdf") == "政协清河市委员会2023年上半年工作总结.pdf"


def test_missing_report_is_a_clear_error(db_session):
    with pytest.raises(publishing.RenderError, match="不存在"):
        publishing.publish(db_session, 999)
    assert db_session.scalars(select(RenderedDocument)).all() == []
