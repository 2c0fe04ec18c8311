"""A demo city committee with two county committees below it."""
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_models import Committee

CITY = dict(name="政协清河市委员会", short_name="清河市政协", place="清河市", level="city")
COUNTIES = [
    dict(name="政协东湖县委员会", short_name="东湖县政协", place="东湖县", level="county"),
    dict(name="政协西山县委员会", short_name="西山县政协", place="西山县", level="county"),
]
ORDER = 10  # demo steps run by ORDER: committees, users, ledger, reports, …
PROFILE = {
    "term": "十", "session": "二",
    "facts": {"委员人数": 215, "常委人数": 41, "界别数": 16, "专委会数": 7, "功能型党支部": 5},
    "sectors": ["中共", "民革", "民盟", "民建", "工商联", "无党派", "共青团", "妇联", "科技", "教育",
                "文化艺术", "医药卫生", "农业", "经济", "社会福利", "特邀"],
    "special_committees": ["提案委员会", "经济委员会", "农业农村委员会", "社会法制和民族宗教委员会",
                           "教科卫体委员会", "文化文史和学习委员会", "委员联络委员会"],
}


def _ensure(session: Session, superior: Committee | None, sort: int, **fields) -> Committee:
    committee = session.scalars(select(Committee).where(Committee.name == fields["name"])).first()
    if committee is None:
        committee = Committee(**fields, superior=superior, sort_order=sort, profile=PROFILE)
        session.add(committee)
    return committee


def seed(session: Session) -> list[str]:
    city = _ensure(session, None, 0, **CITY)
    counties = [_ensure(session, city, i + 1, **c) for i, c in enumerate(COUNTIES)]
    return [f"委员会：{city.name}（下辖 {'、'.join(c.name for c in counties)}）"]


def demo_committees(session: Session) -> list[Committee]:
    names = [CITY["name"]] + [c["name"] for c in COUNTIES]
    return list(session.scalars(select(Committee).where(Committee.name.in_(names)).order_by(Committee.sort_order)))
