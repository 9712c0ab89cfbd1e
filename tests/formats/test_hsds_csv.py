"""HSDS 3.0 / ORUK CSV data packages: plural and singular file names, encodings, bad rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from navigator.domain.directory import Day, Frequency, Session
from navigator.formats.hsds_csv import is_hsds_package, read_hsds_package
from navigator.formats.reading import FormatError
from tests.conftest import SHARED

HSDS_CSV = SHARED / "data" / "oruk" / "hsds-3.0-spec" / "examples" / "csv"
ORUK_CSV = SHARED / "data" / "oruk" / "oruk-3.0-uk-profile" / "examples" / "csv"
COUNSELLING = "oruk-ac148810-d857-441c-9679-408f346de14b"
# The examples' schedules run only on 2005-01-01 (valid_to / until), so they are read as of then.
EXAMPLE_DAY = dt.date(2005, 1, 1)


def test_the_hsds_example_package() -> None:
    result = read_hsds_package(HSDS_CSV, today=EXAMPLE_DAY)
    [activity] = result.activities
    assert activity.id == COUNSELLING
    assert activity.name == "Community Counselling"
    assert activity.organisation == "Example Organization Inc."
    assert (activity.age_min, activity.age_max) == (12, 100)
    assert activity.languages == ("ur",)
    assert activity.contact.phone == "+44 1234 234567"
    assert activity.contact.email == "email@example.com"
    assert activity.last_verified == dt.date(2005, 1, 1)
    assert activity.cost is not None and activity.cost.per_session_gbp == 35
    assert activity.venue is not None and activity.venue.name == "MyCity Civic Center"
    assert activity.venue.step_free is True
    # One schedule row linked to the service, its location and its service_at_location:
    # read once, not three times.
    assert activity.sessions == (
        Session(Day.THU, dt.time(10), dt.time(18), Frequency.WEEKLY),
        Session(Day.FRI, dt.time(10), dt.time(18), Frequency.WEEKLY),
    )
    assert not result.rejected


def test_the_oruk_package_with_singular_and_plural_files_and_odd_line_endings() -> None:
    # No datapackage.json in this folder; schedule.csv and schedules.csv both present; the
    # files end their lines with "\r\r\n".
    assert not (ORUK_CSV / "datapackage.json").exists()
    result = read_hsds_package(ORUK_CSV, today=EXAMPLE_DAY)
    [activity] = result.activities
    assert activity.id == COUNSELLING
    assert len(activity.sessions) == 2
    assert activity.venue is not None
    assert activity.venue.address == "1-30 Main Street, MyVillage, MyCity"
    assert not result.rejected


def test_the_descriptor_itself_may_be_named() -> None:
    by_descriptor = read_hsds_package(HSDS_CSV / "datapackage.json")
    assert by_descriptor.activities == read_hsds_package(HSDS_CSV).activities
    assert is_hsds_package(HSDS_CSV) and is_hsds_package(HSDS_CSV / "datapackage.json")


def _package(folder: Path, files: dict[str, str], encoding: str = "utf-8") -> Path:
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_bytes(text.encode(encoding))
    return folder


SINGULAR = {
    "service.csv": "id,name,organization_id,status\r\n"
    "s1,Caf\u00e9 \u201cChat\u201d,o1,active\r\n"
    "s2,,o1,active\r\n"
    "s3,Walk and talk,o1,inactive\r\n",
    "organization.csv": "id,name,description\r\no1,Canal Trust,\r\n",
    "location.csv": "id,location_type,name,latitude,longitude\r\n"
    "l1,physical,Lock keeper's cottage,51.5330,-0.1020\r\n",
    "address.csv": "id,location_id,address_1,city,postal_code,country\r\n"
    "a1,l1,1 Towpath,London,n1 9gu,GB\r\n",
    "service_at_location.csv": "id,service_id,location_id\r\nsl1,s1,l1\r\n",
    "schedule.csv": "id,service_id,freq,interval,byday,opens_at,closes_at,dtstart\r\n"
    "h1,s1,WEEKLY,2,SA,10:00,12:00,2026-01-03\r\n"
    "h2,s3,MONTHLY,1,-1FR,18:00,20:00,\r\n",
}


def test_singular_names_and_a_cp1252_package(tmp_path: Path) -> None:
    result = read_hsds_package(_package(tmp_path / "pkg", SINGULAR, encoding="cp1252"))
    cafe, walk = result.activities
    assert cafe.name == "Caf\u00e9 \u201cChat\u201d"
    assert cafe.organisation == "Canal Trust"
    assert cafe.sessions == (
        Session(
            Day.SAT, dt.time(10), dt.time(12), Frequency.FORTNIGHTLY, None, dt.date(2026, 1, 3)
        ),
    )
    assert cafe.venue is not None and cafe.venue.postcode == "N1 9GU"
    assert (cafe.venue.lat, cafe.venue.lon) == (51.533, -0.102)
    assert walk.sessions[0].week_of_month == -1 and walk.status == "archived"
    assert walk.categories == ("walking",)
    assert [str(p) for p in result.rejected] == ['service.csv row 3 (id "s2"): no name']


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="no such file or folder"):
        read_hsds_package(tmp_path / "nowhere")


def test_a_folder_without_services_is_not_a_package(tmp_path: Path) -> None:
    folder = _package(tmp_path / "pkg", {"locations.csv": "id\r\nl1\r\n"})
    assert not is_hsds_package(folder)
    with pytest.raises(FormatError, match=r"has no services\.csv"):
        read_hsds_package(folder)


def test_a_cell_too_big_for_csv_is_an_error_naming_the_file(tmp_path: Path) -> None:
    folder = _package(
        tmp_path / "pkg", {"services.csv": f'id,name,description\r\ns1,A,"{"x" * 200_000}"\r\n'}
    )
    with pytest.raises(FormatError, match=r"services.csv line \d+: field larger than"):
        read_hsds_package(folder)


def test_a_broken_descriptor_is_an_error(tmp_path: Path) -> None:
    folder = _package(
        tmp_path / "pkg", {"services.csv": "id,name\r\ns1,A\r\n", "datapackage.json": "{broken"}
    )
    with pytest.raises(FormatError, match=r"datapackage\.json cannot be read"):
        read_hsds_package(folder)
