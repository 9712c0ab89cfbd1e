"""The quick .xlsx reader (`spreadsheet.sheet_xml`) gives the rows openpyxl gives, for every
workbook openpyxl reads: varied workbooks made here (shared and inline strings, rich text,
cells without coordinates, every cell type, dates, formulas, missing dimensions, prefixed
namespaces, several sheets), compared row for row. A shape it does not know is handed to
openpyxl (NotPlain), so what reaching the user is the same either way; hostile workbooks
are refused with the same one line as before."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from navigator.domain.directory import Activity
from navigator.formats.reading import FormatError
from navigator.formats.spreadsheet import activities_to_xlsx, parse_xlsx_bytes, read
from navigator.formats.spreadsheet.sheet_xml import NotPlain

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Styles: 0 plain, 1 a date (14), 2 a duration ([h]:mm:ss), 3 a custom date, 4 text.
STYLES = (
    DECLARATION + f'<styleSheet xmlns="{MAIN}"><numFmts count="2">'
    '<numFmt numFmtId="164" formatCode="[h]:mm:ss"/><numFmt numFmtId="165" '
    'formatCode="yyyy\\-mm\\-dd"/></numFmts><fonts count="1"><font><sz val="11"/>'
    '<name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill '
    'patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" '
    'fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    "</cellStyles></styleSheet>"
)


def workbook(
    sheets: list[tuple[str, str | bytes]],
    strings: str | bytes | None = None,
    *,
    extra: dict[str, bytes] | None = None,
    styles: str = STYLES,
) -> bytes:
    """A workbook of these sheets (name, XML) and shared-strings part, as Excel lays it out."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{CONTENT}.worksheet+xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    if strings is not None:
        overrides += (
            f'<Override PartName="/xl/sharedStrings.xml" '
            f'ContentType="{CONTENT}.sharedStrings+xml"/>'
        )
    relations = "".join(
        f'<Relationship Id="rId{n}" Type="{RELS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    listed = "".join(
        f'<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>'
        for n, (name, _) in enumerate(sheets, start=1)
    )
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": DECLARATION
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{CONTENT}.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{CONTENT}.styles+xml"/>'
        f"{overrides}</Types>",
        "_rels/.rels": DECLARATION + f'<Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" '
        f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/_rels/workbook.xml.rels": DECLARATION + f'<Relationships xmlns="{PACKAGE}">'
        f'{relations}<Relationship Id="rS" Type="{RELS}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rT" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>",
        "xl/workbook.xml": DECLARATION + f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}">'
        f"<sheets>{listed}</sheets></workbook>",
        "xl/styles.xml": styles,
    }
    for n, (_, xml) in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{n}.xml"] = xml
    if strings is not None:
        parts["xl/sharedStrings.xml"] = strings
    parts.update(extra or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, part in parts.items():
            archive.writestr(name, part)
    return out.getvalue()


def sheet(rows: str, *, head: str = '<dimension ref="A1:C3"/>', tail: str = "") -> str:
    return (
        f'{DECLARATION}<worksheet xmlns="{MAIN}" xmlns:r="{RELS}">{head}'
        f"<sheetData>{rows}</sheetData>{tail}</worksheet>"
    )


def shared(*items: str) -> str:
    return f'{DECLARATION}<sst xmlns="{MAIN}" count="{len(items)}">{"".join(items)}</sst>'


def read_both(data: bytes) -> tuple[Any, Any]:
    """What each reader makes of a workbook's rows: the rows, NotPlain (the quick reader
    hands it to openpyxl), or the type of the error (the message names only the type)."""
    results = []
    for rows_of in (read.plain_rows, read.openpyxl_rows):
        try:
            with rows_of(data, "the workbook") as rows:
                results.append(typed(read._translated(rows, "the workbook")))
        except NotPlain:
            results.append(NotPlain)
        except FormatError as error:
            results.append(str(error))
    return results[0], results[1]


def typed(rows: Any) -> list[tuple[tuple[type, Any], ...]]:
    """Rows with each value's type beside it: True == 1 and 1 == 1.0, but not for a reader."""
    return [tuple((type(value), value) for value in row) for row in rows]


def assert_same(data: bytes, *, plain: bool = True) -> list[Any]:
    """The quick reader gives openpyxl's rows (and, when `plain`, does not hand over)."""
    quick, slow = read_both(data)
    if plain:
        assert quick is not NotPlain
    if quick is not NotPlain:
        assert quick == slow
    assert parse_xlsx_bytes_or_error(data) == openpyxl_or_error(data)
    assert isinstance(slow, list)
    return slow


STRINGS = shared(
    "<si><t>Name</t></si>",
    '<si><t xml:space="preserve"> two  words </t></si>',
    "<si><t>fish &amp; chips &lt;3 &#233;&#x1F600; a&#13;b</t></si>",
    '<si><r><t>rich</t></r><r><rPr><b/><sz val="11"/><color rgb="FF0000"/>'
    '<rFont val="Calibri"/><family val="2"/></rPr><t xml:space="preserve"> text</t></r></si>',
    "<si><t/></si>",
    "<si><t>line\none</t></si>",
    "<si><t>x005F_x0041_ kept</t></si>",
    "<si></si>",
)


def test_navigator_exports_read_the_same() -> None:
    activities = [
        Activity(id=f"a{n}", name=f"Choir {n} & <friends>", categories=("music",))
        for n in range(20)
    ]
    rows = assert_same(activities_to_xlsx(activities))
    assert rows[1][1] == (str, "Choir 0 & <friends>")


def test_excel_and_libreoffice_shapes_read_the_same_without_openpyxl() -> None:
    # Excel: spans and x14ac:dyDescent on rows, s before t, formulas with their values,
    # styled empty cells; LibreOffice: t="n" and s="0" written out.
    excel = (
        f'{DECLARATION}<worksheet xmlns="{MAIN}" xmlns:r="{RELS}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/'
        'spreadsheetml/2009/9/ac"><dimension ref="A1:F4"/><sheetViews><sheetView '
        'tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr '
        'defaultRowHeight="15" x14ac:dyDescent="0.25"/><sheetData>'
        '<row r="1" spans="1:6" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c>'
        '<c r="B1" t="s"><v>1</v></c><c r="C1" s="1"><v>45000.5</v></c>'
        '<c r="D1" s="2"><v>1.25</v></c><c r="E1" s="3"/><c r="F1" t="b"><v>1</v></c></row>'
        '<row r="2" spans="1:6" ht="30" customHeight="1" x14ac:dyDescent="0.25">'
        '<c r="A2" s="4" t="s"><v>2</v></c><c r="B2"><f>1+1</f><v>2</v></c>'
        '<c r="C2" t="str"><f t="shared" ref="C2:C3" si="0">A2&amp;"x"</f><v>a&amp;x</v></c>'
        '<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E2" t="s"><v>3</v></c>'
        '<c r="F2" s="3"><v>-5</v></c></row>'
        '<row r="4" spans="1:6"><c r="A4" s="0" t="n"><v>1E+300</v></c>'
        '<c r="B4" t="inlineStr"><is><t xml:space="preserve"> in line </t></is></c>'
        '<c r="C4" t="d"><v>2024-02-29T10:30:00</v></c><c r="D4" t="s"><v>4</v></c>'
        '<c r="E4" t="s"><v>6</v></c><c r="F4"><v>7</v></c></row>'
        '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" '
        'header="0.3" footer="0.3"/></worksheet>'
    )
    rows = assert_same(workbook([("Sheet1", excel)], STRINGS))
    assert rows[0][1] == (str, " two  words ") and rows[1][4] == (str, "rich text")
    assert rows[1][2] == (str, "a&x") and rows[2] == ((type(None), None),) * 6
    assert rows[0][2][0] is dt.datetime and rows[0][3][0] is dt.timedelta


SHAPES = [  # a cell's XML from its column letters ("" for none) and the row's number
    lambda c, r: f'<c{c} t="s"><v>{r % 8}</v></c>',
    lambda c, r: f"<c{c}><v>{r * 1.5}</v></c>",
    lambda c, r: f"<c{c}><v>{r}</v></c>",
    lambda c, r: f'<c{c} t="n"><v>-{r}E-2</v></c>',
    lambda c, r: f'<c{c} s="1"><v>{40000 + r}</v></c>',
    lambda c, r: f'<c{c} s="2"><v>0.{r}</v></c>',
    lambda c, r: f'<c{c} s="3" t="s"><v>{r % 8}</v></c>',
    lambda c, r: f'<c{c} t="b"><v>{r % 2}</v></c>',
    lambda c, r: f'<c{c} t="str"><f>A1&amp;"&lt;"</f><v>x&lt;{r}</v></c>',
    lambda c, r: f'<c{c} t="e"><v>#N/A</v></c>',
    lambda c, r: f'<c{c} t="inlineStr"><is><t>in &amp; line {r}</t></is></c>',
    lambda c, r: f'<c{c} t="inlineStr"><is><t xml:space="preserve"> {r} </t></is></c>',
    lambda c, r: f'<c{c} t="inlineStr"><is><r><t>ri</t></r><r><t>ch</t></r></is></c>',
    lambda c, r: f'<c{c} t="inlineStr"/>',
    lambda c, r: f'<c{c} s="4"/>',
    lambda c, r: f"<c{c}><v></v></c>",
    lambda c, r: f'<c{c} t="s"><v/></c>',
    lambda c, r: f'<c{c} t="d"><v>2020-01-{r % 28 + 1:02}</v></c>',
    lambda c, r: f"<c{c}><f>SUM(A1:A2)</f></c>",
    lambda c, r: f'<c{c} t="s"><v>0{r % 8}</v></c>',
    lambda c, r: f"<c{c}>\n  <v>{r}</v>\n</c>",
    lambda c, r: f'<c{c} t="str"><v>a\r\nb</v></c>',
    lambda c, r: f'<c{c} t="str"><v>caf&#xE9; &#65;</v></c>',
    lambda c, r: f'<c{c} t="weird"><v>as text</v></c>',
]
ROW_SHAPES = [
    lambda r: f'<row r="{r}">',
    lambda r: "<row>",
    lambda r: f'<row r="{r}" spans="1:3" x14ac:dyDescent="0.25">',
    lambda r: f'<row r="{r}" ht="20" customHeight="1">',
    lambda r: f'<row customFormat="1" r="{r}">',
    lambda r: f'<row r="{r}.0">',
]


def letters(index: int) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return alphabet[index] if index < 26 else letters(index // 26 - 1) + alphabet[index % 26]


@st.composite
def sheets(draw: st.DrawFn) -> str:
    rows = []
    number = 0
    for _ in range(draw(st.integers(0, 6))):
        number += draw(st.sampled_from([1, 1, 1, 2, 0, -1]))
        number = max(number, 1)
        cells = []
        column = 0
        for _ in range(draw(st.integers(0, 5))):
            column += draw(st.sampled_from([1, 1, 2, 0]))
            place = "" if draw(st.integers(0, 6)) == 0 else f' r="{letters(column)}{number}"'
            cells.append(draw(st.sampled_from(SHAPES))(place, number))
        start = draw(st.sampled_from(ROW_SHAPES))(number)
        between = draw(st.sampled_from(["", "", "\n  "]))
        if not cells and draw(st.booleans()):
            rows.append(start[:-1] + "/>")
        else:
            rows.append(start + between.join(cells) + "</row>")
    head = draw(
        st.sampled_from(
            [
                '<dimension ref="A1:C3"/>',
                '<dimension ref="A1:AB9"/>',
                '<dimension ref="B2"/>',
                "",
                '<sheetViews><sheetView workbookViewId="0"/></sheetViews>',
            ]
        )
    )
    namespaces = f'xmlns="{MAIN}" xmlns:x14ac="http://schemas.microsoft.com/office/x/ac"'
    body = draw(st.sampled_from(["", "\n"])).join(rows)
    tail = draw(st.sampled_from(["", '<pageMargins left="0.7" right="0.7" top="1" bottom="1"/>']))
    return (
        f"{DECLARATION}<worksheet {namespaces}>{head}<sheetData>{body}</sheetData>{tail}"
        "</worksheet>"
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheets(), st.sampled_from([None, "Activities"]))
def test_generated_sheets_read_as_openpyxl_reads_them(xml: str, name: str | None) -> None:
    others = [("Other", sheet('<row r="1"><c r="A1"><v>9</v></c></row>'))]
    data = workbook([*others, (name, xml)] if name else [("S", xml), *others], STRINGS)
    quick, slow = read_both(data)
    if quick is not NotPlain:
        assert quick == slow
    if isinstance(slow, list) or quick is NotPlain:
        assert parse_xlsx_bytes_or_error(data) == openpyxl_or_error(data)


def parse_xlsx_bytes_or_error(data: bytes) -> Any:
    try:
        return parse_xlsx_bytes(data)
    except FormatError as error:
        return str(error)


def openpyxl_or_error(data: bytes) -> Any:
    try:
        return read._parse_with_openpyxl(data, "the workbook")
    except FormatError as error:
        return str(error)


def test_most_cell_shapes_are_read_without_openpyxl() -> None:
    # All but a rich inline string, a value on lines of its own and a carriage return in
    # text (which XML turns into a line feed): those are handed to openpyxl. Each shape
    # alone in a row with another cell of the same shape (the quick loop when it can), and
    # after a cell without coordinates (the cell-by-cell reading).
    handed = set()
    for index, shape in enumerate(SHAPES):
        for second in (' r="C2"', ""):
            placed = ' r="A2"'
            rows = f'<row r="2">{shape(placed, 2)}{shape(second, 3)}</row>'
            quick, slow = read_both(workbook([("S", sheet(rows))], STRINGS))
            if quick is NotPlain:
                handed.add(index)
            else:
                assert quick == slow, rows
    assert handed == {12, 20, 21}


@pytest.mark.parametrize(
    "xml",
    [
        # A prefixed namespace: openpyxl reads it; handed over.
        f'{DECLARATION}<x:worksheet xmlns:x="{MAIN}"><x:sheetData><x:row r="1">'
        '<x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row></x:sheetData></x:worksheet>',
        # No dimension, rows out of order and past a gap, a comment among the rows.
        sheet(
            '<row r="3"><c r="A3"><v>3</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>'
            '<!-- a comment --><row r="9"><c r="C9" t="s"><v>1</v></c></row>',
            head="",
        ),
        # Rows past the declared size are not read.
        sheet(
            '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="7"><c r="A7"><v>7</v></c></row>',
            head='<dimension ref="A1:B2"/>',
        ),
        # A CDATA section, a processing instruction, a row in another namespace.
        sheet('<row r="1"><c r="A1" t="str"><v><![CDATA[<b>]]></v></c></row>'),
        sheet('<row r="1"><?pi x?><c r="A1"><v>1</v></c></row>'),
        sheet(
            '<row r="1" xmlns="urn:other"><c r="A1"><v>1</v></c></row>'
            '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
        ),
        # Single quotes, spaces in tags, a tab in an attribute.
        sheet("<row r='1'><c r=\"A1\" ><v>1</v></c></row>"),
        sheet('<row r="1"><c r="A1"\tt="s"><v>0</v></c></row>'),
        # A row outside sheetData.
        sheet(
            '<row r="1"><c r="A1"><v>1</v></c></row>',
            tail='<extLst><row r="5"><c r="A5"><v>5</v></c></row></extLst>',
        ),
        # Declared in UTF-16.
        (
            '<?xml version="1.0" encoding="UTF-16"?>'
            + sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')[len(DECLARATION) :]
        ).encode("utf-16"),
    ],
)
def test_other_shapes_read_as_openpyxl_reads_them(xml: str | bytes) -> None:
    assert_same(workbook([("S", xml)], STRINGS), plain=False)


@pytest.mark.parametrize(
    "strings",
    [
        shared('<si><t>a</t><rPh sb="0" eb="1"><t>ア</t></rPh></si>'),
        shared("<si>\n  <t>a</t>\n</si>"),
        f'<x:sst xmlns:x="{MAIN}"><x:si><x:t>a</x:t></x:si></x:sst>',
        f'<sst xmlns="{MAIN}"><si><t>a</t></si><!-- c --><si><t>b</t></si></sst>',
        f'<sst xmlns="{MAIN}"/>',
        f'<sst xmlns="{MAIN}"></sst>',
        f'<sst xmlns="{MAIN}"><si><t>a\r\nb</t></si></sst>',
    ],
)
def test_other_shared_strings_read_as_openpyxl_reads_them(strings: str) -> None:
    rows = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    data = workbook([("S", sheet(rows))], strings)
    quick, slow = read_both(data)
    if quick is not NotPlain:
        assert quick == slow
    assert parse_xlsx_bytes_or_error(data) == openpyxl_or_error(data)


def test_a_workbook_without_shared_strings_reads_the_same() -> None:
    assert_same(workbook([("S", sheet('<row r="1"><c r="A1"><v>1</v></c></row>'))]))


def test_the_activities_sheet_is_read_wherever_it_is() -> None:
    first = sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')
    second = sheet('<row r="1"><c r="A1" t="s"><v>1</v></c></row>')
    rows = assert_same(workbook([("Notes", first), ("Activities", second)], STRINGS))
    assert [value for _, value in rows[0]] == [" two  words ", None, None]


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol%s;" % ("" if n == 1 else n - 1)) * 10}">' for n in range(1, 10)
    )
    + "]>"
)


@pytest.mark.parametrize(
    "part",
    ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "xl/styles.xml"],
)
def test_a_part_declaring_entities_is_refused_before_it_is_read(part: str) -> None:
    data = workbook([("S", sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'))], STRINGS)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as changed:
        for item in source.infolist():
            xml = source.read(item.filename)
            if item.filename == part:
                xml = BILLION_LAUGHS.encode() + xml[len(DECLARATION) :]
            changed.writestr(item, xml)
    with pytest.raises(FormatError) as caught:
        parse_xlsx_bytes(out.getvalue())
    assert str(caught.value) == (
        f'the workbook is not an Excel .xlsx workbook that can be read ("{part}" declares '
        "a document type, which no workbook needs)"
    )


def test_an_entity_without_a_declaration_is_broken_xml() -> None:
    data = workbook([("S", sheet('<row r="1"><c r="A1" t="str"><v>&lol9;</v></c></row>'))])
    with pytest.raises(FormatError, match=r"^the workbook is not an Excel \.xlsx workbook"):
        parse_xlsx_bytes(data)


@pytest.mark.parametrize(
    ("rows", "strings"),
    [
        ('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2"><v>1</v>', STRINGS),
        ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="A1" r="B1"><v>1</v></c></row>', STRINGS),
        ('<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>', STRINGS),
        ('<row r="1"><c r="A1" t="s"><v>0</v></row>', STRINGS),
        ('<row r="1"><c r="A1" t="str"><v>a &#0; b</v></c></row>', STRINGS),
        ('<row r="1"><c r="A1" t="str"><v>a \x01 b</v></c></row>', STRINGS),
        ('<row r="1"><c r="A1" t="str"><v>a ]]&gt; b ]]></v></c></row>', STRINGS),
        ('<row r="1" r="2"><c r="A1" t="s"><v>0</v></c></row>', STRINGS),
        ('<row r="1" y:x="1"><c r="A1" t="s"><v>0</v></c></row>', STRINGS),
        ('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared("<si><t>a</si>")),
        ('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared("<si><t>a &bad; b</t></si>")),
        ('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared("<si><t>a</t></si>") + "<x/>"),
        ('<row r="1"><c r="A1" t="s"><v>9</v></c></row>', STRINGS),
        ('<row r="1"><c r="A1"><v>one</v></c></row>', STRINGS),
    ],
)
def test_broken_workbooks_are_refused_as_before(rows: str, strings: str) -> None:
    data = workbook([("S", sheet(rows))], strings)
    quick, slow = read_both(data)
    assert isinstance(slow, str)  # openpyxl refused it
    assert quick is NotPlain or quick == slow
    with pytest.raises(FormatError) as caught:
        parse_xlsx_bytes(data)
    assert str(caught.value) == slow
    assert str(caught.value).startswith("the workbook is not an Excel .xlsx workbook")


def test_invalid_utf8_is_refused_as_before() -> None:
    rows = b'<row r="1"><c r="A1" t="str"><v>a</v></c></row>'
    xml = sheet("").encode().replace(b"<sheetData>", b"<sheetData>" + rows.replace(b"a", b"\xff"))
    data = workbook([("S", xml)], STRINGS)
    quick, slow = read_both(data)
    assert quick is NotPlain and isinstance(slow, str)


def test_cells_past_the_limit_are_refused_before_they_are_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(read, "MAX_XLSX_CELLS", 50)
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(1, 61))
    data = workbook([("S", sheet(rows, head='<dimension ref="A1"/>'))], STRINGS)
    with (
        pytest.raises(FormatError, match="at most 50 cells"),
        read.plain_rows(data, "the workbook") as read_rows,
    ):
        list(read_rows)
    with pytest.raises(FormatError, match="at most 50 cells"):
        parse_xlsx_bytes(data)


def test_a_row_longer_than_a_piece_is_handed_to_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    from navigator.formats.spreadsheet import sheet_xml

    monkeypatch.setattr(sheet_xml, "MAX_PIECE", 2000)
    monkeypatch.setattr(sheet_xml, "CHUNK", 500)
    cells = "".join(f'<c r="{letters(i)}1" t="s"><v>0</v></c>' for i in range(200))
    small = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(2, 200))
    data = workbook(
        [
            (
                "S",
                sheet(
                    small.replace('<row r="2">', f'<row r="1">{cells}</row><row r="2">', 1), head=""
                ),
            )
        ],
        STRINGS,
    )
    quick, slow = read_both(data)
    assert quick is NotPlain and isinstance(slow, list)
    short = workbook([("S", sheet(small, head=""))], STRINGS)
    assert_same(short)  # read a chunk at a time, rows cut across chunks
