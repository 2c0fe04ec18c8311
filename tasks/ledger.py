"""Ledger jobs: big Excel imports run here, with progress on their TaskRun."""
from celery import shared_task

from core.jobs import run_job
from core.ledger.uploads import run_import

from .celery_app import celery_app  # noqa: F401 - our app exists before a job here is first looked up


@shared_task(name="tasks.ledger.import_records", bind=True, autoretry_for=(OSError,), retry_backoff=True,
             max_retries=3)
def import_records(self, run_id: int) -> None:
    with run_job(run_id, retry_on=(OSError,), retries_left=self.max_retries - self.request.retries,
                 describe=lambda error: f"导入出错：{error}") as job:
        if job is not None:
            run_import(job)
