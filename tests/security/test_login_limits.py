"""Sign-in throttling per account and per address, in a shared store; successes never count."""
import uuid

import pytest

from app import create_app
from core.demo import committees, users
from core.throttle import DatabaseStore, Policy, RedisStore, record_failure, refusal
from tests.conftest import BROKER_URL, CsrfClient
from tests.support import need


def _app(database_url, **settings):
    app = create_app({"TESTING": True, "SETTINGS": {"database_url": database_url, "task_mode": "eager",
                                                    "secret_key": "x", **settings}})
    app.test_client_class = CsrfClient
    return app


@pytest.fixture
def seeded(database_url):
    app = _app(database_url)
    with app.app_context():
        from app.extensions import db

        committees.seed(db.session)
        db.session.flush()
        users.seed(db.session)
        db.session.commit()
        yield app
        db.session.remove()


def test_account_is_locked_after_five_failures_in_chinese(seeded):
    client = seeded.test_client()
    codes = [client.login("donghu_drafter", "wrong").status_code for _ in range(5)]
    assert codes == [200] * 5
    response = client.login("donghu_drafter")  # even the right password waits
    assert response.status_code == 429 and "已暂时锁定" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302
    assert "登录成功" in client.login("xishan_drafter").get_data(as_text=True)  # same address, other account


def test_successful_logins_are_not_counted(seeded):
    client = seeded.test_client()
    for _ in range(8):
        assert "登录成功" in client.login("donghu_drafter").get_data(as_text=True)
        client.logout()
    for _ in range(4):
        client.login("donghu_drafter", "wrong")
    assert "登录成功" in client.login("donghu_drafter").get_data(as_text=True)  # and a success clears the count


def test_the_count_is_shared_by_every_worker(seeded, database_url):
    client = seeded.test_client()
    for _ in range(5):
        client.login("donghu_drafter", "wrong")
    other_worker = _app(database_url)  # another process on the same database
    with other_worker.app_context():
        response = other_worker.test_client().login("donghu_drafter")
        assert response.status_code == 429, response.get_data(as_text=True)


def test_one_address_trying_many_accounts_is_locked(seeded):
    client = seeded.test_client()
    for i in range(Policy().per_address):
        client.login(f"nobody{i}", "wrong")
    response = client.login("donghu_drafter")
    assert response.status_code == 429 and "本网络地址" in response.get_data(as_text=True)


def test_redis_store_counts_and_clears():
    if not BROKER_URL:  # like the live worker: the embedded pass has no broker, the PostgreSQL pass covers this
        pytest.skip("嵌入式默认配置（SQLite）不连接 Redis；PostgreSQL 轮次覆盖此测试")
    need(BROKER_URL.startswith("redis"), "需要 TEST_CELERY_BROKER_URL=redis://…")
    import redis

    store = RedisStore(redis.Redis.from_url(BROKER_URL), f"t{uuid.uuid4().hex[:8]}.")
    policy = Policy(per_account=3)
    for _ in range(3):
        assert refusal(store, "someone", "10.0.0.1", policy) is None
        record_failure(store, "someone", "10.0.0.1", policy)
    assert "已暂时锁定" in refusal(store, "someone", "10.0.0.1", policy)
    store.clear("user:someone")
    assert refusal(store, "someone", "10.0.0.1", policy) is None


def test_database_store_forgets_failures_outside_the_window(db_session):
    from datetime import timedelta

    from data_models import LoginFailure
    from data_models.base import utcnow

    store = DatabaseStore(db_session)
    db_session.add_all([LoginFailure(key="user:old", created_at=utcnow() - timedelta(hours=1)) for _ in range(9)])
    db_session.flush()
    assert refusal(store, "old", "10.0.0.2") is None
