from app import create_app
from core.demo import committees, users
from tests.conftest import CsrfClient


def test_login_is_rate_limited_in_chinese(database_url):
    # Explicit: the shared Limiter object keeps the last app's "enabled" as its default.
    app = create_app({"TESTING": True, "RATELIMIT_ENABLED": True, "SETTINGS": {"database_url": database_url, "task_mode": "eager",
                                                    "secret_key": "x"}})
    app.test_client_class = CsrfClient
    with app.app_context():
        from app.extensions import db

        committees.seed(db.session)
        db.session.flush()
        users.seed(db.session)
        db.session.commit()
        client = app.test_client()
        codes = [client.login("donghu_drafter", "wrong").status_code for _ in range(10)]
        assert codes == [200] * 10
        response = client.login("donghu_drafter")  # even the right password waits
        assert response.status_code == 429
        assert "登录尝试过于频繁" in response.get_data(as_text=True)
        assert client.get("/").status_code == 302
        db.session.remove()
