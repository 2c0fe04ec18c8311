"""Benchmark: process start-up (import wsgi, `flask --help`, the worker's import) against a baseline commit.

The baseline is extracted with `git archive` into a temporary directory (sharing this .venv); both
sides run interleaved (A B A B …) so a busy machine slows them alike; medians and spread are printed.
Target (issue 16): `flask --help` and worker start ≤ 1 s on a quiet machine.

    .venv/bin/python -m benchmarks.startup [--baseline 766a470] [--runs 7]
"""
import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.compare import Spread, load_average

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {
    "import wsgi": [sys.executable, "-c", "import wsgi"],
    "flask --help": [sys.executable, "-m", "flask", "--app", "wsgi", "--help"],
    # what `celery -A tasks.worker worker` imports before it takes a job: the app and its job modules
    "worker import": [sys.executable, "-c", "import importlib, tasks.worker; "
                      "[importlib.import_module(m) for m in tasks.worker.app.conf.include]"],
}


def extract(revision: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def seconds(command: list[str], cwd: Path, env: dict) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run; CPU time suffers less from a busy machine."""
    before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--baseline", default="766a470", help="git revision to compare against")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wengao-startup-") as tmp:
        (Path(tmp) / "baseline").mkdir()
        baseline = extract(args.baseline, Path(tmp) / "baseline")
        instance = Path(tmp) / "instance"
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "", "WENGAO_INSTANCE_DIR": str(instance), "DATABASE_URL": f"sqlite:///{instance}/s.sqlite3"}
        sides = {"baseline": baseline, "current": ROOT}
        times = {(name, side): [] for name in COMMANDS for side in sides}
        for name, command in COMMANDS.items():  # a first run writes each side's bytecode: not timed
            for side, cwd in sides.items():
                seconds(command, cwd, {**env, "PYTHONPATH": str(cwd)})
        for number in range(args.runs):
            for name, command in COMMANDS.items():
                order = list(sides.items()) if number % 2 == 0 else list(sides.items())[::-1]
                for side, cwd in order:  # alternating: A B, B A, …
                    times[(name, side)].append(seconds(command, cwd, {**env, "PYTHONPATH": str(cwd)}))
    print(f"{args.runs} runs of each, alternating; baseline {args.baseline} against the current tree")
    for name in COMMANDS:
        for label, index in (("wall", 0), ("cpu", 1)):
            cells = {side: [run[index] for run in times[(name, side)]] for side in sides}
            for side, values in cells.items():
                print(f"  {name + ' ' + label:22s} {side:9s} {Spread.of(values).text(1.0, 's', 2)}")
            per_round = Spread.of([c / b for b, c in zip(cells["baseline"], cells["current"]) if b > 0])
            of_medians = Spread.of(cells["current"]).median / Spread.of(cells["baseline"]).median
            print(f"  {name + ' ' + label:22s} current / baseline {of_medians:.2f} (ratio of medians); per round "
                  f"median {per_round.median:.2f}, IQR {per_round.q1:.2f}–{per_round.q3:.2f}")
    print(f"  {load_average()}")


if __name__ == "__main__":
    main()
