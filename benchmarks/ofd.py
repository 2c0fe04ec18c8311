"""Benchmark: OFD from an existing PDF against the PDF conversion itself, on a report of 10+ pages.

Runs alternating (PDF, OFD, OFD, PDF, …, benchmarks/compare.py) and prints medians, spread and the
per-round ratio. Target: OFD ≤ 1 s once the PDF exists
(issue 18). Needs LibreOffice and python3-uno (scripts/install_system_deps.sh).

    .venv/bin/python -m benchmarks.ofd [--runs 5] [--pages 10]
"""
import argparse
import copy
import re

from benchmarks.compare import Spread, interleave, print_table, timed
from benchmarks.render import demo_annual_content
from core.rendering import pdf
from core.rendering.docx import render_docx
from core.rendering.ofd import pdf_to_ofd


def page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def long_report(office: pdf.KeptOffice, pages: int) -> tuple[bytes, bytes]:
    """The demo annual report, its body repeated until the PDF has at least `pages` pages."""
    content = demo_annual_content()
    body, step = list(content.blocks), max(1, len(content.blocks) // 8)
    for extra in range(0, 100 * len(body), step):
        longer = copy.copy(content)
        longer.blocks = body + [body[i % len(body)] for i in range(extra)]
        docx = render_docx(longer)
        data = office.convert(docx)
        if page_count(data) >= pages:
            return docx, data
    raise SystemExit("could not make a report that long")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=10)
    args = parser.parse_args()
    office = pdf.KeptOffice()
    docx, data = long_report(office, args.pages)
    first, ofd = timed(pdf_to_ofd, data)  # first call: fc-list and font faces loaded once a process
    try:
        samples = interleave({"pdf": lambda: office.convert(docx), "ofd": lambda: pdf_to_ofd(data)}, args.runs, warmup=0)
    finally:
        office.stop()
    o = Spread.of(samples["ofd"]).median
    print(f"report: {page_count(data)} pages, .docx {len(docx) / 1024:.0f} KB, PDF {len(data) / 1024:.0f} KB, "
          f"OFD {len(ofd) / 1024:.0f} KB; {args.runs} rounds, alternating; OFD's first call in the process {first * 1000:.0f} ms")
    print_table(samples, base="pdf", digits=0, labels={"pdf": "PDF conversion (kept LibreOffice)", "ofd": "OFD from that PDF"})
    print(f"  target OFD <= 1000 ms (median {o * 1000:.0f} ms): {'met' if o <= 1.0 else 'NOT met'}")


if __name__ == "__main__":
    main()
