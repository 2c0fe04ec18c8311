from sqlalchemy import select

from core.rendering.format_check import check_docx
from data_models import AuditEvent, RenderedDocument


def test_render_button_makes_a_version_to_download(client, db_session, demo_reports):
    report = demo_reports[("东湖县政协", "annual_summary")]
    client.login("donghu_drafter")
    page = client.post(f"/documents/reports/{report.id}/render", data={}, follow_redirects=True)
    html = page.get_data(as_text=True)
    assert "已开始生成公文格式文件" in html and "第1版" in html and "政协东湖县委员会2023年工作总结.docx" in html
    document = db_session.scalars(select(RenderedDocument)).one()
    got = client.get(f"/documents/{document.id}/docx")
    assert got.status_code == 200 and check_docx(got.data) == []
    assert "attachment" in got.headers["Content-Disposition"]
    assert db_session.scalars(select(AuditEvent).where(AuditEvent.action == "download")).one().object_id == document.id


def test_other_committee_cannot_see_or_download(client, db_session, demo_reports):
    from core import publishing

    report = demo_reports[("东湖县政协", "briefing")]
    document, _ = publishing.publish(db_session, report.id)
    db_session.commit()
    client.login("xishan_drafter")
    assert client.get(f"/documents/reports/{report.id}").status_code == 404
    assert client.get(f"/documents/{document.id}/docx").status_code == 404
    assert client.post(f"/documents/reports/{report.id}/render", data={}).status_code == 404
    assert db_session.scalars(select(RenderedDocument)).all() == [document]


def test_missing_pdf_is_a_message_not_an_error(client, db_session, demo_reports):
    from core import publishing

    document, _ = publishing.publish(db_session, demo_reports[("东湖县政协", "briefing")].id)
    db_session.commit()
    client.login("donghu_reviewer")
    page = client.get(f"/documents/{document.id}/pdf", follow_redirects=True)
    assert "该版本的 PDF 尚未生成" in page.get_data(as_text=True)


def test_batch_page_shows_progress_and_failures(client, demo_reports):
    client.login("city_reviewer")
    page = client.post("/documents/batch", data={"kind": "half_year_summary", "period": "2023H1"},
                       follow_redirects=True)
    html = page.get_data(as_text=True)
    assert "已处理 2 / 2" in html
    assert "政协东湖县委员会：没有这一期的该类文稿" in html


def test_batch_with_bad_period_changes_nothing(client, db_session, demo_reports):
    client.login("city_reviewer")
    page = client.post("/documents/batch", data={"kind": "annual_summary", "period": "去年"})
    assert "无法识别的统计期间" in page.get_data(as_text=True)
    assert db_session.scalars(select(RenderedDocument)).all() == []


def test_drafter_cannot_start_a_batch(client, demo_reports):
    client.login("city_drafter")
    assert client.post("/documents/batch", data={"kind": "annual_summary", "period": "2023"}).status_code == 403


def test_failed_pdf_can_be_converted_again(client, db_session, demo_reports):
    from core import publishing

    document, _ = publishing.publish(db_session, demo_reports[("东湖县政协", "briefing")].id)
    document.pdf_state, document.pdf_error = "failed", "PDF 转换超时（60秒）"
    db_session.commit()
    client.login("donghu_drafter")
    assert "PDF 转换超时" in client.get(f"/documents/reports/{document.report_id}").get_data(as_text=True)
    page = client.post(f"/documents/{document.id}/convert", data={}, follow_redirects=True)
    assert "已重新开始转换 PDF" in page.get_data(as_text=True)
    db_session.expire_all()
    assert document.pdf_state in ("done", "unavailable")  # unavailable: no LibreOffice on this machine
