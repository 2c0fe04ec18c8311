"""Benchmark: OFD from an existing PDF against the PDF conversion itself, on a report of 10+ pages.

Runs interleaved (PDF, OFD, PDF, OFD, …) and prints medians. Target: OFD ≤ 1 s once the PDF exists
(issue 18). Needs LibreOffice and python3-uno (scripts/install_system_deps.sh).

    .venv/bin/python -m benchmarks.ofd [--runs 5] [--pages 10]
"""
import argparse
import copy
import re
import statistics
import time

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


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=10)
    args = parser.parse_args()
    office = pdf.KeptOffice()
    docx, data = long_report(office, args.pages)
    first, ofd = timed(lambda: pdf_to_ofd(data))  # first call: fc-list and font faces loaded once a process
    pdf_times, ofd_times = [], []
    for _ in range(args.runs):
        pdf_times.append(timed(lambda: office.convert(docx))[0])
        ofd_times.append(timed(lambda: pdf_to_ofd(data))[0])
    office.stop()
    p, o = statistics.median(pdf_times), statistics.median(ofd_times)
    print(f"report: {page_count(data)} pages, .docx {len(docx) / 1024:.0f} KB, PDF {len(data) / 1024:.0f} KB, "
          f"OFD {len(ofd) / 1024:.0f} KB; {args.runs} runs each, interleaved")
    print(f"PDF conversion (kept LibreOffice): median {p * 1000:.0f} ms")
    print(f"OFD from that PDF: median {o * 1000:.0f} ms (first call in the process {first * 1000:.0f} ms)")
    print(f"OFD is {o / p:.0%} of the PDF time; target OFD <= 1000 ms: {'met' if o <= 1.0 else 'NOT met'}")


if __name__ == "__main__":
    main()
