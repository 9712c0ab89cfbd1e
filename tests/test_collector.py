"""The garbage collector's pause (navigator/collector.py): back as it was after the block,
whatever happens inside it, and a frozen load kept out of the collector's reach."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from navigator.collector import collector_paused


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    was_enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def test_off_inside_and_back_on_after() -> None:
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_back_on_after_an_error_inside() -> None:
    gc.enable()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError
    assert gc.isenabled()


def test_left_off_when_it_was_off_before() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_freeze_moves_what_was_built_out_of_reach() -> None:
    gc.unfreeze()
    with collector_paused(freeze=True):
        kept = [[i] for i in range(1000)]
    assert gc.get_freeze_count() >= len(kept)


def test_no_freeze_when_the_block_fails() -> None:
    gc.unfreeze()
    with pytest.raises(RuntimeError), collector_paused(freeze=True):
        raise RuntimeError
    assert gc.get_freeze_count() == 0
