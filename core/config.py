"""All configuration, read from the environment in one place, with the embedded default."""
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = Path(os.environ.get("WENGAO_INSTANCE_DIR", PROJECT_ROOT / "instance"))


@dataclass(frozen=True)
class Settings:
    database_url: str
    broker_url: str = ""  # empty: tasks run without a broker
    redis_url: str = ""  # shared store for sign-in throttling; empty: the database
    task_mode: str = "thread"  # eager (inline), thread (background thread), celery (broker)
    secret_key: str = ""
    max_upload_bytes: int = 20 * 1024 * 1024
    soffice: str = "soffice"
    secure_cookies: bool = False  # behind HTTPS: cookies only over TLS, plus HSTS
    queue_prefix: str = ""  # separates test runs that share one broker
    api_rate_limit: str = "600 per minute"  # REST API calls per token
    extra: dict = field(default_factory=dict)


def _default_database_url() -> str:
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{INSTANCE_DIR / 'wengao.sqlite3'}"


def _instance_secret_key() -> str:
    """Without SECRET_KEY, a random key kept under instance/ (sessions survive restarts)."""
    import secrets

    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def load_settings(**overrides) -> Settings:
    """Settings from the environment; keyword overrides win (tests, CLI)."""
    env = os.environ
    broker = env.get("CELERY_BROKER_URL", "")
    settings = Settings(
        database_url=env.get("DATABASE_URL") or _default_database_url(),
        broker_url=broker,
        redis_url=env.get("REDIS_URL", ""),
        task_mode=env.get("TASK_MODE") or ("celery" if broker else "thread"),
        secret_key=env.get("SECRET_KEY") or overrides.pop("secret_key", None) or _instance_secret_key(),
        max_upload_bytes=int(env.get("MAX_UPLOAD_MB", "20")) * 1024 * 1024,
        soffice=env.get("SOFFICE", "soffice"),
        secure_cookies=env.get("SECURE_COOKIES", "").lower() in ("1", "true", "yes"),
        queue_prefix=env.get("CELERY_QUEUE_PREFIX", ""),
        api_rate_limit=env.get("API_RATE_LIMIT", "600 per minute"),
    )
    return replace(settings, **overrides)
