"""Every URL of the app, tried by people who must not reach it: no read, no write, no leak, no 500."""
import pytest

from . import walk
from .conftest import snapshot

ATTACKERS = ["donghu_admin", "donghu_reviewer", "donghu_drafter"]
REFUSED = {401, 403, 404}
SECRET_MARKERS = ("西山县政协机密", "机密.docx")


def _call(client, target, url=None):
    url = url or target.url
    if target.method == "GET":
        return client.get(url)
    return client.open(url, method=target.method, data={"csrf_token": client.csrf_token()})


@pytest.mark.parametrize("username", ATTACKERS)
def test_other_committee_objects_are_invisible_and_untouchable(client, foreign, db_session, username):
    client.login(username)
    before = snapshot(db_session)
    checked = 0
    for target in walk.targets(client.application, foreign):
        if not target.aims_at_objects:
            continue
        response = _call(client, target)
        body = response.get_data(as_text=True)
        where = f"{target.method} {target.url} as {username}"
        assert response.status_code in REFUSED, f"{where}: {response.status_code}"
        assert not any(marker in body for marker in SECRET_MARKERS), f"{where} leaked data"
        missing = _call(client, target, _with_missing_ids(target, foreign))
        assert missing.status_code == response.status_code, f"{where}: existence leak ({missing.status_code})"
        checked += 1
    assert checked >= 6  # the review routes at least
    assert snapshot(db_session) == before


def _with_missing_ids(target, ids):
    url, _ = walk.build(target.rule, {table: walk.MISSING_ID for table in ids}, target.variant)
    return url


def test_anonymous_users_are_sent_to_login(client, own_objects, db_session):
    before = snapshot(db_session)
    for target in walk.targets(client.application, own_objects):
        if target.rule.endpoint in walk.PUBLIC:
            continue
        response = _call(client, target)
        where = f"{target.method} {target.url}"
        if walk.is_api(target.rule):
            assert response.status_code in (401, 403), where
        else:
            assert response.status_code in (302, 400), f"{where}: {response.status_code}"
            if response.status_code == 302:
                assert "/auth/login" in response.headers["Location"], where
    assert snapshot(db_session) == before


def test_every_form_post_without_csrf_token_is_refused(client, own_objects, db_session):
    client.login("donghu_admin")
    before = snapshot(db_session)
    posts = [t for t in walk.targets(client.application, own_objects)
             if t.method in ("POST", "PUT", "PATCH", "DELETE") and not walk.is_api(t.rule)]
    assert len(posts) >= 5
    for target in posts:
        response = client.open(target.url, method=target.method, data={"comment": "x"})
        assert response.status_code == 400, f"{target.method} {target.url}: {response.status_code}"
        assert "页面已过期" in response.get_data(as_text=True)
    assert snapshot(db_session) == before


# endpoint, <any> arguments, method → the roles that may call it (admins may do everything).
ROLE_ONLY = [
    ("audit.index", {}, "GET", {"admin"}),
    ("review.change", {"step": "approve"}, "POST", {"reviewer", "admin"}),
    ("review.change", {"step": "return"}, "POST", {"reviewer", "admin"}),
    ("review.change", {"step": "submit"}, "POST", {"drafter", "admin"}),
    ("review.revise", {}, "POST", {"drafter", "admin"}),
    *[(endpoint, {}, method, {"drafter", "admin"}) for endpoint, method in (
        ("reports.new", "GET"), ("reports.new", "POST"), ("reports.carry", "POST"), ("reports.update", "POST"),
        ("reports.add_section", "POST"), ("reports.save_section", "POST"), ("reports.move_section", "POST"),
        ("reports.set_owner", "POST"), ("reports.delete_section", "POST"), ("reports.restore", "POST"))],
    *[(endpoint, {}, method, {"reviewer", "admin"}) for endpoint, method in (
        ("documents.batch_new", "GET"), ("documents.batch_new", "POST"), ("upward.new_request", "GET"),
        ("upward.new_request", "POST"))],
    *[(endpoint, {}, method, {"admin"}) for endpoint, method in (
        ("ledger.catalogue", "GET"), ("ledger.catalogue", "POST"), ("tokens.index", "GET"), ("tokens.index", "POST"),
        ("tokens.revoke", "POST"), ("upward.tokens", "GET"), ("upward.tokens", "POST"), ("upward.revoke", "POST"),
        ("upward.link", "GET"), ("upward.link", "POST"))],
]


@pytest.mark.parametrize("role", ["drafter", "reviewer"])
def test_roles_cannot_reach_what_is_not_theirs(client, own_objects, db_session, role):
    rules = {rule.endpoint: rule for rule in client.application.url_map.iter_rules()}
    client.login(f"donghu_{role}")
    before = snapshot(db_session)
    for endpoint, variant, method, roles in ROLE_ONLY:
        if role in roles:
            continue
        url, _ = walk.build(rules[endpoint], own_objects, variant)
        response = _call(client, walk.Target(rules[endpoint], url, method, True))
        assert response.status_code == 403, f"{method} {url} as {role}: {response.status_code}"
        assert "您没有权限" in response.get_data(as_text=True)
    assert snapshot(db_session) == before
