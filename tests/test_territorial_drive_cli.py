"""The territorial-drive and brokerage commands, run through click's CliRunner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graphtool.analyses.territorial_drive import OUTPUT_KEYS
from graphtool.cli import main
from tests.plugins.datasets import write_dataset
from tests.test_territorial_drive import ACTIONS, FUNDING, ORGANISATIONS, PARTICIPATIONS


@pytest.fixture
def folder(tmp_path):
    return write_dataset(
        tmp_path / "ds",
        {
            "organisations": ORGANISATIONS,
            "joint_actions": ACTIONS,
            "participations": PARTICIPATIONS,
            "funding": FUNDING,
        },
    )


def run(*args):
    result = CliRunner().invoke(main, ["--quiet", *map(str, args)])
    return result


def test_json_lists_flagged_organisations_with_every_key(folder):
    result = run("territorial-drive", folder, "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == ["s1", "h1"]
    assert all(tuple(r) == OUTPUT_KEYS for r in rows)
    # JSON carries the reason records and their sentence
    assert rows[1]["reasons"][0]["code"] == "own_group_partners"
    assert rows[1]["reasons"][0]["numbers"] == {"own": 3, "partners": 3}
    assert rows[1]["reasons"][0]["ids"]["organisations"] == ["h2", "w1", "c1"]
    assert rows[1]["reasons"][0]["text"].startswith("all 3 partners are public services")
    assert "configuration: defaults (threshold 0.65, min_actions 3" in result.stderr
    assert "flag rule: score >= 0.65" in result.stderr


def test_permutations_option_sets_the_reshuffles_and_zero_turns_the_test_off(folder):
    rows = json.loads(
        run("territorial-drive", folder, "--all", "--format", "json", "--permutations", "99").stdout
    )
    assert {r["permutations"] for r in rows} == {99}
    # with 99 reshuffles every p-value is a whole number of hundredths, at least 1/100
    p_values = [r["p_value"] for r in rows if r["p_value"] is not None]
    assert p_values and all(abs(p * 100 - round(p * 100)) < 1e-9 and p >= 0.01 for p in p_values)
    off = run("territorial-drive", folder, "--all", "--format", "json", "--permutations", "0")
    assert all(r["p_value"] is None for r in json.loads(off.stdout))
    assert "(no significance test: --permutations 0)" in off.stderr


def test_all_lists_every_organisation_absent_last(folder):
    rows = json.loads(run("territorial-drive", folder, "--all", "--format", "json").stdout)
    assert len(rows) == 9
    assert rows[-1]["id"] == "x1" and rows[-1]["absent"] and rows[-1]["score"] is None


def test_table_names_the_configuration_below(folder):
    result = run("territorial-drive", folder)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "id",
        "name",
        "group",
        "actions",
        "score",
        "p_value",
        "stability",
        "reasons",
    ]
    first = lines[2].split()
    assert first[:4] == ["s1", "Solo", "Stichting", "civil_society"]
    assert float(first[5]) == 1.0  # score, however the table formats floats
    assert (
        "none of its 3 joint actions has a partner; "
        "none of its 3 joint actions includes a residents' organisation"
    ) in lines[2]
    assert lines[-2].startswith("configuration: defaults")
    assert lines[-1].startswith(
        "flag rule: score >= 0.65, at least 3 joint actions, and p_value < 0.05 (999 reshuffles"
    )


def test_lang_nl(folder):
    rows = json.loads(run("territorial-drive", folder, "--lang", "nl", "--format", "json").stdout)
    assert rows[0]["reasons"][0]["code"] == "solo_actions"
    assert rows[0]["reasons"][0]["text"] == "geen van de 3 gezamenlijke acties heeft een partner"


def test_csv_has_the_all_columns(folder):
    result = run("territorial-drive", folder, "--all", "--format", "csv")
    header = result.stdout.splitlines()[0]
    assert header == (
        "id,name,type,group,actions,partners,solo_share,ei_index,partner_diversity,"
        "resident_reach,funding_in_group_share,constraint,score,ei_expected,ei_p_value,"
        "diversity_expected,diversity_p_value,p_value,q_value,permutations,seed,flag_stability,"
        "stability,flagged,absent,reasons"
    )


def test_config_file_overrides_and_is_named(folder, tmp_path):
    config = tmp_path / "graphtool.toml"
    config.write_text("[territorial_drive]\nmin_actions = 5\n\n[missing_links]\nblock_rows = 10\n")
    result = run("territorial-drive", folder, "--config", config, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in json.loads(result.stdout)] == []  # s1 has 3 actions, h1 4
    assert result.stderr.startswith(f"configuration: {config} (threshold 0.65, min_actions 5")


def test_config_threshold_in_markdown(folder, tmp_path):
    config = tmp_path / "graphtool.toml"
    config.write_text("[territorial_drive]\nthreshold = 0.9\n")
    result = run("territorial-drive", folder, "--config", config, "--format", "md")
    assert "| s1 | Solo Stichting |" in result.stdout
    assert "| h1 |" not in result.stdout
    assert f"configuration: {config} (threshold 0.9," in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "[territorial_drive]\nthreshold = 2\n",
            "territorial_drive.threshold: must be between 0 and 1, got 2",
        ),
        (
            "[territorial_drive]\ntreshold = 0.5\n",
            "[territorial_drive]: unknown setting 'treshold'",
        ),
        (
            "[territorial_drive]\nthreshold = 'high'\n",
            "[territorial_drive].threshold: expected a number, got 'high'",
        ),
        ("[territorial_drive\n", "not valid TOML"),
        # the whole file is checked: a misspelt section is never silently "used"
        (
            "[territorial_drve]\nthreshold = 0.1\n",
            "bad.toml: unknown section [territorial_drve]\nhint: did you mean [territorial_drive]? "
            "known sections: [missing_links], [roles], [scan], [territorial_drive]",
        ),
        ("[other_analysis]\nx = 1\n", "bad.toml: unknown section [other_analysis]"),
        ("threshold = 0.1\n", "bad.toml: setting 'threshold' is outside any section"),
        (
            "[scan]\nmargin_max_actions = -1\n",
            "bad.toml: scan.margin_max_actions: expected a whole number >= 0, got -1",
        ),
    ],
)
def test_bad_config_exits_1_with_a_clear_message(folder, tmp_path, content, message):
    config = tmp_path / "bad.toml"
    config.write_text(content)
    result = run("territorial-drive", folder, "--config", config)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("error: ")
    assert message in result.stderr


def test_missing_config_file(folder, tmp_path):
    result = run("territorial-drive", folder, "--config", tmp_path / "nope.toml")
    assert result.exit_code == 1
    assert "nope.toml: no such configuration file" in result.stderr


def test_unknown_group_column_exits_1(folder):
    result = run("territorial-drive", folder, "--group-by", "colour")
    assert result.exit_code == 1
    assert "organisations have no column 'colour' to group by" in result.stderr


def test_brokerage_command(folder):
    result = run("brokerage", folder, "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    m1 = next(r for r in rows if r["id"] == "m1")
    # r1 (residents) and b1 (market) meet through m1 in a8, so only a9/a10 are open: none
    assert m1["total"] == 0
    h1 = next(r for r in rows if r["id"] == "h1")
    # w1 - h1 - h2 and w1 - h1 - c1 open, each both ways, all public services
    assert h1["coordinator"] == 4 and h1["total"] == 4


def test_help_ends_with_an_example():
    for command in ("territorial-drive", "brokerage"):
        result = run(command, "--help")
        assert "Example:" in result.stdout
        assert result.stdout.rstrip().splitlines()[-1].strip().startswith("graphtool " + command)


def test_commands_and_defaults_are_documented():
    from graphtool.analyses.territorial_drive import DEFAULTS
    from tests.conftest import ROOT

    docs = (ROOT / "docs" / "measures.md").read_text(encoding="utf-8")
    for command in ("graphtool territorial-drive", "graphtool brokerage"):
        assert f"`{command}`" in docs
    for key, value in DEFAULTS.items():
        if key == "significance":
            for name, setting in value.items():
                shown = f'"{setting}"' if isinstance(setting, str) else setting
                assert f"{name} = {shown}" in docs
        elif key != "weights":
            assert f"{key} = {value}" in docs
    for name, weight in DEFAULTS["weights"].items():
        assert f"{name} = {weight}" in docs
