"""Benchmark: a batch of annual reports through Celery workers against an in-process loop, side by side.

Builds a city committee with N counties, each with the demo 2023 annual report, and starts W Celery
worker processes (concurrency C) on Redis once. Then, alternating round by round (A B, B A, …):
  loop   one process renders the same N reports as the batch picks, one after another, each assembled,
         rendered, stored as a new version with its audit row and committed (core.publishing);
  batch  tasks.rendering.render_batch for the city, timed until its TaskRun closes (every report a
         version, an audit row and its TaskRun, as users start it).
Before every side's run one section of each report gets a new ending, so every run really renders
(a version with the same content is reused, not rendered), and a metric is added to the catalogue of a
committee outside the city, so every process's metric cache misses (as after a ledger change) and both
sides compute every report's metrics. The first round warms both sides (the
workers' processes load the segmenter and font metrics) and is printed apart. Target (issue 16):
batch ≤ 2 × loop. PDF conversion is left out (its own queue, measured by benchmarks/pdf.py).

    createdb -h 127.0.0.1 -U postgres render_bench
    .venv/bin/python -m benchmarks.batch --url postgresql+psycopg://postgres@127.0.0.1:5432/render_bench \\
        --broker redis://127.0.0.1:6379/3 [--reports 1000 --workers 2 --concurrency 4 --rounds 3]

Measured 2026-11-27 (2 CPUs shared by six sessions), 200 reports, 2 × 4 workers, 2 timed rounds; the
workers of the code before issue 16's batch work run with --worker-tree on the same reports:
  before (766a470), load 12-18: loop 18.6 s, batch 25.0 s, batch / loop 1.35 (per round 1.27-1.43);
                                 first (cold) round loop 18.4 s, batch 45.6 s
  after,            load 14-19: loop 15.1 s, batch 17.5 s, batch / loop 1.16 (per round 1.11-1.21);
                                 first (cold) round loop 53.1 s (right after the build), batch 63.3 s
1,000 reports, one timed round each (the machine quietened): after, load 5: loop 26.6 s, batch 20.7 s,
0.78 (cold: loop 48.6 s, batch 26.2 s); before, load 10: loop 32.1 s, batch 59.1 s, 1.84 (cold 28.1 / 34.2 s).
An earlier pair at load 14 and 21 (3 rounds): after 1.46 (1.25-1.63), before 1.83 (1.73-2.04), cold
batch 45 s against 136 s. Where the batch's time went: each worker process loaded the segmenter and
font metrics on its first report (about 2 s of CPU, 8 times), one message and task start per report
(the worker parents used 4-5 ms of CPU a report, now about 1), and two sessions a report (the batch
was closed in a transaction of its own). Rendering itself is the same code on both sides.
"""
import argparse
import os
import subprocess
import sys
import time
import uuid
from datetime import date

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session

from benchmarks.compare import Spread, interleave, print_table, timed

TARGET = 2.0
PERIOD = (date(2023, 1, 1), date(2023, 12, 31))


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


def start_workers(url: str, broker: str, prefix: str, workers: int, concurrency: int, tree: str | None = None) -> list:
    """W worker processes of C processes each; `tree` runs another checkout's job code (before/after a change)."""
    env = {**os.environ, "DATABASE_URL": url, "CELERY_BROKER_URL": broker, "CELERY_QUEUE_PREFIX": prefix}
    if tree:
        env["PYTHONPATH"] = tree
    procs = []
    for i in range(workers):
        log = open(f"/tmp/render-bench-worker{i}.log", "wb")
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tasks.worker", "worker", "-c", str(concurrency), "-l", "warning",
             "-Q", f"{prefix}default,{prefix}pdf", "-n", f"{prefix}w{i}@%h", "--without-gossip", "--without-mingle"],
            env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tree))
    time.sleep(5)  # workers connect and declare their queues
    return procs


class Bench:
    """The two sides over the same reports, and the edit that makes each run render anew."""

    def __init__(self, url: str, broker: str, prefix: str, city_id: int, timeout: float):
        from core import db
        from core.config import load_settings
        from core.publishing import batch
        from tasks.celery_app import configure_celery

        configure_celery(load_settings(database_url=url, broker_url=broker, task_mode="celery", queue_prefix=prefix))
        self.url, self.city_id, self.timeout, self.runs = url, city_id, timeout, 0
        with db.session_scope(url) as session:
            pairs = batch.reports_below(session, city_id, "annual_summary", *PERIOD)
            self.report_ids = [report.id for _, report in pairs if report is not None]
            self.section_ids = list(session.scalars(text(
                "SELECT min(id) FROM section WHERE body <> '' AND report_id = ANY(:ids) GROUP BY report_id"),
                {"ids": self.report_ids}))
            self.outsider = _outsider(session)
        self.results: list[str] = []

    def edit(self, side: str, number: int) -> None:
        """A new ending for one section of every report (each run renders and stores new versions), and a
        new catalogue entry elsewhere (each run computes the metrics: every cache's fingerprint changes)."""
        from core import db
        from data_models import MetricDefinition

        self.runs += 1
        mark = f"{uuid.uuid4().hex[:8]}"
        with db.session_scope(self.url) as session:
            session.execute(text("UPDATE section SET body = split_part(body, '〔基准', 1) || :mark "
                                 "WHERE id = ANY(:ids)"), {"mark": f"〔基准{self.runs}〕", "ids": self.section_ids})
            session.add(MetricDefinition(key=f"bench_{mark}", label=f"基准{mark}", committee_id=self.outsider))

    def loop(self) -> None:
        """In one process: assemble, render, store a version and commit, report after report."""
        from core import db, publishing

        for report_id in self.report_ids:
            with db.session_scope(self.url) as session:
                document, created = publishing.publish(session, report_id, None)
                assert created, f"report {report_id} was not rendered anew"

    def batch(self) -> None:
        """render_batch through the workers, until its TaskRun is closed."""
        from core import db
        from core.publishing import batch
        from data_models import TaskRun, TaskState
        from tasks.rendering import render_batch

        with db.session_scope(self.url) as session:
            run = batch.start_batch(session, self.city_id, "annual_summary", *PERIOD, user_id=None, pdf=False)
            session.commit()
            run_id = run.id
        render_batch.delay(run_id)
        started = time.perf_counter()
        while time.perf_counter() - started < self.timeout:
            with db.session_scope(self.url) as session:
                run = session.get(TaskRun, run_id)
                if run.state in TaskState.FINISHED:
                    self.results.append(run.message)
                    assert run.result.get("failed") == 0 and run.result.get("rendered") == len(self.report_ids), run.message
                    return
            time.sleep(0.05)
        raise SystemExit(f"batch not done after {self.timeout:.0f} s")

    def versions(self) -> int:
        from core import db
        from data_models import RenderedDocument

        with db.session_scope(self.url) as session:
            return session.scalar(select(func.count(RenderedDocument.id)))


def _outsider(session: Session) -> int:
    """A committee outside the city: the catalogue entries the benchmark adds are its own, seen by no report."""
    from data_models import Committee

    name = "政协基准外县委员会"
    found = session.scalar(select(Committee.id).where(Committee.name == name))
    if found is None:
        committee = Committee(name=name, short_name="基准外县政协", place="基准外县", level="county")
        session.add(committee)
        session.flush()
        found = committee.id
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/3")
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds after the warm-up round")
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--reuse", action="store_true", help="keep the reports built by an earlier run")
    parser.add_argument("--worker-tree", help="run the workers from this checkout (e.g. a `git worktree` of the "
                                              "commit before a change); the loop runs this tree's code")
    args = parser.parse_args()
    if args.reuse:
        from core import db
        from data_models import Committee

        with db.session_scope(args.url) as session:
            city_id = session.scalar(select(Committee.id).where(Committee.level == "city").order_by(Committee.id))
    else:
        seconds, city_id = timed(build, args.url, args.reports)
        print(f"built {args.reports} reports in {seconds:.0f} s")
    prefix = f"bench{uuid.uuid4().hex[:6]}."
    workers = start_workers(args.url, args.broker, prefix, args.workers, args.concurrency, args.worker_tree)
    try:
        bench = Bench(args.url, args.broker, prefix, city_id, args.timeout)
        before = bench.versions()
        first: dict[str, float] = {}

        def measure_first(name):
            return lambda fn: first.setdefault(name, timed(fn)[0])

        # The warm-up round, timed apart: the cold start of both sides.
        for name in ("loop", "batch"):
            bench.edit(name, 0)
            measure_first(name)(getattr(bench, name))
        samples = interleave({"loop": bench.loop, "batch": bench.batch}, args.rounds, warmup=0, before=bench.edit)
        made = bench.versions() - before
    finally:
        for proc in workers:
            proc.terminate()
        for proc in workers:
            proc.wait(timeout=60)
    n = len(bench.report_ids)
    assert made == 2 * n * (args.rounds + 1), f"{made} versions stored, expected {2 * n * (args.rounds + 1)}"
    tree = f" from {args.worker_tree}" if args.worker_tree else ""
    print(f"{n} reports; batch by {args.workers} workers x {args.concurrency}{tree}; {args.rounds} rounds alternating "
          f"(A B, B A, …); every run stored {n} new versions ({made} in all); last batch: {bench.results[-1]}")
    print(f"  first round (cold): loop {first['loop']:.1f} s, batch {first['batch']:.1f} s")
    print_table(samples, base="loop", scale=1.0, unit="s", digits=2,
                labels={"loop": "loop (in-process)", "batch": "batch (Celery)"})
    loop, batch = Spread.of(samples["loop"]).median, Spread.of(samples["batch"]).median
    print(f"  per report: loop {loop / n * 1000:.1f} ms, batch {batch / n * 1000:.1f} ms ({n / batch:.1f} reports/s); "
          f"target batch <= {TARGET} x loop")


if __name__ == "__main__":
    main()
