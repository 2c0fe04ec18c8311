"""Sign-in throttling per account and per address, in a store every worker shares.

Only failures count (a successful sign-in clears its account's count). With REDIS_URL set the
counts live in Redis (fixed windows, INCR + EXPIRE); otherwise in the database (login_failure
rows). Either way the limit holds across workers and restarts.
"""
from dataclasses import dataclass
from datetime import timedelta
from typing import Optional

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from data_models import LoginFailure
from data_models.base import utcnow


@dataclass(frozen=True)
class Policy:
    window: timedelta = timedelta(minutes=15)
    per_account: int = 5  # failures before the account waits out the window
    per_address: int = 50  # an office behind one proxy shares its address


ACCOUNT_LOCKED = "该账号连续登录失败次数过多，已暂时锁定，请{minutes}分钟后再试，或联系管理员。"
ADDRESS_LOCKED = "本网络地址登录失败次数过多，请{minutes}分钟后再试。"


def _keys(username: str, address: str) -> tuple[str, str]:
    return f"user:{(username or '').strip().lower()[:64]}", f"ip:{(address or '')[:100]}"


class DatabaseStore:
    def __init__(self, session: Session):
        self.session = session

    def count(self, key: str, window: timedelta) -> int:
        return self.session.scalar(select(func.count(LoginFailure.id)).where(
            LoginFailure.key == key, LoginFailure.created_at > utcnow() - window)) or 0

    def add(self, key: str, window: timedelta) -> None:
        self.session.execute(delete(LoginFailure).where(LoginFailure.key == key,
                                                        LoginFailure.created_at <= utcnow() - window))
        self.session.add(LoginFailure(key=key))

    def clear(self, key: str) -> None:
        self.session.execute(delete(LoginFailure).where(LoginFailure.key == key))


class RedisStore:
    def __init__(self, client, prefix: str = ""):
        self.client, self.prefix = client, f"wengao:{prefix}login:"

    def count(self, key: str, window: timedelta) -> int:
        return int(self.client.get(self.prefix + key) or 0)

    def add(self, key: str, window: timedelta) -> None:
        pipe = self.client.pipeline()
        pipe.set(self.prefix + key, 0, ex=int(window.total_seconds()), nx=True)  # the window starts once
        pipe.incr(self.prefix + key)
        pipe.execute()

    def clear(self, key: str) -> None:
        self.client.delete(self.prefix + key)


def refusal(store, username: str, address: str, policy: Policy = Policy()) -> Optional[str]:
    """The Chinese lockout message if this sign-in may not even be tried now, else None."""
    account, ip = _keys(username, address)
    minutes = int(policy.window.total_seconds() // 60)
    if store.count(account, policy.window) >= policy.per_account:
        return ACCOUNT_LOCKED.format(minutes=minutes)
    if store.count(ip, policy.window) >= policy.per_address:
        return ADDRESS_LOCKED.format(minutes=minutes)
    return None


def record_failure(store, username: str, address: str, policy: Policy = Policy()) -> None:
    for key in _keys(username, address):
        store.add(key, policy.window)


def record_success(store, username: str, address: str) -> None:
    store.clear(_keys(username, address)[0])
