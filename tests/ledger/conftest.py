import pytest

from core.metrics.definitions import seed_catalogue


@pytest.fixture
def catalogue(db_session, demo):
    seed_catalogue(db_session)
    db_session.commit()
    return demo
