"""Demo upload upward: 清河市政协 asks both counties for their 2023 annual summaries."""
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.metrics.periods import Period
from core.upward.requests import issue_request
from data_models import CollectionRequest, User

from .committees import demo_committees

ORDER = 60
YEAR = Period.year(2023)
NOTE = "请各县政协于截止日期前报送经审定的2023年工作总结（Word 和 PDF）及主要工作数据。"


def seed(session: Session) -> list[str]:
    city, *counties = demo_committees(session)
    request = session.scalars(select(CollectionRequest).where(
        CollectionRequest.committee_id == city.id, CollectionRequest.kind == "annual_summary",
        CollectionRequest.period_start == YEAR.start, CollectionRequest.period_end == YEAR.end)).first()
    if request is None:
        admin = session.scalars(select(User).where(User.username == "city_admin")).first()
        request = issue_request(session, committee_id=city.id, kind="annual_summary", period=YEAR,
                                deadline=date.today() + timedelta(days=30), target_ids=[c.id for c in counties],
                                note=NOTE, user_id=admin.id if admin else None)
    names = "、".join(c.short_name for c in counties)
    return [f"报送通知 #{request.id}：{city.short_name}《{request.title}》，报送单位：{names}"]
