"""Bounded fuzzing: few examples per run (FUZZ_EXAMPLES raises it), deterministic in CI, and a
count of the cases run printed at the end of the session."""
import os
from collections import Counter

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))
CASES: Counter = Counter()

FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize="FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

# Per endpoint of the all-forms sweep: fewer examples each, over every form.
FUZZ_EACH = settings(FUZZ, max_examples=max(EXAMPLES // 4, 3))


def count(name: str) -> None:
    CASES[name] += 1


def pytest_terminal_summary(terminalreporter) -> None:
    """The number of fuzz cases run, per endpoint, under the test summary."""
    if CASES:
        terminalreporter.write_line(f"fuzz: {sum(CASES.values())} cases over {len(CASES)} endpoints")
        for name, n in sorted(CASES.items()):
            terminalreporter.write_line(f"  {name}: {n}")
