"""Benchmark: PDF through the kept LibreOffice against a cold LibreOffice per document.

Target: kept ≥ 3 × faster. Needs LibreOffice and python3-uno (scripts/install_system_deps.sh).

    .venv/bin/python -m benchmarks.pdf [--docs 10]
"""
import argparse
import statistics
import time

from benchmarks.render import demo_annual_content
from core.rendering import pdf
from core.rendering.docx import render_docx


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=10)
    args = parser.parse_args()
    docx = render_docx(demo_annual_content())
    office = pdf.KeptOffice()
    start_up = timed(lambda: office.convert(docx))  # first call starts LibreOffice
    kept = [timed(lambda: office.convert(docx)) for _ in range(args.docs)]
    office.stop()
    cold = [timed(lambda: pdf.convert_cold(docx)) for _ in range(args.docs)]
    k, c = statistics.median(kept), statistics.median(cold)
    print(f"annual report, {args.docs} conversions each ({len(docx) / 1024:.1f} KB .docx)")
    print(f"kept LibreOffice: start-up {start_up:.2f} s, then median {k * 1000:.0f} ms a document")
    print(f"cold LibreOffice per document: median {c * 1000:.0f} ms")
    print(f"kept is {c / k:.1f} x faster  (target >= 3 x)")


if __name__ == "__main__":
    main()
