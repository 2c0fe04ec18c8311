from app import create_app
from app.upward import pump


def test_pump_starts_with_the_first_request_in_thread_mode_only(tmp_path, monkeypatch):
    spawned = []
    monkeypatch.setattr(pump, "_started", [])
    monkeypatch.setattr(pump, "_spawn", lambda: spawned.append(True))
    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    try:
        for mode, testing in (("thread", True), ("eager", False)):
            app = create_app({"TESTING": testing, "SETTINGS": {"database_url": url, "task_mode": mode, "secret_key": "x"}})
            app.test_client().get("/healthz")
        assert spawned == []
        app = create_app({"SETTINGS": {"database_url": url, "task_mode": "thread", "secret_key": "x"}})
        assert spawned == []  # creating the app (CLI) starts nothing
        app.test_client().get("/healthz")
        app.test_client().get("/healthz")
        assert spawned == [True]
    finally:  # leave Celery as the other tests expect it
        create_app({"TESTING": True, "SETTINGS": {"database_url": url, "task_mode": "eager", "secret_key": "x"}})
