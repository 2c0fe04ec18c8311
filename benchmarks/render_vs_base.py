"""Benchmark: the annual report rendered by this tree against the same code at a base commit, side by side.

Each side runs in its own process (the base tree exported with `git archive`), warmed up (templates
compiled, segmenter and font metrics loaded), then asked for batches of renders in ABAB order; the
medians of the batches are compared. Target: this tree ≤ 1.2 × the base (issue 13: title breaking with
a segmenter and font metrics may cost a little, not a lot).

    .venv/bin/python -m benchmarks.render_vs_base [--base c7eb00b] [--rounds 16] [--batch 10] [--cached]

By default title and heading breaks are recomputed on every render (a worker renders ever new content);
--cached keeps them, as repeated renders of one report do.
"""
import argparse
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = "c7eb00b"  # main before issue 13's output work
TARGET = 1.2
WORKER = """
import statistics, sys, time
from benchmarks.render import demo_annual_content
from core.rendering.docx import render_docx
try:  # this tree caches title and heading breaks per text; clear them so every render does the work
    from core.rendering.breaking import _title_lines, heading_break
    caches = [_title_lines, heading_break] if FRESH else []
except ImportError:
    caches = []
content = demo_annual_content()
render_docx(content)
print("ready", flush=True)
for line in sys.stdin:
    times = []
    for _ in range(int(line)):
        for cache in caches:
            cache.cache_clear()
        started = time.perf_counter()
        render_docx(content)
        times.append(time.perf_counter() - started)
    print(statistics.median(times) * 1000, flush=True)
"""


def export(rev: str, into: Path) -> Path:
    """The base commit's code and templates in a directory of their own."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "core", "data_models", "templates_docx",
                              "fonts", "benchmarks"], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=__import__("io").BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


class Side:
    """One tree's worker process."""

    def __init__(self, name: str, tree: Path, fresh: bool):
        self.name = name
        self.proc = subprocess.Popen([sys.executable, "-c", f"FRESH = {fresh}\n" + WORKER], cwd=tree, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"})
        assert self.proc.stdout.readline().strip() == "ready", f"{name}: worker did not start"
        self.medians: list[float] = []

    def batch(self, n: int) -> None:
        self.proc.stdin.write(f"{n}\n")
        self.proc.stdin.flush()
        self.medians.append(float(self.proc.stdout.readline()))

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", default=BASE)
    parser.add_argument("--rounds", type=int, default=16)
    parser.add_argument("--batch", type=int, default=10)
    parser.add_argument("--cached", action="store_true", help="keep title/heading breaks cached between renders")
    args = parser.parse_args()
    fresh = not args.cached
    with tempfile.TemporaryDirectory(prefix="render-base-") as tmp:
        base = Side(f"base {args.base}", export(args.base, Path(tmp)), fresh)
        this = Side("this tree", ROOT, fresh)
        for round_ in range(args.rounds):
            for side in ((base, this) if round_ % 2 == 0 else (this, base)):  # ABBA… so neither side always runs first
                side.batch(args.batch)
        base.close(), this.close()
    b, t = statistics.median(base.medians), statistics.median(this.medians)
    print(f"annual report render ({'cached' if args.cached else 'breaks recomputed every render'}), "
          f"median of {args.rounds} batches × {args.batch}:")
    print(f"  {base.name:<16} {b:7.2f} ms")
    print(f"  {this.name:<16} {t:7.2f} ms")
    print(f"  ratio {t / b:.2f} (target <= {TARGET})")
    sys.exit(0 if t / b <= TARGET else 1)


if __name__ == "__main__":
    main()
