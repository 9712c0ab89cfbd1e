"""Open and save a person's profile as a file (File menu), with one sentence when it fails.

The file is the profile format of FORMATS.md; writing goes through a temporary file and one
rename, so a failed save leaves any file already there as it was.
"""

from __future__ import annotations

from pathlib import Path

from navigator.domain.profile import Profile
from navigator.formats.profile import profile_to_json, read_profile_file
from navigator.formats.reading import FormatError
from navigator.services.files import write_json_atomically


class ProfileFileError(Exception):
    """A profile file could not be opened or saved; the message is for the person."""


def open_profile_file(path: Path) -> Profile:
    """The profile in `path`; ProfileFileError says why it cannot be used."""
    try:
        return read_profile_file(path)
    except FormatError as error:
        raise ProfileFileError(f"{path.name} could not be opened: {error.summary()}") from error


def save_profile_file(path: Path, profile: Profile) -> None:
    """Write `profile` to `path`; ProfileFileError says why it could not be saved."""
    try:
        write_json_atomically(path, profile_to_json(profile))
    except OSError as error:
        raise ProfileFileError(f"The profile could not be saved: {error.strerror}") from error
