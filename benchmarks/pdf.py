"""Benchmark: PDF through the kept LibreOffice against a cold LibreOffice per document.

The two alternate document by document (A B, B A, …, benchmarks/compare.py); medians, spread and the
per-round ratio are printed. Target: kept ≥ 3 × faster. Needs LibreOffice and python3-uno
(scripts/install_system_deps.sh).

    .venv/bin/python -m benchmarks.pdf [--docs 10]
"""
import argparse

from benchmarks.compare import interleave, print_table, ratio, timed
from benchmarks.render import demo_annual_content
from core.rendering import pdf
from core.rendering.docx import render_docx


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=10)
    args = parser.parse_args()
    docx = render_docx(demo_annual_content())
    office = pdf.KeptOffice()
    start_up, _ = timed(office.convert, docx)  # first call starts LibreOffice
    try:
        samples = interleave({"kept": lambda: office.convert(docx), "cold": lambda: pdf.convert_cold(docx)},
                             args.docs, warmup=0)
    finally:
        office.stop()
    faster = ratio(samples, "cold", "kept").median
    print(f"annual report, {args.docs} conversions each, alternating ({len(docx) / 1024:.1f} KB .docx); "
          f"kept LibreOffice start-up {start_up:.2f} s")
    print_table(samples, base="kept", digits=0, labels={"kept": "kept LibreOffice", "cold": "cold LibreOffice per document"})
    print(f"  kept is {faster:.1f} x faster (per-round median; target >= 3 x): {'met' if faster >= 3 else 'NOT met'}")


if __name__ == "__main__":
    main()
