"""The report editor against the code before it (one run, interleaved): editor page p95 at 20 users
on a 60-block report, and the time from clicking 生成 Word to the .docx being downloadable.

    .venv/bin/python benchmarks/editor.py                       # baseline c7eb00b, 20 users, 40 s
    .venv/bin/python benchmarks/editor.py --baseline <ref> --users 5 --seconds 10
    .venv/bin/python benchmarks/editor.py --mode phases --phases 3 --seconds 60 --think 1 --word-rounds 0

Both versions run side by side (gunicorn each, the baseline unpacked from git into a temp dir) on one
PostgreSQL database. In the default mode (--mode interleaved) every virtual user alternates A (baseline)
and B (this tree) request by request, so each side's latency includes the other's CPU. With
--mode phases the sides take turns instead: all users on A alone for a phase, then on B alone, A, B …
(--phases per side, --seconds in all; each phase starts when every user has finished the last one's
request). Each phase gives its own p95 / p50, and each side the median and IQR of its phases'
figures (benchmarks/compare.py), so a burst of outside load shows as one odd phase. "Users" means the
same in both modes: that many threads, each one request at a time, waiting --think seconds (±50 %,
uniformly, so users do not move in lockstep; default 0) after each response.
Word: A is the old flow (start the render, the documents page refreshes every 3 s until the link
appears, download); B is 生成 Word (one request renders, then download). Rounds alternate ABAB, and
the report text changes before each so every round renders a new version.
Targets: editor p95 ≤ 100 ms, Word ≤ 1 s.

Editor times are reported twice: as the client saw them (connect, request, whole response read by
this script, itself one Python process of 20 threads on the same machine) and as the server's own
time, from a Server-Timing header that benchmarks/servertime.py adds around both trees' wsgi app
alike: wall time and the CPU time of the thread that served the request. Load averages are printed
before and after: the machine is shared, so compare A and B of the same run, not runs.
"""
import argparse
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.compare import Spread, load_average, ratio  # noqa: E402
from benchmarks.load import CSRF, PASSWORD, ROOT, Browser, Results, prepare_database, sh, start_gunicorn  # noqa: E402

BLOCKS = 60


def add_report(url: str, users: int) -> None:
    """Drafters bench_00… of 东湖县 and one annual report of 60 blocks with placeholders in every body."""
    code = f"""
from sqlalchemy import func, select
from core import db
from core.demo import ledger
from core.demo.committees import demo_committees
from core.drafting.reports import create_report
from core.drafting.sections import add_section
from core.metrics.periods import parse_period
from core.passwords import hash_password
from data_models import Section, User
db.configure({url!r})
with db.session_scope() as session:
    ledger.seed(session)
    county = demo_committees(session)[1]
    password = hash_password({PASSWORD!r})
    users = [User(username=f"bench_{{i:02d}}", display_name=f"压测{{i}}", role="drafter", committee=county,
                  password_hash=password) for i in range({users})]
    session.add_all(users)
    session.flush()
    report = create_report(session, county, "annual_summary", parse_period("2023"), title="编辑器压测报告",
                           user_id=users[0].id)
    parents = session.scalars(select(Section).where(Section.report_id == report.id, Section.node_type == "section")).all()
    count = session.scalar(select(func.count()).select_from(Section).where(Section.report_id == report.id))
    for n in range({BLOCKS} - count):
        add_section(session, report, "item", parent_id=parents[n % len(parents)].id, lead=f"第{{n}}项工作扎实推进。",
                    body="全年召开主席会议{{{{ 主席会议次数 }}}}次，开展协商活动{{{{ 协商活动场次 | 余 }}}}场次，"
                         "收集社情民意信息{{{{ 社情民意信息收集篇数 }}}}篇。" * 3)
"""
    sh(str(ROOT / ".venv/bin/python"), "-c", code, env={"DATABASE_URL": url})


def unpack_baseline(ref: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="editor-baseline-"))
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    (folder / ".venv").symlink_to(ROOT / ".venv")
    return folder


def start(folder: Path, url: str, port: int, workers: int, threads: int) -> subprocess.Popen:
    import benchmarks.load as load

    saved, load.ROOT = load.ROOT, folder  # gunicorn runs wsgi:app of that tree, timed by servertime.py
    try:
        return start_gunicorn(url, port, workers, threads,
                              ("--pythonpath", str(ROOT / "benchmarks"), "servertime:app"))
    finally:
        load.ROOT = saved


def login(port: int, source: str, results: Results, username: str) -> Browser:
    browser = Browser(port, source, results)
    _, page, _ = browser.request("login_form", "GET", "/auth/login")
    browser.request("login", "POST", "/auth/login",
                    {"csrf_token": CSRF.search(page).group(1), "username": username, "password": PASSWORD})
    return browser


def report_path(browser: Browser) -> str:
    _, page, _ = browser.request("reports", "GET", "/reports/")
    return re.search(r'href="(/reports/\d+)">编辑器压测报告', page).group(1)


def fresh(browser: Browser) -> Browser:
    """A new connection: gunicorn closes idle keep-alive ones after 2 s (the old flow waits 3 s)."""
    browser.conn.close()
    browser.conn = browser._connect()
    return browser


SERVER_TIMING = re.compile(r"(bench|benchcpu);dur=([0-9.]+)")


def server_times(browser: Browser, server: Results, name: str) -> None:
    """The server's own wall and CPU time of the last response (benchmarks/servertime.py)."""
    found = dict(SERVER_TIMING.findall(browser.server_timing))
    if "bench" in found:
        server.add(f"server {name}", float(found["bench"]), None)
        server.add(f"cpu {name}", float(found["benchcpu"]), None)


def editor_load(ports: dict, users: list[str], seconds: float, warmup: int,
                think: float = 0) -> tuple[Results, Results, Results, Results]:
    """Every user logs in to both servers first (one at a time: password hashing is slow by design),
    then all of them alternate A and B on the editor page until the time is up. Returns client and
    server times of every request, then without each user's first `warmup` rounds (cold caches)."""
    results, server, steady, steady_server = Results(), Results(), Results(), Results()
    people = [{name: login(port, f"127.0.0.{10 + i}", Results(), username) for name, port in ports.items()}
              for i, username in enumerate(users)]
    path = report_path(fresh(people[0]["A"]))
    until = time.time() + seconds

    def user(sessions: dict) -> None:
        rounds = 0
        while time.time() < until:
            warm, rounds = rounds >= warmup, rounds + 1
            for name, browser in sessions.items():  # A then B, every round; a new connection each time
                fresh(browser).results = results
                before = time.perf_counter()
                browser.request(f"editor {name}", "GET", path)  # (an idle keep-alive one may be closed)
                server_times(browser, server, name)
                if warm:
                    steady.add(f"editor {name}", (time.perf_counter() - before) * 1000, None)
                    server_times(browser, steady_server, name)
                _think(think, until)

    threads = [threading.Thread(target=user, args=(sessions,)) for sessions in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, server, steady, steady_server


def _think(think: float, until: float = float("inf")) -> None:
    """A user's pause after a response: `think` seconds ±50 %, never past `until`."""
    if think > 0:
        time.sleep(max(0.0, min(random.uniform(0.5, 1.5) * think, until - time.time())))


class Phase:
    """One side alone for a while: every request's client, server wall and CPU time (ms)."""

    def __init__(self, number: int, side: str):
        self.number, self.side = number, side
        self.client, self.server, self.cpu, self.errors, self.requests = [], [], [], 0, 0
        self.load_before = self.load_after = ""
        self.lock = threading.Lock()

    def add(self, browser: Browser, ms: float, error: bool, warm: bool) -> None:
        found = dict(SERVER_TIMING.findall(browser.server_timing))
        with self.lock:
            self.requests += 1
            self.errors += error
            if warm and not error:
                self.client.append(ms)
                if "bench" in found:
                    self.server.append(float(found["bench"]))
                    self.cpu.append(float(found["benchcpu"]))


def phase_load(ports: dict, users: list[str], seconds: float, phases: int, think: float,
               warmup: int) -> list[Phase]:
    """Every user logs in to both servers first, then all of them run the editor page on A alone, then
    B alone, A, B … (`phases` each, `seconds` in all). A phase starts once every user has finished the
    last phase's request (nothing of one side runs during the other's phase). A user's first `warmup`
    requests of each side are left out (cold caches, first requests of each worker)."""
    people = [{name: login(port, f"127.0.0.{10 + i}", Results(), username) for name, port in ports.items()}
              for i, username in enumerate(users)]
    path = report_path(fresh(people[0]["A"]))
    schedule = [Phase(n, "AB"[n % 2]) for n in range(2 * phases)]
    length = seconds / len(schedule)
    ends: list[float] = []

    def begin() -> None:  # run by the last user to reach the barrier
        if ends:
            schedule[len(ends) - 1].load_after = load_average()
        if len(ends) < len(schedule):
            schedule[len(ends)].load_before = load_average()
        ends.append(time.time() + length)

    barrier = threading.Barrier(len(people), action=begin)

    def user(sessions: dict) -> None:
        done = {"A": 0, "B": 0}
        for number, phase in enumerate(schedule):
            barrier.wait()
            until = ends[number]
            time.sleep(random.uniform(0, think))  # when users think, they start the phase spread out
            while time.time() < until:
                browser = fresh(sessions[phase.side])
                browser.results = Results()
                before = time.perf_counter()
                browser.request(f"editor {phase.side}", "GET", path)
                ms = (time.perf_counter() - before) * 1000
                phase.add(browser, ms, bool(browser.results.errors), done[phase.side] >= warmup)
                done[phase.side] += 1
                _think(think, until)
        barrier.wait()

    threads = [threading.Thread(target=user, args=(sessions,)) for sessions in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return schedule


def _short(load: str) -> str:
    """'load average 1.0 / 2.0 / 3.0 (1 / 5 / 15 min) on 2 CPUs' as '1.0 / 2.0 / 3.0'."""
    return load.removeprefix("load average ").split(" (")[0]


def print_phases(schedule: list[Phase], warmup: int) -> None:
    """Each phase's figures, then per side the median and IQR over its phases, then all its requests pooled."""
    print(f"per phase (without each user's first {warmup} request(s) of each side)")
    print(f"{'phase':<8}{'side':<5}{'requests':>9}{'errors':>7}{'client p95':>11}{'server p95':>11}"
          f"{'CPU p50':>9}  load 1/5/15 min before → after")
    for phase in schedule:
        client = f"{p95(phase.client):.1f}" if phase.client else "-"
        server = f"{p95(phase.server):.1f}" if phase.server else "-"
        cpu = f"{statistics.median(phase.cpu):.1f}" if phase.cpu else "-"
        print(f"{phase.number + 1:<8}{phase.side:<5}{phase.requests:>9}{phase.errors:>7}{client:>11}{server:>11}"
              f"{cpu:>9}  {_short(phase.load_before)} → {_short(phase.load_after)}")
    print("per side, over its phases (median, IQR, min–max of the phases' figures)")
    for label, figure in (("client p95", lambda ph: p95(ph.client)), ("server p95", lambda ph: p95(ph.server)),
                          ("server CPU p50", lambda ph: statistics.median(ph.cpu))):
        for side in "AB":
            values = [figure(ph) for ph in schedule if ph.side == side and ph.client and ph.server]
            if values:
                print(f"  {label:<15}{side}  {Spread.of(values).text(1.0, 'ms', 1)}")
    print("all requests of a side pooled")
    print(f"{'':<14}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p25–p75 ms':>19}{'max ms':>9}")
    for label, field in (("editor", "client"), ("server", "server"), ("server CPU", "cpu")):
        for side in "AB":
            phases = [ph for ph in schedule if ph.side == side]
            print_times(f"{label} {side}", [t for ph in phases for t in getattr(ph, field)],
                        sum(ph.errors for ph in phases) if field == "client" else 0)


def _save_text(browser: Browser, path: str, round_no: int) -> None:
    """Change one block so that the next render makes a new version (form save exists in both)."""
    _, page, _ = browser.request("editor", "GET", path)
    action, version, heading = re.search(r'action="(/reports/\d+/sections/\d+)">\s*<input type="hidden" name="csrf_token"'
                                         r' value="[^"]+">\s*<input type="hidden" name="version" value="(\d+)">.*?'
                                         r'name="heading" value="([^"]*)"', page, re.S).groups()
    browser.request("save", "POST", action, {"csrf_token": CSRF.search(page).group(1), "version": version,
                                             "heading": heading, "lead": "", "body": f"第{round_no}轮修改。"})


def word_old(browser: Browser, path: str) -> float:
    report_id = path.rsplit("/", 1)[1]
    _, page, _ = browser.request("documents", "GET", f"/documents/reports/{report_id}")
    before = set(re.findall(r'href="(/documents/\d+/docx)"', page))
    started = time.perf_counter()
    browser.request("render", "POST", f"/documents/reports/{report_id}/render", {"csrf_token": CSRF.search(page).group(1)})
    while True:
        _, page, _ = browser.request("documents", "GET", f"/documents/reports/{report_id}")
        links = [link for link in re.findall(r'href="(/documents/\d+/docx)"', page) if link not in before]
        if links:
            browser.request("docx", "GET", links[0])
            return time.perf_counter() - started
        time.sleep(3)  # <meta http-equiv="refresh" content="3"> on the documents page
        fresh(browser)


def word_new(browser: Browser, path: str) -> float:
    import json

    _, page, _ = browser.request("editor", "GET", path)
    token = CSRF.search(page).group(1)
    started = time.perf_counter()
    browser.conn.request("POST", f"{path}/render.json", body=json.dumps({"pdf": False}),
                         headers={"Cookie": browser.cookie, "Content-Type": "application/json", "X-CSRFToken": token})
    data = json.loads(browser.conn.getresponse().read())
    browser.request("docx", "GET", data["docx_url"])
    return time.perf_counter() - started


def word_rounds(ports: dict, username: str, rounds: int) -> dict[str, list[float]]:
    sessions = {name: login(port, "127.0.0.9", Results(), username) for name, port in ports.items()}
    path = report_path(sessions["A"])
    figures = {"A": [], "B": []}
    for n in range(rounds):
        for name, measure in (("A", word_old), ("B", word_new)):
            _save_text(fresh(sessions[name]), path, n * 2 + len(figures[name]))
            figures[name].append(measure(sessions[name], path))
    return figures


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[-1] if len(times) > 1 else times[0]


def print_times(label: str, times: list[float], errors: int = 0) -> None:
    """requests, errors, p50, p95, and the spread: p25–p75 and the largest."""
    if not times:
        print(f"{label:<14}{0:>9}{errors:>8}")
        return
    quartiles = statistics.quantiles(times, n=4, method="inclusive") if len(times) > 1 else [times[0]] * 3
    print(f"{label:<14}{len(times):>9}{errors:>8}{statistics.median(times):>9.1f}{p95(times):>9.1f}"
          f"{quartiles[0]:>10.1f}–{quartiles[2]:<8.1f}{max(times):>9.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="c7eb00b", help="git ref of the code before the editor")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--word-rounds", type=int, default=3, help="0: the editor page only")
    parser.add_argument("--warmup", type=int, default=1, help="rounds per user left out of the second table")
    parser.add_argument("--database", default="editor_bench")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--mode", choices=("interleaved", "phases"), default="interleaved",
                        help="interleaved: every user alternates A and B request by request; "
                             "phases: all users on A alone, then on B alone, A, B …")
    parser.add_argument("--phases", type=int, default=2, help="phases per side (--mode phases, at least 2)")
    parser.add_argument("--think", type=float, default=0, help="seconds each user waits after a response (±50 %%)")
    args = parser.parse_args()
    if args.mode == "phases" and args.phases < 2:
        parser.error("--phases: at least 2 per side")
    url = prepare_database(args.database, args.host)
    add_report(url, args.users)
    baseline = unpack_baseline(args.baseline)
    servers = {"A": start(baseline, url, 8611, args.workers, args.threads),
               "B": start(ROOT, url, 8612, args.workers, args.threads)}
    try:
        ports = {"A": 8611, "B": 8612}
        users = [f"bench_{i:02d}" for i in range(args.users)]
        loads = [load_average()]
        if args.mode == "phases":
            schedule = phase_load(ports, users, args.seconds, args.phases, args.think, args.warmup)
        else:
            results, server, steady, steady_server = editor_load(ports, users, args.seconds, args.warmup, args.think)
        loads.append(load_average())
        word = word_rounds(ports, users[0], args.word_rounds) if args.word_rounds else {}
    finally:
        for server_process in servers.values():
            server_process.send_signal(signal.SIGTERM)
            server_process.wait(timeout=30)
    mode = (f"phases: A alone, B alone … {args.phases} per side of {args.seconds / (2 * args.phases):.0f} s"
            if args.mode == "phases" else "interleaved: every user A then B, request by request")
    print(f"{BLOCKS}-block report, {args.users} users ({mode}; think {args.think:g} s), {args.seconds:.0f} s, "
          f"gunicorn {args.workers}x{args.threads} each, A = {args.baseline}, B = this tree; "
          f"{loads[0]} before, {loads[1]} after the editor run")
    if args.mode == "phases":
        print_phases(schedule, args.warmup)
        results = Results()
        for phase in schedule:
            results.errors.setdefault(f"editor {phase.side}", []).extend(["error"] * phase.errors)
        results.errors = {page: errors for page, errors in results.errors.items() if errors}
    for title, client, own in () if args.mode == "phases" else (
            ("every request", results, server),
            (f"without each user's first {args.warmup} round(s) (cold caches, first requests of each worker)",
             steady, steady_server)):
        print(title)
        print(f"{'':<14}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p25–p75 ms':>19}{'max ms':>9}")
        for name in ("A", "B"):
            print_times(f"editor {name}", client.times.get(f"editor {name}", []),
                        len(results.errors.get(f"editor {name}", [])) if client is results else 0)
        for kind, label in (("server", "server"), ("cpu", "server CPU")):
            for name in ("A", "B"):
                print_times(f"{label} {name}", own.times.get(f"{kind} {name}", []))
    print("editor = as the client saw it; server = the app's own time (Server-Timing), CPU = its thread's CPU time")
    for name in word:
        print(f"Word {name}: {Spread.of(word[name]).text(1.0, 's', 2)} ({', '.join(f'{t:.2f}' for t in word[name])})")
    if word:
        print(f"Word B / A per round (A then B each round): median {ratio(word, 'B', 'A').median:.2f}")
    print("targets: editor p95 ≤ 100 ms, Word ≤ 1 s")
    return 0 if not results.errors else 1


if __name__ == "__main__":
    sys.exit(main())
