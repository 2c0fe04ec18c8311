"""Importing fixtures: the demo committees with a catalogue and a few known ledger records."""
import pytest

from tests.metrics.conftest import Ledger


@pytest.fixture
def ledger(db_session, demo):
    from core.metrics.definitions import seed_catalogue

    seed_catalogue(db_session)
    db_session.commit()
    return Ledger(db_session)


@pytest.fixture
def donghu(db_session, demo, ledger):
    """东湖县政协 with 6 party-group meetings and 2 chair meetings in 2023, 5 party-group meetings in 2022."""
    for month in range(1, 7):
        ledger.add(demo.county_a, "meeting", "party_group", f"2023-{month:02d}-10", f"党组会议{month}")
    for month in (3, 9):
        ledger.add(demo.county_a, "meeting", "chair", f"2023-{month:02d}-12", "主席会议")
    for month in range(1, 6):
        ledger.add(demo.county_a, "meeting", "party_group", f"2022-{month:02d}-10", "党组会议")
    db_session.commit()
    return demo.county_a
