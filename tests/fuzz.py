"""A seeded mutator over the sample datasets, and the runner that judges each case.

Each case copies one sample dataset (``sample_data/knoke`` or
``sample_data/lindenwaard``), applies one mutation (a cell, a header, a
truncation, a delimiter, a removed file, ...) and runs ``graphtool validate``
in-process; a dataset that validates is then analysed (``overview``). A case
is judged by:

- **traceback**: an exception other than a clean exit escaped, or the
  last-resort handler had to print "please report this";
- **wrong code**: an exit code other than 0 (valid) or 1 (refused);
- **wrongly accepted**: a mutation known to make the data invalid gave 0;
- **wrongly refused**: a mutation known to keep the data valid gave 1;
- the time of the slowest case.

Run it by hand for the figures: ``python -m tests.fuzz --cases 600 --seed 20``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner

from graphtool.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "sample_data"
DATASETS = ("knoke", "lindenwaard")
YEAR_COLUMNS = {"joint_actions.csv": ("start_year", "end_year"), "funding.csv": ("year",)}
AMOUNT_COLUMNS = {"funding.csv": ("amount",)}
REQUIRED = {
    "organisations.csv": ("id", "name", "type"),
    "joint_actions.csv": ("id", "name"),
    "participations.csv": ("action_id", "organisation_id"),
    "funding.csv": ("funder_id", "recipient_id", "amount", "year"),
    "neighbourhoods.csv": ("id", "name"),
}
REQUIRED_FILES = ("organisations.csv", "joint_actions.csv", "participations.csv")

#: values no year may hold (each is refused)
BAD_YEARS = [
    "２０１６",
    "𝟚𝟘𝟙𝟞",
    "٢٠١٦",
    "1e20",
    "99999999999999999999",
    "99999",
    "-2016",
    "0",
    "2016.5",
    "twenty",
    "2016-01-01",
    "1e309",
    "nan",
]
#: values no amount may hold
BAD_AMOUNTS = [
    "1e309",
    "-1e309",
    "inf",
    "Infinity",
    "NaN",
    "１０００",
    "٣",
    "1,000,000",
    "1.000",
    "-5",
    "12abc",
    "€100",
    "0x10",
]
#: anything may appear in a text cell; none of these may crash the reader
TEXTS = [
    "",
    " ",
    '"',
    '""',
    '"unclosed',
    "a,b",
    "a;b",
    "line\nbreak",
    "\r",
    "\ufeff",
    "\x00",
    "<img src=x onerror=alert(1)>",
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "@SUM(A1)",
    "|pipe|",
    "`tick`",
    "é" * 50,
    "x" * 5000,
    "𝟘",
    "\t",
    "#DIV/0!",
    "NaN",
    "None",
    "null",
]
#: header names a column may be renamed to
HEADERS = ["", " ", "_line", "id", "name", "ID", "Name ", "\ufeffid", "a,b", '"', "x" * 300, "𝟘"]


@dataclass
class Case:
    number: int
    dataset: str
    kind: str
    detail: str
    #: True: must be refused; False: must be accepted; None: either is right
    invalid: bool | None


@dataclass
class Outcome:
    case: Case
    code: int
    traceback: str | None
    seconds: float
    output: str = ""


@dataclass
class Figures:
    cases: int = 0
    tracebacks: list[Outcome] = field(default_factory=list)
    wrong_codes: list[Outcome] = field(default_factory=list)
    wrongly_accepted: list[Outcome] = field(default_factory=list)
    wrongly_refused: list[Outcome] = field(default_factory=list)
    slowest: Outcome | None = None

    def add(self, outcome: Outcome) -> None:
        self.cases += 1
        if outcome.traceback is not None:
            self.tracebacks.append(outcome)
        elif outcome.code not in (0, 1):
            self.wrong_codes.append(outcome)
        elif outcome.case.invalid is True and outcome.code == 0:
            self.wrongly_accepted.append(outcome)
        elif outcome.case.invalid is False and outcome.code != 0:
            self.wrongly_refused.append(outcome)
        if self.slowest is None or outcome.seconds > self.slowest.seconds:
            self.slowest = outcome

    def summary(self) -> str:
        kinds = Counter(o.traceback.splitlines()[-1][:100] for o in self.tracebacks if o.traceback)
        lines = [
            f"cases: {self.cases}",
            f"tracebacks: {len(self.tracebacks)}",
            *(f"  {n} x {k}" for k, n in kinds.most_common()),
            f"wrong exit codes: {len(self.wrong_codes)}",
            f"wrongly accepted: {len(self.wrongly_accepted)}",
            *(f"  {o.case.kind}: {o.case.detail}" for o in self.wrongly_accepted[:10]),
            f"wrongly refused: {len(self.wrongly_refused)}",
            *(f"  {o.case.kind}: {o.case.detail}" for o in self.wrongly_refused[:10]),
        ]
        if self.slowest is not None:
            lines.append(
                f"slowest case: {self.slowest.seconds:.2f} s "
                f"({self.slowest.case.kind}: {self.slowest.case.detail[:80]})"
            )
        return "\n".join(lines)


# -- reading and writing the CSV files as rows (the mutator's own simple view) ----------------


def _rows(path: Path) -> list[list[str]]:
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        return [list(r) for r in csv.reader(handle)]


def _write(path: Path, rows: list[list[str]], delimiter: str = ",") -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=delimiter, lineterminator="\n").writerows(rows)


def mutate(folder: Path, rng: random.Random, number: int, dataset: str) -> Case:
    """Apply one random mutation to the dataset copy in ``folder``; say what it was."""
    files = sorted(p.name for p in folder.glob("*.csv"))
    kind = rng.choice(
        [
            "year",
            "year",
            "amount",
            "amount",
            "text",
            "text",
            "text",
            "header",
            "truncate",
            "delimiter",
            "remove",
            "unnamed-column",
            "only-delimiters",
            "garbage",
            "duplicate-id",
            "empty-required",
            "unknown-reference",
            "blank-lines",
            "long-cell",
            "extra-column",
        ]
    )
    name = rng.choice(files)
    path = folder / name

    def case(detail: str, invalid: bool | None, kind: str = kind) -> Case:
        return Case(number, dataset, kind, f"{name}: {detail}", invalid)

    if kind in ("year", "amount"):
        columns = YEAR_COLUMNS if kind == "year" else AMOUNT_COLUMNS
        candidates = [f for f in files if f in columns]
        if not candidates:
            kind = "text"
        else:
            name = rng.choice(candidates)
            path = folder / name
            rows = _rows(path)
            column = rng.choice(columns[name])
            c = rows[0].index(column)
            r = rng.randrange(1, len(rows))
            value = rng.choice(BAD_YEARS if kind == "year" else BAD_AMOUNTS)
            rows[r][c] = value
            _write(path, rows)
            return case(f"{column} on row {r + 1} = {value!r}", True)
    if kind == "text":
        rows = _rows(path)
        r = rng.randrange(1, len(rows))
        c = rng.randrange(len(rows[r]))
        value = rng.choice(TEXTS)
        rows[r][c] = value
        if rng.random() < 0.5:  # written raw, without the quoting a CSV writer adds
            path.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
            return case(f"raw cell row {r + 1} col {c + 1} = {value!r}", None)
        _write(path, rows)
        return case(f"cell row {r + 1} col {c + 1} = {value!r}", None)
    if kind == "header":
        rows = _rows(path)
        c = rng.randrange(len(rows[0]))
        old, value = rows[0][c], rng.choice(HEADERS)
        rows[0][c] = value
        _write(path, rows)
        read_as = value.removeprefix("\ufeff") if c == 0 else value  # a BOM opens the file
        invalid = True if old in REQUIRED[name] and read_as.strip() != old else None
        return case(f"header {old!r} -> {value!r}", invalid)
    if kind == "truncate":
        data = path.read_bytes()
        cut = rng.randrange(len(data))
        path.write_bytes(data[:cut])
        return case(
            f"cut at byte {cut} of {len(data)}",
            True if cut == 0 and name in REQUIRED_FILES else None,
        )
    if kind == "delimiter":
        rows = _rows(path)
        delimiter = rng.choice([";", "\t", "|"])
        _write(path, rows, delimiter)
        return case(f"delimiter {delimiter!r}", False if delimiter == ";" else True)
    if kind == "remove":
        path.unlink()
        return case("removed", True if name in REQUIRED_FILES else None)
    if kind == "unnamed-column":
        rows = _rows(path)
        for i, row in enumerate(rows):
            row.append("" if i == 0 else f"v{i}")
        _write(path, rows)
        return case("a column without a name, with values", True)
    if kind == "only-delimiters":
        text = rng.choice([",\n,\n", ",,,\n", ";\n;\n;\n", ",\n\n,\n", '""\n'])
        path.write_text(text, encoding="utf-8")
        return case(f"only delimiters {text!r}", True)
    if kind == "garbage":
        data = bytearray(path.read_bytes())
        at = rng.randrange(len(data))
        data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 8)))
        path.write_bytes(bytes(data))
        return case(f"bytes inserted at {at}", None)
    if kind == "duplicate-id":
        candidates = [f for f in files if "id" in _rows(folder / f)[0]]
        name = rng.choice(candidates)
        path = folder / name
        rows = _rows(path)
        c = rows[0].index("id")
        rows[2][c] = rows[1][c]
        _write(path, rows)
        return case(f"id on row 3 = id on row 2 ({rows[1][c]!r})", True)
    if kind == "empty-required":
        rows = _rows(path)
        column = rng.choice(REQUIRED[name])
        c = rows[0].index(column)
        r = rng.randrange(1, len(rows))
        rows[r][c] = rng.choice(["", " ", "\t"])
        _write(path, rows)
        return case(f"{column} on row {r + 1} emptied", True)
    if kind == "unknown-reference":
        name = "participations.csv"
        path = folder / name
        rows = _rows(path)
        c = rows[0].index(rng.choice(["action_id", "organisation_id"]))
        r = rng.randrange(1, len(rows))
        rows[r][c] = "no-such-id-" + str(number)
        _write(path, rows)
        return case(f"{rows[0][c]} on row {r + 1} unknown", True)
    if kind == "blank-lines":
        lines = path.read_text(encoding="utf-8").splitlines()
        at = rng.randrange(1, len(lines) + 1)
        lines[at:at] = ["", ""]
        path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
        return case(f"blank lines at {at + 1}, CRLF, BOM", False)
    if kind == "long-cell":
        name = "organisations.csv"
        path = folder / name
        rows = _rows(path)
        rows[1][rows[0].index("name")] = 'He said "' + "x" * 200_000 + '"'
        _write(path, rows)
        return case("a quoted name of 200,000 characters", False)
    # extra-column
    rows = _rows(path)
    column = rng.choice(["_line", "notes", "line", "index", "level_0"])
    for i, row in enumerate(rows):
        row.append(column if i == 0 else f"{column}-{i}")
    _write(path, rows)
    return case(f"an extra column {column!r}", False)


def run_case(root: Path, rng: random.Random, number: int, analyse: bool = True) -> Outcome:
    """Mutate a fresh copy of a sample dataset and run it through the command line."""
    dataset = rng.choice(DATASETS)
    folder = root / f"case-{number}"
    shutil.copytree(SAMPLES / dataset, folder, ignore=shutil.ignore_patterns("*.md"))
    case = mutate(folder, rng, number, dataset)
    runner = CliRunner()
    start = time.perf_counter()
    code, traceback, output = _invoke(runner, ["-q", "validate", str(folder)])
    if analyse and code == 0 and traceback is None:
        code, traceback, more = _invoke(runner, ["-q", "overview", str(folder), "--format", "json"])
        output += more
    seconds = time.perf_counter() - start
    shutil.rmtree(folder, ignore_errors=True)
    return Outcome(case, code, traceback, seconds, output)


def _invoke(runner: CliRunner, args: list[str]) -> tuple[int, str | None, str]:
    import traceback as tb

    result = runner.invoke(main, args, catch_exceptions=True)
    output = result.output
    error = None
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        error = "".join(tb.format_exception(result.exception))
    elif "please report this" in output:
        error = output.strip()
    return result.exit_code, error, output


def run(cases: int, seed: int, root: Path, analyse: bool = True) -> Figures:
    rng = random.Random(seed)
    figures = Figures()
    runner = CliRunner()  # warm up: the first command pays the imports, not a case
    _invoke(runner, ["-q", "validate", str(SAMPLES / DATASETS[0])])
    if analyse:
        _invoke(runner, ["-q", "overview", str(SAMPLES / DATASETS[0]), "--format", "json"])
    for number in range(cases):
        figures.add(run_case(root, rng, number, analyse))
    return figures


if __name__ == "__main__":
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=600)
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(run(args.cases, args.seed, Path(tmp)).summary())
