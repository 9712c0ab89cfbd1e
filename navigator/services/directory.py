"""Directory use cases: import a file into the store, export the store to a file.

The native file is all or nothing: one bad place and nothing is imported. Outside feeds
(Open Referral JSON, HSDS CSV packages, spreadsheets) are read record by record: whole
records are imported, the others are reported with their reason, and the store is still
written in one transaction. A feed in which no record can be used is an error.

Venues with a postcode but no position are placed at the centre of their postcode sector
(else district) from the bundled postcode areas, marked as guessed. The report counts what
the activities hold (`ImportTally`) so a prescriber sees at once what to check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from navigator.domain.directory import Activity
from navigator.domain.people import ActivityFlag, StopReason
from navigator.domain.reports import FOUND_AT_FOLLOW_UP, ProblemKind, ProblemReport
from navigator.formats import hsds_csv, native, oruk, spreadsheet
from navigator.formats.cleaning import FeedResult
from navigator.formats.guessing import keep_settled
from navigator.formats.json_stream import JsonStream, NotUtf8Error, open_regular_file
from navigator.formats.reading import MAX_PROBLEMS_SHOWN, FormatError, Problem
from navigator.services.backups import backup_before_import
from navigator.services.files import open_atomically, open_atomically_binary
from navigator.services.import_report import ImportTally, describe_lines
from navigator.services.postcode_areas import PostcodeAreas, place_venues
from navigator.store.repository import DirectoryRepository, ImportSummary, VersionedActivity

IMPORT_FORMATS = ("auto", "navigator", "oruk", "hsds-csv", "csv")
EXPORT_FORMATS = ("navigator", "oruk", "csv")
SPREADSHEET_SUFFIXES = (".csv", ".xlsx", ".xlsm")


Fingerprint = tuple[tuple[str, int, int], ...] | None


class FileChangedError(FormatError):
    """The file changed (or went) between being checked and being imported: nothing was
    imported, as what was checked is no longer what the file holds."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            [
                Problem(
                    "",
                    f"{path.name} changed after it was checked, so nothing "
                    "was imported; check it again",
                )
            ]
        )
        self.path = path


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """A file read but not yet stored: the activities to import, and what was left out.

    `path` and `fingerprint` say which file, as it was when read, so an import can refuse a
    file that has changed since (see `DirectoryService.import_parsed`)."""

    activities: tuple[Activity, ...]
    rejected: tuple[Problem, ...] = ()
    cautions: tuple[Problem, ...] = ()
    format: str = "navigator"
    left_out: tuple[tuple[str, int], ...] = ()  # field -> records whose value was not kept
    path: Path | None = None
    fingerprint: Fingerprint = None


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import changed (`summary`), what the activities hold (`tally`), what the file
    held that could not be kept (`left_out`), and which records it could not use, and why."""

    summary: ImportSummary
    rejected: tuple[Problem, ...] = ()
    cautions: tuple[Problem, ...] = ()
    format: str = "navigator"
    tally: ImportTally = field(default_factory=ImportTally)
    left_out: tuple[tuple[str, int], ...] = ()

    @property
    def added(self) -> tuple[str, ...]:
        return self.summary.added

    @property
    def updated(self) -> tuple[str, ...]:
        return self.summary.updated

    @property
    def unchanged(self) -> tuple[str, ...]:
        return self.summary.unchanged

    @property
    def dry_run(self) -> bool:
        return self.summary.dry_run

    def holds(self) -> list[str]:
        """What the activities hold (placed on the map, times, costs, guesses) and what the
        file held that was not kept."""
        return describe_lines(self.tally, self.left_out)

    def headline(self) -> list[str]:
        """`holds`, then what changed (or would)."""
        return [*self.holds(), self.summary.describe()]

    def describe(self, *, every: bool = False) -> str:
        """The headline, then each record left out and each thing to check; `every`
        lists them all, otherwise the first MAX_PROBLEMS_SHOWN of each."""
        lines = self.headline()
        for heading, problems in (
            (f"Skipped {_records(len(self.rejected))} that could not be imported:", self.rejected),
            (
                f"Check {_n(len(self.cautions), 'thing')} (imported, but guessed or left out):",
                self.cautions,
            ),
        ):
            if problems:
                lines.append(heading)
                shown = problems if every else problems[:MAX_PROBLEMS_SHOWN]
                lines += [f"  {p}" for p in shown]
                if len(shown) < len(problems):
                    lines.append(f"  ... and {len(problems) - len(shown)} more")
        return "\n".join(lines)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def _records(count: int) -> str:
    return _n(count, "record")


class DirectoryService:
    def __init__(
        self, repository: DirectoryRepository, *, areas: PostcodeAreas | None = None
    ) -> None:
        """`areas`: postcode sector and district centres for venues with a postcode but no
        position (the composition root passes `PostcodeAreas.bundled()`); None: such venues
        stay unplaced."""
        self._repository = repository
        self._areas = areas if areas is not None else PostcodeAreas.none()

    def activities(self) -> list[Activity]:
        return self._repository.all_activities()

    def read_file(self, path: Path, fmt: str = "auto") -> list[Activity]:
        """Parse and check a directory file without touching the store."""
        return list(self.parse_file(path, fmt).activities)

    def parse_file(self, path: Path, fmt: str = "auto") -> ParsedFile:
        """Read any import format and place venues from their postcodes; raises FormatError
        when the file as a whole is unusable."""
        path = Path(path)
        fingerprint = file_fingerprint(path)  # before reading, so a change while reading shows
        parsed = self._read(path, fmt)
        activities = tuple(place_venues(a, self._areas) for a in parsed.activities)
        return replace(parsed, activities=activities, path=path, fingerprint=fingerprint)

    def _read(self, path: Path, fmt: str) -> ParsedFile:
        if fmt not in IMPORT_FORMATS:
            raise FormatError(
                [
                    Problem(
                        "", f'"{fmt}" is not an import format (one of {", ".join(IMPORT_FORMATS)})'
                    )
                ]
            )
        if fmt == "auto":
            fmt = detect_format(path)[0]
        if fmt == "navigator":
            return ParsedFile(tuple(native.read_directory_file(path)))
        if fmt == "oruk":
            return _parsed(oruk.read_oruk_file(path), fmt)
        if fmt == "hsds-csv":
            return _parsed(hsds_csv.read_hsds_package(path), fmt)
        return _parsed(spreadsheet.read_spreadsheet_file(path), fmt)

    def import_file(self, path: Path, fmt: str = "auto", *, dry_run: bool = False) -> ImportReport:
        """Check the whole file first, then write it in one transaction (or not at all)."""
        return self.import_parsed(self.parse_file(path, fmt), dry_run=dry_run)

    def import_parsed(
        self,
        parsed: ParsedFile,
        *,
        dry_run: bool = False,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportReport:
        """Store a file already read (the app shows a preview between the two steps).
        Raises FileChangedError, changing nothing, if the file is no longer as it was read."""
        if parsed.rejected and not parsed.activities:
            raise FormatError(list(parsed.rejected))  # nothing usable: say why, change nothing
        if parsed.path is not None and file_fingerprint(parsed.path) != parsed.fingerprint:
            raise FileChangedError(parsed.path)
        if not dry_run:
            backup_before_import(self._repository.database)  # SQLite: a copy to go back to
        # Reading a feed again never undoes what a prescriber settled in Review.
        summary = self._repository.import_activities(
            list(parsed.activities),
            dry_run=dry_run,
            progress=progress,
            cancelled=cancelled,
            merge=keep_settled,
        )
        return ImportReport(
            summary,
            parsed.rejected,
            parsed.cautions,
            parsed.format,
            ImportTally.of(parsed.activities),
            parsed.left_out,
        )

    def get(self, activity_id: str) -> VersionedActivity | None:
        return self._repository.get(activity_id)

    def revision(self) -> int:
        """Rises with every change to the directory (a save, a merge, an import)."""
        return self._repository.revision()

    def mark_checked(self, activity_id: str, on: dt.date) -> int:
        """Record that someone checked the entry is right, which also closes workers'
        reports about it; returns the new version. Refused (ConflictError) if it changed
        since it was read, like any other save."""
        found = self._repository.get(activity_id)
        if found is None:
            raise LookupError(f"There is no activity {activity_id!r} in the directory.")
        version = self._repository.save(replace(found.activity, last_verified=on), found.version)
        self._repository.resolve_reports(activity_id, on)
        return version

    def report_problem(self, report: ProblemReport) -> None:
        """A worker says an entry is wrong; it goes to the top of the review queue."""
        self._repository.add_report(report)

    def report_flag(self, flag: ActivityFlag) -> None:
        """A follow-up found an entry closed or at the wrong time: the review queue hears of
        it, whoever keeps the directory, and without saying who found it."""
        kind = ProblemKind.CLOSED if flag.reason is StopReason.CLOSED else ProblemKind.WRONG_TIME
        self.report_problem(
            ProblemReport(flag.activity_id, (kind,), FOUND_AT_FOLLOW_UP, flag.flagged_on)
        )

    def open_reports(self) -> list[ProblemReport]:
        return self._repository.open_reports()

    def export_file(self, path: Path, fmt: str | None = None) -> int:
        """Write the directory; a spreadsheet is .xlsx when the name says so, else CSV."""
        path = Path(path)
        fmt = export_format(path, fmt)
        activities = self._repository.all_activities()
        if path.suffix.casefold() in (".xlsx", ".xlsm") and fmt == "csv":
            with open_atomically_binary(path) as binary:
                return spreadsheet.write_xlsx(binary, activities)
        # Written as it goes, an activity at a time, to a file swapped in at the end.
        write = {
            "navigator": native.write_directory,
            "oruk": oruk.write_oruk,
            "csv": spreadsheet.write_csv,
        }[fmt]
        with open_atomically(path) as out:
            return write(out, activities)


def export_format(path: Path, requested: str | None = None) -> str:
    """The format to write: as asked, else what the file name says (.xlsx or .csv: the
    spreadsheet; .oruk.json: Open Referral UK; anything else: a Navigator file). A request
    that contradicts a spreadsheet name is refused rather than writing JSON into it."""
    name = Path(path).name.casefold()
    spreadsheet = name.endswith((".csv", ".xlsx", ".xlsm"))
    if requested is not None and requested not in EXPORT_FORMATS:
        raise FormatError(
            [
                Problem(
                    "",
                    f'"{requested}" is not an export format (one of {", ".join(EXPORT_FORMATS)})',
                )
            ]
        )
    if spreadsheet and requested not in (None, "csv"):
        raise FormatError(
            [
                Problem(
                    "",
                    f"{Path(path).name} is a spreadsheet name; use "
                    "--format csv, or a name ending .json",
                )
            ]
        )
    if requested is not None:
        return requested
    if spreadsheet:
        return "csv"
    return "oruk" if name.endswith(".oruk.json") else "navigator"


def _parsed(result: FeedResult, fmt: str) -> ParsedFile:
    return ParsedFile(result.activities, result.rejected, result.cautions, fmt, result.left_out)


def file_fingerprint(path: Path) -> Fingerprint:
    """Size and modification time of a file, or of each file in a folder (an HSDS package),
    or None when it cannot be read: enough to tell that it changed since it was checked."""
    hsds_names = {n for names in hsds_csv.TABLES.values() for n in names} | {"datapackage.json"}
    if path.name.casefold() in hsds_names and hsds_csv.is_hsds_package(path.parent):
        path = path.parent  # a file of a package: the package is what is imported
    try:
        files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
        return tuple((p.name, (st := p.stat()).st_size, st.st_mtime_ns) for p in files)
    except OSError:
        return None


def detect_format(path: Path) -> tuple[str, object]:
    """The import format a file is in, from its name and then the start of its content; the
    second item is always None now (the file is read again as it streams, not kept)."""
    if path.is_dir() or path.name.casefold() == "datapackage.json":
        if hsds_csv.is_hsds_package(path):
            return "hsds-csv", None
        raise FormatError(
            [
                Problem(
                    "",
                    f"{path.name} is not a data package: it has no services.csv (or service.csv)",
                )
            ]
        )
    suffix = path.suffix.casefold()
    if suffix in SPREADSHEET_SUFFIXES:
        hsds_names = {n for names in hsds_csv.TABLES.values() for n in names}
        if (
            suffix == ".csv"
            and path.name.casefold() in hsds_names
            and hsds_csv.is_hsds_package(path.parent)
        ):
            return "hsds-csv", None
        return "csv", None
    try:
        return _sniff(path, "utf-8-sig"), None
    except NotUtf8Error as error:
        # Feeds are sometimes Windows-1252; anything else keeps the plain UTF-8 message.
        try:
            found = _sniff(path, "cp1252")
        except FormatError:
            raise error from None
        if found != "oruk":
            raise
        return found, None


def _sniff(path: Path, encoding: str) -> str:
    """The format of a JSON file, "oruk" or "navigator", from its top level, read only as far
    as needed (a native file says "format" or "activities" early; a feed is a list or has
    "contents"), so a large file is not read twice."""
    with open_regular_file(path) as file:  # a FIFO or a device is refused first
        stream = JsonStream(file, path.name, encoding=encoding)
        kind = stream.start()
        if kind != "{":
            return "oruk" if kind == "[" else "navigator"
        named = False
        for key, _value in stream.members(streamed=("contents", "content", "activities")):
            if key in ("format", "activities"):
                return "navigator"
            if key in ("contents", "content"):
                return "oruk"
            named = named or key in ("id", "name")
        return "oruk" if named else "navigator"
