"""The sign-in throttle's store for this deployment: Redis when REDIS_URL is set, else the database."""
from functools import lru_cache

from flask import current_app

from app.extensions import db
from core.throttle import DatabaseStore, RedisStore


@lru_cache(maxsize=4)
def _redis(url: str):
    import redis

    return redis.Redis.from_url(url, socket_timeout=2)


def login_store():
    settings = current_app.config["WENGAO"]
    if settings.redis_url:
        return RedisStore(_redis(settings.redis_url), settings.queue_prefix)
    return DatabaseStore(db.session)
