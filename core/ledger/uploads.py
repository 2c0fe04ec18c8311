"""Background imports: keep the upload with a pending run; the job imports it with progress.

The caller commits and then enqueues tasks.ledger.import_records with the run's id.
"""
from sqlalchemy.orm import Session

from core import audit, jobs
from data_models import LedgerUpload, TaskRun

from .excel import import_workbook
from .records import LedgerError, format_error

IMPORT_RUN = "导入台账"


def add_import(session: Session, committee_id: int, user_id: int | None, filename: str, data: bytes) -> TaskRun:
    """Store the file and a pending run (flushed); the caller commits, then enqueues the job."""
    upload = LedgerUpload(committee_id=committee_id, filename=filename[:200], data=data, created_by_id=user_id)
    session.add(upload)
    session.flush()
    return jobs.create_run(session, IMPORT_RUN, committee_id=committee_id, user_id=user_id,
                           params={"upload_id": upload.id, "filename": filename})


def run_import(job: jobs.Job) -> None:
    """The job's body: import all rows in one transaction (all or nothing), then drop the upload."""
    run, session = job.run, job.session
    upload = session.get(LedgerUpload, run.params["upload_id"])
    try:
        written = import_workbook(session, run.committee_id, upload.data, user_id=run.user_id,
                                  progress=_reporter(job))
    except LedgerError as error:
        job.fail(f"导入失败，共 {len(error.errors)} 处错误，未写入任何记录。",
                 {"errors": [format_error(e) for e in error.errors]})
        return
    audit.record(session, "ledger.import", user_id=run.user_id, committee_id=run.committee_id,
                 filename=upload.filename, records=written)
    session.delete(upload)
    job.succeed({"records": written}, f"已导入 {written} 条记录。")


def _reporter(job: jobs.Job):
    """Progress through the job's side session (the import's transaction stays open until the end).

    SQLite allows one writer: once the import has written, progress waits for the final commit.
    """
    sqlite = job.session.get_bind().dialect.name == "sqlite"

    def report(phase: str, done: int, total: int) -> None:
        if phase == "write" and sqlite:
            return
        job.progress(done, total, f"正在检查第 {done} 行" if phase == "check" else f"正在写入，已写入 {done} 条")
    return report
