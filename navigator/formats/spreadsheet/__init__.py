"""The spreadsheet template (CSV or .xlsx): one row per activity, filled in by hand or exported.

Columns are listed in `COLUMNS` (docs/formats.md shows them with examples). Lists are
separated by semicolons ("\\;" writes a semicolon inside an item, "\\\\" a backslash);
yes/no columns take yes, no or blank (not known). Session columns come in groups
("Session 1 day", "Session 1 start", ...), three by default and more when needed; the other
places an activity runs come in groups after the main venue's columns ("Place 2 name",
"Place 2 postcode", ...), as many as the directory needs. A price as published ("Price (£)"
and "Price per": £40 a term) sits beside the per-session cost, and the two must agree.

Safety: a text cell that begins with = + - @ (after any spaces, or in full width: ＝), a tab
or a carriage return could be run as a formula by a spreadsheet program, so on export it
gets a leading apostrophe ("'=x"), as does a cell that already begins with apostrophes
before such a character; import removes exactly one. Numbers are written as numbers and
need no such guard.

Rows are read one by one: a row with a problem is reported and left out, never half-read.
A hand-made sheet may leave out columns; for gender, mental health, cost, learners of a
language and with a child, Navigator then guesses from the row's words (`guessing`), marks
the guess and reports it. A column that is there is taken at its word, blank or not.
What the sheet cannot carry, and so reads back differently: an empty optional text comes
back as blank (None), an empty venue as no venue (an empty further place is dropped), an
empty source as none, and list items lose surrounding spaces.

Where things are: `columns` holds the template's columns and the cell text both ways
(the formula neutraliser, lists, the .xlsx escapes); `write` writes rows, CSV and .xlsx;
`read` reads a file or its rows, each row by `row._RowReader` with the cell readers in
`values`. Every public name, and `_xml_safe`, is importable from here.
"""

from navigator.formats.spreadsheet.columns import (
    COLUMNS,
    COLUMNS_AFTER,
    PLACE_FIELDS,
    SESSION_FIELDS,
    SESSION_GROUPS,
    Cell,
    _xml_safe,
    _xml_unescape,
    header,
    join_list,
    neutralise,
    split_list,
    unneutralise,
)
from navigator.formats.spreadsheet.read import (
    MAX_ROWS,
    MAX_XLSX_BYTES,
    MAX_XLSX_CELLS,
    MAX_XLSX_SHARED_STRINGS,
    MAX_XLSX_UNPACKED,
    parse_csv_text,
    parse_rows,
    parse_xlsx_bytes,
    read_spreadsheet_file,
)
from navigator.formats.spreadsheet.write import (
    activities_to_csv,
    activities_to_rows,
    activities_to_xlsx,
    write_csv,
    write_xlsx,
)

__all__ = [
    "COLUMNS",
    "COLUMNS_AFTER",
    "MAX_ROWS",
    "MAX_XLSX_BYTES",
    "MAX_XLSX_CELLS",
    "MAX_XLSX_SHARED_STRINGS",
    "MAX_XLSX_UNPACKED",
    "PLACE_FIELDS",
    "SESSION_FIELDS",
    "SESSION_GROUPS",
    "Cell",
    "_xml_safe",
    "_xml_unescape",
    "activities_to_csv",
    "activities_to_rows",
    "activities_to_xlsx",
    "header",
    "join_list",
    "neutralise",
    "parse_csv_text",
    "parse_rows",
    "parse_xlsx_bytes",
    "read_spreadsheet_file",
    "split_list",
    "unneutralise",
    "write_csv",
    "write_xlsx",
]
