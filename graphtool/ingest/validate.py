"""Validate raw tables against the dataset contract (DESIGN.md, "Dataset format").

Every check runs on whole columns; every problem is collected, then one
:class:`DatasetError` lists them all. Problem codes are stable:

=====================  ==========================================================
code                   meaning
=====================  ==========================================================
missing-file           a required file (or sheet: missing-sheet) is absent
empty-file             a file without even a header
no-rows                organisations.csv has a header but no rows
missing-column         a required column is absent from the header
duplicate-column       a column name appears twice in the header
unnamed-column         a column without a name holds values
too-many-values        a row has more cells than the header
empty-value            a required value is empty
duplicate-id           an id appears more than once
bad-number             an amount is not a plain, finite number (1234.5)
negative-amount        an amount is below zero
bad-year               a year is not a whole number in 1800-2200 (ASCII digits)
id-too-long            an id longer than Neo4j can index (4,000 UTF-8 bytes)
end-before-start       an action's end_year is before its start_year
unknown-role           a participation role outside the vocabulary
bad-scale              a scale other than local, regional, national
unknown-organisation   a reference to an organisation id that does not exist
unknown-action         a reference to a joint action id that does not exist
unknown-neighbourhood  a reference to a neighbourhood id that does not exist
bad-encoding           bytes that are not UTF-8
bad-delimiter          columns separated by tabs or vertical bars instead of , or ;
bad-csv                a CSV that cannot be parsed (for example an open quote)
blank-header           blank lines above the header
missing-sheet          a workbook without a sheet for a required table
formula-error          a workbook cell holding a formula error such as #DIV/0!
bad-workbook           a workbook that cannot be opened or read
duplicate-sheet        two sheets whose names map to the same table
formula-not-saved      a workbook formula without a saved value
too-large              a file past a reading limit (rows, columns, cells, string, size)
not-a-file             an input that is a FIFO, a device or another special file
not-found              the dataset path does not exist
not-a-dataset          the path is a file that is neither a folder nor a workbook
=====================  ==========================================================

Warnings (the data is kept): ``unknown-type``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from graphtool.errors import DatasetError, Problem
from graphtool.ingest.numbers import MAX_ID_BYTES, Parsed, parse_amounts, parse_years
from graphtool.ingest.read import RawTable
from graphtool.model import (
    DEFAULT_ROLE,
    INTEGER_COLUMNS,
    NUMBER_COLUMNS,
    ROLES,
    SCALES,
    TABLES,
    TYPE_SECTORS,
    UNKNOWN_SECTOR,
    Dataset,
    _with_dtypes,
    empty_table,
    split_list,
)

#: Tables whose ``id`` column Neo4j indexes (with the dataset name): their ids are bounded.
_INDEXED_IDS = ("organisations", "joint_actions", "neighbourhoods")


class _Checker:
    """Collects problems for one table, addressing rows by their physical line."""

    def __init__(self, raw: RawTable, problems: list[Problem]) -> None:
        self.raw = raw
        self.problems = problems

    def add(
        self,
        code: str,
        message: str | Callable[[pd.Series], str],
        frame: pd.DataFrame,
        mask,
        column: str | None,
    ) -> None:
        """One problem per row selected by ``mask``; ``message`` may be a function of the row.

        A frame's index is the physical line of each row (no column holds it, so
        a user's column of any name is kept).
        """
        hits = frame.loc[mask]
        for line, row in hits.iterrows():
            text = message(row) if callable(message) else message
            value = row[column] if column is not None else None
            self.problems.append(Problem(self.raw.file, code, text, int(line), column, value))


def _frame(raw: RawTable, problems: list[Problem]) -> pd.DataFrame:
    """Raw rows -> a DataFrame of stripped strings indexed by line; header problems reported."""
    header = list(raw.header)
    seen: dict[str, int] = {}
    for i, col in enumerate(header):
        if col in seen:
            problems.append(
                Problem(
                    raw.file,
                    "duplicate-column",
                    f"column {col!r} appears twice in the header (columns {seen[col] + 1} "
                    f"and {i + 1}); remove or rename one",
                    line=1,
                    column=col,
                )
            )
            header[i] = f"{col}.{i + 1}"
        else:
            seen[col] = i
    width = len(header)
    cells, widths = _cells(raw)
    if cells.shape[1] > width:
        extra = cells.iloc[:, width:]
        wide = np.flatnonzero((extra != "").any(axis=1).to_numpy())
        for k in wide:
            values = [v for v in extra.iloc[k] if v != ""]
            count = int(widths[k]) if widths is not None else cells.shape[1]
            problems.append(
                Problem(
                    raw.file,
                    "too-many-values",
                    f"the row has {count} values but the header has {width} columns; "
                    "quote values that contain the delimiter, or name the extra column",
                    line=int(raw.lines[k]),
                    value=", ".join(values),
                )
            )
        cells = cells.iloc[:, :width]
    for position in range(cells.shape[1], width):
        cells[position] = ""
    cells.columns = header
    frame = cells
    for i, col in enumerate(header):
        if col == "":
            if len(frame) and (frame.iloc[:, i] != "").any():
                problems.append(
                    Problem(
                        raw.file,
                        "unnamed-column",
                        f"column {i + 1} has values but no name in the header; "
                        "name it or delete it",
                        line=1,
                    )
                )
    frame = frame.loc[:, [c != "" for c in header]]
    frame.index = pd.Index(np.asarray(raw.lines, dtype=np.int64), name=None)
    return frame


def _cells(raw: RawTable) -> tuple[pd.DataFrame, np.ndarray | None]:
    """The rows of ``raw`` as a frame of stripped text (columns 0..k-1), and each row's width."""
    if raw.cells is not None:
        return raw.cells.copy(), raw.widths
    if not raw.rows:
        return pd.DataFrame(index=range(0)), None
    widths = np.array([len(row) for row in raw.rows], dtype=np.int64)
    width = int(widths.max())
    cells = pd.DataFrame([row + [""] * (width - len(row)) for row in raw.rows], dtype=object)
    return cells.apply(lambda column: column.str.strip()), widths


def _check_columns(raw: RawTable, frame: pd.DataFrame, problems: list[Problem]) -> bool:
    _, required, _ = TABLES[raw.name]
    missing = [c for c in required if c not in frame.columns]
    for col in missing:
        problems.append(
            Problem(
                raw.file,
                "missing-column",
                f"required column {col!r} is missing; the header has "
                + ", ".join(repr(c) for c in raw.header)
                + f"; add a column named {col!r}",
                line=1,
                column=col,
            )
        )
    return not missing


def _check_values(raw: RawTable, frame: pd.DataFrame, problems: list[Problem]) -> None:
    check = _Checker(raw, problems)
    _, required, _ = TABLES[raw.name]
    for col in required:
        check.add("empty-value", f"{col} is required; fill it in", frame, frame[col] == "", col)
    if "id" in required:
        ids = frame["id"]
        dup = ids.duplicated(keep="first") & (ids != "")
        if dup.any():
            first_line = pd.Series(ids.index, index=ids.to_numpy()).groupby(level=0).first()
            for line, value in zip(frame.index[dup.to_numpy()], ids[dup], strict=True):
                problems.append(
                    Problem(
                        raw.file,
                        "duplicate-id",
                        f"id already used on line {int(first_line[value])}; ids must be unique",
                        int(line),
                        "id",
                        value,
                    )
                )
    if raw.name in _INDEXED_IDS:
        ids = frame["id"]
        # only an id of more than MAX_ID_BYTES / 4 characters can be more than MAX_ID_BYTES bytes
        for line, value in ids[ids.str.len() > MAX_ID_BYTES // 4].items():
            size = len(value.encode("utf-8"))
            if size > MAX_ID_BYTES:
                problems.append(
                    Problem(
                        raw.file,
                        "id-too-long",
                        f"the id is {size:,} bytes long; Neo4j cannot index ids over "
                        f"{MAX_ID_BYTES:,} bytes (UTF-8); use a shorter id",
                        int(line),  # type: ignore[call-overload]
                        "id",
                        value[:40] + "...",
                    )
                )
    for col in INTEGER_COLUMNS.get(raw.name, ()):
        if col in frame:
            _report(check, "bad-year", frame, col, parse_years(frame[col]))
    for col in NUMBER_COLUMNS.get(raw.name, ()):
        if col in frame:
            parsed = parse_amounts(frame[col])
            _report(check, "bad-number", frame, col, parsed)
            check.add(
                "negative-amount",
                "amounts must be zero or more; record money the other way as a flow from "
                "the recipient to the funder",
                frame,
                (parsed.values < 0).to_numpy(),
                col,
            )
    if raw.name == "joint_actions" and {"start_year", "end_year"} <= set(frame.columns):
        start = parse_years(frame["start_year"]).values
        end = parse_years(frame["end_year"]).values
        check.add(
            "end-before-start",
            lambda row: f"end_year is before start_year {row['start_year']}; correct one of them",
            frame,
            (end < start).fillna(False),
            "end_year",
        )
    if raw.name == "participations" and "role" in frame:
        bad = (frame["role"] != "") & ~frame["role"].isin(ROLES)
        check.add("unknown-role", "role must be one of " + ", ".join(ROLES), frame, bad, "role")
    if raw.name == "organisations" and "scale" in frame:
        bad = (frame["scale"] != "") & ~frame["scale"].isin(SCALES)
        check.add("bad-scale", "scale must be one of " + ", ".join(SCALES), frame, bad, "scale")


def _report(check: _Checker, code: str, frame: pd.DataFrame, column: str, parsed: Parsed) -> None:
    """One problem per cell the number parser refused, with the parser's reason."""
    bad = (parsed.reasons != "").to_numpy()
    if bad.any():
        reasons = parsed.reasons
        check.add(code, lambda row: reasons[row.name], frame, bad, column)  # type: ignore[call-overload]


def _check_reference(
    raw: RawTable,
    frame: pd.DataFrame,
    column: str,
    targets: pd.Series,
    code: str,
    target_file: str,
    problems: list[Problem],
) -> None:
    values = frame[column]
    bad = (values != "") & ~values.isin(targets)
    _Checker(raw, problems).add(
        code, f"not an id in {target_file}; add it there or correct the id", frame, bad, column
    )


def _finish(table: str, frame: pd.DataFrame | None) -> pd.DataFrame:
    """Add missing optional columns, order the columns, set dtypes."""
    if frame is None:
        return empty_table(table)
    _, required, optional = TABLES[table]
    frame = frame.reset_index(drop=True)
    for col in optional:
        if col not in frame:
            frame[col] = ""
    known = [*required, *optional]
    frame = frame[known + [c for c in frame.columns if c not in known]].copy()
    for col in INTEGER_COLUMNS.get(table, ()):
        frame[col] = parse_years(frame[col]).values.astype("Int64")
    for col in NUMBER_COLUMNS.get(table, ()):
        frame[col] = parse_amounts(frame[col]).values
    return _with_dtypes(table, frame)


def validate_tables(
    tables: dict[str, RawTable], name: str, problems: list[Problem] | None = None
) -> Dataset:
    """Validate raw tables and build the :class:`Dataset`.

    Raises
    ------
    DatasetError
        With every problem of every table (plus ``problems`` met while reading).
    """
    problems = list(problems or [])
    frames: dict[str, pd.DataFrame] = {}
    usable: dict[str, bool] = {}
    for table, raw in tables.items():
        frame = _frame(raw, problems)
        ok = _check_columns(raw, frame, problems)
        usable[table] = ok
        if ok:
            _check_values(raw, frame, problems)
        frames[table] = frame
    orgs = frames.get("organisations")
    if orgs is not None and usable["organisations"] and len(orgs) == 0:
        problems.append(
            Problem(
                tables["organisations"].file,
                "no-rows",
                "the file has a header but no organisations; add one row per organisation",
            )
        )

    def ids(table: str) -> pd.Series | None:
        if table in frames and usable.get(table):
            return frames[table]["id"]
        return None

    org_ids, action_ids, hood_ids = (
        ids("organisations"),
        ids("joint_actions"),
        ids("neighbourhoods"),
    )
    refs = [
        ("participations", "organisation_id", org_ids, "unknown-organisation", "organisations"),
        ("participations", "action_id", action_ids, "unknown-action", "joint_actions"),
        ("funding", "funder_id", org_ids, "unknown-organisation", "organisations"),
        ("funding", "recipient_id", org_ids, "unknown-organisation", "organisations"),
        ("funding", "action_id", action_ids, "unknown-action", "joint_actions"),
        ("joint_actions", "neighbourhood", hood_ids, "unknown-neighbourhood", "neighbourhoods"),
    ]
    for table, column, targets, code, target in refs:
        if targets is None or not usable.get(table) or column not in frames[table]:
            continue
        target_file = tables[target].file
        _check_reference(tables[table], frames[table], column, targets, code, target_file, problems)
    if orgs is not None and usable.get("organisations") and hood_ids is not None:
        if "neighbourhoods" in orgs:
            cells = orgs["neighbourhoods"]
            # most cells hold one id: check those as a column, split only the others
            plain = ~cells.str.contains(r"[;\s]", regex=True)
            single = plain & (cells != "") & ~cells.isin(hood_ids)
            listed = ~plain
            lines = orgs.index.to_numpy()
            found = [(int(line), [part]) for line, part in zip(lines[single], cells[single])]
            if listed.any():
                known = set(hood_ids)
                for line, parts in zip(lines[listed], cells[listed].map(split_list)):
                    unknown = [part for part in parts if part not in known]
                    if unknown:
                        found.append((int(line), unknown))
            for line, parts in sorted(found, key=lambda item: item[0]):
                for part in parts:
                    problems.append(
                        Problem(
                            tables["organisations"].file,
                            "unknown-neighbourhood",
                            f"not an id in {tables['neighbourhoods'].file}; "
                            "add it there or correct the id",
                            line,
                            "neighbourhoods",
                            part,
                        )
                    )

    if problems:
        raise DatasetError(_ordered(problems, tables), source=name)

    warnings: list[str] = []
    organisations = _finish("organisations", frames["organisations"].copy())
    known_type = organisations["type"].isin(TYPE_SECTORS)
    derived = organisations["type"].map(TYPE_SECTORS).fillna(UNKNOWN_SECTOR)
    given = organisations["sector"]
    # object dtype like every other text column (astype(str) gives pandas' str dtype)
    organisations["sector"] = given.where(given != "", derived).astype(object)
    raw_orgs = frames["organisations"]
    for line, value, sector in zip(
        raw_orgs.index[~known_type.to_numpy()],
        organisations.loc[~known_type, "type"],
        organisations.loc[~known_type, "sector"],
        strict=True,
    ):
        note = (
            f"its sector is {sector!r}"
            if sector != UNKNOWN_SECTOR
            else "its sector is 'unknown' (add a sector column to place it)"
        )
        warnings.append(
            str(
                Problem(
                    tables["organisations"].file,
                    "unknown-type",
                    f"organisation type not in the vocabulary, kept; {note}",
                    int(line),
                    "type",
                    value,
                )
            )
        )
    participations = _finish("participations", frames.get("participations"))
    participations["role"] = participations["role"].replace("", DEFAULT_ROLE)
    return Dataset(
        name=name,
        organisations=organisations,
        joint_actions=_finish("joint_actions", frames.get("joint_actions")),
        participations=participations,
        funding=_finish("funding", frames.get("funding")),
        neighbourhoods=_finish("neighbourhoods", frames.get("neighbourhoods")),
        warnings=tuple(warnings),
    )


def _ordered(problems: list[Problem], tables: dict[str, RawTable]) -> list[Problem]:
    """Problems in table order, then line; a cell with a formula problem is reported once."""
    formula = ("formula-error", "formula-not-saved")
    formula_cells = {(p.file, p.line, p.column) for p in problems if p.code in formula}
    kept = [
        p for p in problems if p.code in formula or (p.file, p.line, p.column) not in formula_cells
    ]
    order: dict[str, int] = {}
    positions: dict[str, dict[str, int]] = {}
    for i, table in enumerate(TABLES):
        order[f"{table}.csv"] = i
        if table in tables:
            order[tables[table].file] = i
            positions[tables[table].file] = {c: k for k, c in enumerate(tables[table].header)}

    def key(p: Problem) -> tuple[int, int, int]:
        column = positions.get(p.file, {}).get(p.column or "", -1)
        return order.get(p.file, len(order)), p.line or 0, column

    return sorted(kept, key=key)
