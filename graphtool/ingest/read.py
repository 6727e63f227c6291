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
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from graphtool.errors import DatasetError, Problem
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
    path: str | Path, name: str | None = None, *, progress: Progress = SILENT
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

    Returns
    -------
    Dataset

    Raises
    ------
    DatasetError
        Listing every problem found (file, line, column, value, code). Nothing
        is returned when anything is wrong.

    Examples
    --------
    >>> ds = read_dataset("sample_data/knoke")
    >>> ds.counts()["organisations"]
    10
    """
    from graphtool.ingest.validate import validate_tables

    path = Path(path)
    tables, problems = read_tables(path, progress=progress)
    dataset_name = name or (path.stem if path.is_file() else path.resolve().name)
    progress.step("validating")
    return validate_tables(tables, dataset_name, problems)


def read_tables(
    path: Path, *, progress: Progress = SILENT
) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read the raw tables at ``path``; returns the tables found and the problems met reading them.

    Raises :class:`DatasetError` at once when ``path`` is not a dataset at all.
    """
    if not path.exists():
        raise _not_a_dataset(
            Problem(str(path), "not-found", "no such file or folder"),
            "give the path of a dataset folder (holding organisations.csv) or of an .xlsx workbook",
        )
    if path.is_file():
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            progress.step(f"reading {path.name}")
            return _read_workbook(path)
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
    return _read_folder(path, progress)


def _not_a_dataset(problem: Problem, hint: str) -> DatasetError:
    """The error for a path that is not a dataset at all, with its own hint."""
    error = DatasetError([problem], source=problem.file)
    error.hint = hint
    return error


def _columns_of(table: str) -> str:
    _, required, optional = TABLES[table]
    return ", ".join(required) + (f" (optional: {', '.join(optional)})" if optional else "")


def _read_folder(
    folder: Path, progress: Progress = SILENT
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
        raw, file_problems = read_csv_table(file, table)
        problems.extend(file_problems)
        if raw is not None:
            tables[table] = raw
    progress.advance("reading tables", len(TABLES), len(TABLES))
    return tables, problems


def read_csv_table(file: Path, table: str) -> tuple[RawTable | None, list[Problem]]:
    """Read one CSV file: detect the delimiter, accept a BOM, keep physical line numbers."""
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
    try:
        cells, lines, widths = _read_records(text, delimiter)
    except csv.Error as exc:
        if "end of data" in str(exc) or "EOF" in str(exc):
            message = 'a quoted value that starts on this line is never closed; add the closing "'
        else:
            message = f'cannot read this row ({exc}); quote values that contain {delimiter} or "'
        line = exc.line if isinstance(exc, _RecordError) else None
        return None, [Problem(label, "bad-csv", message, line=line)]
    if _needs_strip(text):
        cells = cells.apply(lambda column: column.str.strip())
    filled = np.flatnonzero((cells != "").any(axis=1).to_numpy())
    header_row = int(filled[0])  # the text is not blank
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


def _read_records(text: str, delimiter: str) -> tuple[pd.DataFrame, np.ndarray, np.ndarray | None]:
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
    return _read_records_exactly(text, delimiter)


class _RecordError(csv.Error):
    """A :class:`csv.Error` that knows the physical line of the record it met."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _read_records_exactly(text: str, delimiter: str) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """:func:`_read_records` with the csv module: quoted values may hold line breaks."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    lines: list[int] = []
    start = 1
    try:
        for record in reader:
            records.append(record)
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise _RecordError(str(exc), start) from exc
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


def _read_workbook(path: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, InvalidFileException) as exc:
        raise _not_a_dataset(
            Problem(path.name, "bad-workbook", f"cannot open the workbook ({exc})"),
            "open it in a spreadsheet program and save it again as an .xlsx workbook",
        ) from exc
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    try:
        sheets = {name.strip().lower().removesuffix(".csv"): name for name in workbook.sheetnames}
        for table, (required, _, _) in TABLES.items():
            label = f"{path.name}[{table}]"
            if table not in sheets:
                if required:
                    problems.append(
                        Problem(
                            label,
                            "missing-sheet",
                            f"required sheet {table!r} not found; the workbook has "
                            + ", ".join(repr(s) for s in workbook.sheetnames)
                            + f"; add a sheet {table!r} with the columns "
                            + _columns_of(table),
                        )
                    )
                continue
            sheet = workbook[sheets[table]]
            header: list[str] | None = None
            rows: list[list[str]] = []
            lines: list[int] = []
            header_line = 1
            for row_number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
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
            if header is None:
                problems.append(
                    Problem(
                        label, "empty-file", "the sheet is empty; it needs at least a header row"
                    )
                )
                continue
            if header_line != 1:
                problems.append(
                    Problem(
                        label,
                        "blank-header",
                        "the header must be in row 1; delete the empty rows above it",
                        line=header_line,
                    )
                )
            tables[table] = RawTable(table, label, header, rows, lines)
    finally:
        workbook.close()
    return tables, problems
