"""Sessions can be revoked: logout, password change and 强制下线 void every copy of a session cookie;
remember-me tokens are random, stored hashed, expire, and die with the sessions."""
from datetime import timedelta

from sqlalchemy import select, update

from data_models import AuditEvent, RememberToken, User
from tests.conftest import CsrfClient


class Browser(CsrfClient):
    """A browser of its own: each request in a fresh application context, as in production
    (the fixtures share one context, so Flask-Login's and Flask-WTF's per-request caches in `g`
    would otherwise leak from one client to the next)."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


def _cookie(client, name="session"):
    cookie = client.get_cookie(name)
    return cookie.value if cookie else None


def _copy(app, source, name="session"):
    """Another browser holding a copy of `source`'s cookie."""
    thief = Browser(app)
    thief.set_cookie(name, _cookie(source, name))
    return thief


def test_cookie_copied_before_logout_is_void_after_it(app, demo):
    client = Browser(app)
    client.login("donghu_drafter")
    thief = _copy(app, client)
    assert thief.get("/reports/").status_code == 200
    client.logout()
    assert thief.get("/reports/").status_code == 302


def test_password_change_voids_other_sessions_but_not_this_one(app, demo, db_session):
    client = Browser(app)
    client.login("donghu_drafter")
    other = _copy(app, client)
    page = client.post("/auth/password", data={"current": "demo12345", "new": "new-secret-1", "confirm": "new-secret-1"},
                       follow_redirects=True)
    assert "密码已修改" in page.get_data(as_text=True)
    assert client.get("/reports/").status_code == 200
    assert other.get("/reports/").status_code == 302
    client.logout()
    assert "登录成功" in client.login("donghu_drafter", "new-secret-1").get_data(as_text=True)


def test_wrong_current_password_changes_nothing(client, demo, db_session):
    client.login("donghu_drafter")
    page = client.post("/auth/password", data={"current": "nope", "new": "new-secret-1", "confirm": "new-secret-1"})
    assert "当前密码不正确" in page.get_data(as_text=True)
    client.logout()
    assert "登录成功" in client.login("donghu_drafter").get_data(as_text=True)


def test_differing_new_passwords_change_nothing(client, demo, db_session):
    client.login("donghu_drafter")
    page = client.post("/auth/password", data={"current": "demo12345", "new": "new-secret-1", "confirm": "new-secret-2"})
    assert "两次输入的新密码不一致" in page.get_data(as_text=True)
    client.logout()
    assert "登录成功" in client.login("donghu_drafter").get_data(as_text=True)


def test_admin_signs_a_user_out_everywhere(app, demo, db_session):
    client, drafter = Browser(app), Browser(app)
    drafter.login("donghu_drafter")
    client.login("donghu_admin")
    target = db_session.scalar(select(User).where(User.username == "donghu_drafter"))
    assert "强制下线" in client.get("/auth/users").get_data(as_text=True)
    page = client.post(f"/auth/users/{target.id}/signout", data={}, follow_redirects=True)
    assert "已强制" in page.get_data(as_text=True)
    assert drafter.get("/reports/").status_code == 302
    assert db_session.scalar(select(AuditEvent.action).where(AuditEvent.action == "user.signout"))
    west = db_session.scalar(select(User).where(User.username == "xishan_drafter"))
    assert client.post(f"/auth/users/{west.id}/signout", data={}).status_code == 404  # not our committee


def test_remember_me_is_random_hashed_expiring_and_revocable(app, demo, db_session):
    client = Browser(app)
    client.post("/auth/login", data={"username": "donghu_drafter", "password": "demo12345", "remember": "y"})
    token = _cookie(client, "wengao_remember")
    assert token and len(token) >= 40
    stored = db_session.scalars(select(RememberToken)).one()
    assert stored.token_hash != token and token not in stored.token_hash
    returning = _copy(app, client, "wengao_remember")  # a new browser session with only the cookie
    assert returning.get("/reports/").status_code == 200
    db_session.execute(update(RememberToken).values(expires_at=stored.created_at - timedelta(seconds=1)))
    db_session.commit()
    assert _copy(app, client, "wengao_remember").get("/reports/").status_code == 302  # expired


def test_logout_revokes_remember_me_tokens(app, demo, db_session):
    client = Browser(app)
    client.post("/auth/login", data={"username": "donghu_drafter", "password": "demo12345", "remember": "y"})
    saved = _copy(app, client, "wengao_remember")
    client.logout()
    assert saved.get("/reports/").status_code == 302
    assert db_session.scalars(select(RememberToken)).all() == []
