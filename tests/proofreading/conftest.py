"""Proofreading fixtures: a report on a demo county with sections written by hand."""
import pytest

from core.drafting import sections as sec
from core.drafting.reports import create_report
from core.metrics.periods import Period
from data_models import Section


@pytest.fixture
def report(db_session, demo):
    """An annual summary whose outline is replaced by one part, one section and one item."""
    report = create_report(db_session, demo.county_a, "annual_summary", Period.year(2024), "")
    for section in list(report.sections):
        if section.parent_id is None:
            sec.delete_section(db_session, section)
    db_session.commit()
    return report


@pytest.fixture
def add(db_session, report):
    def add(node_type: str, parent: Section | None = None, **text) -> Section:
        section = sec.add_section(db_session, report, node_type, parent_id=parent.id if parent else None, **text)
        db_session.commit()
        return section

    return add
