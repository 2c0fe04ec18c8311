"""Benchmark: the parts of an upward package (Word version, numbers, content) from one publication, against the
earlier way (render, compute the metrics again, assemble again). PDF left out: it is the same on both sides.

Both sides run interleaved (ABAB…) on the same report with the metrics cache emptied before each run (as
after a ledger change); prints medians and the spread (min–max).

    .venv/bin/python -m benchmarks.package [--runs 30]
"""
import argparse
import dataclasses
import statistics
import tempfile
import time

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from core.demo import load_demo
from core.drafting.document import build_document
from core.metrics import cache
from core.metrics.engine import compute_metrics
from core.metrics.periods import Period
from core.publishing import publication, publish
from core.upward.package import metrics_document
from data_models import Base, Report


def earlier(session: Session, report: Report, period: Period):
    """build_package before publishing: three passes over the report."""
    document, _ = publish(session, report.id)
    values = compute_metrics(session, report.committee_id, period, items=True)
    return (document.docx, metrics_document(values.values(), report.committee, period),
            dataclasses.asdict(build_document(session, report.id)))


def now(session: Session, report: Report, period: Period):
    """build_package with publishing: one assembly, one metrics computation."""
    published = publication(session, report.id, items=True)
    return (published.document.docx, metrics_document(published.assembled.metrics.values(), report.committee, period),
            dataclasses.asdict(published.assembled.content))


def timed(fn) -> float:
    cache._entries.clear()  # cold metrics, as after a ledger change
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{tmp}/bench.sqlite3")
        Base.metadata.create_all(engine)
        with Session(engine) as session:
            load_demo(session)
            session.commit()
            report = session.scalars(select(Report).where(Report.status == "approved")).first()
            period = Period(report.period_start, report.period_end)
            assert earlier(session, report, period) == now(session, report, period)  # same package parts
            sides = {"earlier": [], "now": []}
            for _ in range(args.runs):
                sides["earlier"].append(timed(lambda: earlier(session, report, period)))
                sides["now"].append(timed(lambda: now(session, report, period)))
        engine.dispose()
    for name, times in sides.items():
        print(f"{name:8s} median {statistics.median(times):7.1f} ms  (min {min(times):.1f}, max {max(times):.1f})")
    ratio = statistics.median(sides["earlier"]) / statistics.median(sides["now"])
    print(f"earlier / now: {ratio:.2f} x over {args.runs} interleaved pairs")


if __name__ == "__main__":
    main()
