"""The report editor against the code before it (one run, interleaved): editor page p95 at 20 users
on a 60-block report, and the time from clicking 生成 Word to the .docx being downloadable.

    .venv/bin/python benchmarks/editor.py                       # baseline c7eb00b, 20 users, 40 s
    .venv/bin/python benchmarks/editor.py --baseline <ref> --users 5 --seconds 10

Both versions run side by side (gunicorn each, the baseline unpacked from git into a temp dir) on one
PostgreSQL database, so every virtual user alternates A (baseline) and B (this tree) request by request.
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


def editor_load(ports: dict, users: list[str], seconds: float, warmup: int) -> tuple[Results, Results, Results, Results]:
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

    threads = [threading.Thread(target=user, args=(sessions,)) for sessions in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, server, steady, steady_server


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
    args = parser.parse_args()
    url = prepare_database(args.database, args.host)
    add_report(url, args.users)
    baseline = unpack_baseline(args.baseline)
    servers = {"A": start(baseline, url, 8611, args.workers, args.threads),
               "B": start(ROOT, url, 8612, args.workers, args.threads)}
    try:
        ports = {"A": 8611, "B": 8612}
        users = [f"bench_{i:02d}" for i in range(args.users)]
        loads = [load_average()]
        results, server, steady, steady_server = editor_load(ports, users, args.seconds, args.warmup)
        loads.append(load_average())
        word = word_rounds(ports, users[0], args.word_rounds) if args.word_rounds else {}
    finally:
        for server_process in servers.values():
            server_process.send_signal(signal.SIGTERM)
            server_process.wait(timeout=30)
    print(f"{BLOCKS}-block report, {args.users} users, {args.seconds:.0f} s, gunicorn {args.workers}x{args.threads} each, "
          f"A = {args.baseline}, B = this tree; "
          f"{loads[0]} before, {loads[1]} after the editor run")
    for title, client, own in (("every request", results, server),
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
