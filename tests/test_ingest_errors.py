"""Bad input -> the exact text ``graphtool validate`` writes on stderr, and its exit code.

Each case starts from the small valid dataset (``tests/plugins/small_dataset.py``)
written to a folder named ``ds`` (so the dataset is called ``ds``) and breaks
one thing, or several. ``{folder}`` in the expected text stands for that folder.
The table doubles as the list of examples in ``docs/dataset-format.md``
(``python -m tests.test_ingest_errors`` prints it).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from graphtool.cli import main
from graphtool.errors import DatasetError
from graphtool.ingest import read_dataset
from tests.conftest import ROOT
from tests.plugins.small_dataset import SMALL, put_formula_error, write_tables, write_workbook

HINT = "hint: fix the rows listed above; the format: graphtool help dataset-format"
ADD = "add it there or correct the id"
ORGS = SMALL["organisations"]
PARTS = SMALL["participations"]
FUNDING_HEADER = "funder_id,recipient_id,amount,year,action_id,programme\n"


@dataclass(frozen=True)
class Case:
    """One bad input: the files that replace the small dataset's, and the expected output."""

    id: str
    stderr: str
    files: dict[str, str | bytes | None] = field(default_factory=dict)
    #: builds the path to validate instead of ``files`` (workbooks, odd paths)
    build: Callable[[Path], Path] | None = None
    exit_code: int = 1

    def path(self, tmp_path: Path) -> Path:
        if self.build is not None:
            return self.build(tmp_path)
        return write_tables(tmp_path / "ds", self.files)


def errors(*lines: str, source: str = "ds", hint: str = HINT) -> str:
    """The stderr of a failed validation: the count line, one line per problem, the hint."""
    noun = "problem" if len(lines) == 1 else "problems"
    return (
        "\n".join([f"error: {source}: {len(lines)} {noun} found, nothing was loaded", *lines, hint])
        + "\n"
    )


def _workbook(tables: dict[str, str | None]) -> Callable[[Path], Path]:
    return lambda tmp: write_workbook(tmp / "ds.xlsx", tables)


def _formula_error(tmp: Path) -> Path:
    path = write_workbook(tmp / "ds.xlsx")
    return put_formula_error(path, "funding", "C2", "A2/0", "#DIV/0!")


def _fifo(tmp: Path) -> Path:
    folder = write_tables(tmp / "ds", {"organisations": None})
    os.mkfifo(folder / "organisations.csv")
    return folder


def _two_organisations_sheets(tmp: Path) -> Path:
    from openpyxl import load_workbook

    path = write_workbook(tmp / "ds.xlsx")
    workbook = load_workbook(path)
    workbook.create_sheet("Organisations.csv").append(["id", "name", "type"])
    workbook.save(path)
    return path


def _formula_not_saved(tmp: Path) -> Path:
    """openpyxl, like most libraries, writes a formula without its value."""
    from openpyxl import load_workbook

    path = write_workbook(tmp / "ds.xlsx")
    workbook = load_workbook(path)
    workbook["funding"]["D2"] = "=2010+6"
    workbook.save(path)
    return path


CASES = [
    Case(
        "missing-file",
        errors(
            "participations.csv: [missing-file] required file not found in {folder}; "
            "add it with the columns action_id, organisation_id (optional: role)"
        ),
        files={"participations": None},
    ),
    Case(
        "missing-column",
        errors(
            "organisations.csv, line 1, column 'type': [missing-column] required column 'type' "
            "is missing; the header has 'id', 'name'; add a column named 'type'"
        ),
        files={"organisations": "id,name\no1,A\no2,B\no3,C\n"},
    ),
    Case(
        "empty-required-value",
        errors(
            "organisations.csv, line 3, column 'name': [empty-value] name is required; "
            "fill it in (value: '')"
        ),
        files={"organisations": ORGS.replace("o2,Woonstede,", "o2,,")},
    ),
    Case(
        "empty-reference",
        errors(
            "participations.csv, line 3, column 'organisation_id': [empty-value] "
            "organisation_id is required; fill it in (value: '')"
        ),
        files={"participations": PARTS.replace("a1,o2,", "a1,,")},
    ),
    Case(
        "duplicate-organisation-id",
        errors(
            "organisations.csv, line 5, column 'id': [duplicate-id] id already used on line 2; "
            "ids must be unique (value: 'o1')"
        ),
        files={"organisations": ORGS + "o1,Gemeente again,municipality,,,\n"},
    ),
    Case(
        "duplicate-action-id",
        errors(
            "joint_actions.csv, line 4, column 'id': [duplicate-id] id already used on line 3; "
            "ids must be unique (value: 'a2')"
        ),
        files={"joint_actions": SMALL["joint_actions"] + "a2,Schoon Zuid 2,,,,\n"},
    ),
    Case(
        "participation-unknown-organisation",
        errors(
            "participations.csv, line 6, column 'organisation_id': [unknown-organisation] "
            f"not an id in organisations.csv; {ADD} (value: 'o9')"
        ),
        files={"participations": PARTS + "a1,o9,partner\n"},
    ),
    Case(
        "participation-unknown-action",
        errors(
            "participations.csv, line 6, column 'action_id': [unknown-action] "
            f"not an id in joint_actions.csv; {ADD} (value: 'a9')"
        ),
        files={"participations": PARTS + "a9,o1,partner\n"},
    ),
    Case(
        "funding-unknown-funder",
        errors(
            "funding.csv, line 2, column 'funder_id': [unknown-organisation] "
            f"not an id in organisations.csv; {ADD} (value: 'rijk')"
        ),
        files={"funding": FUNDING_HEADER + "rijk,o3,1500,2016,a2,\n"},
    ),
    Case(
        "funding-unknown-recipient",
        errors(
            "funding.csv, line 2, column 'recipient_id': [unknown-organisation] "
            f"not an id in organisations.csv; {ADD} (value: 'o4')"
        ),
        files={"funding": FUNDING_HEADER + "o1,o4,1500,2016,a2,\n"},
    ),
    Case(
        "funding-unknown-action",
        errors(
            "funding.csv, line 2, column 'action_id': [unknown-action] "
            f"not an id in joint_actions.csv; {ADD} (value: 'a3')"
        ),
        files={"funding": FUNDING_HEADER + "o1,o3,1500,2016,a3,\n"},
    ),
    Case(
        "action-unknown-neighbourhood",
        errors(
            "joint_actions.csv, line 3, column 'neighbourhood': [unknown-neighbourhood] "
            f"not an id in neighbourhoods.csv; {ADD} (value: 'west')"
        ),
        files={"joint_actions": SMALL["joint_actions"].replace(",n2,", ",west,")},
    ),
    Case(
        "organisation-unknown-neighbourhood",
        errors(
            "organisations.csv, line 3, column 'neighbourhoods': [unknown-neighbourhood] "
            f"not an id in neighbourhoods.csv; {ADD} (value: 'n3')"
        ),
        files={"organisations": ORGS.replace("n1;n2", "n1; n3 ;n2")},
    ),
    Case(
        "non-numeric-amount",
        errors(
            "funding.csv, line 2, column 'amount': [bad-number] not a number; write the amount "
            "in digits with a . as decimal point (1234.5) (value: 'EUR 1500')"
        ),
        files={"funding": FUNDING_HEADER + "o1,o3,EUR 1500,2016,,\n"},
    ),
    Case(
        "negative-amount",
        errors(
            "funding.csv, line 2, column 'amount': [negative-amount] amounts must be zero or "
            "more; record money the other way as a flow from the recipient to the funder "
            "(value: '-1500')"
        ),
        files={"funding": FUNDING_HEADER + "o1,o3,-1500,2016,,\n"},
    ),
    Case(
        "amount-1.000",
        errors(
            "funding.csv, line 2, column 'amount': [bad-number] ambiguous: the . may be a "
            "thousands separator; write 1000 for a thousand (no separators) or 1.0 for one "
            "(value: '1.000')"
        ),
        files={"funding": FUNDING_HEADER + "o1,o3,1.000,2016,,\n"},
    ),
    Case(
        "amount-1,000.50",
        errors(
            "funding.csv, line 2, column 'amount': [bad-number] write amounts without thousands "
            "separators, with a . as decimal point (1234.5) (value: '1,000.50')"
        ),
        files={"funding": FUNDING_HEADER + 'o1,o3,"1,000.50",2016,,\n'},
    ),
    Case(
        "amount-1.000,50",
        errors(
            "funding.csv, line 2, column 'amount': [bad-number] write amounts without thousands "
            "separators, with a . as decimal point (1234.5) (value: '1.000,50')"
        ),
        files={"funding": "funder_id;recipient_id;amount;year\no1;o3;1.000,50;2016\n"},
    ),
    Case(
        "amount-decimal-comma",
        errors(
            "funding.csv, line 2, column 'amount': [bad-number] write amounts without thousands "
            "separators, with a . as decimal point (1234.5) (value: '1500,50')"
        ),
        files={"funding": "funder_id;recipient_id;amount;year\no1;o3;1500,50;2016\n"},
    ),
    Case(
        "year-2016.5",
        errors(
            "funding.csv, line 2, column 'year': [bad-year] a year must be a whole number "
            "such as 2016 (value: '2016.5')"
        ),
        files={"funding": FUNDING_HEADER + "o1,o3,1500,2016.5,,\n"},
    ),
    Case(
        "year-twenty",
        errors(
            "joint_actions.csv, line 2, column 'start_year': [bad-year] a year must be a whole "
            "number such as 2016 (value: 'twenty')"
        ),
        files={"joint_actions": SMALL["joint_actions"].replace(",2015,", ",twenty,")},
    ),
    Case(
        "end-before-start",
        errors(
            "joint_actions.csv, line 2, column 'end_year': [end-before-start] end_year is "
            "before start_year 2015; correct one of them (value: '2014')"
        ),
        files={"joint_actions": SMALL["joint_actions"].replace("2015,2017", "2015,2014")},
    ),
    Case(
        "tab-delimiter",
        errors(
            "organisations.csv, line 1: [bad-delimiter] the columns are separated by tabs; "
            "separate them with , or ; (save the sheet as CSV, not as text) "
            "(value: 'id\\tname\\ttype\\tsector\\tscale\\tneighbourhoods')"
        ),
        files={"organisations": ORGS.replace(",", "\t")},
    ),
    Case(
        "bom-is-valid",
        "",
        files={"organisations": "\ufeff" + ORGS},
        exit_code=0,
    ),
    Case(
        "latin-1",
        errors(
            "organisations.csv, line 3, column 'name': [bad-encoding] byte 0xE9 is not UTF-8 "
            "(the file looks like Windows-1252 or Latin-1); save the file as UTF-8 "
            "(value: 'Woonstédé')"
        ),
        files={"organisations": ORGS.replace("Woonstede", "Woonstédé").encode("latin-1")},
    ),
    Case(
        "empty-file",
        errors("joint_actions.csv: [empty-file] the file is empty; it needs at least a header"),
        files={"joint_actions": ""},
    ),
    Case(
        "header-only",
        errors(
            "organisations.csv: [no-rows] the file has a header but no organisations; "
            "add one row per organisation"
        ),
        files={
            "organisations": "id,name,type\n",
            "participations": "action_id,organisation_id\n",
            "funding": None,
        },
    ),
    Case(
        "blank-lines",
        errors(
            "participations.csv, line 7, column 'action_id': [unknown-action] "
            f"not an id in joint_actions.csv; {ADD} (value: 'a9')"
        ),
        files={
            "participations": "action_id,organisation_id,role\n\na1,o1,lead\n\n\na1,o2,\na9,o3,\n"
        },
    ),
    Case(
        "crlf-and-blank-lines",
        errors(
            "participations.csv, line 4, column 'organisation_id': [unknown-organisation] "
            f"not an id in organisations.csv; {ADD} (value: 'o9')"
        ),
        files={"participations": "action_id,organisation_id\r\na1,o1\r\n\r\na1,o9\r\n"},
    ),
    Case(
        "quoted-line-break",
        errors(
            "organisations.csv, line 7, column 'id': [duplicate-id] id already used on line 6; "
            "ids must be unique (value: 'o3')"
        ),
        files={
            "organisations": (
                "id,name,type\n"
                'o1,"Gemeente\nLindenwaard",municipality\n'
                'o2,"Woonstede\n(housing)",housing_association\n'
                "o3,Buurtkracht Zuid,resident_initiative\n"
                "o3,Buurtkracht Noord,resident_initiative\n"
            )
        },
    ),
    Case(
        "unclosed-quote",
        errors(
            "organisations.csv, line 3: [bad-csv] a quoted value that starts on this line "
            'is never closed; add the closing "'
        ),
        files={"organisations": ORGS.replace("o2,Woonstede", 'o2,"Woonstede')},
    ),
    Case(
        "blank-line-above-header",
        errors(
            "neighbourhoods.csv, line 3: [blank-header] the header must be on line 1; "
            "remove the blank lines above it"
        ),
        files={"neighbourhoods": "\n\n" + SMALL["neighbourhoods"]},
    ),
    Case(
        "too-many-values",
        errors(
            "neighbourhoods.csv, line 2: [too-many-values] the row has 4 values but the header "
            "has 3 columns; quote values that contain the delimiter, or name the extra column "
            "(value: 'Lindenwaard')"
        ),
        files={"neighbourhoods": "id,name,municipality\nn1,Noord,Oost,Lindenwaard\nn2,Zuid,\n"},
    ),
    Case(
        "unnamed-column",
        errors(
            "neighbourhoods.csv, line 1: [unnamed-column] column 3 has values but no name in "
            "the header; name it or delete it"
        ),
        files={"neighbourhoods": "id,name,\nn1,Noord,1200\nn2,Zuid,\n"},
    ),
    Case(
        "duplicate-column",
        errors(
            "organisations.csv, line 1, column 'name': [duplicate-column] column 'name' appears "
            "twice in the header (columns 2 and 4); remove or rename one"
        ),
        files={
            "organisations": "id,name,type,name\no1,A,municipality,B\no2,C,care,D\no3,E,care,F\n"
        },
    ),
    Case(
        "unknown-role",
        errors(
            "participations.csv, line 2, column 'role': [unknown-role] role must be one of "
            "lead, partner, funder, contractor, participant (value: 'trekker')"
        ),
        files={"participations": PARTS.replace("a1,o1,lead", "a1,o1,trekker")},
    ),
    Case(
        "bad-scale",
        errors(
            "organisations.csv, line 4, column 'scale': [bad-scale] scale must be one of "
            "local, regional, national (value: 'wijk')"
        ),
        files={
            "organisations": ORGS.replace("resident_initiative,,local", "resident_initiative,,wijk")
        },
    ),
    Case(
        "path-does-not-exist",
        errors(
            "{folder}/nope: [not-found] no such file or folder",
            source="{folder}/nope",
            hint="hint: give the path of a dataset folder (holding organisations.csv) "
            "or of an .xlsx workbook",
        ),
        build=lambda tmp: tmp / "ds" / "nope",
    ),
    Case(
        "file-instead-of-folder",
        errors(
            "{folder}/organisations.csv: [not-a-dataset] a dataset is a folder of CSV files "
            "or one .xlsx workbook, not a single file",
            source="{folder}/organisations.csv",
            hint="hint: give the folder that holds it: {folder}",
        ),
        build=lambda tmp: write_tables(tmp / "ds", {}) / "organisations.csv",
    ),
    Case(
        "xlsx-missing-sheet",
        errors(
            "ds.xlsx[participations]: [missing-sheet] required sheet 'participations' not "
            "found; the workbook has 'organisations', 'joint_actions', 'funding', "
            "'neighbourhoods'; add a sheet 'participations' with the columns action_id, "
            "organisation_id (optional: role)"
        ),
        build=_workbook({"participations": None}),
    ),
    Case(
        "xlsx-formula-error",
        errors(
            "ds.xlsx[funding], line 2, column 'amount': [formula-error] cell C2 holds a formula "
            "error; fix the formula or type the value (value: '#DIV/0!')"
        ),
        build=_formula_error,
    ),
    Case(
        "xlsx-dangling-reference",
        errors(
            "ds.xlsx[participations], line 3, column 'organisation_id': [unknown-organisation] "
            f"not an id in ds.xlsx[organisations]; {ADD} (value: 'o7')"
        ),
        build=_workbook({"participations": PARTS.replace("a1,o2", "a1,o7")}),
    ),
    Case(
        "several-problems-in-order",
        errors(
            "organisations.csv, line 3, column 'id': [duplicate-id] id already used on line 2; "
            "ids must be unique (value: 'o1')",
            "organisations.csv, line 3, column 'scale': [bad-scale] scale must be one of "
            "local, regional, national (value: 'city')",
            "joint_actions.csv, line 2, column 'start_year': [bad-year] a year must be a whole "
            "number such as 2016 (value: '2015.5')",
            "participations.csv, line 2, column 'action_id': [unknown-action] "
            f"not an id in joint_actions.csv; {ADD} (value: 'a7')",
            "participations.csv, line 2, column 'organisation_id': [unknown-organisation] "
            f"not an id in organisations.csv; {ADD} (value: 'o8')",
            "participations.csv, line 3, column 'role': [unknown-role] role must be one of "
            "lead, partner, funder, contractor, participant (value: 'sponsor')",
            "funding.csv, line 2, column 'amount': [negative-amount] amounts must be zero or "
            "more; record money the other way as a flow from the recipient to the funder "
            "(value: '-1')",
            "funding.csv, line 2, column 'year': [bad-year] a year must be a whole number "
            "such as 2016 (value: 'twenty')",
        ),
        files={
            "organisations": "id,name,type,scale\no1,A,municipality,local\no1,B,care,city\n",
            "joint_actions": "id,name,start_year\na1,One,2015.5\n",
            # columns in another order than the contract: problems follow the file's order
            "participations": "action_id,organisation_id,role\na7,o8,\na1,o1,sponsor\n",
            "funding": "funder_id,recipient_id,amount,year\no1,o1,-1,twenty\n",
            "neighbourhoods": None,
        },
    ),
    Case(
        "id-too-long",
        errors(
            "organisations.csv, line 5, column 'id': [id-too-long] the id is 4,001 bytes long; "
            "Neo4j cannot index ids over 4,000 bytes (UTF-8); use a shorter id "
            f"(value: '{'x' * 40}...')"
        ),
        files={"organisations": ORGS + "x" * 4_001 + ",Long,care,,,\n"},
    ),
    Case(
        "too-large",
        errors(
            "neighbourhoods.csv, line 1: [too-large] the header has 16,402 columns, more than "
            "the limit of 16,384 columns; raise it with --max-columns if the file is genuine"
        ),
        files={"neighbourhoods": "id,name," + ",".join(f"c{i}" for i in range(16_400)) + "\n"},
    ),
    Case(
        "not-a-file",
        errors(
            "organisations.csv: [not-a-file] this is a named pipe (FIFO), not a file; copy "
            "the data into a regular file"
        ),
        build=_fifo,
    ),
    Case(
        "xlsx-duplicate-sheet",
        errors(
            "ds.xlsx[Organisations.csv]: [duplicate-sheet] sheets 'organisations' and "
            "'Organisations.csv' both name the table 'organisations'; delete or rename one of them"
        ),
        build=_two_organisations_sheets,
    ),
    Case(
        "xlsx-formula-not-saved",
        errors(
            "ds.xlsx[funding], line 2, column 'year': [formula-not-saved] cell D2 holds a formula "
            "whose value was never saved (the file was written by a program that does not "
            "calculate); open it in Excel or LibreOffice and save it once, or type the value"
        ),
        build=_formula_not_saved,
    ),
    Case(
        "unknown-type-is-a-warning",
        "warning: organisations.csv, line 4, column 'type': [unknown-type] organisation type "
        "not in the vocabulary, kept; its sector is 'unknown' (add a sector column to place "
        "it) (value: 'bewonersplatform')\n",
        files={"organisations": ORGS.replace("resident_initiative", "bewonersplatform")},
        exit_code=0,
    ),
    Case(
        "unknown-type-with-sector",
        "warning: organisations.csv, line 4, column 'type': [unknown-type] organisation type "
        "not in the vocabulary, kept; its sector is 'residents' (value: 'bewonersplatform')\n",
        files={"organisations": ORGS.replace("resident_initiative,", "bewonersplatform,residents")},
        exit_code=0,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_validate_reports_bad_input(case: Case, tmp_path: Path, runner) -> None:
    path = case.path(tmp_path)
    result = runner.invoke(main, ["validate", str(path)])
    expected = case.stderr.replace("{folder}", str(tmp_path / "ds"))
    assert result.stderr == expected
    assert result.exit_code == case.exit_code
    # no traceback: the only exception is click's own exit
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr
    if case.exit_code == 0:
        assert result.stdout.startswith("valid: ds: 3 organisations, 2 joint actions")
    else:
        assert result.stdout == ""


@pytest.mark.parametrize("case", [c for c in CASES if c.exit_code], ids=lambda c: c.id)
def test_read_dataset_raises_one_error_with_every_problem(case: Case, tmp_path: Path) -> None:
    """The library raises (nothing is returned) and its problems are the lines the CLI printed."""
    path = case.path(tmp_path)
    with pytest.raises(DatasetError) as info:
        read_dataset(path)
    printed = case.stderr.replace("{folder}", str(tmp_path / "ds")).splitlines()[1:-1]
    assert [str(p) for p in info.value.problems] == printed
    assert all(p.code for p in info.value.problems)


def test_every_problem_code_has_a_case() -> None:
    """Each code listed in the validate module's docstring is exercised by the table above."""
    import re

    import graphtool.ingest.validate as validate

    documented = set(re.findall(r"^([a-z]+(?:-[a-z]+)+) {2,}", validate.__doc__ or "", re.M))
    tested = set(re.findall(r"\[([a-z-]+)\]", "".join(c.stderr for c in CASES)))
    untested = documented - tested - {"bad-workbook"}  # needs a corrupt zip, tested below
    assert documented and not untested


def test_corrupt_workbook(tmp_path: Path, runner) -> None:
    path = tmp_path / "ds.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not a zip archive")
    result = runner.invoke(main, ["validate", str(path)])
    assert result.stderr == errors(
        "ds.xlsx: [bad-workbook] cannot open the workbook (File is not a zip file)",
        source="ds.xlsx",
        hint="hint: open it in a spreadsheet program and save it again as an .xlsx workbook",
    )
    assert result.exit_code == 1


def example_messages() -> dict[str, str]:
    """The first example message of each problem code, for the documentation."""
    import re

    examples: dict[str, str] = {}
    for case in CASES:
        for line in case.stderr.splitlines():
            match = re.search(r": \[([a-z-]+)\] ", line)
            if match and match.group(1) not in examples:
                examples[match.group(1)] = line.replace("{folder}", "/data/ds")
    return examples


def test_documentation_shows_an_example_of_every_code() -> None:
    """docs/dataset-format.md lists each code with a message from this table (regenerate it
    with ``python -m tests.test_ingest_errors`` when a message changes)."""
    docs = (ROOT / "docs" / "dataset-format.md").read_text(encoding="utf-8")
    for code, line in example_messages().items():
        assert f"| `{code}` | `{line}` |" in docs, code


if __name__ == "__main__":
    for code, line in example_messages().items():
        print(f"| `{code}` | `{line}` |")
