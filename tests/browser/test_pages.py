"""Every page without arguments opens in chromium without a console error (CSP violations included)."""
import pytest

pytestmark = pytest.mark.browser


def test_every_simple_page_loads_cleanly(browser, live_server, db_session, demo, shots):
    from core.demo import ledger

    ledger.seed(db_session)
    db_session.commit()
    page = browser.new_page(locale="zh-CN")
    errors = []
    page.on("console", lambda message: errors.append(f"{page.url}: {message.text}") if message.type == "error" else None)
    page.goto(f"{live_server}/auth/login")
    page.fill("input[name=username]", "city_admin")  # a superior reaches every page
    page.fill("input[name=password]", demo.password)
    page.click("button[type=submit]")
    page.wait_for_selector("text=登录成功")
    rules = [r for r in _rules() if "GET" in r.methods and not r.arguments]
    skipped = ("static", "auth.login", "main.healthz")
    for rule in rules:
        if rule.endpoint in skipped or rule.rule.startswith("/api/") or rule.rule.endswith(".xlsx"):
            continue  # machines' endpoints and file downloads
        response = page.goto(f"{live_server}{rule.rule}")
        assert response.status < 400, f"{rule.rule}: {response.status}"
        if "html" in (response.headers.get("content-type") or ""):
            shots.take(page, rule.endpoint.replace(".", "-"))
    assert errors == []


def _rules():
    from flask import current_app

    return list(current_app.url_map.iter_rules())
