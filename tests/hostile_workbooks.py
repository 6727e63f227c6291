"""Hostile .xlsx workbooks, built byte by byte, each with the outcome it must have.

Every workbook is the small valid dataset (``tests/plugins/small_dataset.py``)
written as a minimal .xlsx by :func:`xlsx` (the parts Excel needs and no
more), then broken in one way. ``python -m tests.hostile_workbooks`` prints
the table of cases with the message each one gets (it is in the notes).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter

from tests.plugins.small_dataset import SMALL

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
TABLE_ORDER = list(SMALL)  # sheet1 = organisations, ..., sheet5 = neighbourhoods
NUMERIC = {"start_year", "end_year", "amount", "year"}


def sheet_rows(table: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(SMALL[table])))


def cell(ref: str, value: str, numeric: bool = False) -> str:
    if value == "":
        return ""
    if numeric:
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'


def sheet_data(table: str, rows: list[list[str]] | None = None) -> str:
    """The ``<row>`` elements of a table (numbers as numbers, text inline)."""
    rows = rows if rows is not None else sheet_rows(table)
    header = rows[0]
    out = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(
            cell(f"{get_column_letter(c)}{r}", v, r > 1 and header[c - 1] in NUMERIC)
            for c, v in enumerate(row, start=1)
        )
        out.append(f'<row r="{r}">{cells}</row>')
    return "".join(out)


def sheet_xml(data: str, dimension: str | None = None, prolog: str = "") -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        f'<worksheet xmlns="{MAIN}">{dim}<sheetData>{data}</sheetData></worksheet>'
    )


def xlsx(
    path: Path,
    sheets: dict[str, str] | None = None,
    *,
    names: list[str] | None = None,
    shared_strings: str | None = None,
    parts: dict[str, str | bytes] | None = None,
) -> Path:
    """Write a minimal workbook: ``sheets`` maps a table to its sheet XML (default: SMALL);
    ``names`` renames the sheets; ``parts`` replaces or adds any part (bytes or text)."""
    if sheets is None:
        sheets = {t: sheet_xml(sheet_data(t)) for t in TABLE_ORDER}
    titles = names or list(sheets)
    files: dict[str, str | bytes] = {}
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{SHEET_TYPE}"/>'
        for i in range(1, len(sheets) + 1)
    )
    if shared_strings is not None:
        overrides += (
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        )
    files["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f"{overrides}</Types>"
    )
    files["_rels/.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE_REL}">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    )
    sheet_list = "".join(
        f'<sheet name="{escape(title)}" sheetId="{i}" r:id="rId{i}"/>'
        for i, title in enumerate(titles, start=1)
    )
    files["xl/workbook.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
        f"<sheets>{sheet_list}</sheets></workbook>"
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    if shared_strings is not None:
        rels += (
            f'<Relationship Id="rId{len(sheets) + 1}" Type="{REL}/sharedStrings" '
            'Target="sharedStrings.xml"/>'
        )
        files["xl/sharedStrings.xml"] = shared_strings
    files["xl/_rels/workbook.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE_REL}">'
        f"{rels}</Relationships>"
    )
    for i, xml in enumerate(sheets.values(), start=1):
        files[f"xl/worksheets/sheet{i}.xml"] = xml
    files.update(parts or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def with_sheet(table: str, xml: str) -> dict[str, str]:
    """The SMALL sheets with ``table``'s replaced by ``xml``."""
    sheets = {t: sheet_xml(sheet_data(t)) for t in TABLE_ORDER}
    sheets[table] = xml
    return sheets


def funding_with(cell_xml: str, column: str = "D") -> str:
    """The funding sheet with its row-2 cell in ``column`` replaced by ``cell_xml``."""
    data = sheet_data("funding")
    start = data.index(f'<c r="{column}2"')
    end = data.index("</c>", start) + len("</c>")
    return sheet_xml(data[:start] + cell_xml + data[end:])


def many_rows(count: int) -> str:
    """The neighbourhoods sheet followed by ``count`` rows of one numeric cell each (column D)."""
    rows = "".join(f'<row r="{r}"><c r="D{r}"><v>1</v></c></row>' for r in range(4, count + 4))
    return sheet_xml(sheet_data("neighbourhoods") + rows)


BOMB = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
    '<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">'
    '<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">'
    '<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">'
    '<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">'
    '<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>'
)


def _shared(strings: list[str], prolog: str = "") -> str:
    items = "".join(f"<si><t>{s}</t></si>" for s in strings)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<sst xmlns="{MAIN}" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'
    )


def _organisations_with_shared(text_of_name: str) -> tuple[dict[str, str], str]:
    """SMALL with organisation o1's name stored as shared string 0 (``text_of_name``)."""
    data = sheet_data("organisations")
    start = data.index('<c r="B2"')
    end = data.index("</c>", start) + len("</c>")
    data = data[:start] + '<c r="B2" t="s"><v>0</v></c>' + data[end:]
    return with_sheet("organisations", sheet_xml(data)), text_of_name


def _truncated(table: str) -> dict[str, str]:
    xml = sheet_xml(sheet_data(table))
    return with_sheet(table, xml[: len(xml) // 2])


@dataclass(frozen=True)
class Hostile:
    """One hostile workbook: how to build it, the options, the exit code and a message part."""

    id: str
    what: str
    build: Callable[[Path], Path]
    code: int
    expect: str
    args: tuple[str, ...] = field(default_factory=tuple)


def _shared_case(text: str, prolog: str = "") -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        sheets, name = _organisations_with_shared(text)
        return xlsx(path, sheets, shared_strings=_shared([name], prolog))

    return build


HOSTILE = [
    Hostile("valid", "the small dataset as a minimal workbook", lambda p: xlsx(p), 0, "valid: "),
    Hostile(
        "corrupt-sheet-xml",
        "the organisations sheet cut in the middle",
        lambda p: xlsx(p, _truncated("organisations")),
        1,
        "[bad-workbook] the workbook's XML is broken",
    ),
    Hostile(
        "corrupt-workbook-xml",
        "xl/workbook.xml is not XML",
        lambda p: xlsx(p, parts={"xl/workbook.xml": "<workbook><sheets><sheet"}),
        1,
        "[bad-workbook] the workbook's XML is broken",
    ),
    Hostile(
        "corrupt-styles-xml",
        "xl/styles.xml is not XML",
        lambda p: xlsx(p, parts={"xl/styles.xml": "<styleSheet><numFmts"}),
        1,
        "[bad-workbook] the workbook's XML is broken",
    ),
    Hostile(
        "styles-not-stylesheet",
        "xl/styles.xml is well-formed XML of the wrong kind",
        lambda p: xlsx(
            p,
            parts={
                "xl/styles.xml": f'<styleSheet xmlns="{MAIN}"><cellXfs count="1"><xf '
                'numFmtId="notanumber"/></cellXfs></styleSheet>'
            },
        ),
        1,
        "[bad-workbook] cannot open the workbook (TypeError",
    ),
    Hostile(
        "entity-bomb-shared-strings",
        "a billion-laughs entity bomb in the shared strings",
        _shared_case("&lol9;", BOMB),
        1,
        "[bad-workbook] the XML declares a DTD or entities",
    ),
    Hostile(
        "external-entity-sheet",
        "a sheet that declares an external entity (XXE) for /etc/passwd",
        lambda p: xlsx(
            p,
            with_sheet(
                "neighbourhoods",
                sheet_xml(
                    sheet_data("neighbourhoods"),
                    prolog='<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
                ),
            ),
        ),
        1,
        "[bad-workbook] the XML declares a DTD or entities",
    ),
    Hostile(
        "year-1e20",
        "a funding year of 1e20",
        lambda p: xlsx(p, with_sheet("funding", funding_with('<c r="D2"><v>1E20</v></c>'))),
        1,
        "[bad-year] a year must lie between 1800 and 2200",
    ),
    Hostile(
        "year-fraction",
        "a funding year of 2016.5",
        lambda p: xlsx(p, with_sheet("funding", funding_with('<c r="D2"><v>2016.5</v></c>'))),
        1,
        "[bad-year] a year must be a whole number",
    ),
    Hostile(
        "amount-infinite",
        "an amount of 1e309 (infinity as a float)",
        lambda p: xlsx(p, with_sheet("funding", funding_with('<c r="C2"><v>1e309</v></c>', "C"))),
        1,
        "[bad-number]",
    ),
    Hostile(
        "amount-nan",
        "an amount of NaN",
        lambda p: xlsx(p, with_sheet("funding", funding_with('<c r="C2"><v>NaN</v></c>', "C"))),
        1,
        "[bad-workbook] cannot read the sheet after row 1 (ValueError",
    ),
    Hostile(
        "amount-boolean",
        "an amount stored as the boolean TRUE",
        lambda p: xlsx(p, with_sheet("funding", funding_with('<c r="C2" t="b"><v>1</v></c>', "C"))),
        1,
        "[bad-number]",
    ),
    Hostile(
        "far-dimension",
        "a stored dimension A1:XFD1048576 (the whole sheet) around 3 rows",
        lambda p: xlsx(
            p,
            with_sheet(
                "neighbourhoods",
                sheet_xml(sheet_data("neighbourhoods"), dimension="A1:XFD1048576"),
            ),
        ),
        0,
        "valid: ",
    ),
    Hostile(
        "dimension-a1",
        "a stored dimension A1 on a sheet with data (Excel and LibreOffice read it)",
        lambda p: xlsx(p, {t: sheet_xml(sheet_data(t), dimension="A1") for t in TABLE_ORDER}),
        0,
        "valid: ds: 3 organisations, 2 joint actions, 4 participations, 1 funding flows, "
        "2 neighbourhoods",
    ),
    Hostile(
        "stale-dimension",
        "participations holding 4 rows with a stored dimension A1:C2",
        lambda p: xlsx(
            p,
            with_sheet(
                "participations", sheet_xml(sheet_data("participations"), dimension="A1:C2")
            ),
        ),
        0,
        "4 participations",
    ),
    Hostile(
        "far-row",
        "a cell in row 5,000,000 (past the .xlsx format)",
        lambda p: xlsx(
            p,
            with_sheet(
                "neighbourhoods",
                sheet_xml(
                    sheet_data("neighbourhoods") + '<row r="5000000"><c r="A5000000"/></row>'
                ),
            ),
        ),
        1,
        "[too-large] the sheet has a row 5,000,000, more than the limit of 1,048,576 rows; "
        "raise it with --max-rows",
    ),
    Hostile(
        "far-row-wide-dimension",
        "an empty cell in the last row and column, dimension A1:XFD1048576",
        lambda p: xlsx(
            p,
            with_sheet(
                "neighbourhoods",
                sheet_xml(
                    sheet_data("neighbourhoods") + '<row r="1048576"><c r="XFD1048576"/></row>',
                    dimension="A1:XFD1048576",
                ),
            ),
        ),
        0,
        "valid: ",
    ),
    Hostile(
        "far-column",
        "a cell in column XFE, past the format's 16,384 columns",
        lambda p: xlsx(
            p,
            with_sheet(
                "neighbourhoods",
                sheet_xml(sheet_data("neighbourhoods") + '<row r="9"><c r="XFE9"/></row>'),
            ),
        ),
        1,
        "[too-large] cell XFE9 lies in column 16,385, more than the limit of 16,384 columns; "
        "raise it with --max-columns",
    ),
    Hostile(
        "many-rows",
        "20,000 extra rows, read with --max-rows 10000",
        lambda p: xlsx(p, with_sheet("neighbourhoods", many_rows(20_000))),
        1,
        "more than the limit of 10,000 rows; raise it with --max-rows",
        ("--max-rows", "10000"),
    ),
    Hostile(
        "many-cells",
        "a 20,000-row sheet, read with --max-cells 10000",
        lambda p: xlsx(p, with_sheet("neighbourhoods", many_rows(20_000))),
        1,
        "more than the limit of 10,000 cells; raise it with --max-cells",
        ("--max-cells", "10000"),
    ),
    Hostile(
        "zip-bomb",
        "a 100,000-row sheet (a thousandfold compression), --max-uncompressed 1000000",
        lambda p: xlsx(p, with_sheet("neighbourhoods", many_rows(100_000))),
        1,
        "more than the limit of 1,000,000 bytes uncompressed; raise it with --max-uncompressed",
        ("--max-uncompressed", "1000000"),
    ),
    Hostile(
        "huge-shared-string",
        "one shared string of 5,000,000 characters (a 5 KB zip member)",
        _shared_case("x" * 5_000_000),
        1,
        "[too-large] a text in the workbook is longer, more than the limit of 1,000,000 "
        "characters in one cell; raise it with --max-string",
    ),
    Hostile(
        "huge-inline-string",
        "one inline string of 5,000,000 characters",
        lambda p: xlsx(
            p,
            with_sheet(
                "neighbourhoods",
                sheet_xml(
                    sheet_data("neighbourhoods")
                    + f'<row r="9"><c r="D9" t="inlineStr"><is><t>{"y" * 5_000_000}</t></is></c>'
                    "</row>"
                ),
            ),
        ),
        1,
        "[too-large] cell D9 holds a longer text",
    ),
    Hostile(
        "shared-string-ok",
        "a name stored as a shared string",
        _shared_case("Gemeente Lindenwaard"),
        0,
        "valid: ",
    ),
    Hostile(
        "shared-string-out-of-range",
        "a cell pointing to shared string 7 of 1",
        lambda p: xlsx(
            p,
            _organisations_with_shared("a")[0] | {},
            shared_strings=_shared([]),
        ),
        1,
        "[bad-workbook] cannot read the sheet",
    ),
    Hostile(
        "formula-without-value",
        "a year computed by a formula never calculated (written by a library)",
        lambda p: xlsx(p, with_sheet("funding", funding_with('<c r="D2"><f>2010+6</f></c>'))),
        1,
        "line 2, column 'year': [formula-not-saved] cell D2 holds a formula whose value was "
        "never saved",
    ),
    Hostile(
        "formula-empty-value",
        "a formula with an empty saved value <v></v>",
        lambda p: xlsx(
            p, with_sheet("funding", funding_with('<c r="D2"><f>2010+6</f><v></v></c>'))
        ),
        1,
        "save it once",
    ),
    Hostile(
        "formula-with-value",
        "a formula with its saved value (as Excel writes it)",
        lambda p: xlsx(
            p, with_sheet("funding", funding_with('<c r="D2"><f>2010+6</f><v>2016</v></c>'))
        ),
        0,
        "valid: ",
    ),
    Hostile(
        "formula-error",
        "a formula whose saved value is #DIV/0!",
        lambda p: xlsx(
            p,
            with_sheet(
                "funding", funding_with('<c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c>', "C")
            ),
        ),
        1,
        "[formula-error] cell C2 holds a formula error",
    ),
    Hostile(
        "two-organisations-sheets",
        "sheets 'organisations' and 'Organisations.csv' (both map to one table)",
        lambda p: xlsx(
            p,
            {**{t: sheet_xml(sheet_data(t)) for t in TABLE_ORDER}, "x": sheet_xml("")},
            names=[*TABLE_ORDER, "Organisations.csv"],
        ),
        1,
        "[duplicate-sheet] sheets 'organisations' and 'Organisations.csv' both name the "
        "table 'organisations'",
    ),
    Hostile(
        "rows-out-of-order",
        "row 3 stored before row 2 (readers drop such a row without a word)",
        lambda p: xlsx(
            p,
            with_sheet(
                "neighbourhoods",
                sheet_xml(
                    sheet_data("neighbourhoods")
                    .replace('<row r="2">', '<row r="X">')
                    .replace('<row r="3">', '<row r="2">')
                    .replace('<row r="X">', '<row r="3">')
                ),
            ),
        ),
        1,
        "row 2 comes after row 3; rows out of order",
    ),
    Hostile(
        "not-a-zip",
        "a text file named .xlsx",
        lambda p: (p.write_text("id,name\n"), p)[1],
        1,
        "[bad-workbook] cannot open the workbook (File is not a zip file)",
    ),
    Hostile(
        "empty-file",
        "an empty file named .xlsx",
        lambda p: (p.write_bytes(b""), p)[1],
        1,
        "[bad-workbook] cannot open the workbook",
    ),
    Hostile(
        "zip-without-workbook",
        "a zip holding one unrelated file",
        lambda p: _zip(p, {"hello.txt": "hi"}),
        1,
        "[bad-workbook] cannot open the workbook",
    ),
    Hostile(
        "corrupt-member",
        "a zip member whose compressed bytes were damaged (bad CRC)",
        lambda p: _damage(xlsx(p)),
        1,
        "[bad-workbook]",
    ),
    Hostile(
        "no-sheets",
        "a workbook without sheets",
        lambda p: xlsx(p, {}),
        1,
        "[missing-sheet] required sheet 'organisations' not found",
    ),
    Hostile(
        "empty-sheet",
        "an organisations sheet without rows",
        lambda p: xlsx(p, with_sheet("organisations", sheet_xml(""))),
        1,
        "[empty-file] the sheet is empty",
    ),
    Hostile(
        "date-year",
        "a year typed as a date serial with a date style",
        lambda p: xlsx(
            p,
            with_sheet("funding", funding_with('<c r="D2" s="1"><v>42370</v></c>')),
            parts={
                "xl/styles.xml": f'<styleSheet xmlns="{MAIN}"><cellXfs count="2"><xf numFmtId="0"/>'
                '<xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>'
            },
        ),
        1,
        "[bad-year]",
    ),
    Hostile(
        "long-id",
        "an organisation id of 100,000 characters (more than Neo4j can index)",
        lambda p: xlsx(
            p,
            with_sheet(
                "organisations",
                sheet_xml(
                    sheet_data(
                        "organisations",
                        [
                            r if r[0] != "o3" else ["z" * 100_000, *r[1:]]
                            for r in sheet_rows("organisations")
                        ],
                    )
                ),
            ),
        ),
        1,
        "[id-too-long] the id is 100,000 bytes long; Neo4j cannot index ids over 4,000 bytes",
    ),
]


def _zip(path: Path, files: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def _damage(path: Path) -> Path:
    """Flip bytes inside the compressed data of the first sheet (the CRC no longer matches)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for k in range(start + 10, start + min(info.compress_size, 40)):
        data[k] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


if __name__ == "__main__":
    import tempfile
    import time

    from click.testing import CliRunner

    from graphtool.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        print("| workbook | what | exit | seconds | message |")
        print("|---|---|---|---|---|")
        for case in HOSTILE:
            path = case.build(Path(tmp) / "ds.xlsx")
            start = time.perf_counter()
            result = CliRunner().invoke(main, ["validate", str(path), *case.args])
            seconds = time.perf_counter() - start
            lines = [line for line in result.output.splitlines() if "] " in line or "valid" in line]
            text = (lines[0] if lines else result.output.strip()).replace("|", "\\|")
            print(
                f"| {case.id} | {case.what} | {result.exit_code} | {seconds:.2f} | {text[:230]} |"
            )
            path.unlink()
