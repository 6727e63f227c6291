"""The command line: help texts, documentation, and exact output of validate and overview."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest

from graphtool.cli import main
from tests.conftest import ROOT
from tests.plugins.datasets import write_dataset
from tests.plugins.small_dataset import SMALL, write_tables
from tests.test_graphs import HAND


def command_paths(group: click.Group = main, prefix: tuple[str, ...] = ()) -> list[str]:
    """Every command and sub-command, as typed after ``graphtool`` (``"neo4j load"``)."""
    paths = []
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        paths.append(" ".join(path))
        if isinstance(command, click.Group):
            paths.extend(command_paths(command, path))
    return paths


COMMANDS = command_paths()


def test_the_foundation_commands_are_registered() -> None:
    assert {"validate", "overview"} <= set(COMMANDS)


@pytest.mark.parametrize("path", COMMANDS)
def test_help_ends_with_an_example(runner, path: str) -> None:
    result = runner.invoke(main, [*path.split(), "--help"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.rstrip().splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip() == "Example:"]
    assert starts, f"graphtool {path} --help has no 'Example:' section"
    examples = [line.strip() for line in lines[starts[-1] + 1 :]]
    assert examples, f"graphtool {path} --help: 'Example:' is not followed by a command"
    for example in examples:
        assert f"graphtool {path}" in example, f"not an example of graphtool {path}: {example!r}"


# Every command and option is in docs/cli.md: tests/test_docs.py.


# --- validate ----------------------------------------------------------------------------


def test_validate_valid_dataset(runner, small_folder: Path) -> None:
    result = runner.invoke(main, ["validate", str(small_folder)])
    assert result.exit_code == 0
    assert result.stdout == (
        "valid: ds: 3 organisations, 2 joint actions, 4 participations, 1 funding flows, "
        "2 neighbourhoods\n"
    )
    assert result.stderr == ""


def test_validate_warning_and_quiet(runner, tmp_path: Path) -> None:
    folder = write_tables(
        tmp_path / "ds",
        {"organisations": SMALL["organisations"].replace("municipality", "gemeente")},
    )
    loud = runner.invoke(main, ["validate", str(folder)])
    assert loud.exit_code == 0
    assert loud.stderr.startswith(
        "warning: organisations.csv, line 2, column 'type': [unknown-type]"
    )
    quiet = runner.invoke(main, ["--quiet", "validate", str(folder)])
    assert quiet.exit_code == 0
    assert quiet.stderr == ""
    assert quiet.stdout == loud.stdout


def test_validate_without_argument_is_a_usage_error(runner) -> None:
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 2
    assert "Missing argument 'DATASET'" in result.stderr


# --- overview ----------------------------------------------------------------------------
#
# The numbers for HAND (tests/test_graphs.py), counted by hand:
# organisations a (municipality), b (housing_association), c (resident_initiative),
# d (care), e (business); ties a-b (j1, j2: weight 2), a-c, b-c (j2), a-d (j4); c alone in j3;
# e in nothing. 4 ties of 5·4/2 = 10 pairs: density 0.4. Components {a, b, c, d} and {e}.
# Betweenness of a: it is on the only shortest paths b-d and c-d, 2 pairs, normalised by
# (n-1)(n-2)/2 = 6: 1/3. Money: a->b 100 + 50, b->c 20.5, c->a 5; total 175.5, none within
# a group.

OVERVIEW_TABLE = """\
summary
measure             value
------------------  -----
dataset             hand
year
organisations       5
joint_actions       4
participations      10
funding_flows       4
neighbourhoods      0
collaboration_ties  4
density             0.4
components          2
largest_component   4
without_partner     1
without_action      1
total_funding       175.5

by type
type                 group           organisations  participations
-------------------  --------------  -------------  --------------
business             market                      1               0
care                 public_service              1               1
housing_association  public_service              1               2
municipality         government                  1               3
resident_initiative  residents                   1               2

by group
group           organisations  joint_actions  funding_given  funding_received  funding_within_group
--------------  -------------  -------------  -------------  ----------------  --------------------
government                  1              3            150                 5                     0
market                      1              0              0                 0                     0
public_service              2              3           20.5               150                     0
residents                   1              2              5              20.5                     0

most central
id  name         group           actions  partners  shared_actions  betweenness
--  -----------  --------------  -------  --------  --------------  -----------
a   Gemeente     government            3         3               4        0.667
b   Woonstede    public_service        2         2               3            0
c   Buurtkracht  residents             2         2               2            0
d   Zorg Oost    public_service        1         1               1            0
e   Bakkerij     market                0         0               0            0
"""

OVERVIEW_MD = """\
### summary

| measure | value |
|---|---|
| dataset | hand |
| year |  |
| organisations | 5 |
| joint_actions | 4 |
| participations | 10 |
| funding_flows | 4 |
| neighbourhoods | 0 |
| collaboration_ties | 4 |
| density | 0.4 |
| components | 2 |
| largest_component | 4 |
| without_partner | 1 |
| without_action | 1 |
| total_funding | 175.5 |

### by type

| type | group | organisations | participations |
|---|---|---|---|
| business | market | 1 | 0 |
| care | public_service | 1 | 1 |
| housing_association | public_service | 1 | 2 |
| municipality | government | 1 | 3 |
| resident_initiative | residents | 1 | 2 |

### by group

| group | organisations | joint_actions | funding_given | funding_received | funding_within_group |
|---|---|---|---|---|---|
| government | 1 | 3 | 150 | 5 | 0 |
| market | 1 | 0 | 0 | 0 | 0 |
| public_service | 2 | 3 | 20.5 | 150 | 0 |
| residents | 1 | 2 | 5 | 20.5 | 0 |

### most central

| id | name | group | actions | partners | shared_actions | betweenness |
|---|---|---|---|---|---|---|
| a | Gemeente | government | 3 | 3 | 4 | 0.667 |
| b | Woonstede | public_service | 2 | 2 | 3 | 0 |
| c | Buurtkracht | residents | 2 | 2 | 2 | 0 |
| d | Zorg Oost | public_service | 1 | 1 | 1 | 0 |
| e | Bakkerij | market | 0 | 0 | 0 | 0 |
"""

OVERVIEW_CSV = """\
# summary
measure,value
dataset,hand
year,
organisations,5
joint_actions,4
participations,10
funding_flows,4
neighbourhoods,0
collaboration_ties,4
density,0.4
components,2
largest_component,4
without_partner,1
without_action,1
total_funding,175.5

# by type
type,group,organisations,participations
business,market,1,0
care,public_service,1,1
housing_association,public_service,1,2
municipality,government,1,3
resident_initiative,residents,1,2

# by group
group,organisations,joint_actions,funding_given,funding_received,funding_within_group
government,1,3,150.0,5.0,0.0
market,1,0,0.0,0.0,0.0
public_service,2,3,20.5,150.0,0.0
residents,1,2,5.0,20.5,0.0

# most central
id,name,group,actions,partners,shared_actions,betweenness
a,Gemeente,government,3,3,4,0.666667
b,Woonstede,public_service,2,2,3,0.0
c,Buurtkracht,residents,2,2,2,0.0
d,Zorg Oost,public_service,1,1,1,0.0
e,Bakkerij,market,0,0,0,0.0
"""


def _row(*values):
    keys = ("id", "name", "group", "actions", "partners", "shared_actions", "betweenness")
    return dict(zip(keys, values, strict=True))


OVERVIEW_JSON = {
    "summary": {
        "dataset": "hand",
        "year": None,
        "organisations": 5,
        "joint_actions": 4,
        "participations": 10,
        "funding_flows": 4,
        "neighbourhoods": 0,
        "collaboration_ties": 4,
        "density": 0.4,
        "components": 2,
        "largest_component": 4,
        "without_partner": 1,
        "without_action": 1,
        "total_funding": 175.5,
    },
    "by_type": [
        {"type": "business", "group": "market", "organisations": 1, "participations": 0},
        {"type": "care", "group": "public_service", "organisations": 1, "participations": 1},
        {
            "type": "housing_association",
            "group": "public_service",
            "organisations": 1,
            "participations": 2,
        },
        {"type": "municipality", "group": "government", "organisations": 1, "participations": 3},
        {
            "type": "resident_initiative",
            "group": "residents",
            "organisations": 1,
            "participations": 2,
        },
    ],
    "by_group": [
        {
            "group": "government",
            "organisations": 1,
            "joint_actions": 3,
            "funding_given": 150.0,
            "funding_received": 5.0,
            "funding_within_group": 0.0,
        },
        {
            "group": "market",
            "organisations": 1,
            "joint_actions": 0,
            "funding_given": 0.0,
            "funding_received": 0.0,
            "funding_within_group": 0.0,
        },
        {
            "group": "public_service",
            "organisations": 2,
            "joint_actions": 3,
            "funding_given": 20.5,
            "funding_received": 150.0,
            "funding_within_group": 0.0,
        },
        {
            "group": "residents",
            "organisations": 1,
            "joint_actions": 2,
            "funding_given": 5.0,
            "funding_received": 20.5,
            "funding_within_group": 0.0,
        },
    ],
    "most_central": [
        # betweenness over the 4 active organisations: a lies on b–d and c–d, 2·2/(3·2)
        _row("a", "Gemeente", "government", 3, 3, 4, 0.666667),
        _row("b", "Woonstede", "public_service", 2, 2, 3, 0.0),
        _row("c", "Buurtkracht", "residents", 2, 2, 2, 0.0),
        _row("d", "Zorg Oost", "public_service", 1, 1, 1, 0.0),
        _row("e", "Bakkerij", "market", 0, 0, 0, 0.0),
    ],
}


@pytest.fixture
def hand_folder(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "hand", HAND)


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [("table", OVERVIEW_TABLE), ("md", OVERVIEW_MD), ("csv", OVERVIEW_CSV)],
)
def test_overview_formats(runner, hand_folder: Path, fmt: str, expected: str) -> None:
    result = runner.invoke(main, ["overview", str(hand_folder), "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected
    assert result.stderr == ""


def test_overview_table_is_the_default(runner, hand_folder: Path) -> None:
    assert runner.invoke(main, ["overview", str(hand_folder)]).stdout == OVERVIEW_TABLE


def test_overview_json(runner, hand_folder: Path) -> None:
    result = runner.invoke(main, ["overview", str(hand_folder), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == OVERVIEW_JSON


def test_overview_for_a_year(runner, hand_folder: Path) -> None:
    # 2016: j2 (a, b, c) and the timeless j3 (c); flows a->b 50 and b->c 20.5
    result = runner.invoke(
        main, ["overview", str(hand_folder), "--year", "2016", "--format", "json"]
    )
    summary = json.loads(result.stdout)["summary"]
    assert summary == {
        "dataset": "hand",
        "year": 2016,
        "organisations": 5,
        "joint_actions": 2,
        "participations": 5,
        "funding_flows": 2,
        "neighbourhoods": 0,
        "collaboration_ties": 3,
        "density": 0.3,
        "components": 3,
        "largest_component": 3,
        "without_partner": 2,
        "without_action": 2,
        "total_funding": 70.5,
    }


def test_overview_group_by_type_and_top(runner, hand_folder: Path) -> None:
    result = runner.invoke(
        main, ["overview", str(hand_folder), "--group-by", "type", "--top", "2", "--format", "json"]
    )
    data = json.loads(result.stdout)
    assert [r["group"] for r in data["by_group"]] == [
        "business",
        "care",
        "housing_association",
        "municipality",
        "resident_initiative",
    ]
    assert [(r["id"], r["group"]) for r in data["most_central"]] == [
        ("a", "municipality"),
        ("b", "housing_association"),
    ]


def test_overview_unknown_group_column(runner, hand_folder: Path) -> None:
    result = runner.invoke(main, ["overview", str(hand_folder), "--group-by", "colour"])
    assert result.exit_code == 1
    assert result.stderr == (
        "error: organisations have no column 'colour' to group by\n"
        "hint: choose one of: id, name, type, sector, scale, neighbourhoods\n"
    )
    assert result.stdout == ""


def test_overview_of_an_invalid_dataset_fails_like_validate(runner, tmp_path: Path) -> None:
    folder = write_tables(tmp_path / "ds", {"participations": None})
    overview = runner.invoke(main, ["overview", str(folder)])
    validate = runner.invoke(main, ["validate", str(folder)])
    assert overview.exit_code == validate.exit_code == 1
    assert overview.stderr == validate.stderr
    assert overview.stdout == ""


def test_overview_needs_a_source(runner) -> None:
    result = runner.invoke(main, ["overview"])
    assert result.exit_code == 2
    assert "give either a DATASET path or --neo4j NAME" in result.stderr


# --- numeric options ---------------------------------------------------------------------


def numeric_options() -> list[tuple[str, click.Parameter]]:
    found = []
    for path in COMMANDS:
        command = main
        for name in path.split():
            command = command.commands[name]  # type: ignore[attr-defined]
        if isinstance(command, click.Group):
            continue
        for param in command.params:
            if isinstance(param.type, (click.types.IntParamType, click.types.FloatParamType)):
                found.append((path, param))
    return found


def test_every_count_option_has_a_range() -> None:
    """Counts, seeds and fractions are ranges, so a bad value exits 2 (years are plain)."""
    plain = [
        f"graphtool {path} {param.opts[0]}"
        for path, param in numeric_options()
        if not isinstance(param.type, (click.IntRange, click.FloatRange))
        and not param.name.endswith(("year", "years"))
    ]
    assert numeric_options() and not plain, plain


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["overview", "--top", "-1"], "--top"),
        (["missing-links", "--top", "-1"], "--top"),
        (["missing-links", "--top", "0"], "--top"),
        (["missing-links", "--seed", "-1"], "--seed"),
        (["evaluate-links", "--top", "0", "--holdout", "0.2"], "--top"),
        (["evaluate-links", "--holdout", "1.5"], "--holdout"),
    ],
)
def test_bad_counts_are_bad_arguments(runner, small_folder: Path, args, option) -> None:
    command, *rest = args
    result = runner.invoke(main, [command, str(small_folder), *rest])
    assert result.exit_code == 2, result.stderr
    assert f"Invalid value for '{option}'" in result.stderr
    assert "Traceback" not in result.stderr


def test_library_errors_name_parameters_not_flags(small_folder: Path) -> None:
    from graphtool.analyses.missing_links import missing_links
    from graphtool.analyses.overview import overview
    from graphtool.errors import AnalysisError
    from graphtool.ingest import read_dataset

    dataset = read_dataset(small_folder)
    with pytest.raises(AnalysisError) as links:
        missing_links(dataset, top=-1)
    assert links.value.message == "top (how many suggestions) must be at least 1, got -1"
    with pytest.raises(AnalysisError) as central:
        overview(dataset, top=-1)
    assert central.value.message == (
        "top (how many central organisations) must be 0 or more, got -1"
    )


# --- output files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["visualise"], "page.html"),
        (["report"], "report.html"),
        (["report"], "report.md"),
        (["export", "--to", "gexf"], "graph.gexf"),
        (["export", "--to", "json"], "graph.json"),
        (["export", "--to", "csv"], "graph"),
    ],
)
def test_output_into_a_missing_folder_is_one_line(runner, tmp_path: Path, args, name) -> None:
    missing = tmp_path / "no" / "such"
    target = missing / name
    command, *rest = args
    result = runner.invoke(
        main, [command, str(ROOT / "sample_data" / "knoke"), *rest, "-o", str(target)]
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {target}: cannot write it, the folder {missing} does not exist; "
        "create the folder first or choose another path\n"
    )
    assert result.stdout == ""
    assert not (tmp_path / "no").exists()


def test_unwritable_output_is_one_error_and_leaves_nothing(tmp_path: Path) -> None:
    from graphtool.errors import OutputError
    from graphtool.present.files import write_files

    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "b.html").mkdir()  # the second file's path is taken by a folder
    with pytest.raises(OutputError, match=r"b\.html is a folder; refusing to replace it"):
        write_files({folder / "a.html": "a", folder / "b.html": "b"})
    assert sorted(p.name for p in folder.iterdir()) == ["b.html"]
