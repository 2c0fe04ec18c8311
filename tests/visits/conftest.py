"""Visit fixtures: a planned visit to the second demo county with agenda and contacts."""
from datetime import date

import pytest

from core.visits.service import VisitInput, save_visit


def visit_input(**overrides) -> VisitInput:
    fields = dict(
        delegation="政协东湖县委员会考察团", leader="李明", leader_post="主席", size=12,
        start_date=date(2024, 5, 20), end_date=date(2024, 5, 21), topics="基层协商议事室建设",
        host_leader="王建国主席", period_start=date(2023, 1, 1), period_end=date(2023, 12, 31),
        agenda=[
            dict(day=date(2024, 5, 20), time="9:00—10:30", place="城关镇协商议事室", activity="实地考察",
                 officials="王建国"),
            dict(day=date(2024, 5, 20), time="15:00—17:00", place="县政协三楼会议室", activity="座谈交流",
                 officials="王建国、赵红"),
        ],
        contacts=[
            dict(side="host", name="赵红", post="办公室主任", phone="0791-1234567", duty="总体联络"),
            dict(side="guest", name="周强", post="秘书长", phone="13800000000", duty="来访方联络"),
        ],
    )
    fields.update(overrides)
    return VisitInput(**fields)


@pytest.fixture
def visit(db_session, demo):
    """A saved, planned visit hosted by 西山县政协 (demo.county_b)."""
    made = save_visit(db_session, demo.county_b.id, visit_input())
    db_session.commit()
    return made
