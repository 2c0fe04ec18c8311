"""Render jobs as users see them: one report, or a kind and period for every committee below a superior.

Job bookkeeping above core.rendering (a leaf: content in, bytes out): the runs are published through
core.publishing; tasks.rendering runs them.

A batch's TaskRun counts its children (one TaskRun per committee, named batch<id>:render); each child
adds one to the batch's progress when it ends, and the last one closes the batch in that same
transaction. The children travel in chunks (`chunks`): one queue message and one task start for a few
reports, each still its own run with its own transaction, version, audit entry and progress.
"""
from datetime import date

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session

from core import jobs
from core.committees import subtree_ids
from data_models import Committee, Report, ReportStatus, TaskRun, TaskState

RENDER_RUN = "render_report"
BATCH_RUN = "render_batch"
# A message carries at most this many reports, and a batch is cut into at least TASKS_PER_BATCH messages
# (while it has that many reports), so every worker process of a few workers gets a share of it.
MAX_CHUNK = 20
TASKS_PER_BATCH = 32


def child_name(batch_id: int) -> str:
    return f"batch{batch_id}:render"


def start_render(session: Session, report: Report, user_id: int | None, pdf: bool = True) -> TaskRun:
    """A pending run for one report; the caller commits, then enqueues tasks.rendering.render_report."""
    return jobs.create_run(session, RENDER_RUN, committee_id=report.committee_id, user_id=user_id, total=1,
                           report_id=report.id, params={"report_id": report.id, "pdf": pdf})


def start_batch(session: Session, superior_id: int, kind: str, start: date, end: date,
                user_id: int | None, pdf: bool = True) -> TaskRun:
    params = {"kind": kind, "period_start": start.isoformat(), "period_end": end.isoformat(), "pdf": pdf}
    return jobs.create_run(session, BATCH_RUN, committee_id=superior_id, user_id=user_id, params=params)


def reports_below(session: Session, superior_id: int, kind: str, start: date, end: date) -> list[tuple]:
    """(committee, report or None) for every committee below the superior; approved reports first."""
    ids = [i for i in subtree_ids(session, superior_id) if i != superior_id]
    committees = session.scalars(select(Committee).where(Committee.id.in_(ids)).order_by(Committee.sort_order,
                                                                                         Committee.id)).all()
    stmt = (select(Report).where(Report.committee_id.in_(ids), Report.kind == kind, Report.period_start == start,
                                 Report.period_end == end)
            .order_by(case((Report.status == ReportStatus.APPROVED, 0), else_=1), Report.id.desc()))
    chosen: dict[int, Report] = {}
    for report in session.scalars(stmt):
        chosen.setdefault(report.committee_id, report)
    return [(c, chosen.get(c.id)) for c in committees]


def plan_children(session: Session, batch: TaskRun) -> list[TaskRun]:
    """One child run per committee (made once: a re-delivered batch finds them); missing reports fail now."""
    existing = session.scalars(select(TaskRun).where(TaskRun.name == child_name(batch.id))).all()
    if existing:
        return list(existing)
    p = batch.params
    pairs = reports_below(session, batch.committee_id, p["kind"], date.fromisoformat(p["period_start"]),
                          date.fromisoformat(p["period_end"]))
    children = []
    for committee, report in pairs:
        child = jobs.create_run(session, child_name(batch.id), committee_id=committee.id, user_id=batch.user_id,
                                total=1, report_id=report and report.id, params={"report_id": report and report.id, "batch_id": batch.id,
                                                 "pdf": p.get("pdf", True), "committee": committee.name})
        if report is None:
            child.state, child.message = TaskState.FAILED, "没有这一期的该类文稿"
        children.append(child)
    batch.total = len(children)
    batch.progress = sum(1 for c in children if c.state == TaskState.FAILED)
    session.flush()
    return children


def chunks(child_ids: list[int]) -> list[list[int]]:
    """The pending children cut into the messages that carry them, in order."""
    size = max(1, min(MAX_CHUNK, len(child_ids) // TASKS_PER_BATCH))
    return [child_ids[i:i + size] for i in range(0, len(child_ids), size)]


def count_on_batch(session: Session, child: TaskRun) -> None:
    """Add a finished child to its batch's progress, in the transaction that ends the child.

    The increment locks the batch's row until that commit, so children count one at a time and the one
    that brings the batch to its total sees every other child's end and closes the batch.
    """
    batch_id = (child.params or {}).get("batch_id")
    if batch_id:
        counted = session.execute(update(TaskRun).where(TaskRun.id == batch_id).values(progress=TaskRun.progress + 1)
                                  .returning(TaskRun.progress, TaskRun.total, TaskRun.state)).one()
        if counted.state != TaskState.SUCCEEDED and counted.progress >= counted.total:
            _close_when_complete(session, session.get(TaskRun, batch_id, populate_existing=True))


def close_batch_of(session: Session, child: TaskRun) -> None:
    """The batch of a child counted in an earlier transaction (the orphan sweep): close it if complete."""
    batch_id = (child.params or {}).get("batch_id")
    if batch_id:
        close_if_done(session, session.get(TaskRun, batch_id))


def close_if_done(session: Session, batch: TaskRun) -> None:
    session.refresh(batch)
    _close_when_complete(session, batch)


def _close_when_complete(session: Session, batch: TaskRun) -> None:
    if batch.state != TaskState.SUCCEEDED and batch.progress >= batch.total:
        failed = session.scalar(select(func.count()).where(TaskRun.name == child_name(batch.id),
                                                           TaskRun.state == TaskState.FAILED))
        jobs.finish_run(batch, TaskState.SUCCEEDED, {"rendered": batch.total - failed, "failed": failed},
                        message=f"完成 {batch.total - failed} 份，失败 {failed} 份")


def failures(session: Session, batch: TaskRun) -> list[TaskRun]:
    stmt = select(TaskRun).where(TaskRun.name == child_name(batch.id), TaskRun.state == TaskState.FAILED)
    return list(session.scalars(stmt.order_by(TaskRun.id)))
