"""Benchmark: the annual report rendered by this tree against the renderer of a base commit, side by side.

The base commit's core/rendering and templates_docx are exported with `git archive` and imported in this
same process as a package of another name (the renderer has only relative imports), so both run on the
same content, warmed up, alternating render by render (A B, B A, …, benchmarks/compare.py). Medians, spread
and the per-round ratio are printed; the target is checked on the per-round ratio. Target: this tree
≤ 1.2 × the base (issue 13: title breaking with a segmenter and font metrics may cost a little, not a lot).

    .venv/bin/python -m benchmarks.render_vs_base [--base c7eb00b] [--runs 400] [--cached]

By default title and heading breaks are recomputed on every render (a worker renders ever new content);
--cached keeps them, as repeated renders of one report do. The segmenter and font metrics load once per
process either way (the first render pays for them; that cost is printed apart).
"""
import argparse
import importlib
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from benchmarks.compare import interleave, print_table, ratio, timed
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", default=BASE)
    parser.add_argument("--runs", type=int, default=400)
    parser.add_argument("--cached", action="store_true", help="keep title/heading breaks cached between renders")
    args = parser.parse_args()
    content = demo_annual_content()
    first, _ = timed(render_docx, content)  # loads jieba's dictionary and the fonts' metrics
    with tempfile.TemporaryDirectory(prefix="render-base-") as tmp:
        base_render = base_renderer(args.base, Path(tmp))

        def this_render():
            if not args.cached:
                breaking._title_lines.cache_clear()
                breaking.heading_break.cache_clear()
            render_docx(content)

        samples = interleave({"base": lambda: base_render(content), "this": this_render}, args.runs)
    mode = "cached" if args.cached else "breaks recomputed every render"
    print(f"annual report render ({mode}), {args.runs} rounds alternating; this tree's first render in the process: "
          f"{first * 1000:.0f} ms")
    print_table(samples, base="base", digits=2, labels={"base": f"base {args.base}", "this": "this tree"})
    r = ratio(samples, "this", "base").median
    print(f"  target this / base <= {TARGET} (per-round median {r:.2f}): {'met' if r <= TARGET else 'NOT met'}")
    sys.exit(0 if r <= TARGET else 1)


if __name__ == "__main__":
    main()
