"""Template-injection payloads typed into section text stay plain text wherever they are shown."""
import pytest

from data_models import Section
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
