"""One safe-redirect rule for every `next`: same-site relative paths only."""
import pytest

from app.redirects import is_same_site_path, safe_next

EVIL = ["//evil.com", "https://evil.com", "/\\evil.com", "javascript:alert(1)", "\\\\evil.com",
        "/\t/evil.com", "/\n/evil.com", "http:/evil.com", " /reports", "", None, "reports/3"]


@pytest.mark.parametrize("target", EVIL)
def test_foreign_or_odd_targets_fall_back(target):
    assert not is_same_site_path(target)
    assert safe_next(target, "/home") == "/home"


@pytest.mark.parametrize("target", ["/", "/reports/3/edit", "/ledger/imports/7?page=2", "/review/3#comments"])
def test_same_site_paths_are_kept(target):
    assert safe_next(target, "/home") == target


@pytest.mark.parametrize("target", ["//evil.com", "https://evil.com", "/\\evil.com", "javascript:alert(1)"])
def test_login_never_sends_to_another_site(client, demo, target):
    client.get("/auth/login")
    response = client.post("/auth/login", query_string={"next": target},
                           data={"username": "city_admin", "password": "demo12345"})
    assert response.headers["Location"] == "/"


def test_login_goes_back_to_the_page_asked_for(client, demo):
    client.get("/auth/login")
    response = client.post("/auth/login", query_string={"next": "/ledger/"},
                           data={"username": "city_admin", "password": "demo12345"})
    assert response.headers["Location"] == "/ledger/"
