"""The storage, import, matching-service and people-store suites, run again on PostgreSQL.

Their own modules run them on SQLite. Each module here takes the tests of one of them that
use its store fixture, and gives that fixture a new PostgreSQL database instead (the
`backend` fixture pinned to "postgresql"), so a test added there runs on both backends
without being written twice. Without a server they are skipped, saying why.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

ON_POSTGRESQL = pytest.mark.parametrize("backend", ["postgresql"])
# (module, test) of every test borrowed, so the run's summary counts their SQLite runs too.
BORROWED: set[tuple[str, str]] = set()


def borrowed_tests(
    module: ModuleType,
    fixture: str,
    *,
    unless: tuple[str, ...] = ("tmp_path", "store_path"),
    leave_out: tuple[str, ...] = (),
) -> dict[str, Callable[..., Any]]:
    """The module's tests that take `fixture` (and none of `unless`: those reach the SQLite
    file itself), but not those named in `leave_out`."""
    found = {}
    for name, test in vars(module).items():
        if name.startswith("test_") and callable(test) and name not in leave_out:
            parameters = inspect.signature(test).parameters
            if fixture in parameters and not set(unless) & set(parameters):
                found[name] = test
    assert found, f"no test in {module.__name__} uses {fixture}"
    BORROWED.update((module.__name__, name) for name in found)
    return found
