"""Helpers shared by tests: skipping (or, in CI, failing) when a system program is missing."""
import os
import re

import pytest

REQUIRE_ALL = os.environ.get("REQUIRE_SYSTEM_DEPS") == "1"


def need(condition: bool, reason: str) -> None:
    """Skip with a reason when `condition` is false; CI sets REQUIRE_SYSTEM_DEPS=1 to fail instead."""
    if condition:
        return
    if REQUIRE_ALL:
        pytest.fail(f"required in CI but missing: {reason}")
    pytest.skip(reason)


_CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')


def csrf_from(html: str) -> str | None:
    match = _CSRF.search(html)
    return match.group(1) if match else None
