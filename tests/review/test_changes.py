"""What changed since the last submission: baseline, per-section diff, merged numbers."""
from core.drafting import sections as sec
from core.drafting.tree import record_version
from core.review import workflow
from core.review.changes import changes_since_submission, diff_pieces, removed_since_submission

from .conftest import user


def _versioned(db_session, report):
    """Version 1 of every section, as the editor records when a report is created."""
    for section in report.sections:
        record_version(db_session, section, None)
    db_session.commit()


def _returned_and_edited(db_session, report, body="全年开展学习{{ 学习次数 }}次，专题研讨4次。"):
    drafter, reviewer = user(db_session, "donghu_drafter"), user(db_session, "donghu_reviewer")
    workflow.submit(db_session, report, drafter)
    workflow.return_for_changes(db_session, report, reviewer, "请补充研讨情况")
    db_session.commit()
    item = next(s for s in report.sections if s.node_type == "item")
    sec.save_section(db_session, item, seen_version=item.version, heading=item.heading, lead=item.lead,
                     body=body, user_id=drafter.id)
    db_session.commit()
    return item


def test_diff_pieces_mark_added_and_removed_text():
    pieces = diff_pieces("全年开展调研5次。", "全年开展专题调研7次。")
    assert ("added", "专题") in pieces
    assert ("removed", "5") in pieces and ("added", "7") in pieces
    assert "".join(t for kind, t in pieces if kind != "removed") == "全年开展专题调研7次。"
    assert "".join(t for kind, t in pieces if kind != "added") == "全年开展调研5次。"


def test_first_submission_has_nothing_to_compare(db_session, report):
    _versioned(db_session, report)
    workflow.submit(db_session, report, user(db_session, "donghu_drafter"))
    db_session.commit()
    assert changes_since_submission(db_session, report) is None


def test_resubmission_shows_only_the_edited_section(db_session, report):
    _versioned(db_session, report)
    item = _returned_and_edited(db_session, report)
    workflow.submit(db_session, report, user(db_session, "donghu_drafter"))
    db_session.commit()
    changes = changes_since_submission(db_session, report)
    assert changes[item.id].state == "changed"
    assert ("added", "，专题研讨4次") in changes[item.id].pieces
    assert {c.state for sid, c in changes.items() if sid != item.id} == {"same"}


def test_while_returned_the_drafter_sees_changes_since_the_last_submission(db_session, report):
    _versioned(db_session, report)
    item = _returned_and_edited(db_session, report)
    assert changes_since_submission(db_session, report)[item.id].state == "changed"


def test_sections_added_after_the_submission_are_marked_added(db_session, report):
    _versioned(db_session, report)
    _returned_and_edited(db_session, report, body="全年开展学习{{ 学习次数 }}次。")
    new = sec.add_section(db_session, report, "item", parent_id=report.sections[1].id, lead="深化调查研究。",
                          body="形成调研报告3篇。")
    db_session.commit()
    workflow.submit(db_session, report, user(db_session, "donghu_drafter"))
    db_session.commit()
    db_session.refresh(report)
    changes = changes_since_submission(db_session, report)
    assert changes[new.id].state == "added"
    assert changes[new.id].pieces == [("added", "深化调查研究。\n形成调研报告3篇。")]


def test_texts_are_compared_after_merging(db_session, report):
    _versioned(db_session, report)
    item = _returned_and_edited(db_session, report, body="全年开展学习{{ 学习次数 }}次，专题研讨4次。")
    workflow.submit(db_session, report, user(db_session, "donghu_drafter"))
    db_session.commit()
    merged = changes_since_submission(db_session, report, lambda text: text.replace("{{ 学习次数 }}", "12"))
    assert ("same", "不断强化理论武装。\n全年开展学习12次") in merged[item.id].pieces


def test_sections_deleted_since_the_submission_are_listed(db_session, report):
    _versioned(db_session, report)
    _returned_and_edited(db_session, report, body="全年开展学习{{ 学习次数 }}次。")
    later = sec.add_section(db_session, report, "item", parent_id=report.sections[1].id, lead="新加又删的一条。")
    db_session.commit()
    sec.delete_section(db_session, later)
    sec.delete_section(db_session, _item_of(report))
    db_session.commit()
    workflow.submit(db_session, report, user(db_session, "donghu_drafter"))
    db_session.commit()
    removed = removed_since_submission(db_session, report, lambda text: text.replace("{{ 学习次数 }}", "12"))
    assert [(r.lead, r.body) for r in removed] == [("不断强化理论武装。", "全年开展学习12次。")]


def test_nothing_is_listed_as_deleted_before_a_second_submission(db_session, report):
    _versioned(db_session, report)
    workflow.submit(db_session, report, user(db_session, "donghu_drafter"))
    db_session.commit()
    assert removed_since_submission(db_session, report) == []


def _item_of(report):
    return next(s for s in report.sections if s.node_type == "item")
