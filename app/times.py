"""Times on pages: stored in UTC, always shown in Beijing time through one Jinja filter."""
from datetime import date, datetime

from core.times import BEIJING, to_beijing  # noqa: F401  (BEIJING: the audit log's day bounds)

FORMATS = {"minute": "%Y-%m-%d %H:%M", "second": "%Y-%m-%d %H:%M:%S", "date": "%Y-%m-%d", "time": "%H:%M"}


def beijing(moment: datetime | date | None, style: str = "minute") -> str:
    """{{ event.created_at|beijing }} → 2026-11-28 00:16; style "second", "date" or "time"."""
    if moment is None:
        return ""
    if not isinstance(moment, datetime):
        return moment.strftime(FORMATS["date"])
    return to_beijing(moment).strftime(FORMATS.get(style, style))
