"""One demo user per role in each demo committee."""
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.passwords import hash_password
from data_models import User

from .committees import demo_committees

ORDER = 20
DEMO_PASSWORD = "demo12345"
# username prefix per committee (by sort order), then role
PREFIXES = ["city", "donghu", "xishan"]
ROLES = {"drafter": "起草员", "reviewer": "审核员", "admin": "管理员"}


def seed(session: Session) -> list[str]:
    lines = []
    password_hash = None
    for prefix, committee in zip(PREFIXES, demo_committees(session)):
        for role, title in ROLES.items():
            username = f"{prefix}_{role}"
            if session.scalars(select(User).where(User.username == username)).first() is None:
                password_hash = password_hash or hash_password(DEMO_PASSWORD)
                session.add(User(username=username, display_name=f"{committee.short_name}{title}",
                                 role=role, committee=committee, password_hash=password_hash))
        lines.append(f"{committee.short_name}账号：{prefix}_drafter（起草）、{prefix}_reviewer（审核）、{prefix}_admin（管理）")
    return lines
