"""A small valid dataset (every table, every optional column) and writers for it.

The bad-input tests start from :data:`SMALL` and break one thing; the happy
path tests write it as CSV and as a workbook and compare what is read.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pytest

from graphtool.model import INTEGER_COLUMNS, NUMBER_COLUMNS

#: Three organisations, two actions in two neighbourhoods, one flow.
SMALL: dict[str, str] = {
    "organisations": (
        "id,name,type,sector,scale,neighbourhoods\n"
        "o1,Gemeente Lindenwaard,municipality,,local,n1\n"
        "o2,Woonstede,housing_association,,local,n1;n2\n"
        "o3,Buurtkracht Zuid,resident_initiative,,local,n2\n"
    ),
    "joint_actions": (
        "id,name,theme,neighbourhood,start_year,end_year\n"
        "a1,Energie Noord,energy_transition,n1,2015,2017\n"
        "a2,Schoon Zuid,liveability,n2,2016,\n"
    ),
    "participations": (
        "action_id,organisation_id,role\na1,o1,lead\na1,o2,partner\na2,o2,\na2,o3,partner\n"
    ),
    "funding": (
        "funder_id,recipient_id,amount,year,action_id,programme\no1,o3,1500,2016,a2,Buurtbudget\n"
    ),
    "neighbourhoods": "id,name,municipality\nn1,Noord,Lindenwaard\nn2,Zuid,Lindenwaard\n",
}


def write_tables(folder: Path, tables: Mapping[str, str | bytes | None]) -> Path:
    """Write :data:`SMALL` with ``tables`` replacing files (``None`` leaves a file out)."""
    folder.mkdir(parents=True, exist_ok=True)
    for table, content in {**SMALL, **tables}.items():
        if content is None:
            continue
        file = folder / f"{table}.csv"
        if isinstance(content, bytes):
            file.write_bytes(content)
        else:
            file.write_text(content, encoding="utf-8")
    return folder


def _typed(table: str, column: str, text: str) -> object:
    """A cell as a spreadsheet user would type it: numbers as numbers, empty as empty."""
    if text == "":
        return None
    if column in INTEGER_COLUMNS.get(table, ()):
        return int(text)
    if column in NUMBER_COLUMNS.get(table, ()):
        number = float(text)
        return int(number) if number.is_integer() else number
    return text


def write_workbook(path: Path, tables: Mapping[str, str | None] | None = None) -> Path:
    """Write :data:`SMALL` (updated with ``tables``) as one workbook, one sheet per table."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table, text in {**SMALL, **(tables or {})}.items():
        if text is None:
            continue
        sheet = workbook.create_sheet(table)
        rows = list(csv.reader(io.StringIO(text)))
        header = rows[0]
        sheet.append(header)
        for row in rows[1:]:
            sheet.append([_typed(table, col, cell) for col, cell in zip(header, row, strict=True)])
    workbook.save(path)
    return path


def put_formula_error(path: Path, sheet: str, cell: str, formula: str, error: str) -> Path:
    """Make ``cell`` hold ``formula`` with the cached value ``error``, as Excel saves it.

    openpyxl writes a formula without a cached value, so the sheet XML is
    edited: the cell becomes ``<c t="e"><f>formula</f><v>error</v></c>``.
    """
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    workbook[sheet][cell].value = error
    workbook[sheet][cell].data_type = "e"
    index = workbook.sheetnames.index(sheet) + 1
    workbook.save(path)
    member = f"xl/worksheets/sheet{index}.xml"
    copy = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == member:
                xml = data.decode("utf-8")
                xml, n = re.subn(
                    rf'<c r="{cell}" t="e"><v>([^<]*)</v></c>',
                    rf'<c r="{cell}" t="e"><f>{formula}</f><v>\1</v></c>',
                    xml,
                )
                assert n == 1, f"cell {cell} not found in {member}"
                data = xml.encode("utf-8")
            out.writestr(item, data)
    shutil.move(copy, path)
    return path


@pytest.fixture
def small_folder(tmp_path: Path) -> Path:
    """:data:`SMALL` written as a folder of CSV files named ``ds``."""
    return write_tables(tmp_path / "ds", {})
