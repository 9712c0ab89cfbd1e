"""The bundled sample directory as the worked examples and vignettes use it: a fixed "now",
places round Islington to stand in for a person's postcode, and the ids of a result."""

from __future__ import annotations

import datetime as dt

from navigator.domain.matches import MatchReport
from navigator.domain.profile import LatLon
from navigator.formats.native import read_directory_file
from navigator.matching import DirectorySnapshot
from tests.conftest import SAMPLE_DIRECTORY

NOW = dt.datetime(2026, 11, 24, 9, 0)
HOLLOWAY = LatLon(51.5560, -0.1150)  # N7, near the Holloway Road
ARCHWAY = LatLon(51.5650, -0.1300)  # N19


def sample_snapshot() -> DirectorySnapshot:
    return DirectorySnapshot.build(read_directory_file(SAMPLE_DIRECTORY))


def ids(report: MatchReport, n: int | None = None) -> list[str]:
    """The ids of the first `n` results (all of them by default), best first."""
    return [s.id for s in report.results[:n]]
