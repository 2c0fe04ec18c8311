from app import create_app
from app.upward import pump


def test_pump_starts_once_and_only_in_thread_mode(tmp_path, monkeypatch):
    spawned = []
    monkeypatch.setattr(pump, "_started", [])
    monkeypatch.setattr(pump, "_spawn", lambda: spawned.append(True))
    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    try:
        create_app({"TESTING": True, "SETTINGS": {"database_url": url, "task_mode": "thread", "secret_key": "x"}})
        create_app({"SETTINGS": {"database_url": url, "task_mode": "eager", "secret_key": "x"}})
        assert spawned == []
        create_app({"SETTINGS": {"database_url": url, "task_mode": "thread", "secret_key": "x"}})
        create_app({"SETTINGS": {"database_url": url, "task_mode": "thread", "secret_key": "x"}})
        assert spawned == [True]
    finally:  # leave Celery as the other tests expect it
        create_app({"TESTING": True, "SETTINGS": {"database_url": url, "task_mode": "eager", "secret_key": "x"}})
