"""The editor page is remembered whole (app/reports/page.py) under the report row, a stamp of everything else
it shows (core/drafting/stamp.py) and its viewer: after any write, the next GET is exactly the page a fresh
render gives, and one viewer's page never reaches another."""
import re

import pytest
from sqlalchemy import select

from app.reports import page as editor_page
from core.drafting.stamp import page_stamp
from data_models import (Committee, NodeType, ProofreadIgnore, Record, ReviewEvent, Section, SectionComment,
                        User)

BODY = "全年召开主席会议{{ 主席会议次数 }}次,听取意见。"  # the half-width comma: a proofreading finding


@pytest.fixture
def drafted(client, db_session, drafter_report):
    """The drafter's annual report with its first section quoting a number, and that section."""
    report, item = drafter_report
    item.body = BODY
    db_session.commit()
    client.get(f"/reports/{report.id}")  # shows (and so clears) the flash 报告已创建
    return report, item


def _get(client, report) -> str:
    response = client.get(f"/reports/{report.id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _plain(page: str) -> str:
    """The page without what differs per response: the CSRF token and the CSP nonce."""
    page = re.sub(r'(name="csrf_token" value=|name="csrf-token" content=)"[^"]+"', r'\1"T"', page)
    return re.sub(r'nonce="[^"]+"', 'nonce="N"', page)


def _reviewer(db_session) -> User:
    return db_session.scalars(select(User).where(User.username == "donghu_reviewer")).one()


def _last_leaf(db_session, report) -> Section:
    sections = db_session.scalars(select(Section).where(Section.report_id == report.id).order_by(Section.id)).all()
    parents = {s.parent_id for s in sections}
    return [s for s in sections if s.id not in parents][-1]


def _record(db_session, report, count=1) -> Record:
    from data_models import RecordCategory, RecordType

    kind = db_session.scalars(select(RecordType).where(RecordType.name == "主席会议")).first()
    category = db_session.get(RecordCategory, kind.category_id) if kind else db_session.scalars(select(RecordCategory)).first()
    record = Record(committee_id=report.committee_id, category_id=category.id, type_id=kind.id if kind else None,
                    date=report.period_start, title="主席会议（测试）", count=count)
    db_session.add(record)
    return record


def _add_section(db_session, report, item):
    from core.drafting.sections import add_section

    add_section(db_session, report, NodeType.ITEM, parent_id=item.parent_id, lead="新增的一项。", body="新增正文。")


def _comment(db_session, report, item):
    db_session.add(SectionComment(report_id=report.id, section_id=item.id, user_id=_reviewer(db_session).id,
                                  body="请核对数字。"))


def _event(db_session, report, item):
    db_session.add(ReviewEvent(report_id=report.id, user_id=_reviewer(db_session).id, action="returned",
                               comment="整体结构清楚。"))


def _ignore(db_session, report, item):
    from core.proofreading.report import proofread_report

    rule = proofread_report(db_session, report).findings[0].rule
    db_session.add(ProofreadIgnore(report_id=report.id, rule=rule, fingerprint=""))  # 本文忽略此规则


def _record_changed(db_session, report, item):
    record = _record(db_session, report)
    db_session.commit()
    record.count = 7


def _rename_owner(db_session, report, item):
    reviewer = _reviewer(db_session)
    item.owner_id = reviewer.id
    db_session.commit()
    reviewer.display_name = "改名后的审核人"


def _committee(db_session, report, item):
    committee = db_session.get(Committee, report.committee_id)
    committee.short_name = "东湖政协（改）"


def _successor(db_session, report, item):
    from core.drafting.reports import create_report
    from core.metrics.periods import Period

    newer = create_report(db_session, db_session.get(Committee, report.committee_id), report.kind, Period.year(2024), "")
    newer.previous_id = report.id
    report.status = "approved"


# (what is changed, the change, a text the page shows after it or None)
CHANGES = [
    ("text", lambda s, r, i: setattr(i, "body", "改写后的正文。"), "改写后的正文。"),
    ("place", lambda s, r, i: setattr(i, "position", i.position + 10), None),
    ("kind", lambda s, r, i: setattr(i, "node_type", NodeType.ITEM), None),
    ("owner", lambda s, r, i: setattr(i, "owner_id", _reviewer(s).id), None),
    ("deleted", lambda s, r, i: s.delete(_last_leaf(s, r)), None),
    ("added", _add_section, "新增正文。"),
    ("comment", _comment, "请核对数字。"),
    ("review event", _event, "整体结构清楚。"),
    ("ignore", _ignore, None),
    ("ledger record added", lambda s, r, i: _record(s, r), None),
    ("ledger record changed", _record_changed, None),
    ("owner renamed", _rename_owner, "改名后的审核人"),
    ("committee", _committee, "东湖政协（改）"),
    ("report title", lambda s, r, i: setattr(r, "title", "改过的标题"), "改过的标题"),
    ("report settings", lambda s, r, i: setattr(r, "settings", {**(r.settings or {}), "speaker": "东湖县政协主席张明"}),
     "东湖县政协主席张明"),
    ("newer revision", _successor, None),
]


@pytest.mark.parametrize("change", [c[1] for c in CHANGES], ids=[c[0] for c in CHANGES])
def test_after_any_write_the_next_get_is_the_fresh_page(client, db_session, drafted, change):
    report, item = drafted
    before = _get(client, report)
    assert _plain(_get(client, report)) == _plain(before)  # remembered, and the same
    shown = next(text for _, c, text in CHANGES if c is change)
    change(db_session, report, item)
    db_session.commit()
    after = _get(client, report)
    editor_page.clear()
    fresh = _get(client, report)
    assert _plain(after) == _plain(fresh)
    assert _plain(after) != _plain(before)
    if shown:
        assert shown in after and shown not in before


def test_each_response_gets_its_own_token_and_nonce(client, db_session, drafted):
    report, _ = drafted
    first = client.get(f"/reports/{report.id}")
    second = client.get(f"/reports/{report.id}")
    for response in (first, second):
        page = response.get_data(as_text=True)
        token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
        assert set(re.findall(r'name="csrf_token" value="([^"]+)"', page)) == {token}
        nonce = re.search(r'<script type="application/json" id="editor-data" nonce="([^"]+)"', page).group(1)
        assert f"'nonce-{nonce}'" in response.headers["Content-Security-Policy"]
        assert "\x01" not in page
    nonces = [re.search(r'nonce="([^"]+)"', r.get_data(as_text=True)).group(1) for r in (first, second)]
    assert nonces[0] != nonces[1]


def test_a_flashed_message_is_shown_once_and_never_remembered(client, db_session, drafted):
    report, item = drafted
    _get(client, report)
    db_session.refresh(item)
    client.post(f"/reports/{report.id}/sections/{item.id}", data={
        "version": item.version, "heading": item.heading, "lead": item.lead, "body": "保存后的正文。"})
    with_flash = _get(client, report)
    assert 'class="flash message"' in with_flash and "保存后的正文。" in with_flash
    again = _get(client, report)
    assert 'class="flash message"' not in again and "保存后的正文。" in again


def test_another_viewer_gets_their_own_page(client, db_session, drafted):
    report, item = drafted
    mine = _get(client, report)
    client.logout()
    client.login("donghu_admin")
    theirs = _get(client, report)
    admin = db_session.scalars(select(User).where(User.username == "donghu_admin")).one()
    drafter = db_session.scalars(select(User).where(User.username == "donghu_drafter")).one()
    who = re.compile(r'<div class="who">\s*(.*?)\s*<a', re.S)
    assert (admin.display_name or admin.username) in who.search(theirs).group(1)
    assert (drafter.display_name or drafter.username) in who.search(mine).group(1)
    assert " mine" in re.search(rf'<section [^>]*id="s-{item.id}"', mine).group(0)
    assert " mine" not in re.search(rf'<section [^>]*id="s-{item.id}"', theirs).group(0)


def test_a_committee_with_subordinates_is_rendered_anew(db_session, demo):
    """Its roll-up numbers read the subordinates' ledgers and submissions, which the stamp does not cover."""
    from core.drafting.reports import create_report
    from core.metrics.periods import Period

    city = create_report(db_session, demo.city, "annual_summary", Period.year(2023), "")
    county = create_report(db_session, demo.county_a, "annual_summary", Period.year(2023), "")
    db_session.commit()
    assert page_stamp(db_session, city) is None
    assert page_stamp(db_session, county) is not None
