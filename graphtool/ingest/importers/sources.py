"""Reading source files (CSV in any common dialect, XLSX, JSON) into rows with line numbers.

Unlike dataset files, source files come as they were published: Windows
encodings, semicolons or tabs, a title row above the header. Cells keep their
workbook type (numbers stay numbers, dates stay dates) so amounts and dates
are never re-read from a formatted string.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphtool.errors import ImportSourceError


@dataclass
class SourceTable:
    """The rows of one source file or sheet, as read."""

    label: str  # what messages call it: the file name, or "file.xlsx[sheet]"
    header: list[str]
    rows: list[list[Any]]
    lines: list[int]  # physical line (or sheet row) of each row
    notes: list[str] = field(default_factory=list)

    def column_index(self, *wanted: str) -> int | None:
        """Index of the first of the ``wanted`` columns the header has, compared without
        case and surrounding spaces."""
        folded = [h.strip().casefold() for h in self.header]
        for name in wanted:
            if name.strip().casefold() in folded:
                return folded.index(name.strip().casefold())
        return None

    @staticmethod
    def pick(row: list[Any], index: dict[str, int | None]) -> dict[str, Any]:
        """The cells of ``row`` by field, from a field -> column index map ("" when absent)."""
        return {
            field: (row[i] if i is not None and i < len(row) else "") for field, i in index.items()
        }


def read_source_table(path: Path, *, sheet: str | None = None) -> SourceTable:
    """Read a CSV or XLSX source file.

    Raises
    ------
    ImportSourceError
        When the file does not exist, cannot be read or decoded, or is empty.
    """
    if not path.exists():
        raise ImportSourceError(f"{path}: no such file", hint="check the path")
    if path.is_dir():
        raise ImportSourceError(f"{path}: is a folder, not a source file")
    if source_suffix(path) in (".xlsx", ".xlsm"):
        return _read_workbook(path, sheet)
    return _read_csv(path)


def source_suffix(path: Path) -> str:
    """The format suffix of a source file, looking through ``.gz`` (``a.csv.gz`` -> ``.csv``).

    >>> source_suffix(Path("grants.JSON.gz")), source_suffix(Path("r.csv"))
    ('.json', '.csv')
    """
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def read_bytes(path: Path) -> bytes:
    """The bytes of a source file, decompressed when it is gzipped (by content, not name)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportSourceError(f"{path}: cannot read the file: {exc.strerror}") from exc
    if data[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise ImportSourceError(
                f"{path}: a damaged gzip file: {exc}", hint="download or compress it again"
            ) from exc
    return data


def _decode(path: Path) -> tuple[str, list[str]]:
    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        # Registers exported from Excel on Windows are often cp1252; every byte
        # sequence decodes, so say which encoding was assumed.
        return data.decode("cp1252", errors="replace"), [
            f"{path.name}: not UTF-8, read as Windows-1252 (cp1252)"
        ]


def _read_csv(path: Path) -> SourceTable:
    text, notes = _decode(path)
    lines_of_text = [ln for ln in text.splitlines() if ln.strip()]
    if not lines_of_text:
        raise ImportSourceError(f"{path}: the file is empty", hint="export the register again")
    first = lines_of_text[0]
    delimiter = max([",", ";", "\t", "|"], key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[list[Any]] = []
    lines: list[int] = []
    start = 1
    try:
        for record in reader:
            line = start
            start = reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = [cell.strip() for cell in record]
                continue
            rows.append(record)
            lines.append(line)
    except csv.Error as exc:
        raise ImportSourceError(
            f"{path.name}, line {reader.line_num}: cannot parse the CSV: {exc}"
        ) from exc
    assert header is not None
    return SourceTable(path.name, header, rows, lines, notes)


def _read_workbook(path: Path, sheet: str | None) -> SourceTable:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(read_bytes(path)), read_only=True, data_only=True)
    except (OSError, ValueError, KeyError) as exc:
        raise ImportSourceError(f"{path}: cannot open the workbook: {exc}") from exc
    try:
        if sheet is None:
            worksheet = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            raise ImportSourceError(
                f"{path.name}: no sheet {sheet!r}",
                hint="the workbook has " + ", ".join(repr(s) for s in workbook.sheetnames),
            )
        label = f"{path.name}[{worksheet.title}]"
        header: list[str] | None = None
        rows: list[list[Any]] = []
        lines: list[int] = []
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            cells = ["" if v is None else v for v in values]
            if not any(str(c).strip() for c in cells):
                continue
            if header is None:
                header = [str(c).strip() for c in cells]
                while header and not header[-1]:
                    header.pop()
                continue
            rows.append([c.strip() if isinstance(c, str) else c for c in cells])
            lines.append(number)
    finally:
        workbook.close()
    if header is None:
        raise ImportSourceError(f"{label}: the sheet is empty")
    return SourceTable(label, header, rows, lines)


def read_json(path: Path) -> Any:
    """Read a JSON file; errors name the file, line and column."""
    if not path.exists():
        raise ImportSourceError(f"{path}: no such file", hint="check the path")
    text, _ = _decode(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportSourceError(
            f"{path.name}, line {exc.lineno}, column {exc.colno}: not valid JSON: {exc.msg}"
        ) from exc
