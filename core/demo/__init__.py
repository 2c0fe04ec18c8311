"""Demo data, created idempotently: running it twice changes nothing the second time."""
from sqlalchemy.orm import Session

from . import users

DEMO_PASSWORD = users.DEMO_PASSWORD


def demo_steps() -> list:
    """Every module of this package with ORDER and seed(session) -> summary lines, by ORDER."""
    import importlib
    import pkgutil

    modules = [importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)]
    return [m.seed for m in sorted((m for m in modules if hasattr(m, "ORDER")), key=lambda m: m.ORDER)]


def load_demo(session: Session) -> list[str]:
    lines: list[str] = []
    for step in demo_steps():
        lines.extend(step(session))
        session.flush()
    return lines
