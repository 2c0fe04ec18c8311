"""Template-injection payloads typed into section text stay plain text wherever they are shown."""
import pytest

from tests.review.conftest import gen_report, user

PAYLOADS = [
    "{{ config.SECRET_KEY }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{% for x in range(3) %}重复{% endfor %}",
    "{{ self._TemplateReference__context }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "<script>alert(1)</script>",
]


@pytest.fixture
def hostile_report(db_session, demo):
    report = gen_report(db_session, demo.county_a, owner=user(db_session, "donghu_drafter"))
    for section, payload in zip(report.sections, PAYLOADS):
        section.heading = payload
    db_session.commit()
    return report


def test_payloads_in_headings_are_inert_on_review_and_dashboard(client, hostile_report):
    client.login("donghu_drafter")
    for path in (f"/review/{hostile_report.id}", "/"):
        page = client.get(path).get_data(as_text=True)
        assert "test-secret" not in page and "重复重复" not in page
        assert "<script>alert(1)</script>" not in page
        assert "{{ config.SECRET_KEY }}" in page or path == "/"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_saved_in_the_editor_is_inert_in_preview_and_docx(client, db_session, demo, payload):
    from core.metrics.definitions import seed_catalogue
    from core.publishing import publish as render_report

    seed_catalogue(db_session)
    report = gen_report(db_session, demo.county_a, owner=user(db_session, "donghu_drafter"))
    item = next(s for s in report.sections if s.node_type == "item")
    client.login("donghu_drafter")
    response = client.post(f"/reports/{report.id}/sections/{item.id}",
                           data={"heading": "", "lead": "不断强化理论武装。", "body": payload, "version": item.version})
    assert response.status_code in (302, 200)
    preview = client.get(f"/reports/{report.id}/preview")
    assert preview.status_code == 200
    html = preview.get_data(as_text=True)
    _assert_inert(html)
    assert "<script>alert(1)</script>" not in html
    document, _ = render_report(db_session, report.id, None)
    db_session.commit()
    import io

    import docx

    _assert_inert("\n".join(p.text for p in docx.Document(io.BytesIO(document.docx)).paragraphs))


def _assert_inert(text: str) -> None:
    """Nothing evaluated: no secret, no loop output, no Python objects, no shell output."""
    assert "test-secret" not in text and "重复重复" not in text
    assert "<class '" not in text and "&lt;class" not in text and "uid=" not in text
