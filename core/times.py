"""Times for people: stored in UTC, read in Beijing time (Asia/Shanghai)."""
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")


def to_beijing(moment: datetime) -> datetime:
    """A stored time in Beijing time; a naive time (SQLite drops the zone) is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(BEIJING)


def beijing_text(moment: datetime | None, pattern: str = "%Y-%m-%d %H:%M") -> str:
    return to_beijing(moment).strftime(pattern) if moment else ""


def beijing_today() -> date:
    """Today's date in Beijing (a server on UTC is a day behind between 00:00 and 08:00 Beijing time)."""
    return datetime.now(BEIJING).date()
