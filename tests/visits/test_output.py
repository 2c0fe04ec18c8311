"""Packets rendered from the page and the CLI: every version kept, downloads scoped to the committee."""
import pytest
from sqlalchemy import func, select

from core.rendering.format_check import check_docx
from data_models import RenderedDocument

from .test_packet import briefed_visit, ledger  # noqa: F401  (fixtures)


def test_render_from_page_keeps_versions_and_downloads(client, briefed_visit, db_session):
    client.login("xishan_drafter")
    page = client.post(f"/visits/{briefed_visit.id}/render", data={}, follow_redirects=True).get_data(as_text=True)
    assert "正在后台生成交流考察材料" in page and "第1版" in page
    client.post(f"/visits/{briefed_visit.id}/render", data={})  # unchanged: the version is reused
    briefed_visit.size = 15
    db_session.commit()
    client.post(f"/visits/{briefed_visit.id}/render", data={})
    documents = db_session.scalars(select(RenderedDocument).order_by(RenderedDocument.version)).all()
    assert [d.version for d in documents] == [1, 2]
    response = client.get(f"/visits/{briefed_visit.id}/packets/{documents[1].id}/docx")
    assert response.status_code == 200 and response.data == documents[1].docx
    assert check_docx(response.data, kind="visit_packet") == []
    listing = client.get("/visits/").get_data(as_text=True)
    assert "第2版" in listing and "第1版" in listing


def test_other_committee_cannot_render_or_download(client, briefed_visit, db_session):
    client.login("xishan_drafter")
    client.post(f"/visits/{briefed_visit.id}/render", data={})
    document_id = db_session.scalar(select(RenderedDocument.id))
    client.logout()
    client.login("donghu_admin")
    assert client.post(f"/visits/{briefed_visit.id}/render", data={}).status_code == 404
    assert client.get(f"/visits/{briefed_visit.id}/packets/{document_id}/docx").status_code == 404
    assert db_session.scalar(select(func.count()).select_from(RenderedDocument)) == 1


def test_cli_writes_the_packet(runner, briefed_visit, tmp_path, db_session):
    out = tmp_path / "packet.docx"
    result = runner.invoke(args=["render-packet", str(briefed_visit.id), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "第1版" in result.output and check_docx(out.read_bytes(), kind="visit_packet") == []
    assert db_session.scalars(select(RenderedDocument)).one().pdf_state != "pending"  # PDF made or marked unavailable
    missing = runner.invoke(args=["render-packet", "999", "-o", str(out)])
    assert missing.exit_code != 0 and "找不到编号为 999 的考察接待" in missing.output


def test_visit_page_lists_merge_warnings(client, briefed_visit):
    client.login("xishan_drafter")
    page = client.get(f"/visits/{briefed_visit.id}").get_data(as_text=True)
    assert "引用了未知的指标“协商次数”" in page and "坚持党的领导" in page


def test_packet_pdf_is_made_after_the_word_file(client, briefed_visit, db_session):
    import shutil

    from tests.support import need

    need(shutil.which("soffice") is not None, "需要 LibreOffice（soffice）生成 PDF")
    client.login("xishan_drafter")
    client.post(f"/visits/{briefed_visit.id}/render", data={})
    document = db_session.scalars(select(RenderedDocument)).one()
    db_session.refresh(document)
    assert document.pdf_state == "done", document.pdf_error
    response = client.get(f"/visits/{briefed_visit.id}/packets/{document.id}/pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")


@pytest.mark.live_worker
def test_packet_renders_on_the_real_worker(worker_app, demo):
    """The packet's Word file and PDF are made by a real Celery worker (PostgreSQL pass)."""
    import time

    from app.extensions import db
    from core.publishing.packets import start_packet_render
    from core.visits.service import save_visit
    from data_models import TaskRun
    from tasks.rendering import render_report

    from .conftest import visit_input

    visit = save_visit(db.session, demo.county_b.id, visit_input())
    run = start_packet_render(db.session, visit, None)
    db.session.commit()
    render_report.delay(run.id)
    deadline, document = time.time() + 120, None
    while time.time() < deadline and (document is None or document.pdf_state == "pending"):
        time.sleep(0.5)
        db.session.expire_all()
        document = db.session.scalars(select(RenderedDocument)).first()
    assert db.session.get(TaskRun, run.id).state == "succeeded"
    assert check_docx(document.docx, kind="visit_packet") == []
    assert document.pdf_state in ("done", "unavailable")
    assert document.pdf_state != "done" or document.pdf.startswith(b"%PDF")


def test_other_pages_list_the_packet_report(client, briefed_visit, db_session):
    client.login("xishan_drafter")
    client.post(f"/visits/{briefed_visit.id}/render", data={})
    db_session.refresh(briefed_visit)
    for url in ("/", "/reports/", "/documents/", f"/documents/reports/{briefed_visit.report.id}"):
        response = client.get(url, follow_redirects=True)
        assert response.status_code == 200, url
        assert "政协东湖县委员会考察团来西山县交流考察材料" in response.get_data(as_text=True), url


def test_a_drafted_visit_packet_report_still_renders_from_its_sections(db_session, demo):
    from datetime import date

    from core import publishing
    from data_models import Report, Section

    report = Report(committee_id=demo.county_b.id, kind="visit_packet", title="交流考察汇报", settings={},
                    period_start=date(2023, 1, 1), period_end=date(2023, 12, 31))
    report.sections = [Section(node_type="section", heading="抓学习", body="深化理论学习。")]
    db_session.add(report)
    db_session.commit()
    assert "抓学习" in [b.text for b in publishing.document_for(db_session, report).blocks]


def test_packet_ofd_from_the_visit_page_keeps_tables_and_text(client, briefed_visit, db_session, tmp_path):
    import re
    import shutil
    import subprocess

    import ofdkit

    from tests.rendering.ofd_support import ofd_cli, pdf_text, run_ofd_cli, squeeze
    from tests.support import need

    need(shutil.which("soffice") is not None and shutil.which("pdftotext") is not None, "需要 LibreOffice 和 pdftotext")
    need(ofd_cli() is not None, "需要 ofd-cli（scripts/install_system_deps.sh）")
    client.login("xishan_drafter")
    client.post(f"/visits/{briefed_visit.id}/render", data={})
    document = db_session.scalars(select(RenderedDocument)).one()
    assert "生成 OFD" in client.get(f"/visits/{briefed_visit.id}").get_data(as_text=True)
    page = client.post(f"/visits/{briefed_visit.id}/packets/{document.id}/ofd", data={}, follow_redirects=True)
    assert "已开始生成 OFD" in page.get_data(as_text=True)
    db_session.refresh(document)
    assert document.ofd_state == "done", document.ofd_error
    response = client.get(f"/visits/{briefed_visit.id}/packets/{document.id}/ofd")
    assert response.status_code == 200 and response.mimetype == "application/ofd"
    (tmp_path / "p.ofd").write_bytes(response.data)
    (tmp_path / "p.pdf").write_bytes(document.pdf)
    assert run_ofd_cli("check", str(tmp_path / "p.ofd")).returncode == 0
    # Every character, each as often: two extractors may read a table's cells in different orders.
    assert sorted(squeeze(ofdkit.extract_text(response.data))) == sorted(squeeze(pdf_text(tmp_path / "p.pdf")))
    info = subprocess.run(["pdfinfo", str(tmp_path / "p.pdf")], capture_output=True, text=True).stdout
    with ofdkit.open(response.data) as ofd:  # the PDF's first /Count may be its bookmarks' (headings' outline)
        assert len(ofd.pages) == int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert b"PathObject" in subprocess.run(["unzip", "-p", str(tmp_path / "p.ofd")], capture_output=True).stdout
