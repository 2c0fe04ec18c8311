from app import create_app
from app.upward import pump


class _FakeThread:
    started: list = []

    def __init__(self, target, name, daemon):
        self.name = name

    def start(self):
        _FakeThread.started.append(self.name)


def test_pump_starts_once_and_only_in_thread_mode(tmp_path, monkeypatch):
    monkeypatch.setattr(pump, "_started", [])
    monkeypatch.setattr(pump.threading, "Thread", _FakeThread)
    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    try:
        create_app({"TESTING": True, "SETTINGS": {"database_url": url, "task_mode": "thread", "secret_key": "x"}})
        create_app({"SETTINGS": {"database_url": url, "task_mode": "eager", "secret_key": "x"}})
        assert _FakeThread.started == []
        create_app({"SETTINGS": {"database_url": url, "task_mode": "thread", "secret_key": "x"}})
        create_app({"SETTINGS": {"database_url": url, "task_mode": "thread", "secret_key": "x"}})
        assert _FakeThread.started == ["wengao-outbox-pump"]
    finally:  # leave Celery as the other tests expect it
        create_app({"TESTING": True, "SETTINGS": {"database_url": url, "task_mode": "eager", "secret_key": "x"}})
