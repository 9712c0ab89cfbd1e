"""Imports and exports that stream (issue 17, item 4).

JSON files are read a record at a time (`navigator.formats.json_stream`): these tests read
with a window of a few bytes, so every record, number and word is cut at a chunk's end
somewhere, and check that what comes out is what reading the file whole gives, that broken
JSON is named at the same line and column as `json` names it, and that the limits hold.
Exports are written as they go to a temporary file swapped in at the end.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from navigator.formats import json_stream, native, oruk, spreadsheet
from navigator.formats.json_stream import JsonStream
from navigator.formats.reading import FormatError
from navigator.services.directory import DirectoryService, detect_format
from navigator.services.files import open_atomically
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository
from tests.conftest import SAMPLE_DIRECTORY, SHARED
from tests.strategies import directories

ORUK = SHARED / "data" / "oruk"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "oruk"


@pytest.fixture
def tiny_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read 7 bytes at a time, so values are cut at chunk ends everywhere."""
    monkeypatch.setattr(json_stream, "CHUNK_BYTES", 7)


def stream_of(text: str, **options: Any) -> JsonStream:
    return JsonStream(io.BytesIO(text.encode("utf-8")), "in.json", **options)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(json_values, max_size=8), st.sampled_from(["", " ", "\n  ", "\r\n\t"]))
def test_a_list_streamed_in_tiny_chunks_is_the_list(items: list[Any], space: str) -> None:
    json_stream.CHUNK_BYTES, before = 7, json_stream.CHUNK_BYTES
    try:
        text = json.dumps(items, indent=space and 1, ensure_ascii=False) + space
        stream = stream_of(text)
        assert stream.start() == "["
        assert list(stream.items()) == items
        stream.finish()
    finally:
        json_stream.CHUNK_BYTES = before


def test_numbers_and_words_cut_at_a_chunk_end_are_read_whole(tiny_chunks: None) -> None:
    # "[12345678, true]": the first chunk ends inside the number, which would parse as 12345.
    stream = stream_of("[12345678,   true  ,null,-0.5e10]")
    stream.start()
    assert list(stream.items()) == [12345678, True, None, -0.5e10]


def test_members_hand_over_the_streamed_list_and_keep_the_rest(tiny_chunks: None) -> None:
    text = json.dumps({"total": 3, "contents": [{"a": 1}, {"b": [2]}, 3], "last": True})
    stream = stream_of(text)
    assert stream.start() == "{"
    seen: dict[str, Any] = {}
    for key, value in stream.members(streamed=("contents",)):
        seen[key] = list(value) if key == "contents" else value
    assert seen == {"total": 3, "contents": [{"a": 1}, {"b": [2]}, 3], "last": True}


def test_a_streamed_list_left_unread_is_skipped(tiny_chunks: None) -> None:
    stream = stream_of(json.dumps({"contents": [1, 2, 3], "after": "here"}))
    stream.start()
    assert [key for key, _ in stream.members(streamed=("contents",))] == ["contents", "after"]


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1,\n "contents": [1, 2,, 3]}',
        '[{"id": "1"},\n\n {"id": "2" "name": "x"}]',
        '{"contents": [\n  {"id": "unterminated}\n]}',
        "[1, 2]\n  extra",
        '{"a" 1}',
        "[1, 2",
    ],
)
def test_broken_json_is_named_where_json_names_it(tiny_chunks: None, text: str) -> None:
    with pytest.raises(json.JSONDecodeError) as whole:
        json.loads(text)
    where = f"line {whole.value.lineno} column {whole.value.colno}"
    stream = stream_of(text)
    with pytest.raises(FormatError) as caught:
        if stream.start() == "{":
            for _key, value in stream.members(streamed=("contents",)):
                if not isinstance(value, int | str):
                    list(value)
        else:
            list(stream.items())
        stream.finish()
    assert caught.value.summary().startswith("in.json is not valid JSON: ")
    assert caught.value.summary().endswith(where)


def test_one_value_past_the_record_size_is_refused() -> None:
    stream = stream_of(json.dumps(["x" * 5000, 1]), max_value_chars=4000)
    stream.start()
    with pytest.raises(FormatError, match="holds one value of more than"):
        list(stream.items())


def test_a_list_past_the_record_count_is_refused_as_it_streams() -> None:
    stream = stream_of(json.dumps(list(range(100))), max_records=10, noun="services")
    stream.start()
    read = []
    with pytest.raises(FormatError, match="holds more than 10 services"):
        for item in stream.items():
            read.append(item)
    assert read == list(range(10))  # refused on reaching the 11th, not after reading all


def test_bytes_that_are_not_utf8_are_named_by_their_position(tiny_chunks: None) -> None:
    stream = JsonStream(io.BytesIO(b'["abcdefghij", "\xff"]'), "in.json")
    stream.start()
    with pytest.raises(json_stream.NotUtf8Error) as caught:
        list(stream.items())
    assert caught.value.position == 16


# Readers --------------------------------------------------------------------------------------


def test_a_feed_read_as_it_streams_is_the_feed_read_whole(tiny_chunks: None) -> None:
    for path in (FIXTURES / "outpost_page.json", FIXTURES / "oruk3_page.json"):
        whole = oruk.parse_feed(oruk.load_feed_json(path))
        assert oruk.read_oruk_file(path) == whole


def test_a_real_page_read_as_it_streams_is_the_page_read_whole() -> None:
    pages = sorted(ORUK.glob("*/*.json")) + sorted(ORUK.glob("oruk-1.0/*/*.json"))
    read = 0
    for path in pages:
        try:
            whole = oruk.parse_feed(oruk.load_feed_json(path))
        except FormatError as error:  # a descriptor, a template: the same refusal
            with pytest.raises(FormatError) as streamed:
                oruk.read_oruk_file(path)
            assert streamed.value.summary() == error.summary(), path
            continue
        assert oruk.read_oruk_file(path) == whole, path
        read += 1
    assert read >= 2  # the real feeds there were read, not only refused


def test_paging_is_noticed_whichever_side_of_the_services_it_is(tmp_path: Path) -> None:
    service = {"id": "1", "name": "Knit and natter", "description": "Knitting"}
    for page in (
        {"content": [service], "totalPages": 3, "last": False},
        {"totalPages": 3, "last": False, "content": [service]},
    ):
        path = tmp_path / "page.json"
        path.write_text(json.dumps(page))
        result = oruk.read_oruk_file(path)
        assert len(result.activities) == 1
        assert "this is one page of 3" in str(result.cautions[0])


def test_a_native_file_after_its_activities_is_still_checked(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text('{"activities": [], "format": "navigator-profile", "version": 1}')
    with pytest.raises(FormatError, match='expected "navigator-directory"'):
        native.read_directory_file(path)


@settings(max_examples=30, deadline=None)
@given(directories(max_size=6))
def test_exports_written_as_they_go_read_back_the_same(activities: list[Any]) -> None:
    # The streamed writers give what the whole-document ones give, and read back equal.
    out = io.StringIO()
    native.write_directory(out, activities)
    assert json.loads(out.getvalue()) == json.loads(
        json.dumps(native.directory_to_json(activities))
    )
    out = io.StringIO()
    oruk.write_oruk(out, activities)
    assert json.loads(out.getvalue()) == json.loads(json.dumps(oruk.directory_to_oruk(activities)))
    out = io.StringIO()
    spreadsheet.write_csv(out, activities)
    assert out.getvalue() == spreadsheet.activities_to_csv(activities)


@pytest.mark.parametrize("name", ["d.json", "d.oruk.json", "d.csv"])
def test_an_export_round_trips_through_the_streaming_reader(
    tmp_path: Path, tiny_chunks: None, name: str
) -> None:
    source = SAMPLE_DIRECTORY
    sample = native.read_directory_file(source)
    database = open_database(f"sqlite:///{tmp_path / 'd.db'}")
    service = DirectoryService(DirectoryRepository(database))
    service.import_file(source)
    assert service.export_file(tmp_path / name) == len(sample)
    fmt = detect_format(tmp_path / name)[0]
    back = service.read_file(tmp_path / name, fmt)
    assert len(back) == len(sample)
    if fmt == "navigator":
        assert back == sorted(sample, key=lambda a: a.id)
    database.close()


def test_a_failed_export_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    path.write_text("the old file")
    with pytest.raises(RuntimeError), open_atomically(path) as out:
        out.write("half of the new")
        raise RuntimeError("disk full")
    assert path.read_text() == "the old file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]
    with open_atomically(path) as out:
        out.write("the new file\r\n")
    assert path.read_bytes() == b"the new file\r\n"  # newlines as written
