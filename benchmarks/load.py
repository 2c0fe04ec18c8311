"""Load test on loopback: gunicorn + PostgreSQL, N users editing and previewing their reports.

    .venv/bin/python benchmarks/load.py                      # 20 users, 60 s, database review_load
    .venv/bin/python benchmarks/load.py --users 5 --seconds 10 --database bench_x

Sets up its own database (dropped and recreated), runs migrations and the demo, adds one drafter and
one annual report per virtual user, starts gunicorn, then each user loops: open the editor, save a
section (placeholders in the text), open the preview, with a short think time. Each user logs in
from its own 127.0.0.x address, as separate people would (the login limit counts per address).
Prints per page: requests, errors, p50, p95, max (ms). Exit status 1 if any request failed.
"""
import argparse
import html
import http.client
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: benchmarks/ is on the path, the project root is not
from benchmarks.compare import load_average  # noqa: E402
PASSWORD = "bench-pass-2024"
FORM = re.compile(r'<form[^>]*? method="post" action="(/reports/\d+/sections/\d+)">(.*?)</form>', re.S)
INPUT = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')
TEXT_INPUT = re.compile(r'<input name="(heading|lead)" value="([^"]*)"')
CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')


def sh(*args, env=None, **kwargs):
    return subprocess.run(args, check=True, env={**os.environ, **(env or {})}, cwd=ROOT, **kwargs)


def prepare_database(name: str, host: str) -> str:
    sh("dropdb", "-h", host, "-U", "postgres", "--if-exists", "--force", name)
    sh("createdb", "-h", host, "-U", "postgres", name)
    url = f"postgresql+psycopg://postgres@{host}:5432/{name}"
    flask = [str(ROOT / ".venv/bin/flask"), "--app", "wsgi"]
    sh(*flask, "db", "upgrade", env={"DATABASE_URL": url}, stdout=subprocess.DEVNULL)
    sh(*flask, "demo", env={"DATABASE_URL": url}, stdout=subprocess.DEVNULL)
    return url


def add_users(url: str, users: int) -> list[str]:
    """One drafter of 东湖县 per virtual user, each with an annual report of 2023 (made in a subprocess)."""
    code = f"""
from sqlalchemy import select
from core import db
from core.demo.committees import demo_committees
from core.drafting.reports import create_report
from core.metrics.periods import parse_period
from core.passwords import hash_password
from data_models import User
db.configure({url!r})
with db.session_scope() as session:
    county = demo_committees(session)[1]
    password = hash_password({PASSWORD!r})
    for i in range({users}):
        name = f"bench_{{i:02d}}"
        if session.scalars(select(User).where(User.username == name)).first() is None:
            user = User(username=name, display_name=f"压测{{i}}", role="drafter", committee=county, password_hash=password)
            session.add(user)
            session.flush()
            create_report(session, county, "annual_summary", parse_period("2023"), title=f"压测报告{{i}}", user_id=user.id)
"""
    sh(str(ROOT / ".venv/bin/python"), "-c", code, env={"DATABASE_URL": url})
    return [f"bench_{i:02d}" for i in range(users)]


def start_gunicorn(url: str, port: int, workers: int, threads: int, entry: tuple = ("wsgi:app",)) -> subprocess.Popen:
    env = {"DATABASE_URL": url, "SECRET_KEY": "load-test-secret", "TASK_MODE": "thread"}
    proc = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "-w", str(workers), "-k", "gthread",
                             "--threads", str(threads), "-b", f"127.0.0.1:{port}", *entry],
                            cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("gunicorn did not start: " + proc.stderr.read().decode()[-2000:])


class Browser:
    """One user's HTTP session: keep-alive connection from its own loopback address, session cookie."""

    def __init__(self, port: int, source: str, results: "Results"):
        self.port, self.source, self.results, self.cookie = port, source, results, ""
        self.server_timing = ""  # the last response's Server-Timing header(s)
        self.conn = self._connect()

    def _connect(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30, source_address=(self.source, 0))

    def request(self, page: str, method: str, path: str, form: dict | None = None) -> tuple[int, str, str]:
        body = urlencode(form) if form is not None else None
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as error:
            self.conn.close()
            self.conn = self._connect()
            self.results.add(page, (time.perf_counter() - start) * 1000, f"{type(error).__name__}")
            return 0, "", ""
        elapsed = (time.perf_counter() - start) * 1000
        self.server_timing = ", ".join(v for h, v in response.getheaders() if h.lower() == "server-timing")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and value.startswith("session="):
                self.cookie = value.split(";", 1)[0]
        ok = response.status in (200, 302)
        self.results.add(page, elapsed, None if ok else f"HTTP {response.status}")
        return response.status, text, response.getheader("Location") or ""


class Results:
    def __init__(self):
        self.lock, self.times, self.errors = threading.Lock(), {}, {}

    def add(self, page: str, ms: float, error: str | None) -> None:
        with self.lock:
            self.times.setdefault(page, []).append(ms)
            if error:
                self.errors.setdefault(page, []).append(error)

    def report(self, seconds: float) -> bool:
        print(f"{'page':<14}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
        for page, times in sorted(self.times.items()):
            p95 = statistics.quantiles(times, n=20, method="inclusive")[-1] if len(times) > 1 else times[0]
            print(f"{page:<14}{len(times):>9}{len(self.errors.get(page, [])):>8}{statistics.median(times):>9.1f}"
                  f"{p95:>9.1f}{max(times):>9.1f}")
        total = sum(len(t) for t in self.times.values())
        print(f"total {total} requests in {seconds:.0f} s ({total / seconds:.1f}/s); {load_average()}")
        for page, errors in self.errors.items():
            print(f"errors on {page}: {sorted(set(errors))[:5]}")
        return not self.errors


def user_loop(browser: Browser, username: str, until: float, think: tuple[float, float], delay: float) -> None:
    time.sleep(delay)  # users arrive over the ramp-up, not all in the same instant
    status, page, _ = browser.request("login_form", "GET", "/auth/login")
    token = CSRF.search(page).group(1)
    status, _, location = browser.request("login", "POST", "/auth/login",
                                          {"csrf_token": token, "username": username, "password": PASSWORD})
    if status != 302:
        return
    _, dashboard, _ = browser.request("dashboard", "GET", "/")
    report_path = re.search(r'href="(/reports/\d+)">压测报告', dashboard).group(1)
    saves = 0
    while time.time() < until:
        status, editor, _ = browser.request("editor", "GET", report_path)
        forms = FORM.findall(editor)
        if forms:
            action, inner = random.choice(forms)
            fields = {name: html.unescape(value) for name, value in INPUT.findall(inner) + TEXT_INPUT.findall(inner)}
            saves += 1
            fields["body"] = f"本年度召开主席会议{{{{ 主席会议次数 }}}}次，协商活动{{{{ 协商活动场次 }}}}场（第{saves}次保存）。"
            browser.request("save_section", "POST", action, fields)
        time.sleep(random.uniform(*think))
        browser.request("preview", "GET", report_path + "/preview")
        time.sleep(random.uniform(*think))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--database", default="review_load")
    parser.add_argument("--pg-host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--ramp", type=float, default=5, help="seconds over which users log in")
    parser.add_argument("--think", type=float, nargs=2, default=(0.2, 0.8), help="pause range between pages, s")
    args = parser.parse_args()
    url = prepare_database(args.database, args.pg_host)
    names = add_users(url, args.users)
    server = start_gunicorn(url, args.port, args.workers, args.threads)
    results = Results()
    try:
        until = time.time() + args.seconds
        threads = [threading.Thread(target=user_loop, args=(Browser(args.port, f"127.0.0.{i + 2}", results), name, until,
                                                             tuple(args.think), i * args.ramp / len(names)))
                   for i, name in enumerate(names)]
        started = time.time()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.time() - started
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    print(f"{args.users} users (ramp-up {args.ramp:.0f} s, think {args.think[0]}-{args.think[1]} s), {args.seconds:.0f} s, "
          f"gunicorn {args.workers}x{args.threads} gthread, PostgreSQL {args.database}")
    return 0 if results.report(elapsed) else 1


if __name__ == "__main__":
    sys.exit(main())
