"""HSDS 3.0 / ORUK CSV data packages: a folder of CSV tables, usually with `datapackage.json`.

Each table may be spelt the HSDS way (services.csv, schedules.csv, addresses.csv) or the ORUK
way (service.csv, schedule.csv, address.csv); ORUK 1.0 names (regular_schedules.csv,
physical_addresses.csv, service_taxonomy.csv) are read too. When a folder holds both
spellings their rows are merged by id. The tables are joined into nested service records
and read by the same code as the JSON feeds (`oruk.parse_records`), so a service means the
same thing whichever way it arrives. A schedule's numeric `weekday` (1 = Monday ... 7 =
Sunday, as ISO 8601 counts) is read there too; see `oruk.schedules._ISO_WEEKDAYS` for why.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from navigator.formats.cleaning import MAX_CSV_CELLS, FeedResult, decode_text, read_csv_rows
from navigator.formats.oruk import parse_records
from navigator.formats.reading import FormatError, Problem, read_file_bytes

# Our name for each table, then the file names it goes by, preferred first.
TABLES: dict[str, tuple[str, ...]] = {
    "service": ("services.csv", "service.csv"),
    "organization": ("organizations.csv", "organization.csv", "organisations.csv"),
    "location": ("locations.csv", "location.csv"),
    "service_at_location": (
        "service_at_location.csv",
        "service_at_locations.csv",
        "services_at_location.csv",
    ),
    "address": ("addresses.csv", "address.csv", "physical_addresses.csv"),
    "schedule": ("schedules.csv", "schedule.csv", "regular_schedules.csv"),
    "phone": ("phones.csv", "phone.csv"),
    "contact": ("contacts.csv", "contact.csv"),
    "language": ("languages.csv", "language.csv"),
    "accessibility": (
        "accessibility.csv",
        "accessibilities.csv",
        "accessibility_for_disabilities.csv",
    ),
    "cost_option": ("cost_options.csv", "cost_option.csv"),
    "attribute": ("attributes.csv", "attribute.csv"),
    "taxonomy_term": ("taxonomy_terms.csv", "taxonomy_term.csv"),
    # ORUK 1.0: services link to rows of taxonomy.csv through service_taxonomy.csv
    "service_taxonomy": ("service_taxonomy.csv", "services_taxonomy.csv"),
    "taxonomy": ("taxonomy.csv", "taxonomies.csv"),
    "eligibility": ("eligibility.csv", "eligibilities.csv"),
    # Kept out of the directory, but read so the import report can say what was left out.
    "service_area": ("service_areas.csv", "service_area.csv"),
    "holiday_schedule": ("holiday_schedules.csv", "holiday_schedule.csv"),
}
Row = dict[str, Any]
# A descriptor names tables; it is never large. The tables together share one budget of
# cells (MAX_CSV_CELLS), so eighteen tables cannot each take the whole of it.
MAX_DESCRIPTOR_BYTES = 1024 * 1024


def read_hsds_package(path: Path, *, today: dt.date | None = None) -> FeedResult:
    """Read a package from its folder or from its `datapackage.json`; `today` decides which
    schedules have ended (the clock's date by default)."""
    path = Path(path)
    if not path.exists():
        raise FormatError([Problem("", f"cannot read {path}: no such file or folder")])
    folder = path if path.is_dir() else path.parent
    files = _table_files(folder)
    if "service" not in files:
        raise FormatError(
            [
                Problem(
                    "",
                    f"{folder.name} has no services.csv (or service.csv), "
                    "so it is not an HSDS or ORUK data package",
                )
            ]
        )
    budget = [MAX_CSV_CELLS]  # cells left for the tables still to read
    tables = {name: _read_rows(paths, budget) for name, paths in files.items()}
    records = []
    services_file = files["service"][0].name
    for number, service in _services(tables):
        records.append((f"{services_file} row {number}", service))
    return parse_records(records, today=today)


def is_hsds_package(path: Path) -> bool:
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    return folder.is_dir() and "service" in _table_files(folder)


def _table_files(folder: Path) -> dict[str, list[Path]]:
    """Each table's files: those `datapackage.json` names first, then the usual names."""
    named: dict[str, list[Path]] = defaultdict(list)
    descriptor = folder / "datapackage.json"
    if descriptor.is_file():
        for resource in _resources(descriptor):
            name, file = resource.get("name"), resource.get("path")
            if isinstance(name, str) and isinstance(file, str) and name in TABLES:
                candidate = folder / file
                if candidate.is_file() and candidate.resolve().parent == folder.resolve():
                    named[name].append(candidate)
    present = {p.name.casefold(): p for p in folder.iterdir() if p.suffix.casefold() == ".csv"}
    for name, spellings in TABLES.items():
        for spelling in spellings:
            found = present.get(spelling)
            if found is not None and found not in named[name]:
                named[name].append(found)
    return {name: paths for name, paths in named.items() if paths}


def _resources(descriptor: Path) -> list[dict[str, Any]]:
    try:
        raw = read_file_bytes(descriptor, limit=MAX_DESCRIPTOR_BYTES)
        data = json.loads(decode_text(raw, descriptor.name))
    except (ValueError, RecursionError) as error:
        if isinstance(error, FormatError):
            raise
        raise FormatError([Problem("", f"{descriptor.name} cannot be read: {error}")]) from error
    resources = data.get("resources") if isinstance(data, dict) else None
    return [r for r in resources if isinstance(r, dict)] if isinstance(resources, list) else []


def _read_rows(paths: list[Path], budget: list[int]) -> list[Row]:
    """Rows of one table from every file that holds it, the first file winning on an id."""
    rows: list[Row] = []
    seen: set[str] = set()
    for path in paths:
        for row in _read_csv(path, budget):
            row_id = row.get("id")
            if row_id is not None and row_id in seen:
                continue
            if row_id is not None:
                seen.add(row_id)
            rows.append(row)
    return rows


def _read_csv(path: Path, budget: list[int]) -> list[Row]:
    """One table's rows as dicts by column; `budget` is the package's cells left, and what
    this table holds is taken from it."""
    lines = read_csv_rows(path, max_cells=budget[0])
    budget[0] -= sum(map(len, lines))
    header = [h.strip().casefold() for h in (lines[0] if lines else [])]
    rows: list[Row] = []
    for cells in lines[1:]:
        if not any(cell.strip() for cell in cells):
            continue  # blank lines, and the empty rows "\r\r\n" endings make
        row: Row = {
            key: cell
            for key, cell in zip(header, cells, strict=False)
            if key and cell.strip() != ""
        }
        row["_row"] = len(rows) + 2  # as a spreadsheet numbers it, after the header
        rows.append(row)
    return rows


def _by(rows: list[Row], key: str) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.get(key) is not None:
            grouped[row[key]].append(row)
    return grouped


def _services(tables: dict[str, list[Row]]) -> list[tuple[int, Row]]:
    """Each service row joined with what links to it, shaped like an HSDS service record."""

    def table(name: str) -> list[Row]:
        return tables.get(name, [])

    organisations = {r["id"]: r for r in table("organization") if "id" in r}
    terms = {r["id"]: r for r in table("taxonomy_term") + table("taxonomy") if "id" in r}
    phones_by_contact = _by(table("phone"), "contact_id")
    contacts = [
        {**c, "phones": phones_by_contact.get(c.get("id", ""), [])} for c in table("contact")
    ]
    addresses, access = (
        _by(table("address"), "location_id"),
        _by(table("accessibility"), "location_id"),
    )
    schedules_by_location = _by(table("schedule"), "location_id")
    locations = {
        r["id"]: {
            **r,
            "addresses": addresses.get(r["id"], []),
            "accessibility": access.get(r["id"], []),
            "schedules": schedules_by_location.get(r["id"], []),
        }
        for r in table("location")
        if "id" in r
    }
    schedules_by_link = _by(table("schedule"), "service_at_location_id")
    links = [
        {
            **link,
            "location": locations.get(link.get("location_id", ""), {}),
            "schedules": schedules_by_link.get(link.get("id", ""), []),
        }
        for link in table("service_at_location")
    ]
    attributes = [
        {**a, "taxonomy_term": terms.get(a.get("taxonomy_term_id", ""), {})}
        for a in table("attribute")
    ]
    service_terms = [
        {"service_id": s.get("service_id"), "taxonomy": terms.get(s.get("taxonomy_id", ""), {})}
        for s in table("service_taxonomy")
    ]
    joined = {
        "service_at_locations": _by(links, "service_id"),
        "schedules": _by(table("schedule"), "service_id"),
        "phones": _by(table("phone"), "service_id"),
        "contacts": _by(contacts, "service_id"),
        "languages": _by(table("language"), "service_id"),
        "cost_options": _by(table("cost_option"), "service_id"),
        "attributes": _by(attributes, "link_id"),
        "service_taxonomys": _by(service_terms, "service_id"),
        "eligibilitys": _by(table("eligibility"), "service_id"),
        "service_areas": _by(table("service_area"), "service_id"),
        "holiday_schedules": _by(table("holiday_schedule"), "service_id"),
    }
    out = []
    for row in table("service"):
        service: Row = dict(row)
        service_id = row.get("id", "")
        service["organization"] = organisations.get(row.get("organization_id", ""), {})
        for key, grouped in joined.items():
            service[key] = grouped.get(service_id, [])
        out.append((int(row["_row"]), service))
    return out
