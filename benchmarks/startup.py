"""Benchmark: process start-up (import wsgi, `flask --help`, the worker's import) against a baseline commit.

The baseline is extracted with `git archive` into a temporary directory (sharing this .venv); both
sides run interleaved (A B A B …) so a busy machine slows them alike; medians and spread are printed.
Target (issue 16): `flask --help` and worker start ≤ 1 s on a quiet machine.

    .venv/bin/python -m benchmarks.startup [--baseline 766a470] [--runs 7]
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
        for _ in range(args.runs):
            for name, command in COMMANDS.items():
                for side, cwd in sides.items():  # interleaved: A B A B …
                    times[(name, side)].append(seconds(command, cwd, {**env, "PYTHONPATH": str(cwd)}))
    print(f"{'':22s} {'baseline ' + args.baseline:>22s} {'current':>22s}   ratio (medians)")
    for name in COMMANDS:
        for label, index in (("wall", 0), ("cpu", 1)):
            cells = [[run[index] for run in times[(name, side)]] for side in sides]
            text = [f"{statistics.median(t):6.2f} s [{min(t):.2f}–{max(t):.2f}]" for t in cells]
            ratio = statistics.median(cells[1]) / statistics.median(cells[0])
            print(f"{name + ' ' + label:22s} {text[0]:>22s} {text[1]:>22s}   {ratio:.2f}")
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
