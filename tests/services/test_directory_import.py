"""Importing and exporting every format through DirectoryService: detection, reports of what
was left out, and a store that changes all at once or not at all."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from navigator.domain.directory import Activity, Delivery, Gender
from navigator.formats.native import read_directory_file
from navigator.formats.reading import FormatError
from navigator.services.directory import (
    DirectoryService,
    FileChangedError,
    ParsedFile,
    detect_format,
)
from navigator.services.postcode_areas import PostcodeAreas
from navigator.services.review import GuessReview
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository
from tests.conftest import SAMPLE_DIRECTORY, SHARED

ORUK = SHARED / "data" / "oruk"
BRISTOL_PAGE = ORUK / "uk-feed-fixtures" / "bristol-services-page1.json"
HSDS_CSV = ORUK / "hsds-3.0-spec" / "examples" / "csv"
SAMPLE = read_directory_file(SAMPLE_DIRECTORY)


@pytest.fixture
def service(tmp_path: Path) -> DirectoryService:
    return DirectoryService(DirectoryRepository(open_database(f"sqlite:///{tmp_path / 'd.db'}")))


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# Choosing the format ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "dir.json",
            {"format": "navigator-directory", "version": 1, "activities": []},
            "navigator",
        ),
        ("feed.json", {"contents": []}, "oruk"),
        ("v1.json", {"content": [], "totalElements": 0}, "oruk"),
        ("list.json", [], "oruk"),
        ("one.json", {"id": "x", "name": "y"}, "oruk"),
        ("sheet.csv", None, "csv"),
        ("sheet.xlsx", None, "csv"),
        ("profile.json", {"format": "navigator-profile", "version": 1}, "navigator"),
    ],
)
def test_auto_detection_by_extension_and_content(
    tmp_path: Path, name: str, content: object, expected: str
) -> None:
    path = tmp_path / name
    if content is None:
        path.write_bytes(b"")
    else:
        write(path, content)
    assert detect_format(path)[0] == expected


def test_auto_detection_of_packages_and_cp1252_feeds(tmp_path: Path) -> None:
    assert detect_format(HSDS_CSV)[0] == "hsds-csv"
    assert detect_format(HSDS_CSV / "datapackage.json")[0] == "hsds-csv"
    assert detect_format(HSDS_CSV / "services.csv")[0] == "hsds-csv"
    feed = tmp_path / "feed.json"
    feed.write_bytes('{"contents": [{"id": 1, "name": "Caf\u00e9"}]}'.encode("cp1252"))
    assert detect_format(feed)[0] == "oruk"
    (tmp_path / "image.json").write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(FormatError, match=r"image\.json is not UTF-8 text"):
        detect_format(tmp_path / "image.json")


# Importing feeds ---------------------------------------------------------------------------


def test_importing_the_bristol_page_then_again(service: DirectoryService) -> None:
    first = service.import_file(BRISTOL_PAGE)
    assert len(first.added) == 3 and first.format == "oruk"
    assert service.activities()[0].name == "1625 Independent People"
    again = service.import_file(BRISTOL_PAGE, "oruk")
    assert (len(again.added), len(again.updated), len(again.unchanged)) == (0, 0, 3)
    lines = again.describe().splitlines()
    # The page lists services without their places: the report says so before anything.
    assert lines[0] == (
        "3 activities: 0 placed on the map, 3 with nothing to place them; 0 "
        "with times, 0 with a known cost."
    )
    # What else is guessed is the guesser's business; every category here is a guess.
    assert lines[1].startswith("Guessed by Navigator, to check in Review: categories (3)")
    assert lines[2] == "Added 0, updated 0, skipped 3 unchanged."
    assert lines[3].startswith("Check ")


def test_records_left_out_are_listed_and_the_rest_imported(
    tmp_path: Path, service: DirectoryService
) -> None:
    feed = write(
        tmp_path / "feed.json",
        {
            "contents": [
                {
                    "id": "1",
                    "name": "Choir",
                    "attributes": [
                        {"taxonomy_term": {"id": "t", "name": "Singing", "description": ""}}
                    ],
                },
                {"id": "2", "name": ""},
                {"id": "3", "name": "Knit and natter", "description": "x" * 30_000},
            ]
        },
    )
    report = service.import_file(feed, dry_run=True)
    assert report.describe(every=True).splitlines() == [
        "1 activity: 0 placed on the map, 1 with nothing to place them; 0 with times, 0 with "
        "a known cost.",
        "Would add 1, would update 0, skipped 0 unchanged.",
        "Skipped 2 records that could not be imported:",
        '  contents[1] (id "2"): no name',
        '  contents[2] ("Knit and natter"): description is 30000 characters long; at most '
        "20000 are allowed",
    ]
    assert service.activities() == []  # a dry run writes nothing
    service.import_file(feed)
    assert [a.id for a in service.activities()] == ["oruk-1"]


def test_a_feed_with_nothing_usable_is_an_error_and_changes_nothing(
    tmp_path: Path, service: DirectoryService
) -> None:
    service.import_file(SAMPLE_DIRECTORY)
    feed = write(tmp_path / "feed.json", [{"id": "1"}, {"name": "No id"}])
    with pytest.raises(FormatError) as caught:
        service.import_file(feed)
    assert caught.value.summary() == '[0] (id "1"): no name (and 1 more problem)'
    assert service.activities() == SAMPLE


def test_native_files_are_still_all_or_nothing(tmp_path: Path, service: DirectoryService) -> None:
    bad = {
        "format": "navigator-directory",
        "version": 1,
        "activities": [
            {"id": "a", "name": "A", "categories": ["music"]},
            {"id": "b", "name": "B", "categories": ["nonsense"]},
        ],
    }
    with pytest.raises(FormatError):
        service.import_file(write(tmp_path / "d.json", bad))
    assert service.activities() == []


def test_an_hsds_package_imports(service: DirectoryService, tmp_path: Path) -> None:
    copy = shutil.copytree(HSDS_CSV, tmp_path / "package")
    report = service.import_file(copy)
    assert report.added == ("oruk-ac148810-d857-441c-9679-408f346de14b",)


# Exporting and reading back -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("out.json", "oruk"), ("out.csv", "csv"), ("out.xlsx", "csv"), ("out.json", "navigator")],
)
def test_every_export_re_imports_unchanged(
    tmp_path: Path, service: DirectoryService, name: str, fmt: str
) -> None:
    service.import_file(SAMPLE_DIRECTORY)
    assert service.export_file(tmp_path / name, fmt) == len(SAMPLE)
    report = service.import_file(tmp_path / name)  # auto-detected
    assert (len(report.added), len(report.updated), len(report.unchanged)) == (0, 0, len(SAMPLE))
    assert not report.rejected and not report.cautions


def test_a_csv_export_opens_in_excel_as_utf8(tmp_path: Path, service: DirectoryService) -> None:
    service.import_file(SAMPLE_DIRECTORY)
    service.export_file(tmp_path / "out.csv", "csv")
    raw = (tmp_path / "out.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfID,Name,")


def test_unknown_formats_are_refused(tmp_path: Path, service: DirectoryService) -> None:
    with pytest.raises(FormatError, match='"xml" is not an import format'):
        service.import_file(SAMPLE_DIRECTORY, "xml")
    with pytest.raises(FormatError, match='"hsds-csv" is not an export format'):
        service.export_file(tmp_path / "x", "hsds-csv")


# The report a prescriber acts on -------------------------------------------------------------

AREAS = PostcodeAreas.from_centres(
    [("N7", 51.553, -0.118, 900), ("N7 6", 51.5588, -0.1177, 143), ("E14", 51.506, -0.018, 1899)]
)


@pytest.fixture
def placing(tmp_path: Path) -> Iterator[DirectoryService]:
    database = open_database(f"sqlite:///{tmp_path / 'p.db'}")
    yield DirectoryService(DirectoryRepository(database), areas=AREAS)
    database.close()


def native_file(path: Path, activities: list[dict[str, object]]) -> Path:
    return write(path, {"format": "navigator-directory", "version": 1, "activities": activities})


def test_the_report_counts_what_matching_needs(tmp_path: Path, placing: DirectoryService) -> None:
    source = native_file(
        tmp_path / "d.json",
        [
            {
                "id": "rough",
                "name": "Bowls",
                "categories": ["sport_fitness"],
                "venue": {"postcode": "n7 6zz", "lat": None, "lon": None},
                "sessions": [{"day": "tue", "start": "14:00", "end": "16:00"}],
                "cost": {"per_session_gbp": 2},
            },
            {
                "id": "exact",
                "name": "Choir",
                "categories": ["music"],
                "venue": {"postcode": "N7 6PA", "lat": 51.5558, "lon": -0.116},
                "cost": {"amount_gbp": 20, "unit": "year"},
                "guessed": ["categories"],
            },
            {
                "id": "online",
                "name": "Online quiz",
                "categories": ["social_club"],
                "delivery": "online",
                "guessed": ["categories"],
            },
            {"id": "nowhere", "name": "Walks", "categories": ["walking"]},
            {
                "id": "belfast",
                "name": "Knit",
                "categories": ["arts_crafts"],
                "venue": {"postcode": "BT1 1AA"},
            },
        ],
    )
    report = placing.import_file(source, dry_run=True)
    assert report.describe().splitlines() == [
        "5 activities: 2 placed on the map (1 only roughly, from the postcode), 1 online or "
        "by phone (no place needed), 2 with nothing to place them; 1 with times, 2 with a "
        "known cost.",
        "Guessed by Navigator, to check in Review: categories (2), map position (1).",
        "Would add 5, would update 0, skipped 0 unchanged.",
    ]
    placing.import_file(source)
    rough = placing.get("rough")
    assert rough is not None
    assert rough.activity.venue is not None
    assert (rough.activity.venue.lat, rough.activity.venue.lon) == (51.5588, -0.1177)
    assert rough.activity.guessed == ("venue.position",)  # for a prescriber to confirm
    exact = placing.get("exact")
    assert exact is not None and exact.activity.guessed == ("categories",)


def test_an_oruk_1_feed_with_only_postcodes_is_placed_and_says_what_it_lost(
    tmp_path: Path, placing: DirectoryService
) -> None:
    # The ORUK 1.0 / Outpost shape: the address on the location itself, no position.
    feed = write(
        tmp_path / "feed.json",
        {
            "content": [
                {
                    "id": 1,
                    "name": "Riverside Bowls Club",
                    "locations": [
                        {
                            "name": "Riverside Green",
                            "address_1": "1 Example Lane",
                            "city": "London",
                            "postal_code": "N7 6ZZ",
                        }
                    ],
                },
                {
                    "id": 2,
                    "name": "Dockside Tea Dance",
                    "locations": [
                        {
                            "name": "Dock Hall",
                            "address_1": "2 Sample Quay",
                            "postal_code": "E14 9XX",
                        },
                        {
                            "name": "Annexe",
                            "address_1": "3 Sample Quay",
                            "postal_code": "not known",
                        },
                    ],
                },
            ],
            "totalPages": 1,
            "number": 0,
            "last": True,
        },
    )
    report = placing.import_file(feed, dry_run=True)
    assert report.tally.placed == report.tally.placed_roughly == 2
    lines = report.describe().splitlines()
    assert lines[0].startswith(
        "2 activities: 2 placed on the map (2 only roughly, from the postcode);"
    )
    assert "map position (2)" in lines[1]
    assert "In the file but not kept: postcode (1 record)." in lines


def test_what_the_file_held_but_could_not_keep_is_named_by_field(placing: DirectoryService) -> None:
    parsed = ParsedFile(
        (Activity(id="a", name="A", categories=("music",), delivery=Delivery.PHONE),),
        format="oruk",
        left_out=(("eligibility", 12), ("postcode", 1)),
    )
    report = placing.import_parsed(parsed, dry_run=True)
    assert report.holds() == [
        "1 activity: 0 placed on the map, 1 online or by phone (no place needed); 0 with "
        "times, 0 with a known cost.",
        "In the file but not kept: eligibility (12 records), postcode (1 record).",
    ]


def test_a_file_changed_after_its_check_is_not_imported(
    tmp_path: Path, placing: DirectoryService
) -> None:
    source = native_file(tmp_path / "d.json", [{"id": "a", "name": "A", "categories": ["music"]}])
    checked = placing.parse_file(source)
    placing.import_parsed(checked, dry_run=True)  # the file as checked: fine
    native_file(
        source,
        [
            {"id": "b", "name": "Something else", "categories": ["music"]},
            {"id": "c", "name": "And more", "categories": ["music"]},
        ],
    )
    with pytest.raises(FileChangedError, match=r"d\.json changed after it was checked"):
        placing.import_parsed(checked)
    assert placing.activities() == []
    source.unlink()
    with pytest.raises(FileChangedError):
        placing.import_parsed(checked)
    assert placing.activities() == []


def test_reading_a_feed_again_keeps_what_a_prescriber_settled(tmp_path: Path) -> None:
    repository = DirectoryRepository(open_database(f"sqlite:///{tmp_path / 'd.db'}"))
    service = DirectoryService(repository)
    feed = tmp_path / "ladies.json"
    feed.write_text(
        json.dumps([{"id": "7", "name": "Ladies Zumba", "description": "A lively dance workout."}]),
        encoding="utf-8",
    )
    service.import_file(feed, "oruk")
    first = service.get("oruk-7")
    assert first is not None and first.activity.gender.value == "women"
    assert "gender" in first.activity.guessed
    # A prescriber corrects the guess in Review: it is for everyone, in fact.
    GuessReview(repository).settle(first.activity, ["gender"], {"gender": "any"})
    service.import_file(feed, "oruk")  # the same feed, read again
    again = service.get("oruk-7")
    assert again is not None and again.activity.gender is Gender.ANY
    assert "gender" not in again.activity.guessed
