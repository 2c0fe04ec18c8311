"""Benchmark: one annual report rendered in-process against the floor of rewriting the same zip.

The floor reads every entry of the rendered .docx and writes them into a new deflated zip: no
rendering at all. Target: render ≤ 3 × floor.

    .venv/bin/python -m benchmarks.render [--runs 200]
"""
import argparse
import io
import statistics
import tempfile
import time
import zipfile

from core.rendering.docx import render_docx


def demo_annual_content():
    """The demo 东湖县政协 2023 annual report as drafting assembles it (a throw-away SQLite database)."""
    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from core.demo import load_demo
    from core.publishing import document_for
    from data_models import Base, Report

    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{tmp}/bench.sqlite3")
        Base.metadata.create_all(engine)
        with Session(engine) as session:
            load_demo(session)
            session.commit()
            report = session.scalars(select(Report).where(Report.kind == "annual_summary")).first()
            content = document_for(session, report)
        engine.dispose()
    return content


def rewrite_zip(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
    return out.getvalue()


def median_ms(fn, runs: int) -> float:
    fn()  # warm caches (template bytes, compiled Jinja)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    content = demo_annual_content()
    data = render_docx(content)
    render = median_ms(lambda: render_docx(content), args.runs)
    floor = median_ms(lambda: rewrite_zip(data), args.runs)
    paragraphs = len(content.blocks)
    print(f"annual report: {paragraphs} blocks, {len(data) / 1024:.1f} KB .docx")
    print(f"render (median of {args.runs}): {render:.2f} ms")
    print(f"floor, rewrite the same zip:  {floor:.2f} ms")
    print(f"ratio: {render / floor:.1f} x  (target <= 3 x)")


if __name__ == "__main__":
    main()
