"""Read the raw tables of a dataset (CSV folder or .xlsx workbook) as text, with line numbers.

Each raw table is a :class:`RawTable`: the header, the rows, and for each
row the physical line (or sheet row) it came from, so that every problem can
name its line even when the file has blank lines or quoted line breaks.

CSV files are read in one of two ways, with the same result:

- **fast**: when the file holds no quote character and no lone carriage
  return, every record is one physical line, so pandas' C parser reads the
  values and a record's line is its position; stripping is skipped when no
  cell starts or ends with whitespace (one regular-expression scan of the
  text decides);
- **exact**: otherwise (quoted values, which may hold line breaks; blank lines
  above the header; rows wider than the first) Python's :mod:`csv` reader,
  which tracks the physical line of every record.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import stat
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from graphtool.errors import DatasetError, GraphtoolError, Problem
from graphtool.ingest.limits import DEFAULT_LIMITS, Limits
from graphtool.model import TABLES, Dataset
from graphtool.progress import SILENT, Progress

#: Excel's error values, as openpyxl returns them for a cell holding one.
EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)


@dataclass
class RawTable:
    """One table as read, before validation."""

    name: str  # table name, e.g. "organisations"
    file: str  # what messages call it: "organisations.csv" or "data.xlsx[organisations]"
    header: list[str]
    rows: list[list[str]]  # the rows as lists of cells (workbooks, tables built in code)
    lines: list[int] | np.ndarray  # physical line of each row (header = line 1)
    #: the rows as a frame of stripped text, columns 0..k-1 (the CSV reader); replaces ``rows``
    cells: pd.DataFrame | None = None
    #: the number of cells of each row of ``cells`` as written (None: none wider than the header)
    widths: np.ndarray | None = None


def read_dataset(
    path: str | Path,
    name: str | None = None,
    *,
    progress: Progress = SILENT,
    limits: Limits = DEFAULT_LIMITS,
) -> Dataset:
    """Read and validate the dataset at ``path`` (a folder of CSV files or one .xlsx workbook).

    Parameters
    ----------
    path
        A folder holding ``organisations.csv``, ``joint_actions.csv``,
        ``participations.csv`` and optionally ``funding.csv`` and
        ``neighbourhoods.csv``; or a workbook with sheets of those names.
    name
        The dataset's name; by default the folder or workbook name.
    progress
        Reports each table read and the validation (silent by default).
    limits
        How large the files may be (:mod:`graphtool.ingest.limits`); checked before reading.

    Returns
    -------
    Dataset

    Raises
    ------
    DatasetError
        Listing every problem found (file, line, column, value, code). Nothing
        is returned when anything is wrong. Every failure while reading (a
        broken file, a limit passed) is a :class:`DatasetError` naming the file.

    Examples
    --------
    >>> ds = read_dataset("sample_data/knoke")
    >>> ds.counts()["organisations"]
    10
    """
    from graphtool.ingest.validate import validate_tables

    path = Path(path)
    tables, problems = read_tables(path, progress=progress, limits=limits)
    dataset_name = name or (path.stem if path.is_file() else path.resolve().name)
    progress.step("validating")
    return validate_tables(tables, dataset_name, problems)


def read_tables(
    path: Path, *, progress: Progress = SILENT, limits: Limits = DEFAULT_LIMITS
) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read the raw tables at ``path``; returns the tables found and the problems met reading them.

    Raises :class:`DatasetError` at once when ``path`` is not a dataset at all.
    """
    if not path.exists():
        raise _not_a_dataset(
            Problem(str(path), "not-found", "no such file or folder"),
            "give the path of a dataset folder (holding organisations.csv) or of an .xlsx workbook",
        )
    kind = os.stat(path).st_mode
    if not (stat.S_ISREG(kind) or stat.S_ISDIR(kind)):
        raise _not_a_dataset(_special_file(str(path), kind), "give a folder or an .xlsx file")
    if path.is_file():
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            progress.step(f"reading {path.name}")
            with _reading(path.name):
                return _read_workbook(path, limits)
        where = (
            f"give the folder that holds it: {path.parent}"
            if path.suffix.lower() == ".csv"
            else "give the folder that holds organisations.csv"
        )
        raise _not_a_dataset(
            Problem(
                str(path),
                "not-a-dataset",
                "a dataset is a folder of CSV files or one .xlsx workbook, not a single file",
            ),
            where,
        )
    return _read_folder(path, progress, limits)


def _special_file(label: str, mode: int) -> Problem:
    kind = (
        "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    return Problem(
        label, "not-a-file", f"this is {kind}, not a file; copy the data into a regular file"
    )


@contextmanager
def _reading(label: str) -> Iterator[None]:
    """Turn any unexpected failure while reading ``label`` into a :class:`DatasetError`.

    The readers report what they foresee as problems; this is the one path for
    everything else (a library's exception on a broken file, a memory error),
    so that reading never ends in a traceback.
    """
    try:
        yield
    except GraphtoolError:
        raise
    except (Exception, RecursionError) as exc:
        raise _not_a_dataset(
            Problem(
                label,
                "bad-workbook" if label.lower().endswith((".xlsx", ".xlsm")) else "bad-csv",
                f"cannot read the file ({type(exc).__name__}: {exc})",
            ),
            "open it in a spreadsheet program and save it again (as UTF-8 CSV or .xlsx)",
        ) from exc


def _not_a_dataset(problem: Problem, hint: str) -> DatasetError:
    """The error for a path that is not a dataset at all, with its own hint."""
    error = DatasetError([problem], source=problem.file)
    error.hint = hint
    return error


def _columns_of(table: str) -> str:
    _, required, optional = TABLES[table]
    return ", ".join(required) + (f" (optional: {', '.join(optional)})" if optional else "")


def _read_folder(
    folder: Path, progress: Progress = SILENT, limits: Limits = DEFAULT_LIMITS
) -> tuple[dict[str, RawTable], list[Problem]]:
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for done, (table, (required, _, _)) in enumerate(TABLES.items()):
        progress.advance("reading tables", done, len(TABLES))
        file = folder / f"{table}.csv"
        if not file.exists():
            if required:
                problems.append(
                    Problem(
                        f"{table}.csv",
                        "missing-file",
                        f"required file not found in {folder}; add it with the columns "
                        + _columns_of(table),
                    )
                )
            continue
        mode = os.stat(file).st_mode
        if not stat.S_ISREG(mode):
            problems.append(_special_file(file.name, mode))
            continue
        with _reading(file.name):
            raw, file_problems = read_csv_table(file, table, limits)
        problems.extend(file_problems)
        if raw is not None:
            tables[table] = raw
    progress.advance("reading tables", len(TABLES), len(TABLES))
    return tables, problems


def read_csv_table(
    file: Path, table: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[RawTable | None, list[Problem]]:
    """Read one CSV file: detect the delimiter, accept a BOM, keep physical line numbers.

    The header may have at most ``limits.columns`` columns and a quoted value
    at most ``limits.string`` characters (the csv module's field limit).
    """
    label = file.name
    data = file.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [_encoding_problem(label, data, exc.start)]
    if not text.strip():
        return None, [Problem(label, "empty-file", "the file is empty; it needs at least a header")]
    stripped = text.lstrip("\r\n")
    # the first line, without splitting the whole text (a list of a million lines)
    first = stripped[: stripped.find("\n") + 1 or len(stripped)].splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    if first.count(delimiter) == 0:
        for other, name in (("\t", "tabs"), ("|", "vertical bars")):
            if other in first:
                return None, [
                    Problem(
                        label,
                        "bad-delimiter",
                        f"the columns are separated by {name}; separate them with , or ; "
                        "(save the sheet as CSV, not as text)",
                        line=1,
                        value=first,
                    )
                ]
    if first.count(delimiter) >= limits.columns:
        return None, [
            Problem(
                label,
                "too-large",
                limits.refusal("columns", f"the header has {first.count(delimiter) + 1:,} columns"),
                line=1,
            )
        ]
    try:
        cells, lines, widths = _read_records(text, delimiter, limits.string)
    except csv.Error as exc:
        if "end of data" in str(exc) or "EOF" in str(exc):
            message = 'a quoted value that starts on this line is never closed; add the closing "'
        elif "field larger than field limit" in str(exc):
            message = limits.refusal("string", "a quoted value is longer")
        else:
            message = f'cannot read this row ({exc}); quote values that contain {delimiter} or "'
        line = exc.line if isinstance(exc, _RecordError) else None
        return None, [Problem(label, "bad-csv", message, line=line)]
    if _needs_strip(text):
        cells = cells.apply(lambda column: column.str.strip())
    filled = np.flatnonzero((cells != "").any(axis=1).to_numpy())
    if len(filled) == 0:  # only delimiters and blank lines
        return None, [
            Problem(
                label,
                "empty-file",
                "the file holds no values, only delimiters; it needs at least a header",
            )
        ]
    header_row = int(filled[0])
    header = [str(cell) for cell in cells.iloc[header_row]]
    if widths is not None:  # the frame is as wide as the widest record; the header may be less
        header = header[: widths[header_row]]
    keep = filled[1:]
    body = cells.iloc[keep].reset_index(drop=True)
    problems: list[Problem] = []
    header_line = int(lines[header_row])
    if header_line != 1:
        problems.append(
            Problem(
                label,
                "blank-header",
                "the header must be on line 1; remove the blank lines above it",
                line=header_line,
            )
        )
    row_widths = None if widths is None else widths[keep]
    return RawTable(table, label, header, [], lines[keep], cells=body, widths=row_widths), problems


#: a line break that is not part of \r\n: the csv module ends a record there, pandas may not
_LONE_CR = re.compile(r"\r(?!\n)")
#: whitespace at the start or end of a cell (when no quotes): only then is stripping needed
_EDGE_SPACE = re.compile(r"[,;\r\n][^\S\r\n]|[^\S\r\n][,;\r\n]")


def _needs_strip(text: str) -> bool:
    """Whether any cell may start or end with whitespace (a quote may hide it: then yes)."""
    return (
        '"' in text
        or any(c.isspace() and c not in "\r\n" for c in text[0] + text[-1])
        or _EDGE_SPACE.search(text) is not None
    )


def _read_records(
    text: str, delimiter: str, field_limit: int = DEFAULT_LIMITS.string
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray | None]:
    """Every record (blank ones too) as a frame of text, columns 0..k-1, its physical line,
    and its number of cells (None when no record is wider than the first).

    Raises :class:`csv.Error` with a ``line`` attribute for a file the csv module refuses.
    """
    # the first record sets pandas' width: a blank one (an error anyway) goes the exact way
    if '"' not in text and text[0] not in "\r\n" and not _LONE_CR.search(text):
        physical = text.count("\n") + (0 if text.endswith("\n") else 1)
        try:
            cells = pd.read_csv(
                io.StringIO(text),
                sep=delimiter,
                header=None,
                dtype=object,
                na_filter=False,
                skip_blank_lines=False,
                quoting=csv.QUOTE_NONE,
                engine="c",
            )
        except (pd.errors.ParserError, pd.errors.EmptyDataError):
            pass  # a row wider than the first: the exact reader reports it with its line
        else:
            if len(cells) == physical:
                cells.columns = pd.RangeIndex(cells.shape[1])
                return cells, np.arange(1, physical + 1), None
    return _read_records_exactly(text, delimiter, field_limit)


class _RecordError(csv.Error):
    """A :class:`csv.Error` that knows the physical line of the record it met."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _read_records_exactly(
    text: str, delimiter: str, field_limit: int = DEFAULT_LIMITS.string
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """:func:`_read_records` with the csv module: quoted values may hold line breaks."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    lines: list[int] = []
    start = 1
    previous = csv.field_size_limit(field_limit)  # the module's limit is process-wide
    try:
        for record in reader:
            records.append(record)
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise _RecordError(str(exc), start) from exc
    finally:
        csv.field_size_limit(previous)
    widths = np.fromiter((len(r) for r in records), dtype=np.int64, count=len(records))
    width = int(widths.max())
    cells = pd.DataFrame([r + [""] * (width - len(r)) for r in records], dtype=object)
    return cells, np.asarray(lines, dtype=np.int64), widths


def _encoding_problem(label: str, data: bytes, position: int) -> Problem:
    """A bad-encoding problem naming the line, column and cell of the first non-UTF-8 byte.

    The cell is shown decoded as Windows-1252, the usual encoding of such files,
    so the user recognises the value.
    """
    line_start = data.rfind(b"\n", 0, position) + 1
    line_end = data.find(b"\n", position)
    line_bytes = data[line_start : len(data) if line_end < 0 else line_end].rstrip(b"\r")
    header = data.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    delimiter = b";" if header.count(b";") > header.count(b",") else b","
    index = data[line_start:position].count(delimiter)
    names = [n.strip() for n in header.decode("cp1252", errors="replace").split(delimiter.decode())]
    cell = line_bytes.split(delimiter)[index] if index < len(line_bytes.split(delimiter)) else b""
    return Problem(
        label,
        "bad-encoding",
        f"byte 0x{data[position]:02X} is not UTF-8 (the file looks like Windows-1252 or "
        "Latin-1); save the file as UTF-8",
        line=data[:position].count(b"\n") + 1,
        column=names[index] if index < len(names) else None,
        value=cell.decode("cp1252", errors="replace").strip(),
    )


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _read_workbook(
    path: Path, limits: Limits = DEFAULT_LIMITS
) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read the sheets of a workbook, every limit checked before the cells are read.

    The zip directory gives the sizes; one streaming pass over each XML part
    (with no DTD allowed, so no entity can expand) gives the longest string,
    and over each table's sheet the last row, the widest row, the cells and
    any formula without a saved value. openpyxl then reads the cells in
    read-only mode with the stored dimension ignored (it may be stale or
    point to a far-away cell).
    """
    from openpyxl import load_workbook

    def refuse(message: str, hint: str) -> DatasetError:
        return _not_a_dataset(Problem(path.name, "bad-workbook", message), hint)

    resave = "open it in a spreadsheet program and save it again as an .xlsx workbook"
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        raise refuse(f"cannot open the workbook ({exc})", resave) from exc
    with archive:
        scans = _check_archive(path.name, archive, limits)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # any failure of openpyxl on a broken part: one message
        raise refuse(f"cannot open the workbook ({type(exc).__name__}: {exc})", resave) from exc
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    try:
        sheets: dict[str, str] = {}
        for name in workbook.sheetnames:
            table = name.strip().lower().removesuffix(".csv")
            if table in sheets and table in TABLES:
                problems.append(
                    Problem(
                        f"{path.name}[{name}]",
                        "duplicate-sheet",
                        f"sheets {sheets[table]!r} and {name!r} both name the table {table!r}; "
                        "delete or rename one of them",
                    )
                )
            sheets.setdefault(table, name)
        for table, (required, _, _) in TABLES.items():
            label = f"{path.name}[{table}]"
            if table not in sheets:
                if required:
                    problems.append(
                        Problem(
                            label,
                            "missing-sheet",
                            f"required sheet {table!r} not found; the workbook has "
                            + (", ".join(repr(s) for s in workbook.sheetnames) or "no sheets")
                            + f"; add a sheet {table!r} with the columns "
                            + _columns_of(table),
                        )
                    )
                continue
            sheet = workbook[sheets[table]]
            part = getattr(sheet, "_worksheet_path", None)
            scan = scans.get(part) if part else None
            if scan is None:  # a sheet openpyxl found where the directory scan did not look
                with zipfile.ZipFile(path) as again:
                    scan = _scan_sheet(label, again, again.getinfo(str(part)), limits)
            raw, sheet_problems = _read_sheet(label, table, sheet, scan)
            problems.extend(sheet_problems)
            if raw is not None:
                tables[table] = raw
    finally:
        workbook.close()
    return tables, problems


def _read_sheet(
    label: str, table: str, sheet, scan: _SheetScan
) -> tuple[RawTable | None, list[Problem]]:
    """The rows of one sheet (after its limits were checked), its formula problems too."""
    from openpyxl.utils import get_column_letter

    problems: list[Problem] = []
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    header_line = 1
    row_number = 0
    sheet.reset_dimensions()  # read the cells there are, not the stored dimension
    try:
        for row_number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if not values:
                continue
            cells = [_cell_text(v) for v in values]
            if not any(c.strip() for c in cells):
                continue
            for col, cell in enumerate(cells, start=1):
                if cell in EXCEL_ERRORS:
                    problems.append(
                        Problem(
                            label,
                            "formula-error",
                            f"cell {get_column_letter(col)}{row_number} holds a formula error; "
                            "fix the formula or type the value",
                            line=row_number,
                            column=(header[col - 1] if header and col <= len(header) else None),
                            value=cell,
                        )
                    )
            if header is None:
                while cells and not cells[-1].strip():
                    cells.pop()
                header = [c.strip() for c in cells]
                header_line = row_number
                continue
            rows.append(cells)
            lines.append(row_number)
    except Exception as exc:  # a corrupt sheet XML, a cell openpyxl cannot convert
        return None, [
            Problem(
                label,
                "bad-workbook",
                f"cannot read the sheet after row {row_number} ({type(exc).__name__}: {exc}); "
                "open the workbook in Excel or LibreOffice and save it again",
                line=row_number + 1,
            )
        ]
    names = header or []
    for row, col, ref in scan.unsaved_formulas:
        in_body = row != header_line and col <= len(names)
        problems.append(
            Problem(
                label,
                "formula-not-saved",
                f"cell {ref} holds a formula whose value was never saved (the file was written "
                "by a program that does not calculate); open it in Excel or LibreOffice and "
                "save it once, or type the value",
                line=row,
                column=names[col - 1] if in_body else None,
            )
        )
    if header is None:
        problems.append(
            Problem(label, "empty-file", "the sheet is empty; it needs at least a header row")
        )
        return None, problems
    if header_line != 1:
        problems.append(
            Problem(
                label,
                "blank-header",
                "the header must be in row 1; delete the empty rows above it",
                line=header_line,
            )
        )
    return RawTable(table, label, header, rows, lines), problems


# -- the workbook's limits, from the zip directory and one pass over the XML ------------------


class _Refused(Exception):
    """A limit or a forbidden construct met while scanning an XML part."""


@dataclass
class _SheetScan:
    """What one pass over a sheet's XML found."""

    last_row: int = 0
    last_column: int = 0
    #: the cells the sheet spans: for each row, its last column (what a reader materialises)
    spanned: int = 0
    longest: int = 0
    #: (row, column number, reference) of each formula cell without a saved value (first 100)
    unsaved_formulas: list[tuple[int, int, str]] = field(default_factory=list)


_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,4})\$?([0-9]{1,9})$")
_CHUNK = 1 << 20


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + (ord(letter) - 64)
    return number


def _check_archive(name: str, archive: zipfile.ZipFile, limits: Limits) -> dict[str, _SheetScan]:
    """Check the sizes in the zip directory, then scan every XML part; returns the sheet scans
    by part name ("xl/worksheets/sheet1.xml"). Raises :class:`DatasetError` on a refusal."""
    infos = [i for i in archive.infolist() if not i.is_dir()]
    total = sum(i.file_size for i in infos)
    if total > limits.uncompressed:
        raise _too_large(
            name, limits.refusal("uncompressed", f"the workbook expands to {total:,} bytes")
        )
    xml = [i for i in infos if i.filename.endswith((".xml", ".rels", ".vml"))]
    sheets = [i for i in xml if i.filename.startswith("xl/worksheets/")]
    for info in xml:
        if info not in sheets:
            _scan_part(f"{name}[{info.filename}]", archive, info, limits)
    titles = _sheet_titles(archive)
    return {
        info.filename: _scan_sheet(
            f"{name}[{titles.get(info.filename, info.filename)}]", archive, info, limits
        )
        for info in sheets
    }


def _sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet part -> sheet title, from xl/workbook.xml and its relationships (already scanned:
    no DTD, within the limits), so that messages name the sheet; empty when they are odd."""
    import xml.etree.ElementTree as ET

    try:
        rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        book = ET.fromstring(archive.read("xl/workbook.xml"))
    except (KeyError, ET.ParseError, zipfile.BadZipFile, OSError, ValueError):
        return {}
    targets = {
        r.get("Id"): "xl/" + (r.get("Target") or "").lstrip("/").removeprefix("xl/") for r in rels
    }
    titles = {}
    for sheet in book.iter():
        if sheet.tag.rsplit("}", 1)[-1] == "sheet":
            rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
            if rid in targets and sheet.get("name"):
                titles[targets[rid]] = sheet.get("name", "")
    return titles


def _too_large(label: str, message: str) -> DatasetError:
    return _not_a_dataset(
        Problem(label, "too-large", message),
        "the limits and their options are in `graphtool help dataset-format` (Limits)",
    )


def _parser(label: str):
    """An expat parser that refuses any DTD (so no entity can be declared or expanded)."""
    import xml.parsers.expat

    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")

    def forbid(*_args: Any) -> int:
        raise _Refused("the XML declares a DTD or entities (an .xlsx never does); refused")

    parser.StartDoctypeDeclHandler = forbid
    parser.EntityDeclHandler = forbid
    parser.ExternalEntityRefHandler = forbid
    return parser


def _feed(label: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, parser) -> None:
    """Stream the part through ``parser``; a refusal or broken XML becomes a DatasetError."""
    import xml.parsers.expat

    hint = "open it in Excel or LibreOffice and save it again as an .xlsx workbook"
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _Refused as exc:
        raise _not_a_dataset(Problem(label, "bad-workbook", str(exc)), hint) from None
    except _Limit as exc:
        raise _too_large(label, str(exc)) from None
    except xml.parsers.expat.ExpatError as exc:
        raise _not_a_dataset(
            Problem(label, "bad-workbook", f"the workbook's XML is broken ({exc})"), hint
        ) from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise _not_a_dataset(
            Problem(label, "bad-workbook", f"cannot unpack the workbook ({exc})"), hint
        ) from None


class _Limit(Exception):
    """A limit passed while scanning; the message names it and its option."""


def _scan_part(label: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> None:
    """Scan a part that is not a sheet: no DTD, no string longer than the limit."""
    parser = _parser(label)
    state = {"inside": False, "length": 0}

    def start(name: str, _attrs) -> None:
        if name.rsplit(" ", 1)[-1] == "t":
            state["inside"], state["length"] = True, 0

    def end(name: str) -> None:
        if name.rsplit(" ", 1)[-1] == "t":
            state["inside"] = False

    def text(data: str) -> None:
        if state["inside"]:
            state["length"] += len(data)
            if state["length"] > limits.string:
                raise _Limit(limits.refusal("string", "a text in the workbook is longer"))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    _feed(label, archive, info, parser)


def _scan_sheet(
    label: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits
) -> _SheetScan:
    """One pass over a sheet's XML: rows, columns, spanned cells, strings, unsaved formulas."""
    from openpyxl.utils import get_column_letter

    parser = _parser(label)
    scan = _SheetScan()
    state: dict[str, Any] = {
        "row": 0,
        "row_last": 0,
        "col": 0,
        "ref": "",
        "f": False,
        "v": False,
        "t": -1,
    }

    def close_row() -> None:
        scan.spanned += state["row_last"]
        if scan.spanned > limits.cells:
            raise _Limit(limits.refusal("cells", f"the sheet spans {scan.spanned:,} cells or more"))
        state["row_last"] = 0

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(" ", 1)[-1]
        if local == "c":
            ref = attrs.get("r")
            match = _CELL_REF.match(ref) if ref else None
            if match:
                col, row = _column_number(match.group(1)), int(match.group(2))
                if row != state["row"]:
                    state["row"] = row
            else:  # no reference: the next cell of the row
                col, row = state["col"] + 1, state["row"]
                ref = f"{get_column_letter(col)}{row}"
            if col > limits.columns:
                raise _Limit(limits.refusal("columns", f"cell {ref} lies in column {col:,}"))
            state["col"], state["ref"], state["f"], state["v"] = col, ref, False, False
            state["row_last"] = max(state["row_last"], col)
            scan.last_column = max(scan.last_column, col)
        elif local == "row":
            close_row()
            number = attrs.get("r")
            row = int(number) if number and number.isdigit() else state["row"] + 1
            if row > limits.rows:
                raise _Limit(limits.refusal("rows", f"the sheet has a row {row:,}"))
            if row <= scan.last_row:  # readers skip such a row without a word
                raise _Refused(f"row {row:,} comes after row {scan.last_row:,}; rows out of order")
            state["row"], state["col"] = row, 0
            scan.last_row = max(scan.last_row, row)
        elif local == "f":
            state["f"] = True
        elif local == "v":
            state["v"] = True
            state["t"] = 0
        elif local == "t":
            state["t"] = 0

    def end(name: str) -> None:
        local = name.rsplit(" ", 1)[-1]
        if local == "c":
            if state["f"] and not state["v"] and len(scan.unsaved_formulas) < 100:
                scan.unsaved_formulas.append((state["row"], state["col"], state["ref"]))
        elif local in ("t", "v"):
            if local == "v" and state["t"] == 0:  # <v></v>: no saved value either
                state["v"] = False
            state["t"] = -1

    def text(data: str) -> None:
        if state["t"] >= 0:
            state["t"] += len(data)
            if state["t"] > limits.string:
                raise _Limit(
                    limits.refusal("string", f"cell {state['ref'] or '?'} holds a longer text")
                )

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    _feed(label, archive, info, parser)
    try:
        close_row()  # the last row's cells
    except _Limit as exc:
        raise _too_large(label, str(exc)) from None
    return scan
