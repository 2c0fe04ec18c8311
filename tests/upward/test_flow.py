"""The whole flow inside one deployment, on the demo: request, submit an approved report, 汇编, roll-up."""
import io
import os
import shutil

import pytest
from docx import Document
from sqlalchemy import select

from core.demo import load_demo
from core.metrics.periods import Period
from core.rendering.format_check import check_docx
from core.upward.compilation import compile_request
from core.upward.rollup import request_rollup, rollup_placeholders
from data_models import CollectionRequest, Report, ReviewEvent, Submission, TaskRun


@pytest.fixture
def full_demo(db_session):
    load_demo(db_session)
    db_session.commit()
    request = db_session.scalars(select(CollectionRequest)).one()
    west_report = db_session.scalars(select(Report).where(Report.status == "approved")).first()
    return request, west_report


def test_demo_is_idempotent(full_demo, db_session):
    load_demo(db_session)
    assert len(db_session.scalars(select(CollectionRequest)).all()) == 1


def test_county_submits_approved_report_city_compiles_and_adds_up(client, full_demo, db_session):
    request, report = full_demo
    client.login("xishan_reviewer")
    page = client.get(f"/upward/received/{request.id}").get_data(as_text=True)
    assert report.title in page
    done = client.post(f"/upward/received/{request.id}", data={"report_id": report.id}, follow_redirects=True)
    assert "已报送。" in done.get_data(as_text=True)

    submission = db_session.scalars(select(Submission)).one()
    assert submission.docx.startswith(b"PK") and check_docx(submission.docx) == []
    assert submission.metrics["schema_version"] == 1 and submission.metrics["values"]
    if shutil.which(os.environ.get("SOFFICE", "soffice")):
        assert submission.pdf.startswith(b"%PDF") and submission.pdf_note == ""
    else:
        assert submission.pdf is None and "LibreOffice" in submission.pdf_note
    db_session.refresh(report)
    assert report.status == "sent"
    sent = db_session.scalars(select(ReviewEvent).where(ReviewEvent.report_id == report.id)).all()[-1]
    assert (sent.action, sent.user_id is not None) == ("sent", True)

    client.logout()
    client.login("city_reviewer")
    detail = client.get(f"/upward/requests/{request.id}").get_data(as_text=True)
    assert "已报送" in detail and "待报送" in detail
    page = client.post(f"/upward/requests/{request.id}/compile", data={}, follow_redirects=True).get_data(as_text=True)
    assert "汇编已生成" in page  # a job (inline in tests); the page offers the file
    run_id = db_session.scalars(select(TaskRun.id).where(TaskRun.request_id == request.id)).one()
    book = client.get(f"/upward/requests/{request.id}/compile/{run_id}.docx")
    assert book.status_code == 200 and check_docx(book.data) == []
    texts = "".join(p.text for p in Document(io.BytesIO(book.data)).paragraphs)
    assert "西山县政协" in texts

    origin = {c.name: c.source.kind for c in request_rollup(db_session, request).contributions}
    # 东湖 has not submitted: its live ledger counts; the city's own ledger counts too
    assert origin == {"清河市政协": "ledger", "东湖县政协": "ledger", "西山县政协": "submission"}
    values = rollup_placeholders(db_session, request.committee_id, Period.year(2023))
    sent = {row["key"]: row["value"] for row in submission.metrics["values"]}
    label = next(v.label for v in values.values() if v.key == "party_group_meetings")
    assert label.startswith("全市") and values[label].breakdown["西山县政协"] == sent["party_group_meetings"]


def test_draft_report_cannot_be_submitted(client, full_demo, db_session):
    request, _ = full_demo
    draft = db_session.scalars(select(Report).where(Report.status == "draft", Report.kind == "annual_summary")).first()
    client.login("donghu_reviewer")
    response = client.post(f"/upward/received/{request.id}", data={"report_id": draft.id})
    assert response.status_code in (200, 302)
    assert db_session.scalars(select(Submission)).all() == []


def test_compile_command_writes_a_checked_docx(runner, full_demo, db_session, tmp_path):
    from core.upward.from_report import submit_report
    from data_models import User

    request, report = full_demo
    reviewer = db_session.scalars(select(User).where(User.username == "xishan_reviewer")).one()
    submit_report(db_session, request, report, reviewer)
    db_session.commit()
    out = tmp_path / "汇编.docx"
    result = runner.invoke(args=["compile", str(request.id), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "汇编已保存" in result.output and check_docx(out.read_bytes()) == []


def test_submission_returns_at_once_and_completes_as_a_job(client, full_demo, db_session, monkeypatch):
    from core.upward.submitting import SUBMIT_RUN
    from tasks.upward import submit

    queued = []
    monkeypatch.setattr(submit, "delay", lambda run_id: queued.append(run_id))  # a worker that has not started yet
    request, report = full_demo
    client.login("xishan_reviewer")
    page = client.post(f"/upward/received/{request.id}", data={"report_id": report.id},
                       follow_redirects=True).get_data(as_text=True)
    assert "已开始报送" in page and "排队中" in page
    assert db_session.scalars(select(Submission)).all() == []  # no package built inside the request
    run = db_session.get(TaskRun, queued[0])
    assert (run.name, run.report_id, run.state) == (SUBMIT_RUN, report.id, "pending")

    submit.apply((run.id,))  # the worker picks it up
    db_session.expire_all()  # the test's session spans requests; a real request starts afresh
    page = client.get(f"/upward/received/{request.id}").get_data(as_text=True)
    assert "已完成 — 已报送。" in page
    assert db_session.scalars(select(Submission)).one().title == report.title


def test_submission_refused_at_once_when_the_report_does_not_fit(client, full_demo, db_session, monkeypatch):
    from tasks.upward import submit

    queued = []
    monkeypatch.setattr(submit, "delay", lambda run_id: queued.append(run_id))
    request, report = full_demo
    report.status = "returned"  # no longer approved by the time the reviewer presses 报送
    db_session.commit()
    client.login("xishan_reviewer")
    page = client.post(f"/upward/received/{request.id}", data={"report_id": report.id}, follow_redirects=True)
    assert queued == [] and page.status_code == 200


def test_compilation_is_a_job_and_another_committee_cannot_download_it(client, full_demo, db_session, monkeypatch):
    from core.upward.from_report import submit_report
    from data_models import User
    from tasks.upward import compile_book

    request, report = full_demo
    submit_report(db_session, request, report, db_session.scalars(select(User).where(User.username == "xishan_reviewer")).one())
    db_session.commit()
    queued = []
    monkeypatch.setattr(compile_book, "delay", lambda run_id: queued.append(run_id))
    client.login("city_reviewer")
    page = client.post(f"/upward/requests/{request.id}/compile", data={}, follow_redirects=True).get_data(as_text=True)
    assert "正在生成汇编" in page and "排队中" in page  # the page returned before the book was built
    assert client.get(f"/upward/requests/{request.id}/compile/{queued[0]}.docx").status_code == 404

    compile_book.apply((queued[0],))
    assert client.get(f"/upward/requests/{request.id}/compile/{queued[0]}.docx").data.startswith(b"PK")
    client.logout()
    client.login("xishan_reviewer")
    assert client.get(f"/upward/requests/{request.id}/compile/{queued[0]}.docx").status_code == 404
