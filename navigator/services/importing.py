"""Import a file in the app: check it (read it and work out what it would change, writing
nothing), then import exactly what was checked, or nothing.

Between the check and the import a prescriber reads the preview, which may take a while. If
the file changes meanwhile, `FileChangedError`; if the directory changes (someone saved,
merged or imported), `DirectoryChangedError`: either way nothing is imported, and the app
checks again so the person sees what the import would do now. The directory's revision is
compared twice: before starting, and again once the import holds the directory's write lock
(from then on nobody else can change it), so the last word is inside the import's
transaction and a change that slips in between is still caught.

The command line's `directory import` checks and imports in one go
(`DirectoryService.import_file`), so nothing can slip in between there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from navigator.services.directory import (
    DirectoryService,
    FileChangedError,
    ImportReport,
    ParsedFile,
)
from navigator.store.repository import ImportCancelled

__all__ = [
    "CheckedImport",
    "DirectoryChangedError",
    "FileChangedError",
    "FileImport",
    "ImportCancelled",
]


class DirectoryChangedError(Exception):
    """The directory changed after the file was checked: nothing was imported."""

    def __init__(self) -> None:
        super().__init__(
            "The directory changed after the file was checked (someone saved, merged or "
            "imported meanwhile), so nothing was imported."
        )


@dataclass(frozen=True, slots=True)
class CheckedImport:
    """A file read and tried against the directory, not yet imported."""

    parsed: ParsedFile
    preview: ImportReport  # what importing it would do (a dry run)
    revision: int  # the directory's revision the preview was worked out against


class FileImport:
    """The import dialog's use case: `check`, then `run` what was checked."""

    def __init__(self, directory: DirectoryService) -> None:
        self._directory = directory

    def check(self, path: Path, fmt: str = "auto") -> CheckedImport:
        """Read the file and work out what importing it would change; writes nothing.
        Raises FormatError when the file as a whole cannot be used."""
        revision = self._directory.revision()  # before the dry run, so a change during it shows
        parsed = self._directory.parse_file(Path(path), fmt)
        preview = self._directory.import_parsed(parsed, dry_run=True)
        return CheckedImport(parsed, preview, revision)

    def run(
        self,
        checked: CheckedImport,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportReport:
        """Import what was checked, in one transaction. Raises FileChangedError or
        DirectoryChangedError, changing nothing, when the file or the directory is no longer
        as checked, and ImportCancelled when `cancelled()` turns true."""
        if self._directory.revision() != checked.revision:
            raise DirectoryChangedError
        locked = False

        def stop() -> bool:
            # The store asks before writing each chunk, holding the directory's write lock;
            # the first time it asks, compare the revision once more.
            nonlocal locked
            if not locked:
                locked = True
                if self._directory.revision() != checked.revision:
                    raise DirectoryChangedError
            return cancelled is not None and cancelled()

        return self._directory.import_parsed(checked.parsed, progress=progress, cancelled=stop)
