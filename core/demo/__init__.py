"""Demo data, created idempotently: running it twice changes nothing the second time."""
from sqlalchemy.orm import Session

from . import committees, users

DEMO_PASSWORD = users.DEMO_PASSWORD
# Each step takes the session and returns lines for the summary; later areas append steps.
STEPS = [committees.seed, users.seed]


def load_demo(session: Session) -> list[str]:
    lines: list[str] = []
    for step in STEPS:
        lines.extend(step(session))
        session.flush()
    return lines
