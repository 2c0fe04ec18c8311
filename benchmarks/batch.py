"""Benchmark: 1,000 annual reports batch-rendered (.docx) by two Celery workers on Redis.

Builds a city committee with N counties, each with the demo 2023 annual report, starts W worker
processes, runs tasks.rendering.render_batch for the city and times it until the batch's TaskRun
closes. Target: 1,000 reports ≤ 60 s. PDF conversion is left out (its own queue, measured by
benchmarks/pdf.py).

    createdb -h 127.0.0.1 -U postgres render_bench
    .venv/bin/python -m benchmarks.batch --url postgresql+psycopg://postgres@127.0.0.1:5432/render_bench \\
        --broker redis://127.0.0.1:6379/3 [--reports 1000 --workers 2 --concurrency 4]
"""
import argparse
import os
import subprocess
import sys
import time
import uuid
from datetime import date

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session


def build(url: str, reports: int) -> int:
    """Fresh schema, the demo seed, then counties up to `reports` under the demo city, each with the annual report."""
    from core.demo import load_demo
    from core.demo.committees import demo_committees
    from core.demo.reports import DEMO_REPORTS, outline_of
    from core.drafting.tree import add_outline
    from core.kinds import kind_spec
    from data_models import Base, Committee, Report

    engine = create_engine(url)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    annual = next(d for d in DEMO_REPORTS if d.kind == "annual_summary")
    with Session(engine) as session:
        load_demo(session)
        session.commit()
        city = demo_committees(session)[0]
        have = session.scalar(select(func.count()).select_from(Committee).where(Committee.superior_id == city.id))
        for n in range(have, reports):
            county = Committee(name=f"政协基准{n}县委员会", short_name=f"基准{n}县政协", place=f"基准{n}县",
                               level="county", superior=city, sort_order=n + 1, profile=city.profile)
            report = Report(committee=county, kind="annual_summary", title=annual.title, status="approved",
                            period_start=annual.period.start, period_end=annual.period.end,
                            settings={**kind_spec("annual_summary").settings, **annual.settings})
            session.add(report)
            session.flush()
            add_outline(session, report, outline_of(annual.text, f"基准{n}"))
            if n % 100 == 0:
                session.commit()
        session.commit()
        city_id = city.id
    engine.dispose()
    return city_id


def start_workers(url: str, broker: str, prefix: str, workers: int, concurrency: int) -> list:
    env = {**os.environ, "DATABASE_URL": url, "CELERY_BROKER_URL": broker, "CELERY_QUEUE_PREFIX": prefix}
    procs = []
    for i in range(workers):
        log = open(f"/tmp/render-bench-worker{i}.log", "wb")
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tasks.worker", "worker", "-c", str(concurrency), "-l", "warning",
             "-Q", f"{prefix}default,{prefix}pdf", "-n", f"{prefix}w{i}@%h", "--without-gossip", "--without-mingle"],
            env=env, stdout=log, stderr=subprocess.STDOUT))
    time.sleep(5)  # workers connect and declare their queues
    return procs


def run_batch(url: str, broker: str, prefix: str, city_id: int, timeout: float) -> tuple[float, object]:
    from core import db
    from core.config import load_settings
    from core.rendering import batch
    from data_models import TaskRun
    from tasks.celery_app import configure_celery
    from tasks.rendering import render_batch

    configure_celery(load_settings(database_url=url, broker_url=broker, task_mode="celery", queue_prefix=prefix))
    with db.session_scope(url) as session:
        run = batch.start_batch(session, city_id, "annual_summary", date(2023, 1, 1), date(2023, 12, 31),
                                user_id=None, pdf=False)
        session.commit()
        run_id = run.id
    started = time.perf_counter()
    render_batch.delay(run_id)
    while time.perf_counter() - started < timeout:
        with db.session_scope(url) as session:
            run = session.get(TaskRun, run_id)
            if run.state == "succeeded":
                return time.perf_counter() - started, run
        time.sleep(0.2)
    raise SystemExit(f"batch not done after {timeout:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/3")
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    started = time.perf_counter()
    city_id = build(args.url, args.reports)
    print(f"built {args.reports} reports in {time.perf_counter() - started:.0f} s")
    prefix = f"bench{uuid.uuid4().hex[:6]}."
    workers = start_workers(args.url, args.broker, prefix, args.workers, args.concurrency)
    try:
        elapsed, run = run_batch(args.url, args.broker, prefix, city_id, args.timeout)
    finally:
        for proc in workers:
            proc.terminate()
        for proc in workers:
            proc.wait(timeout=60)
    print(f"{run.total} reports by {args.workers} workers x {args.concurrency}: {elapsed:.1f} s "
          f"({run.total / elapsed:.1f} reports/s); {run.message}  (target <= 60 s for 1,000)")


if __name__ == "__main__":
    main()
