"""Benchmark: one annual report rendered in-process against the floor of rewriting the same zip.

The floor reads every entry of the rendered .docx and writes them into a new deflated zip: no
rendering at all. The two alternate call by call (A B, B A, …, benchmarks/compare.py) after a warm-up;
medians, spread and the per-round ratio are printed. Target: render ≤ 3 × floor.

    .venv/bin/python -m benchmarks.render [--runs 200]
"""
import argparse
import io
import zipfile

from benchmarks.compare import Spread, interleave, print_table, ratio
from benchmarks.demo_db import demo_session

from core.rendering.docx import render_docx


def demo_annual_content():
    """The demo 东湖县政协 2023 annual report as drafting assembles it (a throw-away SQLite database)."""
    from sqlalchemy import select

    from core.publishing import document_for
    from data_models import Report

    with demo_session() as session:
        report = session.scalars(select(Report).where(Report.kind == "annual_summary")).first()
        return document_for(session, report)


def rewrite_zip(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    content = demo_annual_content()
    data = render_docx(content)
    samples = interleave({"render": lambda: render_docx(content), "floor": lambda: rewrite_zip(data)}, args.runs)
    print(f"annual report: {len(content.blocks)} blocks, {len(data) / 1024:.1f} KB .docx; {args.runs} rounds, alternating")
    print_table(samples, base="floor", digits=2, labels={"floor": "floor, rewrite the same zip"})
    met = ratio(samples, "render", "floor").median <= 3
    print(f"target render <= 3 x floor: {'met' if met else 'NOT met'} (render median {Spread.of(samples['render']).median * 1000:.2f} ms)")


if __name__ == "__main__":
    main()
