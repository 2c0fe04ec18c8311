from tests.visits.test_packet import briefed_visit, ledger  # noqa: F401  (fixtures)
from tests.visits.conftest import visit  # noqa: F401  (fixture)
