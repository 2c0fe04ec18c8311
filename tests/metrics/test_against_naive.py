"""The grouped engine agrees with the one-query-per-metric baseline on the whole demo ledger."""
import pytest

from benchmarks.metrics import naive
from core.demo import ledger as demo_ledger
from core.metrics.engine import compute_metrics
from core.metrics.periods import parse_period


@pytest.mark.parametrize("period", ["2023", "2023H1", "2024H1", "2023-03-15:2023-09-30"])
def test_engine_matches_naive_baseline(db_session, demo, period):
    demo_ledger.seed(db_session)
    db_session.commit()
    for committee in (demo.city, demo.county_a, demo.county_b):
        engine = {k: v.value for k, v in compute_metrics(db_session, committee.id, period).items()}
        assert engine == naive(db_session, committee.id, parse_period(period))
