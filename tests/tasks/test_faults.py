"""Faults: a process killed mid-job (kill -9) leaves no run "running" for ever and no LibreOffice behind.

Each test starts its own child process, kills it, and stops anything left over itself; the waits
are bounded deadlines, never assertions on time.
"""
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select as sql_select

from core import jobs
from core.config import PROJECT_ROOT
from core.ledger.uploads import add_import
from core.metrics.definitions import seed_catalogue
from data_models import Record, TaskRun
from tasks.runs import sweep
from tests.ledger.test_excel import workbook
from tests.support import need

# A job that starts, says so, and hangs: the process running it is then killed.
HANGING_JOB = """
import sys, time
from core import db
from core.jobs import run_job
db.configure(sys.argv[1])
with run_job(int(sys.argv[2])) as job:
    print("started", flush=True)
    time.sleep(300)
"""

# A process converting a document with a LibreOffice that hangs (a fake soffice that writes its pid
# and sleeps), through the cold path or the kept UNO bridge.
CONVERTING = """
import sys
from core.rendering import pdf
convert = pdf.convert_cold if sys.argv[2] == "cold" else pdf.KeptOffice(sys.argv[1]).convert
convert(b"not really a docx", **({"soffice": sys.argv[1]} if sys.argv[2] == "cold" else {}), timeout=300)
"""
HANGING_SOFFICE = """#!/bin/sh
echo $$ > "$(dirname "$0")/pid"
exec sleep 300
"""


def _start(script: str, *args: str, tmp: Path | None = None) -> subprocess.Popen:
    """The child process; given `tmp`, its temporary files go there (a killed child cannot remove them)."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "TASK_MODE": "eager", **({"TMPDIR": str(tmp)} if tmp else {})}
    return subprocess.Popen([sys.executable, "-c", script, *args], cwd=PROJECT_ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)


def _first_line(proc: subprocess.Popen, seconds: float) -> str:
    ready, _, _ = select.select([proc.stdout], [], [], seconds)
    line = proc.stdout.readline().strip() if ready else ""
    if not line:
        proc.kill()
        proc.wait()
        pytest.fail("the child process did not start its job")
    return line


def _kill9(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait()


@pytest.fixture
def import_run(db_session, demo):
    """A background import of two valid rows, queued (pending) as the web page leaves it."""
    seed_catalogue(db_session)
    rows = [["类型", "日期", "标题"], ["党组会议", "2023-03-01", "第一次党组会议"], ["党组会议", "2023-06-01", "第二次党组会议"]]
    run = add_import(db_session, demo.county_a.id, None, "大文件.xlsx", workbook({"会议": rows}))
    db_session.commit()
    return run


def test_killed_worker_run_is_failed_with_a_retry_that_works(app, client, db_session, database_url, import_run):
    proc = _start(HANGING_JOB, database_url, str(import_run.id))
    assert _first_line(proc, 120) == "started"
    _kill9(proc)  # the worker dies mid-job: nothing of the job was committed
    db_session.expire_all()
    assert db_session.get(TaskRun, import_run.id).state == "running"

    assert sweep() == 1  # what a restarted web process or worker does first
    db_session.expire_all()
    run = db_session.get(TaskRun, import_run.id)
    assert (run.state, run.message) == ("failed", jobs.ORPHANED)
    assert db_session.scalar(sql_select(func.count(Record.id))) == 0

    client.login("donghu_drafter")
    page = client.get(f"/ledger/imports/{run.id}").get_data(as_text=True)
    assert "后台任务已中断" in page and "重试" in page
    client.post(f"/runs/{run.id}/retry", data={"next": f"/ledger/imports/{run.id}"})
    db_session.expire_all()
    run = db_session.get(TaskRun, import_run.id)
    assert (run.state, run.result) == ("succeeded", {"records": 2})
    assert db_session.scalar(sql_select(func.count(Record.id))) == 2


def test_live_worker_and_finished_runs_are_left_alone(app, db_session, import_run):
    running = jobs.create_run(db_session, "导入台账")
    running.state, running.worker = "running", jobs.this_worker()  # this very process: alive
    elsewhere = jobs.create_run(db_session, "导入台账")
    elsewhere.state, elsewhere.worker = "running", "another-host:1"
    elsewhere.heartbeat_at = jobs.utcnow()  # beat just now on another machine
    db_session.commit()
    assert sweep() == 0
    db_session.expire_all()
    assert db_session.get(TaskRun, running.id).state == "running"
    assert db_session.get(TaskRun, import_run.id).state == "pending"  # with a broker, pending waits in the queue


def test_silent_worker_on_another_host_is_failed(app, db_session):
    run = jobs.create_run(db_session, "导入台账")
    run.state, run.worker = "running", "another-host:1"
    run.heartbeat_at = jobs.utcnow() - jobs.STALE_AFTER * 2
    db_session.commit()
    assert sweep() == 1
    db_session.expire_all()
    assert db_session.get(TaskRun, run.id).state == "failed"


def test_embedded_mode_fails_runs_queued_in_a_dead_process(app, db_session, import_run):
    assert sweep(queued_before=jobs.utcnow() + jobs.STALE_AFTER) == 1
    db_session.expire_all()
    assert db_session.get(TaskRun, import_run.id).message == jobs.ORPHANED


@pytest.mark.parametrize("path", ["cold", "kept"])
def test_hanging_libreoffice_dies_with_the_killed_process(path, tmp_path):
    from core.rendering import pdf

    if path == "kept":
        need(pdf.uno_python() is not None, "需要 python3-uno（常驻 LibreOffice 的桥接进程）")
    soffice = tmp_path / "soffice"
    soffice.write_text(HANGING_SOFFICE)
    soffice.chmod(0o755)
    proc = _start(CONVERTING, str(soffice), path, tmp=tmp_path)
    pid = _wait_for_pid(tmp_path / "pid", proc)
    _kill9(proc)  # the worker dies while LibreOffice is stuck on a document
    deadline = time.time() + 30
    while _alive(pid) and time.time() < deadline:
        time.sleep(0.2)
    left = _alive(pid)
    if left:  # clean up before failing, so a failure leaves nothing running
        os.kill(pid, signal.SIGKILL)
    assert not left, "LibreOffice outlived the process that started it"


def _wait_for_pid(path: Path, proc: subprocess.Popen) -> int:
    deadline = time.time() + 120
    while not (path.exists() and path.read_text().strip()) and time.time() < deadline:
        time.sleep(0.1)
    if not path.exists():
        _kill9(proc)
        pytest.fail("the fake LibreOffice never started")
    return int(path.read_text())


def _alive(pid: int) -> bool:
    """Running, and not a zombie waiting for a reaper."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def test_embedded_restart_queues_lost_pdf_conversions_again(app, db_session, demo, monkeypatch):
    from core.drafting.reports import create_report
    from core.metrics.periods import Period
    from core import publishing
    from data_models import RenderedDocument
    from tasks.rendering import convert_pdf

    queued = []
    monkeypatch.setattr(convert_pdf, "delay", lambda document_id: queued.append(document_id))
    report = create_report(db_session, demo.county_a, "briefing", Period.year(2023), "")
    document, _ = publishing.publish(db_session, report.id)
    db_session.commit()
    assert document.pdf_state == "pending"  # its conversion was queued in a process that died
    sweep(queued_before=jobs.utcnow() + jobs.STALE_AFTER)
    assert queued == [document.id]
    assert db_session.get(RenderedDocument, document.id).pdf_state == "pending"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.com", "/\\evil.com", "javascript:alert(1)"])
def test_retry_goes_back_only_within_the_site(client, import_run, target):
    client.login("donghu_drafter")  # a pending run is not retried: the page says so and goes back
    response = client.post(f"/runs/{import_run.id}/retry", data={"next": target})
    assert response.status_code == 302 and response.headers["Location"] == "/"
