"""A demo ledger shaped like reference 000: 2022, 2023 and the first half of 2024 for each committee.

Deterministic (seeded random), bulk-inserted, and skipped for a committee that already has demo
records, so the step is fast and idempotent. Every catalogue metric is non-zero for 2023 and 2023H1.
"""
import random
from datetime import date, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from core.metrics.definitions import seed_catalogue
from data_models import Record, RecordCategory, RecordType

from .committees import demo_committees

ORDER = 30
PERIODS = [(date(2022, 1, 1), date(2022, 12, 31), 0.9), (date(2023, 1, 1), date(2023, 12, 31), 1.0),
           (date(2024, 1, 1), date(2024, 6, 30), 0.5)]
SCALES = [1.3, 1.0, 0.8]  # city, county A, county B
# (category, type, records per year, stock: dated before the first period, as rooms and studios are)
PLAN = [
    ("meeting", "party_study_chair", 12), ("meeting", "party_group", 18), ("meeting", "chair", 10),
    ("meeting", "standing", 5), ("meeting", "standing_study", 4),
    ("study", "plenary_training", 2), ("study", "training_class", 3), ("study", "reading", 6), ("study", "red_film", 3),
    ("speech", "party_study", 4), ("speech", "theme_education", 3), ("speech", "superior_meeting", 2),
    ("consultation", "special_standing", 2), ("consultation", "special_topic", 3), ("consultation", "bimonthly", 4),
    ("consultation", "committee_forum", 6), ("research", "research", 4), ("research", "inspection", 3),
    ("research", "report", 6), ("supervision", "special", 3), ("supervision", "evaluation", 2),
    ("proposal", "proposal", 150), ("social_info", "item", 80), ("room_activity", "activity", 60),
    ("member_placement", "county", 8), ("member_placement", "city", 4), ("member_placement", "province", 2),
    ("reception", "delegation", 14), ("reception", "higher_research", 8),
    ("assistance", "pairing", 12), ("assistance", "contact", 60), ("assistance", "visit", 45),
    ("assistance", "policy", 30), ("assistance", "matter", 15), ("assistance", "problem", 10), ("assistance", "donation", 6),
    ("member_activity", "special_committee", 15), ("member_activity", "sector", 20), ("member_activity", "station", 40),
    ("member_activity", "party_branch", 24), ("member_activity", "members_added", 2),
    ("member_activity", "livelihood_proposal", 4), ("member_activity", "livelihood_problem", 4),
    ("member_activity", "livelihood_matter", 4),
    ("consultation_room", "township", 3), ("consultation_room", "village", 10), ("consultation_room", "enterprise", 2),
    ("consultation_room", "institution", 2), ("organization", "studio", 2), ("organization", "sector_group", 4),
    ("organization", "party_group", 2), ("organization", "functional_branch", 2),
    ("regulation", "new", 3), ("regulation", "revised", 4), ("publication", "article", 40),
]
TOPICS = ["东湖白茶全产业链发展", "湖区生态环境保护", "城区停车难治理", "农村供水工程建设",
          "古镇历史建筑保护利用", "县域商贸物流发展", "义务教育均衡发展", "农村互助养老服务"]
UNITS = ["发展和改革局", "教育局", "公安局", "财政局", "人社局", "自然资源局", "生态环境局", "住建局", "交通运输局",
         "水务局", "农业农村局", "商务局", "文旅局", "卫健局", "应急管理局", "市场监管局", "医保局", "城管局"]
TOWNSHIPS = ["城关镇", "东关街道", "南河镇", "北山乡", "柳林镇", "石桥镇", "清水乡", "马坊镇", "杨柳乡", "安乐镇"]
PLACES = ["梧溪县", "石岚县", "青禾县", "柳泽县", "杏坪县", "枫渡县", "云岫县"]  # fictional, as 清河/东湖/西山


def seed(session: Session) -> list[str]:
    lines = seed_catalogue(session)
    types = _type_ids(session)
    for committee, scale in zip(demo_committees(session), SCALES):
        if session.scalar(select(func.count(Record.id)).where(Record.committee_id == committee.id, Record.source == "demo")):
            continue
        rows = _committee_rows(committee, scale, types)
        session.execute(insert(Record), rows)
        lines.append(f"{committee.short_name}台账：{len(rows)} 条（2022年至2024年上半年）")
    return lines


def _type_ids(session: Session) -> dict:
    stmt = (select(RecordCategory.key, RecordType.key, RecordCategory.id, RecordType.id, RecordType.name)
            .join(RecordType.category))
    return {(c, t): (cid, tid, name) for c, t, cid, tid, name in session.execute(stmt)}


def _committee_rows(committee, scale: float, types: dict) -> list[dict]:
    rng = random.Random(f"demo-ledger-{committee.name}")
    rows = []
    for start, end, share in PERIODS:
        rows.append(_row(committee, types, "meeting", "plenary", start + timedelta(days=11),
                         f"政协{committee.place}第十届委员会第{start.year - 2021}次会议", {"term": "十"}))
        for category, type_key, per_year in PLAN:
            stock = category in ("consultation_room", "organization")
            n = max(2, round(per_year * scale * (share if not stock else 1) * (1 if start.year == 2023 or not stock else 0.5)))
            for i, day in enumerate(_spread(start, end, n, proposals=category == "proposal")):
                title, attrs, extra = _details(rng, committee, category, type_key, i)
                title = title or f"{committee.place}政协{types[(category, type_key)][2]}（{i + 1}）"
                rows.append(_row(committee, types, category, type_key, day, title, attrs, **extra))
    return rows


def _spread(start: date, end: date, n: int, proposals: bool) -> list[date]:
    """n dates spread over the period; proposals start after the plenary (day 12)."""
    first = start + timedelta(days=12) if proposals else start
    span = (end - first).days
    return [first + timedelta(days=int((i + 0.5) * span / n)) for i in range(n)]


def _row(committee, types, category, type_key, day, title, attrs, count=1, persons=0, amount=0) -> dict:
    category_id, type_id, _name = types[(category, type_key)]
    return dict(committee_id=committee.id, category_id=category_id, type_id=type_id, date=day, title=title,
                count=count, persons=persons, amount=amount, attrs=attrs, note="", source="demo")


def _details(rng: random.Random, committee, category: str, type_key: str, i: int) -> tuple[str, dict, dict]:
    """(title, attrs, quantities) for one demo record."""
    place = committee.place
    if category == "proposal":
        return _proposal(rng, place, i)
    if category == "social_info":
        sent = i % 3 != 2
        attrs = {"edited": i % 4 != 3, "sent_up": sent, "adopted_up": sent and i % 2 == 0,
                 "to_province": sent and i % 6 == 0, "instructions": 1 if i % 10 == 0 else 0}
        return f"关于{rng.choice(TOWNSHIPS)}{rng.choice(['农村饮水', '道路养护', '养老服务', '校园安全'])}问题的建议", attrs, {}
    if category == "research" and type_key != "report":
        topic = _local(TOPICS[(i + (0 if type_key == "research" else 4)) % len(TOPICS)], place)
        return topic, {"topic": topic, "instruction": i == 0}, {}
    if category == "reception":
        origin = PLACES[i % len(PLACES)]
        return f"{origin}政协{'学习考察团' if type_key == 'delegation' else '调研组'}", {"leader": "副主席", "size": 8 + i % 7}, {}
    if category == "room_activity":
        return f"{rng.choice(TOWNSHIPS)}协商议事活动", {"problems_solved": rng.randint(1, 4)}, {"persons": rng.randint(25, 60)}
    if category == "member_placement":
        return f"委员下沉{TOWNSHIPS[i % len(TOWNSHIPS)]}", {"township": TOWNSHIPS[i % len(TOWNSHIPS)], "group": f"第{i % 6 + 1}履职小组"}, {"count": rng.randint(3, 9)}
    if category == "consultation_room":
        return f"{TOWNSHIPS[i % len(TOWNSHIPS)]}{'协商议事室'}（{i + 1}）", {"township": TOWNSHIPS[i % len(TOWNSHIPS)]}, {}
    return _generic(rng, place, category, type_key, i)


def _generic(rng, place, category, type_key, i) -> tuple[str, dict, dict]:
    quantities = {}
    if type_key in ("training_class", "party_branch"):
        quantities["persons"] = rng.randint(30, 90)
    elif type_key == "pairing":
        quantities["persons"] = rng.randint(2, 4)
    elif type_key == "donation":
        quantities["amount"] = rng.randint(3000, 12000)
    elif type_key in ("members_added", "livelihood_proposal", "livelihood_problem", "livelihood_matter", "new", "revised"):
        quantities["count"] = rng.randint(2, 6)
    return "", {}, quantities  # titled by the type's name


def _proposal(rng: random.Random, place: str, i: int) -> tuple[str, dict, dict]:
    filed = i % 8 != 7
    attrs = {
        "number": f"{i + 1:03d}", "term": "十", "session": "二",
        "topic_category": rng.choice(["经济", "政治", "文化", "社会", "生态"]),
        "timing": "会间" if i % 5 else "会后", "form": rng.choice(["个人", "联名", "集体"]),
        "status": "立案" if filed else "转为意见建议", "merged": filed and i % 11 == 0,
        "key": filed and i % 15 == 0, "excellent": i % 20 == 0, "chair_supervised": filed and i % 25 == 0,
        "lead_unit": UNITS[i % len(UNITS)] if filed else "",
        "handling_state": "已办结" if filed and i % 9 else "办理中",
        "result": rng.choice(["解决或采纳", "列入计划", "留作参考"]) if filed else "",
        "satisfaction": rng.choice(["满意", "满意", "基本满意"]) if filed and i % 9 else "",
    }
    return f"关于{rng.choice(['加快', '推进', '加强', '完善'])}{place}{_local(rng.choice(TOPICS), place)}的提案", attrs, {}


def _local(topic: str, place: str) -> str:
    """A topic named after a place names the committee's own (西山白茶 in 西山县's ledger, not 东湖白茶)."""
    return topic.replace("东湖", place.rstrip("省市县区"))
