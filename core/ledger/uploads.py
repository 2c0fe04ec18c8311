"""Background imports: keep the upload, add a TaskRun, enqueue after commit; the job reports progress."""
from sqlalchemy.orm import Session

from core import audit, db, jobs
from data_models import LedgerUpload, TaskRun

from .excel import import_workbook
from .records import LedgerError, format_error

IMPORT_RUN = "导入台账"


def queue_import(session: Session, committee_id: int, user_id: int | None, filename: str, data: bytes) -> TaskRun:
    """Store the file and a pending run, commit, then enqueue (the worker never sees an uncommitted row)."""
    upload = LedgerUpload(committee_id=committee_id, filename=filename[:200], data=data, created_by_id=user_id)
    session.add(upload)
    session.flush()
    run = jobs.create_run(session, IMPORT_RUN, committee_id=committee_id, user_id=user_id,
                          params={"upload_id": upload.id, "filename": filename})
    session.commit()
    from tasks.ledger import import_records

    import_records.delay(run.id)
    return run


def run_import(run_id: int) -> None:
    """The job's body: import all rows in one transaction; progress goes through its own session."""
    with db.session_scope() as session:
        run = session.get(TaskRun, run_id)
        if run is None or run.state == "succeeded":
            return
        jobs.mark_running(session, run)
        upload = session.get(LedgerUpload, run.params["upload_id"])
        try:
            written = import_workbook(session, run.committee_id, upload.data, user_id=run.user_id,
                                      progress=_reporter(session, run_id))
        except LedgerError as error:
            session.rollback()
            jobs.mark_failed(session, run, f"导入失败，共 {len(error.errors)} 处错误，未写入任何记录。", final=True)
            run.result = {"errors": [format_error(e) for e in error.errors]}
            session.commit()
            return
        audit.record(session, "ledger.import", user_id=run.user_id, committee_id=run.committee_id,
                     filename=upload.filename, records=written)
        session.delete(upload)
        jobs.mark_succeeded(session, run, {"records": written}, f"已导入 {written} 条记录。")


def _reporter(import_session: Session, run_id: int):
    """Progress through a separate session (the import's transaction stays open until the end).

    SQLite allows one writer: once the import has written, progress waits for the final commit.
    """
    sqlite = import_session.get_bind().dialect.name == "sqlite"

    def report(phase: str, done: int, total: int) -> None:
        if phase == "write" and sqlite:
            return
        with db.session_scope() as session:
            run = session.get(TaskRun, run_id)
            run.message = f"正在检查第 {done} 行" if phase == "check" else f"正在写入，已写入 {done} 条"
            jobs.report_progress(session, run, done, total)
    return report
