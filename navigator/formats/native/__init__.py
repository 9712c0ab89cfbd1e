"""The native `navigator-directory` v1 file (FORMATS.md §1): read with checks, write exactly.

`parse_directory` reads the whole file and either returns every activity or raises
`FormatError` naming each bad place; it never returns half a directory.
`directory_to_json` writes activities so that reading them back gives equal objects.

Where things are: `read` reads and checks (FORMAT, VERSION and the limits live there);
`write` writes. Every public name is importable from here.
"""

from navigator.formats.native.read import (
    CATEGORY_HINTS,
    FORMAT,
    MAX_ID_CHARS,
    VERSION,
    parse_activity,
    parse_directory,
    read_directory_file,
)
from navigator.formats.native.write import activity_to_json, directory_to_json, write_directory

__all__ = [
    "CATEGORY_HINTS",
    "FORMAT",
    "MAX_ID_CHARS",
    "VERSION",
    "activity_to_json",
    "directory_to_json",
    "parse_activity",
    "parse_directory",
    "read_directory_file",
    "write_directory",
]
