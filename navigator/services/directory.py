"""Directory use cases: import a file into the store, export the store to a file."""

from __future__ import annotations

from pathlib import Path

from navigator.domain.directory import Activity
from navigator.formats import native
from navigator.formats.reading import FormatError, Problem, load_json_file
from navigator.services.files import write_json_atomically
from navigator.store.repository import DirectoryRepository, ImportSummary

IMPORT_FORMATS = ("auto", "navigator", "oruk", "hsds-csv", "csv")
EXPORT_FORMATS = ("navigator", "oruk", "csv")
# Formats named by the command contract that this version cannot read or write yet.
NOT_YET = {"oruk": "Open Referral UK", "hsds-csv": "HSDS CSV", "csv": "spreadsheet CSV"}


class DirectoryService:
    def __init__(self, repository: DirectoryRepository) -> None:
        self._repository = repository

    def activities(self) -> list[Activity]:
        return self._repository.all_activities()

    def read_file(self, path: Path, fmt: str = "auto") -> list[Activity]:
        """Parse and check a directory file without touching the store."""
        if fmt in NOT_YET:
            raise FormatError([Problem("", f"importing {NOT_YET[fmt]} files is not available "
                                           "in this version of Navigator yet")])
        if fmt not in ("auto", "navigator"):
            raise FormatError([Problem("", f'"{fmt}" is not an import format')])
        return native.parse_directory(load_json_file(Path(path)))

    def import_file(self, path: Path, fmt: str = "auto", *,
                    dry_run: bool = False) -> ImportSummary:
        """Check the whole file first, then write it in one transaction (or not at all)."""
        activities = self.read_file(path, fmt)
        return self._repository.import_activities(activities, dry_run=dry_run)

    def export_file(self, path: Path, fmt: str = "navigator") -> int:
        if fmt in NOT_YET:
            raise FormatError([Problem("", f"exporting {NOT_YET[fmt]} files is not available "
                                           "in this version of Navigator yet")])
        activities = self._repository.all_activities()
        write_json_atomically(Path(path), native.directory_to_json(activities))
        return len(activities)
