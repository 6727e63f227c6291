"""Reading valid datasets: delimiters, BOM, workbooks, extra columns, defaults, dtypes, years."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from graphtool.ingest import read_dataset
from graphtool.model import TABLES, Dataset
from tests.plugins.small_dataset import SMALL, write_tables, write_workbook


def with_delimiter(text: str, delimiter: str) -> str:
    """The same table written with another delimiter (quoting what needs it)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerows(csv.reader(io.StringIO(text)))
    return out.getvalue()


def assert_same_tables(left: Dataset, right: Dataset) -> None:
    for table in TABLES:
        assert_frame_equal(getattr(left, table), getattr(right, table), obj=table)


@pytest.fixture
def small(small_folder: Path) -> Dataset:
    return read_dataset(small_folder)


def test_reads_every_table(small: Dataset) -> None:
    assert small.name == "ds"
    assert small.counts() == {
        "organisations": 3,
        "joint_actions": 2,
        "participations": 4,
        "funding": 1,
        "neighbourhoods": 2,
    }
    assert small.warnings == ()
    assert small.summary() == (
        "ds: 3 organisations, 2 joint actions, 4 participations, 1 funding flows, 2 neighbourhoods"
    )


def test_semicolon_delimiter_reads_the_same(small: Dataset, tmp_path: Path) -> None:
    tables = {t: with_delimiter(text, ";") for t, text in SMALL.items()}
    assert 'o2;Woonstede;housing_association;;local;"n1;n2"' in tables["organisations"]
    assert_same_tables(read_dataset(write_tables(tmp_path / "ds", tables)), small)


def test_delimiter_is_detected_per_file(small: Dataset, tmp_path: Path) -> None:
    tables = {"participations": with_delimiter(SMALL["participations"], ";")}
    assert_same_tables(read_dataset(write_tables(tmp_path / "ds", tables)), small)


def test_bom_and_crlf_read_the_same(small: Dataset, tmp_path: Path) -> None:
    tables = {t: "\ufeff" + text.replace("\n", "\r\n") for t, text in SMALL.items()}
    dataset = read_dataset(write_tables(tmp_path / "ds", tables))
    assert list(dataset.organisations.columns[:3]) == ["id", "name", "type"]
    assert_same_tables(dataset, small)


def test_workbook_reads_the_same_as_the_csv_files(small: Dataset, tmp_path: Path) -> None:
    # years and amounts are typed as numbers in the workbook, as a spreadsheet user would
    dataset = read_dataset(write_workbook(tmp_path / "ds.xlsx"))
    assert dataset.name == "ds"
    assert_same_tables(dataset, small)


def test_workbook_with_decimal_amount(tmp_path: Path) -> None:
    funding = "funder_id,recipient_id,amount,year\no1,o3,1250.75,2016\no1,o2,0.1,2017\n"
    from_csv = read_dataset(write_tables(tmp_path / "ds", {"funding": funding}))
    from_xlsx = read_dataset(write_workbook(tmp_path / "ds.xlsx", {"funding": funding}))
    assert from_xlsx.funding["amount"].tolist() == [1250.75, 0.1]
    assert_same_tables(from_xlsx, from_csv)


def test_extra_columns_are_kept_as_text_after_the_known_ones(tmp_path: Path) -> None:
    organisations = (
        "kvk,id,type,name,website\n"
        "0123,o1,municipality,Gemeente Lindenwaard,https://example.org\n"
        ",o2,housing_association,Woonstede,\n"
        "77,o3,resident_initiative,Buurtkracht Zuid,\n"
    )
    dataset = read_dataset(write_tables(tmp_path / "ds", {"organisations": organisations}))
    orgs = dataset.organisations
    assert list(orgs.columns) == [
        "id",
        "name",
        "type",
        "sector",
        "scale",
        "neighbourhoods",
        "kvk",
        "website",
    ]
    # kept as written: a leading zero is not lost to a number conversion
    assert orgs["kvk"].tolist() == ["0123", "", "77"]
    assert orgs["website"].tolist() == ["https://example.org", "", ""]


def test_sector_is_derived_from_type_unless_given(tmp_path: Path) -> None:
    organisations = (
        "id,name,type,sector\n"
        "o1,Gemeente,municipality,\n"
        "o2,Woonstede,housing_association,market\n"
        "o3,Buurtkracht,resident_initiative,\n"
        "o4,Bakker,bakery,\n"
        "o5,Wijkwinkel,shop,market\n"
    )
    dataset = read_dataset(write_tables(tmp_path / "ds", {"organisations": organisations}))
    assert dataset.organisations["sector"].tolist() == [
        "government",  # DESIGN.md: municipality -> government
        "market",  # given, kept even though the type says public_service
        "residents",
        "unknown",  # unknown type, no sector: reported as a warning
        "market",
    ]
    assert [w.split(" [")[0] for w in dataset.warnings] == [
        "organisations.csv, line 5, column 'type':",
        "organisations.csv, line 6, column 'type':",
    ]
    assert dataset.group_of("sector").to_dict() == dict(
        zip(
            ["o1", "o2", "o3", "o4", "o5"],
            ["government", "market", "residents", "unknown", "market"],
            strict=True,
        )
    )


def test_role_defaults_to_partner(small: Dataset) -> None:
    assert small.participations["role"].tolist() == ["lead", "partner", "partner", "partner"]


def test_role_column_may_be_absent(tmp_path: Path) -> None:
    parts = "organisation_id,action_id\no1,a1\no2,a1\n"
    dataset = read_dataset(write_tables(tmp_path / "ds", {"participations": parts}))
    assert list(dataset.participations.columns) == ["action_id", "organisation_id", "role"]
    assert dataset.participations["role"].tolist() == ["partner", "partner"]


def test_dtypes(small: Dataset) -> None:
    ja = small.joint_actions
    assert ja["start_year"].dtype == "Int64"
    assert ja["end_year"].dtype == "Int64"
    assert ja["end_year"].isna().tolist() == [False, True]
    assert small.funding["year"].dtype == "Int64"
    assert small.funding["amount"].dtype == "float64"
    assert small.funding["amount"].tolist() == [1500.0]
    for table, frame in small.tables().items():
        for column in frame.columns:
            if column in ("start_year", "end_year", "year", "amount"):
                continue
            assert frame[column].dtype == object, (table, column)
            assert all(isinstance(v, str) for v in frame[column]), (table, column)
    # optional text left empty is "", never NaN
    assert small.organisations["sector"].tolist() == ["government", "public_service", "residents"]
    assert small.funding["programme"].tolist() == ["Buurtbudget"]
    assert small.neighbourhoods["municipality"].tolist() == ["Lindenwaard", "Lindenwaard"]


def test_values_are_stripped(tmp_path: Path) -> None:
    hoods = " id , name \n n1 , Noord \nn2,Zuid\n"
    dataset = read_dataset(write_tables(tmp_path / "ds", {"neighbourhoods": hoods}))
    assert dataset.neighbourhoods["id"].tolist() == ["n1", "n2"]
    assert dataset.neighbourhoods["name"].tolist() == ["Noord", "Zuid"]


def test_optional_tables_may_be_absent(tmp_path: Path) -> None:
    folder = write_tables(
        tmp_path / "ds",
        {
            "funding": None,
            "neighbourhoods": None,
            "joint_actions": "id,name\na1,Energie Noord\na2,Schoon Zuid\n",
            "organisations": "id,name,type\no1,A,municipality\no2,B,care\no3,C,welfare\n",
        },
    )
    dataset = read_dataset(folder)
    assert dataset.counts()["funding"] == 0
    assert list(dataset.funding.columns) == [
        "funder_id",
        "recipient_id",
        "amount",
        "year",
        "action_id",
        "programme",
    ]
    assert dataset.funding["amount"].dtype == "float64"
    assert dataset.funding["year"].dtype == "Int64"
    assert list(dataset.neighbourhoods.columns) == ["id", "name", "municipality"]
    assert dataset.years() == []


def test_organisation_neighbourhoods(small: Dataset) -> None:
    rows = small.organisation_neighbourhoods().to_dict("records")
    assert rows == [
        {"organisation_id": "o1", "neighbourhood": "n1"},
        {"organisation_id": "o2", "neighbourhood": "n1"},
        {"organisation_id": "o2", "neighbourhood": "n2"},
        {"organisation_id": "o3", "neighbourhood": "n2"},
    ]


YEARS = {
    "joint_actions": (
        "id,name,start_year,end_year\n"
        "closed,Closed 2014-2016,2014,2016\n"
        "single,Only 2015,2015,2015\n"
        "open_end,From 2016,2016,\n"
        "open_start,Until 2013,,2013\n"
        "timeless,No years,,\n"
    ),
    "participations": (
        "action_id,organisation_id\n"
        "closed,o1\nclosed,o2\nsingle,o2\nopen_end,o3\nopen_start,o1\ntimeless,o3\n"
    ),
    "funding": (
        "funder_id,recipient_id,amount,year\no1,o2,100,2015\no1,o3,200,2016\no2,o3,50,2015\n"
    ),
}


@pytest.mark.parametrize(
    ("year", "actions", "flows"),
    [
        (2012, ["open_start", "timeless"], []),
        (2013, ["open_start", "timeless"], []),
        (2014, ["closed", "timeless"], []),
        (2015, ["closed", "single", "timeless"], [100.0, 50.0]),
        (2016, ["closed", "open_end", "timeless"], [200.0]),
        (2017, ["open_end", "timeless"], []),
        (2030, ["open_end", "timeless"], []),
    ],
)
def test_for_year(tmp_path: Path, year: int, actions: list[str], flows: list[float]) -> None:
    dataset = read_dataset(write_tables(tmp_path / "ds", YEARS))
    restricted = dataset.for_year(year)
    assert restricted.year == year
    assert restricted.joint_actions["id"].tolist() == actions
    assert set(restricted.participations["action_id"]) == set(actions)
    assert restricted.funding["amount"].tolist() == flows
    # organisations stay, so those without an action that year show as absent
    assert_frame_equal(restricted.organisations, dataset.organisations)
    assert restricted.joint_actions.index.tolist() == list(range(len(actions)))


def test_for_year_none_is_the_dataset(small: Dataset) -> None:
    assert small.for_year(None) is small


def test_for_years_is_the_union(tmp_path: Path) -> None:
    dataset = read_dataset(write_tables(tmp_path / "ds", YEARS))
    both = dataset.for_years([2013, 2015])
    assert both.joint_actions["id"].tolist() == ["closed", "single", "open_start", "timeless"]
    assert both.funding["amount"].tolist() == [100.0, 50.0]


def test_years(tmp_path: Path, small: Dataset) -> None:
    # actions span 2013..2016 (open ends add nothing), flows add 2015, 2016
    assert read_dataset(write_tables(tmp_path / "ds", YEARS)).years() == [
        2013,
        2014,
        2015,
        2016,
    ]
    # actions 2015-2017 and 2016-open, one flow in 2016
    assert small.years() == [2015, 2016, 2017]


def test_years_include_flows_outside_the_actions(tmp_path: Path) -> None:
    funding = "funder_id,recipient_id,amount,year\no1,o2,1,2020\n"
    dataset = read_dataset(write_tables(tmp_path / "ds", {"funding": funding}))
    assert dataset.years() == [2015, 2016, 2017, 2020]


def test_dataset_name_can_be_given(small_folder: Path) -> None:
    assert read_dataset(small_folder, name="lindenwaard").name == "lindenwaard"


def test_for_year_keeps_extra_columns(tmp_path: Path) -> None:
    actions = "id,name,start_year,budget\na1,One,2015,10\na2,Two,2016,20\n"
    dataset = read_dataset(write_tables(tmp_path / "ds", {"joint_actions": actions}))
    assert dataset.for_year(2015).joint_actions[["id", "budget"]].to_dict("records") == [
        {"id": "a1", "budget": "10"}
    ]
    assert isinstance(dataset.for_year(2015).joint_actions, pd.DataFrame)
