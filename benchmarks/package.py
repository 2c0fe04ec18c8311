"""Benchmark: the parts of an upward package (Word version, numbers, content) from one publication, against the
earlier way (render, compute the metrics again, assemble again). PDF left out: it is the same on both sides.

Both sides run interleaved (A B, B A, …, benchmarks/compare.py) on the same report with the metrics cache
emptied before each run (as after a ledger change); prints medians, spread and the per-round ratio.

    .venv/bin/python -m benchmarks.package [--runs 30]
"""
import argparse
import dataclasses

from sqlalchemy import select
from sqlalchemy.orm import Session

from benchmarks.compare import interleave, print_table
from benchmarks.demo_db import demo_session
from core.drafting.document import build_document
from core.metrics import cache
from core.metrics.engine import compute_metrics
from core.metrics.periods import Period
from core.publishing import publication, publish
from core.upward.package import metrics_document
from data_models import Report


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with demo_session() as session:
        report = session.scalars(select(Report).where(Report.status == "approved")).first()
        period = Period(report.period_start, report.period_end)
        assert earlier(session, report, period) == now(session, report, period)  # same package parts
        samples = interleave({"earlier": lambda: earlier(session, report, period), "now": lambda: now(session, report, period)},
                             args.runs, before=lambda side, number: cache.clear())  # cold metrics, as after a ledger change
    print(f"{args.runs} rounds, alternating; earlier = render + metrics again + assemble again, now = one publication")
    print_table(samples, base="now")


if __name__ == "__main__":
    main()
