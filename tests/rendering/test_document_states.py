"""PdfState and OfdState: one enum each for a version's stored file states, their labels and sets."""
from pathlib import Path

from sqlalchemy import text

from core import publishing
from data_models import OfdState, PdfState

ROOT = Path(__file__).resolve().parents[2]


def test_every_state_has_its_own_chinese_label():
    for enum in (PdfState, OfdState):
        labels = [state.label for state in enum]
        assert all(labels) and len(set(labels)) == len(labels)
    assert PdfState.labels()["unavailable"] == PdfState.UNAVAILABLE.label == "无法生成"
    assert PdfState.label_of("failed") == "转换失败" and OfdState.label_of("failed") == "生成失败"
    assert OfdState.label_of("lost") == "lost"  # an unknown value is shown, not lost


def test_the_stored_values_stay_the_same_strings():
    """The columns, the editor's JSON (render.js waits while pdf_state is "pending") keep these exact values."""
    assert [state.value for state in PdfState] == ["pending", "done", "failed", "unavailable"]
    assert [state.value for state in OfdState] == ["none", "pending", "done", "failed"]


def test_the_sets_say_what_may_be_started():
    assert set(PdfState.TO_CONVERT) == {PdfState.PENDING, PdfState.FAILED}
    assert set(PdfState.RETRYABLE) == {PdfState.FAILED, PdfState.UNAVAILABLE}
    assert PdfState.DONE not in PdfState.TO_CONVERT + PdfState.RETRYABLE
    assert set(OfdState.REQUESTABLE) == {OfdState.NONE, OfdState.FAILED}
    assert "failed" in OfdState.REQUESTABLE  # a value read back from the column is a plain str


def test_a_version_and_its_ofd_request_are_stored_as_plain_strings(db_session, demo_reports):
    document, _ = publishing.publish(db_session, demo_reports[("东湖县政协", "briefing")].id)
    db_session.commit()
    assert publishing.request_ofd(document) is True
    db_session.commit()
    assert publishing.request_ofd(document) is False  # already on its way: nothing to start
    query = text("SELECT pdf_state, ofd_state FROM rendered_document WHERE id = :id")
    stored = db_session.execute(query, {"id": document.id}).one()
    assert tuple(stored) == ("pending", "pending") and all(type(value) is str for value in stored)
    db_session.expire_all()
    assert document.pdf_state in PdfState.TO_CONVERT and document.ofd_state == OfdState.PENDING


def test_no_page_or_module_spells_the_states_by_hand():
    """The label dicts and literal state tuples the enums replaced do not come back."""
    sources = [*(ROOT / "app" / "templates").rglob("*.html"), *(ROOT / "app").rglob("*.py"),
               *(ROOT / "core").rglob("*.py"), *(ROOT / "tasks").rglob("*.py")]
    spelled = ("PDF_STATES", "OFD_STATES", "pdf_state == 'done'", 'pdf_state == "done"', "ofd_state == 'pending'",
               "('failed', 'unavailable')", '("pending", "failed")', "('none', 'failed')", '("pending", "done")')
    offenders = [str(path.relative_to(ROOT)) for path in sources
                 if any(literal in path.read_text(encoding="utf-8") for literal in spelled)]
    assert offenders == []
