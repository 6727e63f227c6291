"""Hostile input: the seeded mutator, the hostile workbooks and CSV files, the last-resort handler.

Every case asserts no traceback, the right exit code and a message that names
the file (and the limit with its option, where one was passed). Times are
bounded generously ("no case runs past a few seconds"): a case that took
minutes before (a far-away dimension: 240 s) fails the bound by far.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graphtool.cli import main
from tests import fuzz
from tests.hostile_workbooks import HOSTILE, Hostile
from tests.plugins.small_dataset import SMALL, write_tables

#: "no case runs past a few seconds" on a shared, noisy machine
FEW_SECONDS = 10.0


def _check(figures: fuzz.Figures) -> None:
    assert figures.tracebacks == [], figures.summary()
    assert figures.wrong_codes == [], figures.summary()
    assert figures.wrongly_accepted == [], figures.summary()
    assert figures.wrongly_refused == [], figures.summary()
    assert figures.slowest is not None and figures.slowest.seconds < FEW_SECONDS, figures.summary()


def test_mutator_default_run(tmp_path: Path) -> None:
    """300 mutated sample datasets (seeded) through validate."""
    figures = fuzz.run(300, seed=20, root=tmp_path, analyse=False)
    assert figures.cases == 300
    _check(figures)


@pytest.mark.slow
def test_mutator_long_run(tmp_path: Path) -> None:
    """2,000 more, each valid one also analysed (overview)."""
    figures = fuzz.run(2000, seed=2026, root=tmp_path, analyse=True)
    _check(figures)


def test_mutator_finds_what_it_should(tmp_path: Path) -> None:
    """The judge can fail: a case known to be invalid that exits 0 counts as wrongly accepted."""
    case = fuzz.Case(0, "knoke", "year", "forced", invalid=True)
    figures = fuzz.Figures()
    figures.add(fuzz.Outcome(case, 0, None, 0.1))
    figures.add(fuzz.Outcome(case, 1, "Traceback ...\nValueError: x", 0.1))
    figures.add(fuzz.Outcome(case, 2, None, 0.1))
    assert len(figures.wrongly_accepted) == len(figures.tracebacks) == len(figures.wrong_codes) == 1


@pytest.mark.parametrize("case", HOSTILE, ids=[c.id for c in HOSTILE])
def test_hostile_workbook(runner, tmp_path: Path, case: Hostile) -> None:
    path = case.build(tmp_path / "ds.xlsx")
    start = time.perf_counter()
    result = runner.invoke(main, ["validate", str(path), *case.args])
    seconds = time.perf_counter() - start
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output and "please report this" not in result.output
    assert result.exit_code == case.code, result.output
    assert case.expect in result.output
    assert seconds < FEW_SECONDS
    if case.code:
        assert "ds.xlsx" in result.stderr


def test_hostile_workbooks_cover_the_reported_cases() -> None:
    ids = {c.id for c in HOSTILE}
    reported = {
        "corrupt-sheet-xml",
        "corrupt-workbook-xml",
        "corrupt-styles-xml",
        "entity-bomb-shared-strings",
        "year-1e20",
        "far-dimension",
        "zip-bomb",
        "far-row-wide-dimension",
        "huge-shared-string",
        "formula-without-value",
        "dimension-a1",
        "stale-dimension",
        "two-organisations-sheets",
    }
    assert reported <= ids


# -- CSV -----------------------------------------------------------------------------------


def _validate(runner, folder: Path, *args: str):
    result = runner.invoke(main, ["validate", str(folder), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "please report this" not in result.output
    return result


def test_only_delimiters_is_an_empty_file(runner, tmp_path: Path) -> None:
    folder = write_tables(tmp_path / "ds", {"neighbourhoods": ",\n,\n"})
    result = _validate(runner, folder)
    assert result.exit_code == 1
    assert "neighbourhoods.csv: [empty-file] the file holds no values, only delimiters" in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("value", "ascii"), [("２０１６", "2016"), ("𝟚𝟘𝟙𝟞", "2016"), ("٢٠١٦", "2016")]
)
def test_years_in_other_digits_are_refused_with_the_ascii_spelling(
    runner, tmp_path: Path, value: str, ascii: str
) -> None:
    funding = SMALL["funding"].replace(",2016,", f",{value},")
    result = _validate(runner, write_tables(tmp_path / "ds", {"funding": funding}))
    assert result.exit_code == 1
    assert (
        "funding.csv, line 2, column 'year': [bad-year] written with digits outside ASCII "
        f"(fullwidth, Arabic-Indic or mathematical); type it as {ascii} with the digits 0-9"
    ) in result.stderr


@pytest.mark.parametrize("year", ["1799", "2201", "0", "-2016", "99999999999999999999"])
def test_years_outside_the_range_are_refused(runner, tmp_path: Path, year: str) -> None:
    actions = SMALL["joint_actions"].replace(",2015,", f",{year},")
    result = _validate(runner, write_tables(tmp_path / "ds", {"joint_actions": actions}))
    assert result.exit_code == 1
    assert "[bad-year] a year must lie between 1800 and 2200" in result.stderr


@pytest.mark.parametrize("amount", ["1e309", "-1e309", "1E400"])
def test_non_finite_amounts_are_refused(runner, tmp_path: Path, amount: str) -> None:
    funding = SMALL["funding"].replace(",1500,", f",{amount},")
    result = _validate(runner, write_tables(tmp_path / "ds", {"funding": funding}))
    assert result.exit_code == 1
    assert "[bad-number] the number is too large to hold (it reads as infinity)" in result.stderr


def test_a_users_line_column_is_kept(tmp_path: Path) -> None:
    from graphtool.ingest import read_dataset

    orgs = "id,name,type,_line\no1,A,municipality,x1\no2,B,care,x2\no3,C,care,x3\n"
    dataset = read_dataset(write_tables(tmp_path / "ds", {"organisations": orgs}))
    assert dataset.organisations["_line"].tolist() == ["x1", "x2", "x3"]


def test_a_long_quoted_value_is_read(runner, tmp_path: Path) -> None:
    """Python's csv field limit (131,072) is lifted to the documented string limit."""
    name = 'said "' + "x" * 200_000 + '"'
    orgs = SMALL["organisations"].replace("Woonstede", '"' + name.replace('"', '""') + '"')
    result = _validate(runner, write_tables(tmp_path / "ds", {"organisations": orgs}))
    assert result.exit_code == 0, result.output
    result = _validate(
        runner, write_tables(tmp_path / "ds", {"organisations": orgs}), "--max-string", "1000"
    )
    assert result.exit_code == 1
    assert "more than the limit of 1,000 characters in one cell; raise it with --max-string" in (
        result.stderr
    )


def test_a_million_column_header_is_refused_fast(runner, tmp_path: Path) -> None:
    header = "id,name,type," + ",".join(f"c{i}" for i in range(1_000_000))
    folder = write_tables(tmp_path / "ds", {"neighbourhoods": header + "\n"})
    start = time.perf_counter()
    result = _validate(runner, folder)
    assert time.perf_counter() - start < FEW_SECONDS
    assert result.exit_code == 1
    assert (
        "neighbourhoods.csv, line 1: [too-large] the header has 1,000,003 columns, more than "
        "the limit of 16,384 columns; raise it with --max-columns"
    ) in result.stderr


def test_an_id_neo4j_cannot_index_is_refused(runner, tmp_path: Path) -> None:
    orgs = SMALL["organisations"] + "é" * 2_001 + ",Long,care,,,\n"
    result = _validate(runner, write_tables(tmp_path / "ds", {"organisations": orgs}))
    assert result.exit_code == 1
    assert "[id-too-long] the id is 4,002 bytes long; Neo4j cannot index ids over 4,000" in (
        result.stderr
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_fifo_is_refused_not_read(tmp_path: Path) -> None:
    """Reading a FIFO would wait for a writer forever: run in a child with a deadline."""
    folder = write_tables(tmp_path / "ds", {"organisations": None})
    os.mkfifo(folder / "organisations.csv")
    os.mkfifo(tmp_path / "pipe.xlsx")
    for target in (folder, tmp_path / "pipe.xlsx"):
        done = subprocess.run(
            [sys.executable, "-m", "graphtool", "validate", str(target)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 1
        assert "[not-a-file] this is a named pipe (FIFO), not a file" in done.stderr


def test_a_device_is_refused(runner, tmp_path: Path) -> None:
    folder = write_tables(tmp_path / "ds", {"organisations": None})
    (folder / "organisations.csv").symlink_to("/dev/zero")
    result = _validate(runner, folder)
    assert result.exit_code == 1
    assert "organisations.csv: [not-a-file] this is a device, not a file" in result.stderr


def test_any_reader_failure_names_the_file(runner, tmp_path: Path, monkeypatch) -> None:
    """An exception nobody foresaw while reading becomes a DatasetError naming the file.

    The failure is injected (pandas raising MemoryError): a real one needs a
    file larger than this machine's memory.
    """
    import graphtool.ingest.read as read

    def fail(*_args, **_kwargs):
        raise MemoryError("no memory left")

    monkeypatch.setattr(read, "_read_records", fail)
    result = _validate(runner, write_tables(tmp_path / "ds", {}))
    assert result.exit_code == 1
    assert "organisations.csv: [bad-csv] cannot read the file (MemoryError: no memory left)" in (
        result.stderr
    )


# -- the last-resort handler --------------------------------------------------------------


def test_an_unexpected_error_is_one_line_and_a_saved_traceback(
    runner, tmp_path: Path, monkeypatch
) -> None:
    """A bug (injected: an analysis that raises) gives one line, never a traceback."""
    import graphtool.analyses.overview as overview

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("division by zero in a place nobody tested")

    monkeypatch.setattr(overview, "overview", broken)
    monkeypatch.setenv("GRAPHTOOL_CRASH_DIR", str(tmp_path / "crashes"))
    result = runner.invoke(
        main, ["overview", str(write_tables(tmp_path / "ds", {})), "--password", "s3cret"]
    )
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        "error: unexpected ZeroDivisionError: division by zero in a place nobody tested "
        "(a bug in graphtool); please report this"
    )
    saved = Path(lines[0].rsplit("the traceback is in ", 1)[1])
    assert saved.parent == tmp_path / "crashes"
    text = saved.read_text()
    assert "Traceback (most recent call last)" in text and "ZeroDivisionError" in text
    assert "s3cret" not in text


def test_ctrl_c_exits_130_with_one_line(runner, tmp_path: Path, monkeypatch) -> None:
    import graphtool.analyses.overview as overview

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(overview, "overview", interrupted)
    result = runner.invoke(main, ["overview", str(write_tables(tmp_path / "ds", {}))])
    assert result.exit_code == 130
    assert result.stderr == "interrupted\n"
