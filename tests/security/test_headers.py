from app import create_app


def test_every_page_sends_security_headers(client):
    for path in ("/auth/login", "/healthz", "/no-such-page"):
        headers = client.get(path).headers
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        csp = headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_csp_nonce_changes_per_response(client):
    first = client.get("/auth/login").headers["Content-Security-Policy"]
    assert first != client.get("/auth/login").headers["Content-Security-Policy"]


def test_session_cookie_is_httponly_and_samesite(client, demo):
    response = client.login("donghu_drafter")
    cookie = next(c for c in client._cookies.values() if c.key == "session")
    assert cookie.http_only and cookie.same_site == "Lax" and not cookie.secure
    assert response.status_code == 200
    assert "HSTS" not in str(response.headers) and "Strict-Transport-Security" not in response.headers


def test_secure_cookies_when_configured(database_url):
    app = create_app({"TESTING": True, "RATELIMIT_ENABLED": False,
                      "SETTINGS": {"database_url": database_url, "task_mode": "eager", "secret_key": "x",
                                   "secure_cookies": True}})
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    response = app.test_client().get("/auth/login", base_url="https://localhost")
    assert "Secure" in response.headers["Set-Cookie"] and "HttpOnly" in response.headers["Set-Cookie"]
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_secure_cookies_read_from_environment(monkeypatch):
    from core.config import load_settings

    monkeypatch.setenv("SECURE_COOKIES", "1")
    assert load_settings(secret_key="x").secure_cookies
    monkeypatch.setenv("SECURE_COOKIES", "")
    assert not load_settings(secret_key="x").secure_cookies
