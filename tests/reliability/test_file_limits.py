"""Each documented limit on an imported file (docs/reliability.md), shown in a child process
whose address space is capped at 500 MB (`resource.setrlimit(RLIMIT_AS)`): a file at the
limit, shaped to cost the most memory, is read and refused with one line, and a file past it
is refused before it is read whole. The time each took and the peak memory are printed (run
with -s to see them); neither is asserted, since the machine is shared.

A FIFO, and links to /dev/zero, are refused rather than read for ever: their child process
has a timeout, and running into it fails the test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from navigator.formats.cleaning import MAX_CSV_ROWS, MAX_STREAMED_CSV_CELLS
from navigator.formats.json_stream import MAX_RECORDS
from navigator.formats.reading import MAX_PROBLEMS_KEPT
from navigator.formats.spreadsheet import MAX_XLSX_CELLS

MEMORY_MB = 500
# The child: cap its address space, run the import, report status, stderr, time and peak.
CHILD = """
import contextlib, io, json, resource, sys, time
limit = int(sys.argv[1]) * 2**20
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from navigator.cli import main
err = io.StringIO()
start = time.perf_counter()
with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
    status = main(sys.argv[2:])
seconds = time.perf_counter() - start
# VmHWM, this process's own peak (ru_maxrss would include the pytest process forked from).
status_lines = open("/proc/self/status").read().splitlines()
peak = int(next(s for s in status_lines if s.startswith("VmHWM")).split()[1]) / 1024
print(json.dumps({"status": status, "stderr": err.getvalue(), "seconds": seconds, "peak": peak}))
"""


def run_import(path: Path, db: Path, *extra: str, timeout: float = 300) -> dict[str, object]:
    """`navigator directory import` in a child within MEMORY_MB; fails on a timeout."""
    command = ["directory", "import", str(path), "--db", str(db), *extra]
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(MEMORY_MB), *command],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"\n{path.name}: {result['seconds']:.1f} s, peak {result['peak']:.0f} MB")
    return result


def refused(result: dict[str, object], *words: str) -> None:
    line = str(result["stderr"])
    assert result["status"] == 1 and line.count("\n") == 1, line
    for word in words:
        assert word in line, line


# JSON -----------------------------------------------------------------------------------------


def native_with(items: str, count: int) -> str:
    """A native file whose activities are `count` copies of `items`."""
    body = ",".join([items] * count)
    return f'{{"format":"navigator-directory","version":1,"activities":[{body}]}}'


@pytest.mark.slow
def test_json_at_the_record_limit_is_read_within_the_memory(tmp_path: Path) -> None:
    # JSON streams a record at a time (json_stream): what is held is the problems, capped.
    path = tmp_path / "strings.json"
    path.write_text(native_with('"abcdefghijklmnopqrstu"', MAX_RECORDS - 1))
    result = run_import(path, tmp_path / "d.db")
    refused(result, "expected an object")
    # Only the first problems are kept, and the rest counted.
    assert f"and {MAX_RECORDS - 2} more problems" in str(result["stderr"])


@pytest.mark.slow
def test_json_past_the_record_limit_is_refused_as_it_streams(tmp_path: Path) -> None:
    path = tmp_path / "zeros.json"  # 10 MB: the five million non-objects of issue 14
    path.write_text(native_with("0", 5_000_000))
    refused(run_import(path, tmp_path / "d.db"), "more than 200,000 activities")


def test_a_json_value_past_the_record_size_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("w") as out:  # one long text: one value of 51 MB
        out.write('{"format":"navigator-directory","version":1,"activities":[],"x":"')
        out.write("a" * (51 * 2**20))
        out.write('"}')
    refused(run_import(path, tmp_path / "d.db"), "too large")


@pytest.mark.slow
def test_a_feed_of_numbers_stops_at_the_problem_cap(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_text("[" + ",".join(["1"] * (MAX_RECORDS - 10)) + "]")
    result = run_import(path, tmp_path / "d.db", "--format", "oruk")
    refused(result, f"more than {MAX_PROBLEMS_KEPT:,} items are not services")


# CSV --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_csv_at_the_row_limit_is_read_within_the_memory(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    # Rows of only a name: each is read, and left out for having no category.
    path.write_text("Name\n" + "".join(f"g{n}\n" for n in range(MAX_CSV_ROWS - 1)))
    result = run_import(path, tmp_path / "d.db")
    refused(result, "Categories is empty")


@pytest.mark.slow
def test_csv_past_the_row_limit_is_refused_as_it_streams(tmp_path: Path) -> None:
    path = tmp_path / "tiny.csv"  # 40 MB of tiny rows (issue 14: 1.1 GB before)
    path.write_bytes(b"Name\n" + b"a\n" * (20 * 2**20))
    refused(run_import(path, tmp_path / "d.db"), f"more than {MAX_CSV_ROWS:,} rows")


@pytest.mark.slow
def test_csv_past_the_cell_limit_is_refused_as_it_streams(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    row = b"," * 1999 + b"\n"  # 2,000 empty cells a row, read one row at a time
    path.write_bytes(b"Name" + row + row * (MAX_STREAMED_CSV_CELLS // 2000 + 1))
    refused(run_import(path, tmp_path / "d.db"), f"more than {MAX_STREAMED_CSV_CELLS:,} cells")


# Workbooks -------------------------------------------------------------------------------------


def workbook(path: Path, rows: int, columns: int, *, declared: str | None = None) -> None:
    """A workbook of `rows` by `columns` cells, its sheet's XML written row by row (openpyxl
    would take minutes to write what the issue measured); `declared` its stated size. The
    first row is a header with a Name column; every other cell is the number 1."""
    import zipfile

    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    template = tmp = path.with_suffix(".template.xlsx")
    Workbook().save(tmp)
    last = declared or f"{get_column_letter(columns)}{rows}"
    cells = "<c><v>1</v></c>" * columns
    head = '<c t="inlineStr"><is><t>Name</t></is></c>' + "<c><v>1</v></c>" * (columns - 1)
    with (
        zipfile.ZipFile(template) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                out.writestr(item, source.read(item.filename))
                continue
            with out.open(item.filename, "w") as sheet:
                sheet.write(
                    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    + f'<dimension ref="A1:{last}"/><sheetData>'.encode()
                )
                sheet.write(f'<row r="1">{head}</row>'.encode())
                for r in range(2, rows + 1):
                    sheet.write(f'<row r="{r}">{cells}</row>'.encode())
                sheet.write(b"</sheetData></worksheet>")
    template.unlink()


@pytest.mark.slow
def test_the_workbook_of_issue_14_is_refused_before_its_cells_are_read(tmp_path: Path) -> None:
    path = tmp_path / "wide.xlsx"
    workbook(path, 2000, 16_384)  # 32 million cells: over 120 s before
    refused(run_import(path, tmp_path / "d.db"), "unpacks to")  # the first limit it meets


def test_a_workbook_declaring_more_cells_than_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "declared.xlsx"  # rows are padded to the declared width when read
    workbook(path, 3, 3, declared="XFD2000")
    refused(run_import(path, tmp_path / "d.db"), "2,000 rows by 16,384 columns")


@pytest.mark.slow
def test_a_workbook_at_the_cell_limit_is_read_within_the_memory(tmp_path: Path) -> None:
    path = tmp_path / "full.xlsx"
    workbook(path, MAX_XLSX_CELLS // 100, 100)
    # Read a row at a time: each row is read, and left out for having no category.
    refused(run_import(path, tmp_path / "d.db"), "Categories is empty")


# Not files ---------------------------------------------------------------------------------------


def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.json"
    os.mkfifo(fifo)
    for extra in ((), ("--format", "oruk"), ("--format", "navigator"), ("--format", "csv")):
        refused(run_import(fifo, tmp_path / "d.db", *extra, timeout=60), "pipe (FIFO)")


def test_links_to_dev_zero_are_refused(tmp_path: Path) -> None:
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    refused(run_import(tmp_path / "zero.json", tmp_path / "d.db", timeout=60), "a device")
    package = tmp_path / "package"
    package.mkdir()
    (package / "services.csv").symlink_to("/dev/zero")
    refused(run_import(package, tmp_path / "d.db", timeout=60), "a device")


def test_a_folder_given_as_a_feed_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "feed.json"
    folder.mkdir()
    refused(run_import(folder, tmp_path / "d.db", "--format", "oruk", timeout=60), "a folder")
