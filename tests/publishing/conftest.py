from tests.rendering.conftest import demo_reports  # noqa: F401  (fixture)
from tests.visits.test_packet import briefed_visit, ledger  # noqa: F401  (fixtures)
from tests.visits.conftest import visit  # noqa: F401  (fixture)
