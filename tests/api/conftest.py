"""REST API fixtures: demo committees with a catalogue, tokens with scopes, a report to work on."""
import pytest
from sqlalchemy import select

from core.drafting.reports import create_report
from core.metrics.definitions import seed_catalogue
from core.metrics.periods import parse_period
from core.upward.tokens import issue_token
from data_models import User


@pytest.fixture
def make_token(db_session, demo):
    def make(committee, scopes="read,write", admin="donghu_admin"):
        seed_catalogue(db_session)
        user = db_session.scalars(select(User).where(User.username == admin)).first()
        token, plaintext = issue_token(db_session, committee.id, "OA", user.id if user else None)
        token.scopes = scopes
        db_session.commit()
        return {"Authorization": f"Bearer {plaintext}"}
    return make


@pytest.fixture
def county_report(db_session, demo):
    drafter = db_session.scalars(select(User).where(User.username == "donghu_drafter")).one()
    report = create_report(db_session, demo.county_a, "annual_summary", parse_period("2023"), user_id=drafter.id)
    db_session.commit()
    return report
