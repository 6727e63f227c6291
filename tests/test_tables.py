"""Numbers in tables: thousands separators for quantities, none for years, ids and query values."""

from __future__ import annotations

import pytest

from graphtool.present.cypher import render_result
from graphtool.present.report import html_table
from graphtool.present.tables import measure_rows, render, render_sections


def test_years_and_ids_have_no_separators_quantities_do() -> None:
    rows = [{"id": 123456, "start_year": 20140, "organisations": 123456}]
    text = render(rows, "table")
    assert text.splitlines()[-1].split() == ["123456", "20140", "123,456"]
    assert "| 123456 | 20140 | 123,456 |" in render(rows, "md")


def test_key_value_sections_keep_years_plain() -> None:
    section = {"from_year": 2014, "to_year": 2018, "ties_added": 15400}
    assert measure_rows(section)[0] == {"measure": "from_year", "value": "2014"}
    text = render_sections({"summary": section}, "md")
    assert "| from_year | 2014 |" in text and "| ties_added | 15,400 |" in text


def test_report_tables_write_years_without_separators() -> None:
    """The report printed "from_year 2,014"."""
    table = html_table(measure_rows({"from_year": 2014, "ties_added": 1540}))
    assert "<td>from_year</td><td>2014</td>" in table
    assert '<td class="num">1,540</td>' in table
    year_column = html_table([{"year": 2016, "amount": 2016.0}])
    assert '<td class="num">2016</td><td class="num">2,016</td>' in year_column


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_query_results_print_integers_as_they_are(fmt: str) -> None:
    """Cypher results hold ids, years and timestamps: 1701234567, never 1,701,234,567."""
    text = render_result(["created", "n"], [{"created": 1701234567, "n": 250000}], fmt)
    assert "1701234567" in text and "250000" in text
    assert "," not in text
