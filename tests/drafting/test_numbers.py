"""Numbers you can trace: chips in the editor, links in the preview, the records behind each one."""
import json
import re

from sqlalchemy import select

from core.drafting.chips import chip_for
from core.drafting.merge import make_environment
from core.drafting.trace import mark_placeholders, split_marked
from core.metrics.definitions import seed_catalogue
from data_models import Report, Section
from tests.metrics.conftest import Ledger

from .conftest import mv

TEXT = "共收集社情民意信息{{ 社情民意信息收集篇数 }}篇，被上级采纳{{ 社情民意被上级采纳篇数 }}篇，{{ 年度 }}年。"


def test_marked_text_splits_into_numbers_and_words():
    marked = mark_placeholders("召开{{ 党组会议次数 | 余 }}次")
    pieces = split_marked(marked.replace("{{ 党组会议次数 | 余 }}", "10余"))
    assert pieces == [("", "召开"), ("党组会议次数", "10余"), ("", "次")]


def test_chip_warns_about_zero_and_unknown_and_a_rate_carries_its_percent(filters):
    env = make_environment(filters)
    context = {"党组会议次数": mv("党组会议次数", 0), "办结率": mv("办结率", 96.5, unit="%", kind="formula"),
               "协商活动场次": mv("协商活动场次", 63, unit="场次")}
    assert "0" in chip_for(env, context, "{{ 党组会议次数 }}").warning
    assert "未知" in chip_for(env, context, "{{ 没有的指标 }}").warning
    rate = chip_for(env, context, "{{ 办结率 }}")  # a rate prints with its % (core.drafting.merge), no warning needed
    assert rate.shown == "96.5%" and rate.warning == ""
    assert chip_for(env, context, "{{ 办结率 | 余 }}").shown.endswith("%")  # also after a number style
    good = chip_for(env, context, "{{ 协商活动场次 | 余 }}")
    assert (good.name, good.shown, good.warning) == ("协商活动场次", "60余", "")


def test_chip_warns_about_approx_on_an_exact_value_and_a_rate(filters):
    env = make_environment(filters)
    context = {"党组会议次数": mv("党组会议次数", 3), "协商活动场次": mv("协商活动场次", 60, unit="场次"),
               "办结率": mv("办结率", 96.5, unit="%", kind="formula")}
    small = chip_for(env, context, "{{ 党组会议次数 | 多 }}")
    assert small.shown == "3" and "确数" in small.warning and "“多”不会印出" in small.warning
    round_number = chip_for(env, context, "{{ 协商活动场次|余 }}")
    assert round_number.shown == "60" and "“余”不会印出" in round_number.warning and "“60”" in round_number.warning
    rate = chip_for(env, context, "{{ 办结率 | 余 }}")
    assert "比率是确数" in rate.warning and rate.shown in rate.warning
    assert chip_for(env, context, "{{ 党组会议次数 }}").warning == ""  # no style asked: nothing to say


def test_chip_warns_about_more_decimals_than_the_catalogue(filters):
    env = make_environment(filters)
    amount = mv("资助物资金额", 30112345.67, unit="元", kind="sum")
    amount.decimals = 2
    rate = mv("立案率", 87.654, unit="%", kind="formula")
    rate.decimals = 1
    context = {"资助物资金额": amount, "立案率": rate}
    wide = chip_for(env, context, "{{ 资助物资金额 | 万元(4) }}")
    assert wide.shown == "3011.2346万元" and "4 位小数" in wide.warning and "规定的 2 位" in wide.warning
    assert chip_for(env, context, "{{ 资助物资金额 | 万元(2) }}").warning == ""
    assert chip_for(env, context, "{{ 资助物资金额 | 万元 }}").shown == "3011.23万元"
    assert "规定的 1 位" in chip_for(env, context, "{{ 立案率 | 百分比(3) }}").warning
    assert chip_for(env, context, "{{ 立案率 }}") == chip_for(env, context, "{{ 立案率 }}")
    assert chip_for(env, context, "{{ 立案率 }}").warning == ""
    round_amount = mv("资助物资金额", 30110000, unit="元", kind="sum")
    round_amount.decimals = 2  # asks for 4 places but prints none: nothing odd on paper
    assert chip_for(env, {"资助物资金额": round_amount}, "{{ 资助物资金额 | 万元(4) }}").warning == ""


def _report_with_ledger(client, db_session, demo):
    seed_catalogue(db_session)
    ledger = Ledger(db_session)
    ledger.add(demo.county_a, "social_info", "item", "2023-03-02", "关于农村养老服务的建议", attrs={"adopted_up": True})
    ledger.add(demo.county_a, "social_info", "item", "2023-05-10", "关于校园周边交通的建议", attrs={})
    db_session.commit()
    client.login("donghu_drafter")
    client.post("/reports/new", data={"kind": "annual_summary", "period": "2023"})
    report = db_session.scalars(select(Report)).one()
    section = db_session.scalars(select(Section).where(Section.report_id == report.id, Section.node_type == "section")).first()
    client.post(f"/reports/{report.id}/sections/{section.id}", data={"version": section.version, "heading": section.heading,
                                                                    "lead": "", "body": TEXT})
    return report


def test_preview_numbers_link_to_their_records(client, demo, db_session):
    report = _report_with_ledger(client, db_session, demo)
    html = client.get(f"/reports/{report.id}/preview").get_data(as_text=True)
    assert 'title="社情民意被上级采纳篇数：查看依据的台账记录">1</a>篇' in html
    assert "\ue000" not in html and "{{" not in html
    assert "2023年" in html  # a report variable is merged, not linked
    adopted = client.get(f"/reports/{report.id}/numbers/social_info_adopted_up.json").get_json()
    assert adopted["total"] == 1
    assert adopted["records"][0]["title"] == "关于农村养老服务的建议"
    assert "上级采纳" in adopted["records"][0]["counted"] and "上级采纳" in adopted["why"]
    collected = client.get(f"/reports/{report.id}/numbers/social_info_collected.json").get_json()
    assert sorted(r["title"] for r in collected["records"]) == ["关于农村养老服务的建议", "关于校园周边交通的建议"]


def test_unknown_number_and_other_committee_are_refused(client, demo, db_session):
    report = _report_with_ledger(client, db_session, demo)
    missing = client.get(f"/reports/{report.id}/numbers/no_such_metric.json")
    assert missing.status_code == 404 and "找不到" in missing.get_json()["error"]
    client.logout()
    client.login("xishan_drafter")
    assert client.get(f"/reports/{report.id}/numbers/social_info_adopted_up.json").status_code == 404


def test_editor_shows_numbers_as_chips_with_merged_values(client, demo, db_session):
    report = _report_with_ledger(client, db_session, demo)
    html = client.get(f"/reports/{report.id}").get_data(as_text=True)
    data = json.loads(re.search(r'id="editor-data"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert data["chips"]["{{ 社情民意被上级采纳篇数 }}"] == {"name": "社情民意被上级采纳篇数", "shown": "1", "warning": ""}
    assert data["metrics"]["社情民意信息收集篇数"] == "2篇"  # shown for a number inserted from the picker


def test_word_file_is_ready_in_one_request(client, demo, db_session):
    report = _report_with_ledger(client, db_session, demo)
    response = client.post(f"/reports/{report.id}/render.json", json={"pdf": False},
                           headers={"X-CSRFToken": client.csrf_token()})
    data = response.get_json()
    assert response.status_code == 200 and data["version"] == 1
    download = client.get(data["docx_url"])
    assert download.status_code == 200 and download.data[:2] == b"PK"
    status = client.get(data["status_url"]).get_json()
    assert status["document_id"] == data["document_id"]
    client.logout()
    client.login("xishan_drafter")
    assert client.get(data["status_url"]).status_code == 404
    assert client.post(f"/reports/{report.id}/render.json", json={}, headers={"X-CSRFToken": client.csrf_token()}).status_code == 404
