"""A live server on loopback and a headless Debian chromium driven by Playwright."""
import os
import threading

import pytest
from werkzeug.serving import make_server

from app import create_app
from tests.support import need

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def live_server(database_url, tmp_path):
    """The app served by a real WSGI server in a thread; yields its base URL."""
    settings = {"database_url": database_url, "task_mode": "eager", "secret_key": "browser-secret"}
    app = create_app({"SETTINGS": settings, "RATELIMIT_ENABLED": False})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture
def browser():
    need(os.path.exists(CHROMIUM), "需要 Debian chromium（/usr/bin/chromium），用于浏览器端到端测试")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield browser
        browser.close()


class Shots:
    """Numbered full-page screenshots of each step, kept in the test run's tmp dir."""

    def __init__(self, folder):
        self.folder, self.count = folder, 0
        folder.mkdir(parents=True, exist_ok=True)
        print(f"\nscreenshots: {folder}")

    def take(self, page, name: str):
        self.count += 1
        path = self.folder / f"{self.count:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def shots(tmp_path_factory):
    return Shots(tmp_path_factory.mktemp("journey") / "screenshots")
