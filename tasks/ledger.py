"""Ledger jobs: big Excel imports run here, with progress on their TaskRun."""
from celery import shared_task

from core import db, jobs
from core.ledger.uploads import run_import
from data_models import TaskRun


@shared_task(name="tasks.ledger.import_records", bind=True, autoretry_for=(OSError,), retry_backoff=True,
             max_retries=3)
def import_records(self, run_id: int) -> None:
    try:
        run_import(run_id)
    except Exception as error:
        _note_failure(run_id, error, final=self.request.retries >= self.max_retries or not isinstance(error, OSError))
        raise


def _note_failure(run_id: int, error: Exception, final: bool) -> None:
    with db.session_scope() as session:
        run = session.get(TaskRun, run_id)
        if run is not None:
            jobs.mark_failed(session, run, f"导入出错：{error}", final=final)
