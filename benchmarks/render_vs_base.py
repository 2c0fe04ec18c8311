"""Benchmark: the annual report rendered by this tree against the renderer of a base commit, side by side.

The base commit's core/rendering and templates_docx are exported with `git archive` and imported in this
same process as a package of another name (the renderer has only relative imports), so both run on the
same content, warmed up, alternating render by render (ABAB…). Medians are compared. Target: this tree
≤ 1.2 × the base (issue 13: title breaking with a segmenter and font metrics may cost a little, not a lot).

    .venv/bin/python -m benchmarks.render_vs_base [--base c7eb00b] [--runs 400] [--cached]

By default title and heading breaks are recomputed on every render (a worker renders ever new content);
--cached keeps them, as repeated renders of one report do. The segmenter and font metrics load once per
process either way (the first render pays for them; that cost is printed apart).
"""
import argparse
import importlib
import io
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from benchmarks.render import demo_annual_content
from core.rendering import breaking
from core.rendering.docx import render_docx

ROOT = Path(__file__).resolve().parents[1]
BASE = "c7eb00b"  # main before issue 13's output work
TARGET = 1.2


def base_renderer(rev: str, into: Path):
    """render_docx of the base commit, imported as `base_rendering` from an exported tree."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "core/rendering", "templates_docx"],
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    (into / "core" / "rendering").rename(into / "core" / "base_rendering")
    sys.path.insert(0, str(into / "core"))
    return importlib.import_module("base_rendering.docx").render_docx


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", default=BASE)
    parser.add_argument("--runs", type=int, default=400)
    parser.add_argument("--cached", action="store_true", help="keep title/heading breaks cached between renders")
    args = parser.parse_args()
    content = demo_annual_content()
    first = timed(lambda: render_docx(content))  # loads jieba's dictionary and the fonts' metrics
    with tempfile.TemporaryDirectory(prefix="render-base-") as tmp:
        base_render = base_renderer(args.base, Path(tmp))
        base_render(content)

        def this_render():
            if not args.cached:
                breaking._title_lines.cache_clear()
                breaking.heading_break.cache_clear()
            render_docx(content)

        base, this = [], []
        for n in range(args.runs):
            for fn, into in (((base_render, base), (this_render, this)) if n % 2 == 0
                             else ((this_render, this), (base_render, base))):
                into.append(timed(lambda: fn(content) if fn is base_render else fn()))
    b, t = statistics.median(base), statistics.median(this)
    mode = "cached" if args.cached else "breaks recomputed every render"
    print(f"annual report render ({mode}), median of {args.runs} alternating renders:")
    print(f"  base {args.base:<12} {b:7.2f} ms")
    print(f"  this tree         {t:7.2f} ms")
    print(f"  ratio {t / b:.2f} (target <= {TARGET}); this tree's first render in the process: {first:.0f} ms")
    sys.exit(0 if t / b <= TARGET else 1)


if __name__ == "__main__":
    main()
