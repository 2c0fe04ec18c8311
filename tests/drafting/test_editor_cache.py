"""The editor page remembers its blocks, outline, warnings, picker, numbering and findings between requests
(app/reports/fragments.py and the memos below it): every write that changes what the page shows is seen on
the next GET, and nothing of one viewer or session reaches another."""
import json
import re

from sqlalchemy import select

from data_models import Report, Section, User

BODY = "全年召开主席会议{{ 主席会议次数 }}次，开展协商活动{{ 协商活动场次 }}场次。"


def _page(client, report) -> str:
    return client.get(f"/reports/{report.id}").get_data(as_text=True)


def _block(page: str, section_id: int) -> str:
    return re.search(rf'<section [^>]*id="s-{section_id}".*?</section>', page, re.S).group(0)


def _save(client, db_session, report, section, **text):
    db_session.refresh(section)
    fields = {"version": section.version, "heading": section.heading, "lead": section.lead, "body": section.body, **text}
    assert client.post(f"/reports/{report.id}/sections/{section.id}", data=fields).status_code == 302
    db_session.expire_all()


def _picker_value(page: str, label: str) -> str:
    item = re.search(rf'data-placeholder="{{{{ {label} }}}}">{label}</button>\s*<(?:a|span) class="value"[^>]*>([^<]*)<',
                     page)
    return item.group(1)


def test_a_saved_block_shows_its_new_text_and_version(client, db_session, drafter_report):
    report, item = drafter_report
    before = _block(_page(client, report), item.id)
    _save(client, db_session, report, item, body="第一稿正文。")
    _page(client, report)  # remembered now
    _save(client, db_session, report, item, body="第二稿正文。")
    block = _block(_page(client, report), item.id)
    assert "第二稿正文。" in block and "第一稿正文。" not in block and block != before
    assert f'data-version="{db_session.get(Section, item.id).version}"' in block


def test_moving_a_block_renumbers_the_outline_and_the_blocks(client, db_session, drafter_report):
    report, _ = drafter_report
    part = db_session.scalars(select(Section).where(Section.report_id == report.id, Section.node_type == "part")
                              .order_by(Section.position)).first()
    first, second = db_session.scalars(select(Section).where(Section.parent_id == part.id, Section.node_type == "section")
                                       .order_by(Section.position)).all()[:2]
    page = _page(client, report)
    number = re.search(rf'id="s-{first.id}"[^>]*data-number="([^"]*)"', page).group(1)
    client.post(f"/reports/{report.id}/sections/{second.id}/move", data={"direction": "up"})
    page = _page(client, report)
    assert re.search(rf'id="s-{second.id}"[^>]*data-number="([^"]*)"', page).group(1) == number
    outline = re.search(r'<nav class="outline".*?</nav>', page, re.S).group(0)
    assert outline.index(f'data-section="{second.id}"') < outline.index(f'data-section="{first.id}"')


def test_a_new_owner_is_shown_on_the_block(client, db_session, drafter_report):
    report, item = drafter_report
    assert " mine" in _block(_page(client, report), item.id).split(">", 1)[0]  # the drafter made it
    reviewer = db_session.scalars(select(User).where(User.username == "donghu_reviewer")).one()
    client.post(f"/reports/{report.id}/sections/{item.id}/owner", data={"owner_id": reviewer.id})
    block = _block(_page(client, report), item.id)
    assert f'data-owner="{reviewer.id}"' in block and (reviewer.display_name or reviewer.username) in block
    assert " mine" not in block.split(">", 1)[0]


def test_a_ledger_record_changes_the_picker_and_the_numbers(client, db_session, drafter_report):
    report, item = drafter_report
    _save(client, db_session, report, item, body=BODY)
    page = _page(client, report)
    assert _picker_value(page, "主席会议次数") != "1次"
    assert client.post("/ledger/new/meeting", data={"type": "主席会议", "date": "2023-03-01",
                                                    "title": "主席会议"}).status_code == 302
    page = _page(client, report)
    assert _picker_value(page, "主席会议次数") == "1次"
    data = json.loads(re.search(r'<script type="application/json" id="editor-data"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert data["chips"]["{{ 主席会议次数 }}"]["shown"] == "1"


def test_a_metric_added_to_the_catalogue_appears_in_the_picker(client, db_session, drafter_report):
    report, _ = drafter_report
    assert "网络议政次数" not in _page(client, report)
    client.logout()
    client.login("donghu_admin")
    client.post("/ledger/catalogue", data={"action": "metric", "key": "online_forums", "label": "网络议政次数",
                                           "unit": "次", "kind": "count", "category": "consultation", "types": ""})
    assert "网络议政次数" in _page(client, report)


def test_submitting_for_review_makes_the_blocks_read_only(client, db_session, drafter_report):
    report, item = drafter_report
    assert " readonly" not in _block(_page(client, report), item.id)
    client.post(f"/review/{report.id}/submit", data={"comment": ""})
    assert db_session.get(Report, report.id).status != "draft"
    block = _block(_page(client, report), item.id)
    assert " readonly" in block and "保存</button>" not in block


def test_a_reviewer_never_gets_the_drafters_blocks(client, db_session, drafter_report):
    report, item = drafter_report
    assert " readonly" not in _block(_page(client, report), item.id)  # the drafter's, remembered
    client.logout()
    client.login("donghu_reviewer")
    block = _block(_page(client, report), item.id)
    assert " readonly" in block and "保存</button>" not in block


def test_a_reviewers_comment_appears_on_its_block(client, db_session, drafter_report):
    report, item = drafter_report
    _page(client, report)
    client.post(f"/review/{report.id}/submit", data={"comment": ""})
    client.logout()
    client.login("donghu_reviewer")
    client.post(f"/review/{report.id}/sections/{item.id}/comments", data={"body": "请补充东湖县协商活动的具体成效。"})
    client.logout()
    client.login("donghu_drafter")
    assert "请补充东湖县协商活动的具体成效。" in _block(_page(client, report), item.id)


def test_a_proofreading_finding_comes_and_goes_with_the_text(client, db_session, drafter_report):
    report, item = drafter_report
    _save(client, db_session, report, item, body="东湖县召开协商会议,听取意见。")
    block = _block(_page(client, report), item.id)
    assert 'class="pf ' in block
    fingerprint = re.search(r'name="fingerprint" value="([^"]+)"', block).group(1)
    rule = re.search(r'name="rule" value="([^"]+)"', block).group(1)
    client.post(f"/proofread/reports/{report.id}/ignore", data={"rule": rule, "fingerprint": fingerprint, "text": ","})
    assert f'value="{fingerprint}"' not in _block(_page(client, report), item.id)
    _save(client, db_session, report, item, body="东湖县召开协商会议，听取意见。")
    assert 'class="pf ' not in _block(_page(client, report), item.id)


def test_every_form_carries_the_viewers_own_token(client, db_session, drafter_report, app):
    report, item = drafter_report
    _save(client, db_session, report, item, body="东湖县召开协商会议,听取意见。")  # a finding with its forms too
    mine = _page(client, report)
    other = app.test_client()
    other.login("donghu_admin")
    theirs = _page(other, report)
    for page in (mine, theirs):
        token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
        tokens = set(re.findall(r'name="csrf_token" value="([^"]+)"', page))
        assert tokens == {token} and "\x01" not in page
    page = client.post(f"/reports/{report.id}/sections/{item.id}", data={
        "csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', _block(mine, item.id)).group(1),
        "version": db_session.get(Section, item.id).version, "heading": "", "lead": "引导句", "body": "正文。"})
    assert page.status_code == 302  # the token in a remembered block is accepted for its session


def test_a_label_changed_in_place_reaches_the_picker_and_the_chips(client, db_session, drafter_report):
    """The catalogue version is read with the ledger's fingerprint (one query): a definition edited where it
    stands changes the remembered picker and the metric values alike."""
    from data_models import MetricDefinition

    report, item = drafter_report
    _save(client, db_session, report, item, body="全年召开主席会议{{ 主席会议召开次数 }}次。")
    assert 'data-placeholder="{{ 主席会议召开次数 }}"' not in _page(client, report)
    definition = db_session.scalars(select(MetricDefinition).where(MetricDefinition.key == "chair_meetings")).one()
    definition.label = "主席会议召开次数"
    db_session.commit()
    page = _page(client, report)
    assert _picker_value(page, "主席会议召开次数").endswith("次")
    data = json.loads(re.search(r'<script type="application/json" id="editor-data"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert "主席会议召开次数" in data["metrics"] and "主席会议次数" not in data["metrics"]


def test_a_remembered_page_reads_the_metrics_in_one_statement(client, db_session, drafter_report, app):
    """A remembered page costs the signed-in user, the report with its committee and the page's stamp
    (app/reports/page.py), which reads the ledger and catalogue versions: no savepoint, no section text."""
    from sqlalchemy import event

    from app.extensions import db

    report, item = drafter_report
    _page(client, report)  # with the flash 报告已创建: not remembered
    _page(client, report)
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        assert f'id="s-{item.id}"' in _page(client, report)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert not [s for s in statements if "SAVEPOINT" in s]
    assert len([s for s in statements if "metric_definition" in s]) == 1
    assert not [s for s in statements if s.lstrip().startswith("SELECT committee.")]
    assert len(statements) <= 3, statements  # here the user and report may come from the test's own session
    assert not [s for s in statements if "section.body" in s or "section_comment.body" in s], statements
