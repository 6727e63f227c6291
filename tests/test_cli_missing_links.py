"""The missing-links and evaluate-links commands."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graphtool.cli import main
from tests.plugins.datasets import write_dataset
from tests.plugins.missing_links import TINY, YEARS


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def tiny_folder(tmp_path):
    return str(write_dataset(tmp_path / "tiny", TINY))


@pytest.fixture
def years_folder(tmp_path):
    return str(write_dataset(tmp_path / "years", YEARS))


def test_missing_links_json(runner, tiny_folder):
    result = runner.invoke(
        main, ["-q", "missing-links", tiny_folder, "--top", "2", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["source"], r["target"]) for r in rows] == [("a", "b"), ("b", "e")]
    assert set(rows[0]) >= {
        "source",
        "target",
        "source_name",
        "target_name",
        "score",
        "components",
        "reasons",
    }
    assert rows[0]["reasons"][0]["code"] == "both_lead"
    assert rows[0]["reasons"][0]["ids"] == {"themes": ["health"], "neighbourhoods": ["zuid"]}
    assert rows[0]["reasons"][0]["text"] == "both lead health actions in Zuid"


def test_missing_links_for_org_csv_in_dutch(runner, tiny_folder):
    result = runner.invoke(
        main, ["-q", "missing-links", tiny_folder, "--for", "e", "--lang", "nl", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "source,target,source_name,target_name,score,shared_partners,reasons"
    assert lines[1].startswith("e,b,Gemeente E,Zorg B,") and "beide actief in Zuid" in lines[1]


def test_unknown_for_org_is_an_error(runner, tiny_folder):
    result = runner.invoke(main, ["-q", "missing-links", tiny_folder, "--for", "zz"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: unknown organisation id 'zz' in tiny\n")


def test_evaluate_links_json(runner, years_folder):
    result = runner.invoke(
        main,
        [
            "-q",
            "evaluate-links",
            years_folder,
            "--split-year",
            "2016",
            "--top",
            "1",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["method"] for r in rows] == [
        "graphtool",
        "adamic_adar",
        "common_neighbours",
        "preferential_attachment",
        "random",
    ]
    assert all({"precision_at_k", "recall_at_k", "auc"} <= set(r) for r in rows)


@pytest.mark.parametrize("args", [[], ["--holdout", "0.2", "--split-year", "2016"]])
def test_evaluate_links_needs_one_split(runner, years_folder, args):
    result = runner.invoke(main, ["evaluate-links", years_folder, *args])
    assert result.exit_code == 2
    assert "give exactly one of --holdout FRACTION and --split-year YEAR" in result.output


@pytest.mark.parametrize("command", ["missing-links", "evaluate-links"])
def test_help_ends_with_an_example(runner, command):
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    lines = [line.strip() for line in result.output.rstrip().splitlines()]
    assert lines[-3] == "Example:"
    assert lines[-1].startswith(f"graphtool {command} sample_data/lindenwaard")


def test_config_file_from_the_command_line(runner, tiny_folder, tmp_path):
    config = tmp_path / "weights.toml"
    config.write_text(
        "[missing_links.weights]\nstructure = 0.0\nactivity = 0.0\n"
        "neighbourhood = 0.0\ntheme = 0.0\ncomplementarity = 1.0\nbridging = 0.0\n"
    )
    result = runner.invoke(
        main,
        [
            "-q",
            "missing-links",
            tiny_folder,
            "--config",
            str(config),
            "--top",
            "1",
            "--format",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith("c,e,Bewoners C,Gemeente E,1.0,0,")
    config.write_text("[missing_links]\nblock_row = 5\n")
    result = runner.invoke(main, ["missing-links", tiny_folder, "--config", str(config)])
    assert result.exit_code == 1
    assert f"error: {config} [missing_links]: unknown setting 'block_row'" in result.stderr
