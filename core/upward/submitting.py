"""Submission as a background job: the page returns at once, the package (Word, PDF, numbers) is built
by the job, and the page shows the run's progress and outcome.

The caller adds the run with `start_submission`, commits, and enqueues tasks.upward.submit.
"""
from datetime import date

from sqlalchemy.orm import Session

from core import jobs
from core.metrics.periods import Period
from data_models import CollectionRequest, Report, User

from . import UpwardError
from . import messages as msg
from .from_report import build_package, check_report, submit_report
from .outbox import DELIVER_RUN, link_for, queue_package

SUBMIT_RUN = "报送文稿"


def start_submission(session: Session, report: Report, user: User, *, request: CollectionRequest | None = None,
                     remote: dict | None = None):
    """A pending run for submitting `report` to a request here or to the superior's `remote` one.

    What can be told at once (not approved, wrong kind or period) is refused now with UpwardError.
    """
    if request is not None:
        check_report(report, request.kind, Period(request.period_start, request.period_end))
        params = {"request_id": request.id}
    else:
        check_report(report, remote["kind"], Period(date.fromisoformat(remote["period_start"]),
                                                    date.fromisoformat(remote["period_end"])))
        params = {"remote": remote}
    return jobs.create_run(session, SUBMIT_RUN, committee_id=report.committee_id, user_id=user.id, total=1,
                           report_id=report.id, params={**params, "title": report.title})


def run_submission(job: jobs.Job) -> tuple[int, int] | None:
    """The job's body. Within this deployment the superior receives it at once; to the superior's own
    deployment it goes into the outbox: returns (outbox message id, delivery run id) to enqueue."""
    session, run = job.session, job.run
    report, user = session.get(Report, run.report_id), session.get(User, run.user_id)
    try:
        if "request_id" in run.params:
            submit_report(session, session.get(CollectionRequest, run.params["request_id"]), report, user)
            job.succeed(message=msg.SENT_LOCAL)
            return None
        link = link_for(session, report.committee_id)
        if link is None:
            raise UpwardError(msg.NO_LINK)
        message = submit_remote(session, link, run.params["remote"], report, user)
    except UpwardError as error:
        job.fail(str(error))
        return None
    delivery = jobs.create_run(session, DELIVER_RUN, committee_id=report.committee_id, user_id=user.id,
                               report_id=report.id, params={"outbox_message_id": message.id, "title": report.title})
    job.succeed({"outbox_message_id": message.id}, msg.SEND_QUEUED)
    return message.id, delivery.id


def submit_remote(session: Session, link, remote: dict, report: Report, user: User):
    """Queue the package for a request of the superior's own deployment (`remote` as its API lists it)."""
    period = Period(date.fromisoformat(remote["period_start"]), date.fromisoformat(remote["period_end"]))
    package = build_package(session, report, kind=remote["kind"], period=period,
                            submitted_by=user.display_name or user.username, user_id=user.id,
                            want_ofd=bool(remote.get("want_ofd")))
    return queue_package(session, link, int(remote["id"]), package, report_id=report.id, user_id=user.id)
