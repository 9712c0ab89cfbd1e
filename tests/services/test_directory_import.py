"""Importing and exporting every format through DirectoryService: detection, reports of what
was left out, and a store that changes all at once or not at all."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from navigator.formats.native import read_directory_file
from navigator.formats.reading import FormatError
from navigator.services.directory import DirectoryService, detect_format
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
        ("dir.json", {"format": "navigator-directory", "version": 1, "activities": []},
         "navigator"),
        ("feed.json", {"contents": []}, "oruk"),
        ("v1.json", {"content": [], "totalElements": 0}, "oruk"),
        ("list.json", [], "oruk"),
        ("one.json", {"id": "x", "name": "y"}, "oruk"),
        ("sheet.csv", None, "csv"),
        ("sheet.xlsx", None, "csv"),
        ("profile.json", {"format": "navigator-profile", "version": 1}, "navigator"),
    ],
)
def test_auto_detection_by_extension_and_content(tmp_path: Path, name: str, content: object,
                                                 expected: str) -> None:
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
    assert lines[0] == "Added 0, updated 0, skipped 3 unchanged."
    assert lines[1] == "Check 4 things (imported, but guessed or left out):"


def test_records_left_out_are_listed_and_the_rest_imported(tmp_path: Path,
                                                           service: DirectoryService) -> None:
    feed = write(tmp_path / "feed.json", {"contents": [
        {"id": "1", "name": "Choir", "attributes": [
            {"taxonomy_term": {"id": "t", "name": "Singing", "description": ""}}]},
        {"id": "2", "name": ""},
        {"id": "3", "name": "Knit and natter", "description": "x" * 30_000},
    ]})
    report = service.import_file(feed, dry_run=True)
    assert report.describe(every=True).splitlines() == [
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
        tmp_path: Path, service: DirectoryService) -> None:
    service.import_file(SAMPLE_DIRECTORY)
    feed = write(tmp_path / "feed.json", [{"id": "1"}, {"name": "No id"}])
    with pytest.raises(FormatError) as caught:
        service.import_file(feed)
    assert caught.value.summary() == '[0] (id "1"): no name (and 1 more problem)'
    assert service.activities() == SAMPLE


def test_native_files_are_still_all_or_nothing(tmp_path: Path,
                                               service: DirectoryService) -> None:
    bad = {"format": "navigator-directory", "version": 1, "activities": [
        {"id": "a", "name": "A", "categories": ["music"]},
        {"id": "b", "name": "B", "categories": ["nonsense"]}]}
    with pytest.raises(FormatError):
        service.import_file(write(tmp_path / "d.json", bad))
    assert service.activities() == []


def test_an_hsds_package_imports(service: DirectoryService, tmp_path: Path) -> None:
    copy = shutil.copytree(HSDS_CSV, tmp_path / "package")
    report = service.import_file(copy)
    assert report.added == ("oruk-ac148810-d857-441c-9679-408f346de14b",)


# Exporting and reading back -----------------------------------------------------------------


@pytest.mark.parametrize(("name", "fmt"), [("out.json", "oruk"), ("out.csv", "csv"),
                                           ("out.xlsx", "csv"), ("out.json", "navigator")])
def test_every_export_re_imports_unchanged(tmp_path: Path, service: DirectoryService,
                                           name: str, fmt: str) -> None:
    service.import_file(SAMPLE_DIRECTORY)
    assert service.export_file(tmp_path / name, fmt) == len(SAMPLE)
    report = service.import_file(tmp_path / name)  # auto-detected
    assert (len(report.added), len(report.updated), len(report.unchanged)) == (0, 0, len(SAMPLE))
    assert not report.rejected and not report.cautions


def test_a_csv_export_opens_in_excel_as_utf8(tmp_path: Path,
                                             service: DirectoryService) -> None:
    service.import_file(SAMPLE_DIRECTORY)
    service.export_file(tmp_path / "out.csv", "csv")
    raw = (tmp_path / "out.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfID,Name,")


def test_unknown_formats_are_refused(tmp_path: Path, service: DirectoryService) -> None:
    with pytest.raises(FormatError, match='"xml" is not an import format'):
        service.import_file(SAMPLE_DIRECTORY, "xml")
    with pytest.raises(FormatError, match='"hsds-csv" is not an export format'):
        service.export_file(tmp_path / "x", "hsds-csv")
