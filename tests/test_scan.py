"""The LSA scan on sample_data/lindenwaard against counts made here with pandas from the CSV files.

The expected values are computed independently of graphtool (plain pandas on the
files, following the definitions in graphtool/analyses/scan.py and the
patterns documented in sample_data/README.md), so a change in the scan's
arithmetic or in the reading of the files shows up here.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from graphtool.analyses.scan import DEFAULTS, check_config, indicator_rows, scan
from graphtool.cli import main
from graphtool.errors import ConfigError
from graphtool.ingest import read_dataset
from graphtool.model import TYPE_SECTORS
from graphtool.present.reasons import Labels, reason_text
from graphtool.present.scan import presented_points
from tests.conftest import SAMPLE_DATA

LINDENWAARD = SAMPLE_DATA / "lindenwaard"


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(LINDENWAARD / f"{name}.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def hand():
    """Hand counts from the CSV files, all years."""
    orgs = _csv("organisations")
    orgs["sector"] = orgs["type"].map(TYPE_SECTORS)
    actions = _csv("joint_actions")
    parts = _csv("participations").merge(orgs, left_on="organisation_id", right_on="id")
    flows = _csv("funding")
    flows["amount"] = flows["amount"].astype(float)
    residents = set(orgs.loc[orgs["sector"] == "residents", "id"])
    # local: a local organisation outside government, or a resident organisation
    is_local = (orgs["scale"] == "local") & (orgs["sector"] != "government")
    local = set(orgs.loc[is_local | (orgs["sector"] == "residents"), "id"])
    national = set(orgs.loc[orgs["type"] == "national_government", "id"])
    res_parts = parts[parts["organisation_id"].isin(residents)]
    se_themes = {"socio_economic", "employment", "education"}
    se_ids = set(actions.loc[actions["theme"].isin(se_themes), "id"])
    energy_ids = set(actions.loc[actions["theme"] == "energy_transition", "id"])
    linked = flows[flows["action_id"] != ""]
    energy_orgs = set(parts.loc[parts["action_id"].isin(energy_ids), "organisation_id"])
    energy_flows = flows[flows["action_id"].isin(energy_ids)]
    nat_flows = flows[flows["funder_id"].isin(national)]
    nat_parts = parts[parts["organisation_id"].isin(national)]
    # cross-group share of tie weight: every pair of participants of an action, per action
    pairs = parts[["action_id", "organisation_id", "sector"]].merge(
        parts[["action_id", "organisation_id", "sector"]], on="action_id"
    )
    pairs = pairs[pairs["organisation_id_x"] != pairs["organisation_id_y"]]
    return {
        "actions_with_residents_share": res_parts["action_id"].nunique() / len(actions),
        "actions_led_by_residents_share": res_parts.loc[
            res_parts["role"] == "lead", "action_id"
        ].nunique()
        / len(actions),
        "money_to_residents": flows.loc[flows["recipient_id"].isin(residents), "amount"].sum(),
        "socio_economic_actions": len(se_ids),
        "socio_economic_money_share": linked.loc[linked["action_id"].isin(se_ids), "amount"].sum()
        / linked["amount"].sum(),
        "energy_actions": len(energy_ids),
        "energy_participants": len(energy_orgs),
        "energy_local_participation_share": len(energy_orgs & local) / len(energy_orgs),
        "energy_money_to_local_share": energy_flows.loc[
            energy_flows["recipient_id"].isin(local), "amount"
        ].sum()
        / energy_flows["amount"].sum(),
        "cross_group_tie_share": (pairs["sector_x"] != pairs["sector_y"]).mean(),
        "national_money": nat_flows["amount"].sum(),
        "national_money_to_local_share": nat_flows.loc[
            nat_flows["recipient_id"].isin(local), "amount"
        ].sum()
        / nat_flows["amount"].sum(),
        "national_joint_actions": nat_parts["action_id"].nunique(),
        "national_joint_actions_beyond_funding": nat_parts.loc[
            nat_parts["role"] != "funder", "action_id"
        ].nunique(),
    }


@pytest.fixture(scope="module")
def points():
    return scan(read_dataset(LINDENWAARD))


def _indicators(points) -> dict:
    return {row["indicator"]: row["value"] for row in indicator_rows(points)}


def test_indicators_match_hand_counts(points, hand):
    values = _indicators(points)
    for name, expected in hand.items():
        assert values[name] == pytest.approx(expected), name


def test_documented_patterns(points):
    """sample_data/README.md: residents' money, the margin and the three siloed organisations."""
    values = _indicators(points)
    # "In all, 60 flows (€1,219,102) reach the residents group"
    assert values["money_to_residents"] == pytest.approx(1_219_102)
    # README "Whole collaboration graph": E = 295, I = 115 (weighted)
    assert values["cross_group_tie_share"] == pytest.approx(295 / 410)
    assert values["residents_at_margin"] == 3
    residents = points[0]
    margin = next(r for r in residents["evidence"] if r["code"] == "residents_at_margin")
    assert margin["numbers"] == {"residents": 3, "max_actions": 2}
    text = reason_text(margin, Labels(read_dataset(LINDENWAARD)))
    for name in (
        "Speeltuinvereniging De Kwakel",
        "Buurtmoestuin De Groene Zoom",
        "Buurteettafel Lindenhof",
    ):
        assert name in text
    assert values["flagged_organisations"] == 3
    assert values["components"] == 1


def test_points_shape_and_verdicts(points):
    assert [p["key"] for p in points] == [
        "residents",
        "socio_economic",
        "energy",
        "territorial_drive",
        "national_government",
    ]
    for p in points:
        assert p["verdict"] in ("good", "partly", "weak", "no data")
        assert p["headline"] in p["indicators"]
        assert p["evidence"]
    # 34 of 74 actions with residents (46 %) lies between weak 0.25 and good 0.5
    assert points[0]["verdict"] == "partly"


def test_thresholds_come_from_the_configuration():
    dataset = read_dataset(LINDENWAARD)
    strict = scan(dataset, config={"thresholds": {"territorial_drive": {"good": 0.9, "weak": 0.8}}})
    assert strict[3]["verdict"] == "weak"
    lenient = scan(dataset, config={"thresholds": {"residents": {"good": 0.4, "weak": 0.1}}})
    assert lenient[0]["verdict"] == "good"


def test_no_energy_action_gives_no_data(make_dataset):
    dataset = make_dataset(
        organisations="id,name,type\na,A,municipality\nb,B,resident_initiative\n",
        joint_actions="id,name,theme\nx,X,liveability\n",
        participations="action_id,organisation_id\nx,a\nx,b\n",
    )
    points = scan(dataset)
    energy = points[2]
    assert energy["verdict"] == "no data"
    assert energy["indicators"]["energy_local_participation_share"] is None
    assert points[0]["indicators"]["actions_with_residents_share"] == 1.0
    assert points[4]["verdict"] == "no data"


def test_money_for_an_action_not_active_that_year_keeps_its_theme(make_dataset, runner):
    """An employment action of 2016 paid for in 2017: in 2017 it is socio-economic money.

    The flow names the action it is for, so it counts as linked to an action and
    carries that action's theme, active in the year analysed or not (the same for
    the energy theme).
    """
    dataset = make_dataset(
        organisations="id,name,type,scale\na,A,municipality,local\nb,B,welfare,local\n",
        joint_actions=(
            "id,name,theme,start_year,end_year\n"
            "w,Work,employment,2016,2016\n"
            "e,Sun,energy_transition,2016,2016\n"
        ),
        participations="action_id,organisation_id\nw,a\nw,b\ne,a\ne,b\n",
        funding=("funder_id,recipient_id,amount,year,action_id\na,b,100,2017,w\na,b,30,2017,e\n"),
    )
    points = scan(dataset.for_year(2017))
    socio = points[1]["indicators"]
    assert socio["money_linked_to_actions_share"] == 1.0
    assert socio["socio_economic_money"] == 100.0
    assert socio["socio_economic_money_share"] == pytest.approx(100 / 130)
    assert points[2]["indicators"]["energy_money"] == 30.0
    # the whole dataset counts the same flows the same way
    assert scan(dataset)[1]["indicators"]["socio_economic_money"] == 100.0


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            {"thresholds": {"energy": {"good": 0.2, "weak": 0.5}}},
            "scan.thresholds.energy: need 0 <= weak <= good <= 1, got weak 0.5, good 0.2",
        ),
        (
            {"thresholds": {"energy": {"good": 1.5}}},
            "scan.thresholds.energy: need 0 <= weak <= good <= 1, got weak 0.25, good 1.5",
        ),
        (
            {"margin_max_actions": -1},
            "scan.margin_max_actions: expected a whole number >= 0, got -1",
        ),
        (
            {"socio_economic_themes": "employment"},
            "scan.socio_economic_themes: expected a list of theme names, got 'employment'",
        ),
        ({"colour": 1}, "scan: unknown setting 'colour'"),
    ],
)
def test_bad_configuration(config, message):
    with pytest.raises(ConfigError) as info:
        check_config(config)
    assert info.value.message == message


def test_defaults_are_valid():
    assert check_config(None) == DEFAULTS


def test_scan_command_table():
    result = CliRunner().invoke(main, ["scan", str(LINDENWAARD)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("LSA scan: dataset lindenwaard, fingerprint ")
    assert "1. Residents are the starting point — PARTLY" in lines
    assert "actions_with_residents_share *      45.9%" in result.stdout
    assert result.stdout.count("evidence:") == 5


def test_scan_command_json_and_csv(tmp_path):
    result = CliRunner().invoke(
        main, ["scan", str(LINDENWAARD), "--year", "2018", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["meta"]["year"] == 2018
    assert data["meta"]["configuration"] == "defaults"
    assert len(data["points"]) == 5
    csv = CliRunner().invoke(main, ["scan", str(LINDENWAARD), "--format", "csv"]).stdout
    assert csv.splitlines()[0] == "point,key,title,verdict,indicator,value,headline"
    assert len(csv.splitlines()) == 1 + sum(len(p["indicators"]) for p in data["points"])


def test_scan_command_config_file(tmp_path):
    config = tmp_path / "graphtool.toml"
    config.write_text("[scan.thresholds.residents]\ngood = 0.4\nweak = 0.1\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["scan", str(LINDENWAARD), "--config", str(config), "--format", "md"]
    )
    assert result.exit_code == 0, result.output
    assert "## 1. Residents are the starting point — good" in result.stdout
    assert f"configuration {config}" in result.stdout
    config.write_text("[scan]\nmargin_max_actions = 'two'\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["scan", str(LINDENWAARD), "--config", str(config)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {config} [scan].margin_max_actions: expected a number, got 'two'\n"
    )


def test_scan_in_dutch():
    dataset = read_dataset(LINDENWAARD)
    points = presented_points(scan(dataset), Labels(dataset, lang="nl"))
    assert points[0]["title"] == "Bewoners zijn het vertrekpunt"
    money = points[0]["evidence"][1]
    assert money["code"] == "money_to_residents"
    assert money["numbers"]["money"] == pytest.approx(1_219_102)
    assert money["text"] == "Bewonersorganisaties ontvangen € 1.219.102 (1% van al het geld)."


def test_evidence_sentences_in_english(points):
    dataset = read_dataset(LINDENWAARD)
    texts = [[r["text"] for r in p["evidence"]] for p in presented_points(points, Labels(dataset))]
    assert texts[0][:2] == [
        "34 of 74 joint actions include a resident organisation; 8 are led by one.",
        "Resident organisations receive €1,219,102 (1% of all money).",
    ]
    assert texts[3][0] == (
        "3 organisations show territorial drive: Woongoed Middenland, Zorgkring Middenland "
        "(wijkverpleging) and Stichting Lindenhoutfonds."
    )
    assert texts[4][0] == (
        "The national government gives €12,247,800 (8% of all money): government €11,560,400, "
        "public services €625,000 and civil society €62,400."
    )
    assert points[3]["evidence"][0]["ids"] == {
        "organisations": ["wc-woongoed", "zorg-zorgkring", "fnd-lindenhout"]
    }
