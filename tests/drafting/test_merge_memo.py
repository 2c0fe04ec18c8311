"""Merged text is remembered per text and per digest of every name it can read (the editor page
re-merges only what changed): a new value, a new variable or new text is merged again at once."""
from sqlalchemy import select

from core.drafting.document import assemble
from core.drafting.sections import add_section
from data_models import Section

from .conftest import mv


def _item(db_session, report, body):
    first = db_session.scalars(select(Section).where(Section.report_id == report.id,
                                                     Section.node_type == "section").order_by(Section.id)).first()
    item = add_section(db_session, report, "item", parent_id=first.id, lead="", body=body)
    db_session.commit()
    return item


def _text(assembly, section_id):
    return next(b.text for b in assembly.content.blocks if b.section_id == section_id)


def test_a_changed_value_is_merged_again(db_session, make_report, values):
    report = make_report()
    item = _item(db_session, report, "召开党组会议{{ 党组会议次数 }}次，组织观影{{ 红色观影活动次数 }}次。")
    first = assemble(db_session, report, values)
    assert _text(first, item.id) == "召开党组会议6次，组织观影【待补：红色观影活动次数为0】次。"
    assert {w.code for w in first.warnings if w.section_id == item.id} == {"zero"}
    again = assemble(db_session, report, values)  # the same names: remembered, the same answer
    assert _text(again, item.id) == _text(first, item.id)
    assert [(w.code, w.message) for w in again.warnings] == [(w.code, w.message) for w in first.warnings]
    changed = {**values, "党组会议次数": mv("党组会议次数", 7), "红色观影活动次数": mv("红色观影活动次数", 2)}
    later = assemble(db_session, report, changed)
    assert _text(later, item.id) == "召开党组会议7次，组织观影2次。"
    assert not [w for w in later.warnings if w.section_id == item.id and w.code == "zero"]


def test_changed_text_and_variables_are_merged_again(db_session, make_report, values):
    report = make_report()
    item = _item(db_session, report, "{{ 简称 }}召开党组会议{{ 党组会议次数 }}次。")
    assert _text(assemble(db_session, report, values), item.id) == "东湖县政协召开党组会议6次。"
    report.committee.short_name = "东湖政协"
    assert _text(assemble(db_session, report, values), item.id) == "东湖政协召开党组会议6次。"
    item.body = "{{ 简称 }}开展协商活动{{ 协商活动场次 }}场次。"
    db_session.flush()
    assert _text(assemble(db_session, report, values), item.id) == "东湖政协开展协商活动453场次。"


def test_warnings_of_one_assembly_are_its_own(db_session, make_report, values):
    report = make_report()
    _item(db_session, report, "组织观影{{ 红色观影活动次数 }}次。")
    first = assemble(db_session, report, values)
    for warning in first.warnings:
        warning.message = "改过"
    assert "改过" not in {w.message for w in assemble(db_session, report, values).warnings}
