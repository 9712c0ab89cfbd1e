"""The short cut for our own records (`oruk/ours.py`) reads what the general reader reads:
for every record it takes, the same activity, with nothing the general reader would say."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from navigator.formats.native import read_directory_file
from navigator.formats.oruk import ServiceReader, directory_to_oruk
from navigator.formats.oruk import service as oruk_service
from navigator.formats.oruk.ours import read_our_service
from navigator.formats.oruk.record import Rejected
from tests.conftest import SAMPLE_DIRECTORY
from tests.formats.test_oruk_robustness import ANY_JSON, _leaf_paths
from tests.strategies import activities as any_activity
from tests.strategies import directories

SAMPLE = read_directory_file(SAMPLE_DIRECTORY)


def _general(record: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Any:
    """What the general reader makes of the record: (activity, cautions, left out), or
    the rejection."""
    with monkeypatch.context() as patch:
        patch.setattr(oruk_service, "read_our_service", lambda d, attrs: None)
        reader = ServiceReader(record)
        try:
            activity = reader.read()
        except Rejected as why:
            return str(why)
        return activity, reader.cautions, reader.left_out


def _records(activities: list[Any]) -> list[dict[str, Any]]:
    return json.loads(json.dumps(directory_to_oruk(activities)))["contents"]


def _agrees(record: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> bool:
    """Whether the short cut agrees with the general reader; True when it took the record."""
    reader = ServiceReader(record)
    if not reader.ours:
        return False
    short = read_our_service(record, reader.attrs)
    if short is None:
        return False
    assert _general(record, monkeypatch) == (short, [], set())
    return True


def test_every_record_of_the_sample_export_is_read_straight_and_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert all(_agrees(record, monkeypatch) for record in _records(SAMPLE))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(directories(max_size=3))
def test_any_directory_exported_reads_the_same_either_way(activities: list[Any]) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        for record in _records(activities):
            _agrees(record, monkeypatch)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_activity(), min_size=1, max_size=1), st.data())
def test_a_record_broken_at_random_is_read_the_same_or_left_to_the_general_reader(
    activities: list[Any], data: st.DataObject
) -> None:
    [record] = _records(activities)
    paths = [p for p in _leaf_paths(record) if p[0] != "attributes" or "term" in p]
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        holder = record
        for key in path[:-1]:
            holder = holder[key]
        holder[path[-1]] = data.draw(ANY_JSON | st.sampled_from(["", "a & b", "&amp;", "<b>x"]))
    with pytest.MonkeyPatch.context() as monkeypatch:
        _agrees(record, monkeypatch)


@pytest.mark.parametrize(
    ("change", "taken"),
    [
        (lambda r: r, True),
        (lambda r: r | {"eligibilitys": [{"eligibility": "adults"}]}, False),
        (lambda r: r | {"name": "Tea &amp; chat"}, False),
        (lambda r: r | {"name": "Tea & chat"}, True),
        (lambda r: r | {"name": "Tea\x07"}, False),
        (lambda r: r | {"status": "Active"}, False),
        (lambda r: r | {"minimum_age": 12.0}, False),
    ],
)
def test_what_the_short_cut_leaves_to_the_general_reader(
    change: Any, taken: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = change(_records(SAMPLE[:1])[0])
    assert _agrees(record, monkeypatch) is taken
