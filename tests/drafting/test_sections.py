import pytest
from sqlalchemy import select

from core.drafting.guards import EditRefused
from core.drafting.sections import (SaveConflict, add_section, delete_section, history, move_section,
                                    restore_version, save_section, set_owner, InvalidEdit)
from data_models import Section, SectionVersion, User


def first_section(db_session, report):
    return db_session.scalars(select(Section).where(Section.report_id == report.id, Section.node_type == "section")
                              .order_by(Section.id)).first()


def test_concurrent_saves_second_is_refused_with_both_versions(db_session, make_report, demo):
    report = make_report()
    section = first_section(db_session, report)
    seen = section.version
    alice = db_session.scalars(select(User).where(User.username == "donghu_drafter")).one()
    save_section(db_session, section, seen_version=seen, heading=section.heading, lead="", body="甲的正文",
                 user_id=alice.id)
    db_session.commit()
    with pytest.raises(SaveConflict) as caught:
        save_section(db_session, section, seen_version=seen, heading=section.heading, lead="", body="乙的正文",
                     user_id=None)
    conflict = caught.value
    assert conflict.mine.body == "乙的正文" and conflict.theirs.body == "甲的正文"
    assert "东湖县政协起草员" in conflict.message and "保存失败" in conflict.message
    db_session.rollback()
    assert db_session.get(Section, section.id).body == "甲的正文"


def test_stale_row_caught_by_version_column(app, db_session, make_report):
    """Two sessions load the same version; the second UPDATE matches no row and becomes a conflict."""
    from core.db import session_factory

    report = make_report()
    section_id = first_section(db_session, report).id
    other = session_factory(app.config["SQLALCHEMY_DATABASE_URI"])()
    try:
        theirs = other.get(Section, section_id)
        mine = db_session.get(Section, section_id)
        seen = mine.version
        save_section(other, theirs, seen_version=seen, heading="他人标题", lead="", body="", user_id=None)
        other.commit()
        with pytest.raises(SaveConflict) as caught:
            save_section(db_session, mine, seen_version=seen, heading="我的标题", lead="", body="", user_id=None)
        assert caught.value.theirs.heading == "他人标题" and caught.value.mine.heading == "我的标题"
    finally:
        other.close()


def test_reorder_between_does_not_count_as_conflict(db_session, make_report):
    report = make_report()
    section = first_section(db_session, report)
    seen = section.version
    move_section(db_session, section, +1)
    db_session.commit()
    assert section.version > seen
    save_section(db_session, section, seen_version=seen, heading="新标题", lead="", body="正文", user_id=None)
    db_session.commit()
    assert section.heading == "新标题"


def test_every_save_kept_and_restorable(db_session, make_report):
    report = make_report()
    section = first_section(db_session, report)
    for body in ("第一稿", "第二稿"):
        save_section(db_session, section, seen_version=section.version, heading=section.heading, lead="",
                     body=body, user_id=None)
    db_session.commit()
    versions = history(db_session, section.id)
    assert [v.body for v in versions][:3] == ["第二稿", "第一稿", ""]
    restore_version(db_session, section, versions[1].id, None)
    db_session.commit()
    assert section.body == "第一稿" and history(db_session, section.id)[0].body == "第一稿"


def test_reorder_and_delete(db_session, make_report):
    report = make_report()
    part = db_session.scalars(select(Section).where(Section.report_id == report.id, Section.node_type == "part")).first()
    a = add_section(db_session, report, "item", parent_id=part.id, lead="甲。")
    b = add_section(db_session, report, "item", parent_id=part.id, lead="乙。")
    move_section(db_session, b, -1)
    assert b.position < a.position
    delete_section(db_session, part)
    db_session.commit()
    assert db_session.get(Section, a.id) is None
    assert db_session.scalar(select(SectionVersion).where(SectionVersion.section_id == a.id)) is None


def test_owner_must_be_of_the_committee(db_session, make_report):
    report = make_report()
    section = first_section(db_session, report)
    stranger = db_session.scalars(select(User).where(User.username == "xishan_drafter")).one()
    with pytest.raises(InvalidEdit):
        set_owner(db_session, section, stranger.id)
    own = db_session.scalars(select(User).where(User.username == "donghu_drafter")).one()
    set_owner(db_session, section, own.id)
    assert section.owner_id == own.id


@pytest.mark.parametrize("status", ["in_review", "approved", "sent"])
def test_editing_refused_outside_draft(db_session, make_report, status):
    report = make_report()
    report.status = status
    section = first_section(db_session, report)
    with pytest.raises(EditRefused) as caught:
        save_section(db_session, section, seen_version=section.version, heading="x", lead="", body="", user_id=None)
    assert "不能修改" in caught.value.message
    with pytest.raises(EditRefused):
        add_section(db_session, report, "section")
