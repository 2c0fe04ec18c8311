from app import create_app


def test_app_starts_with_embedded_default(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    monkeypatch.setenv("WENGAO_INSTANCE_DIR", str(tmp_path))
    from core.config import load_settings

    settings = load_settings()
    assert settings.database_url.startswith("sqlite:///")
    assert settings.task_mode == "thread"


def test_testing_config(app):
    assert app.testing
    assert create_app({"SETTINGS": {"database_url": "sqlite:///:memory:"}}).testing is False


def test_healthz(client):
    assert client.get("/healthz").json == {"status": "ok"}


def test_dashboard_requires_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def test_secret_key_is_random_and_kept_without_env(tmp_path, monkeypatch):
    from core import config

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setattr(config, "INSTANCE_DIR", tmp_path)
    first = config.load_settings().secret_key
    assert len(first) == 64 and first == config.load_settings().secret_key
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_every_area_package_is_registered(app):
    """Areas are listed in app.AREAS, not scanned: a new app/<area>/ with a blueprint must be listed."""
    import importlib
    import pkgutil

    import app as app_package

    packages = {info.name for info in pkgutil.iter_modules(app_package.__path__) if info.ispkg}
    with_blueprint = {name for name in packages if hasattr(importlib.import_module(f"app.{name}"), "bp")}
    assert with_blueprint == set(app_package.AREAS)
    assert {bp.name for bp in app.blueprints.values()} >= {"main", "ledger", "upward"}


def test_an_app_let_go_is_freed(tmp_path):
    """Shared extension objects (limiter, db, csrf) keep nothing of an app: tests build one per test, and
    apps kept alive made each xdist worker's end-of-run garbage collection outlast execnet's 5 s."""
    import gc
    import weakref

    settings = {"database_url": f"sqlite:///{tmp_path / 'x.sqlite3'}", "task_mode": "eager", "secret_key": "k"}
    built = weakref.ref(create_app({"TESTING": True, "SETTINGS": settings}))
    gc.collect()
    assert built() is None
