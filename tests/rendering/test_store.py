from sqlalchemy import select

from core.rendering import store
from core.rendering.format_check import check_docx
from data_models import AuditEvent, RenderedDocument

from .conftest import make_report


def test_render_keeps_a_version_with_hash_author_and_name(db_session, demo, fake_drafting):
    report = make_report(db_session, demo.county_a)
    document, created = store.render_report(db_session, report.id, user_id=None)
    db_session.commit()
    assert created and document.version == 1
    assert document.filename == "政协东湖县委员会2023年工作总结.docx"
    assert len(document.content_hash) == 64
    assert document.metric_values == {"meetings": 12}
    assert check_docx(document.docx) == []
    event = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "render")).one()
    assert event.object_id == document.id and event.committee_id == demo.county_a.id


def test_unchanged_report_reuses_its_latest_version(db_session, demo, fake_drafting):
    report = make_report(db_session, demo.county_a)
    first, _ = store.render_report(db_session, report.id)
    again, created = store.render_report(db_session, report.id)
    assert again.id == first.id and not created
    report.title = "政协东湖县委员会2023年工作总结（修订）"
    second, created = store.render_report(db_session, report.id)
    assert created and second.version == 2
    assert store.version_count(db_session, report.id) == 2


def test_half_year_download_name(db_session, demo, fake_drafting):
    report = make_report(db_session, demo.county_b, kind="half_year_summary")
    assert store.download_name(report, "pdf") == "政协西山县委员会2023年上半年工作总结.pdf"


def test_missing_report_is_a_clear_error(db_session):
    import pytest

    with pytest.raises(store.RenderError, match="不存在"):
        store.render_report(db_session, 999)
    assert db_session.scalars(select(RenderedDocument)).all() == []
