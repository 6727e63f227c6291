"""The fast CSV reader (pandas' C parser) reads exactly what the csv module reads.

Quote-free files go through pandas, with a record's line taken from its
position, and are only stripped when a scan finds whitespace at a cell's
edge; everything else goes through the csv module and is always stripped. Both must give the same
header, rows, physical lines and problems, whatever blank lines, whitespace
and line endings the file has.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphtool.ingest import read as read_module
from graphtool.ingest.read import read_csv_table

CELL = st.text(alphabet=st.sampled_from(["a", "b", "1", " ", "\t", "\u00a0"]), max_size=4)


@st.composite
def csv_texts(draw) -> str:
    delimiter = draw(st.sampled_from([",", ";"]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    width = draw(st.integers(1, 4))
    header = delimiter.join(f"c{i}" for i in range(width))
    rows = draw(
        st.lists(
            st.one_of(
                st.just(""),  # a blank line
                st.lists(CELL, min_size=1, max_size=width).map(delimiter.join),
            ),
            max_size=8,
        )
    )
    end = draw(st.sampled_from(["", newline]))
    return newline.join([header, *rows]) + end


def read_both(path: Path):
    fast = read_csv_table(path, "neighbourhoods")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(read_module, "_read_records", read_module._read_records_exactly)
        patch.setattr(read_module, "_needs_strip", lambda text: True)
        exact = read_csv_table(path, "neighbourhoods")
    return fast, exact


def summary(result):
    raw, problems = result
    if raw is None:
        return None, [str(p) for p in problems]
    return (
        raw.header,
        [int(line) for line in raw.lines],
        raw.cells.values.tolist(),
        [str(p) for p in problems],
    )


@settings(max_examples=150, deadline=None)
@given(text=csv_texts())
def test_fast_reader_matches_the_csv_module(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("csv") / "neighbourhoods.csv"
    path.write_bytes(text.encode())
    fast, exact = read_both(path)
    assert summary(fast) == summary(exact)


@pytest.mark.parametrize(
    "text",
    [
        "id,name\nn1,Noord\n\nn2,Zuid\n",  # blank line: n2 is on line 4
        "id,name\r\nn1, Noord \r\n\r\nn2,Zuid",  # CRLF, padded value, no final newline
        "id;name\nn1;Noord\n ; \nn2;Zuid\n",  # a line of whitespace and delimiters is blank
        'id,name\nn1,"Noord,\nwest"\nn2,Zuid\n',  # quoted line break: the csv module's way
        "id,name\rn1,Noord\rn2,Zuid\r",  # lone carriage returns: the csv module's way
    ],
)
def test_fast_reader_matches_the_csv_module_on_edge_cases(tmp_path, text):
    path = tmp_path / "neighbourhoods.csv"
    path.write_bytes(text.encode())
    fast, exact = read_both(path)
    assert summary(fast) == summary(exact)
    assert summary(fast)[2][-1] == ["n2", "Zuid"]


def test_lines_count_blank_lines(tmp_path):
    path = tmp_path / "neighbourhoods.csv"
    path.write_text("id,name\nn1,Noord\n\n\nn2,Zuid\n")
    raw, _ = read_csv_table(path, "neighbourhoods")
    assert list(raw.lines) == [2, 5]


def test_unknown_neighbourhoods_of_organisations_in_line_order(tmp_path):
    """Single ids are checked as a column, lists one by one; the problems stay in line order."""
    from graphtool.errors import DatasetError
    from graphtool.ingest import read_dataset
    from tests.plugins.small_dataset import SMALL, write_tables

    organisations = (
        SMALL["organisations"]
        .replace("o1,Gemeente Lindenwaard,municipality,,local,n1", "o1,G,municipality,,local,n8")
        .replace("n1;n2", "n9; n1 ;n7")
    )
    folder = write_tables(tmp_path / "ds", {"organisations": organisations})
    with pytest.raises(DatasetError) as caught:
        read_dataset(folder)
    found = [(p.line, p.value) for p in caught.value.problems]
    assert found == [(2, "n8"), (3, "n9"), (3, "n7")]


def test_organisation_neighbourhoods_of_single_ids_lists_and_blanks(make_dataset):
    """Single ids are taken as they are, lists are split and stripped, blanks give no row."""
    dataset = make_dataset(
        organisations=(
            "id,name,type,neighbourhoods\n"
            "o1,A,care,n1\n"
            "o2,B,care,\n"
            'o3,C,care," n2 ;n1;"\n'
            "o4,D,care,n3\n"
        ),
        neighbourhoods="id,name\nn1,N1\nn2,N2\nn3,N3\n",
    )
    rows = dataset.organisation_neighbourhoods().to_dict("records")
    assert [(r["organisation_id"], r["neighbourhood"]) for r in rows] == [
        ("o1", "n1"),
        ("o3", "n2"),
        ("o3", "n1"),
        ("o4", "n3"),
    ]
