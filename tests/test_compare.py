"""Change between years on a dataset built to change in known ways, and on the sample data.

The built dataset (2016 → 2017):

- ties: gem–woco and gem–old end with their 2016-only actions; lib–bew, lib–new,
  bew–new and gem–lib start in 2017; gem–welz runs through both years.
- organisations: bew and new appear in 2017, old leaves after 2016.
- roles: lib is isolated in 2016 (its only action is solo) and the broker of
  2017 (every path from gem and welz to bew and new runs through it); gem is the
  broker of 2016 (the centre of a star) and collaborative in 2017; woco goes from
  collaborative to isolated (its 2017 action is solo).
- territorial drive with min_actions 1: woco's score goes from 0.5 (solo 0,
  (1 − E-I)/2 = 0, 1 − diversity = 1, 1 − resident_reach = 1) to 1.0 (one solo
  action, no resident: solo 1, 1 − resident_reach 1), so it is newly flagged;
  lib's only 2016 action is solo (score 1.0, flagged) and it is not flagged in 2017.
- scan: actions with residents 0 of 4 in 2016, 1 of 4 in 2017.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graphtool.analyses.compare import SECTIONS, compare
from graphtool.cli import main
from graphtool.errors import AnalysisError
from graphtool.ingest import read_dataset
from tests.conftest import SAMPLE_DATA

TABLES = {
    "organisations": (
        "id,name,type\n"
        "gem,Gemeente,municipality\n"
        "woco,Woonstede,housing_association\n"
        "welz,Welzijn,welfare\n"
        "bew,Bewoners,residents_association\n"
        "lib,Bibliotheek,other\n"
        "new,Nieuw BV,business\n"
        "old,Oud Fonds,foundation\n"
    ),
    "joint_actions": (
        "id,name,theme,start_year,end_year\n"
        "a1,Wonen,housing,2016,2016\n"
        "a2,Welzijn,liveability,2016,2017\n"
        "a3,Fonds,liveability,2016,2016\n"
        "a4,Lezen,education,2016,2016\n"
        "a5,Buurt,participation,2017,2017\n"
        "a6,Leesclub,education,2017,2017\n"
        "a7,Onderhoud,housing,2017,2017\n"
    ),
    "participations": (
        "action_id,organisation_id\n"
        "a1,gem\na1,woco\na2,gem\na2,welz\na3,old\na3,gem\na4,lib\n"
        "a5,lib\na5,bew\na5,new\na6,lib\na6,gem\na7,woco\n"
    ),
}
# six organisations are too few for a flag beyond chance: the flag mechanics are checked
# without the significance test (see test_a_flag_change_needs_the_evidence_of_its_year)
CONFIG = {"territorial_drive": {"min_actions": 1, "significance": {"permutations": 0}}}


@pytest.fixture
def change(make_dataset):
    return compare(make_dataset(**TABLES), 2016, 2017, config=CONFIG)


def test_sections(change):
    assert list(change) == list(SECTIONS)


def test_ties_added_and_lost(change):
    got = {(t["source"], t["target"], t["change"]) for t in change["ties"]}
    assert got == {
        ("gem", "woco", "lost"),
        ("gem", "old", "lost"),
        ("gem", "lib", "added"),
        ("bew", "lib", "added"),
        ("lib", "new", "added"),
        ("bew", "new", "added"),
    }
    summary = change["summary"]
    assert (summary["ties_from"], summary["ties_to"]) == (3, 5)
    assert (summary["ties_added"], summary["ties_lost"]) == (4, 2)


def test_organisations_appeared_and_left(change):
    got = {(o["id"], o["change"]) for o in change["organisations"]}
    assert got == {("bew", "appeared"), ("new", "appeared"), ("old", "left")}
    assert (change["summary"]["active_from"], change["summary"]["active_to"]) == (5, 6)


def test_role_changes(change):
    got = {r["id"]: (r["role_from"], r["role_to"]) for r in change["roles"]}
    assert got == {
        "lib": ("isolated", "broker"),
        "gem": ("broker", "collaborative"),
        "woco": ("collaborative", "isolated"),
        "old": ("collaborative", "absent"),
        "bew": ("absent", "collaborative"),
        "new": ("absent", "collaborative"),
    }


def test_territorial_drive_change(change):
    woco = next(r for r in change["territorial_drive"] if r["id"] == "woco")
    # no residents' organisation acts in 2016 (bew appears in 2017): resident_reach is left
    # out that year, so (solo 0 + (1 − E-I)/2 0 + 1 − diversity 1) / 3
    assert woco["score_from"] == pytest.approx(1 / 3)
    assert woco["score_to"] == pytest.approx(1.0)
    assert woco["score_change"] == pytest.approx(2 / 3)
    assert (woco["flagged_from"], woco["flagged_to"], woco["flag_change"]) == (
        False,
        True,
        "newly flagged",
    )
    # lib's only 2016 action is solo and without residents (score 1.0): flagged, then not
    flag_changes = {r["id"]: r["flag_change"] for r in change["territorial_drive"][:2]}
    assert flag_changes == {"woco": "newly flagged", "lib": "no longer flagged"}
    old = next(r for r in change["territorial_drive"] if r["id"] == "old")
    assert old["score_to"] is None and old["score_change"] is None


def test_scan_indicator_change(change):
    rows = {r["indicator"]: r for r in change["scan"]}
    share = rows["actions_with_residents_share"]
    assert (share["value_from"], share["value_to"], share["change"]) == (0.0, 0.25, 0.25)
    # every indicator of every point is there
    assert {r["key"] for r in change["scan"]} == {
        "residents",
        "socio_economic",
        "energy",
        "territorial_drive",
        "national_government",
    }


def test_same_year_changes_nothing(make_dataset):
    same = compare(make_dataset(**TABLES), 2017, 2017)
    assert same["ties"] == [] and same["organisations"] == [] and same["roles"] == []
    assert all(r["change"] in (0, None) for r in same["scan"])


def test_year_without_data(make_dataset):
    with pytest.raises(AnalysisError) as info:
        compare(make_dataset(**TABLES), 2010, 2017)
    assert info.value.message.endswith("has no joint action and no flow in 2010")
    assert info.value.hint == "years in the dataset: 2016–2017"


def test_lindenwaard_matches_readme():
    """sample_data/README.md, pattern 5: 85 → 210 ties, 154 added, 29 lost; oth-bieb a broker."""
    change = compare(read_dataset(SAMPLE_DATA / "lindenwaard"), 2014, 2018)
    s = change["summary"]
    assert (s["active_from"], s["active_to"]) == (38, 59)
    assert (s["ties_from"], s["ties_to"], s["ties_added"], s["ties_lost"]) == (85, 210, 154, 29)
    bieb = next(r for r in change["roles"] if r["id"] == "oth-bieb")
    assert (bieb["role_from"], bieb["role_to"]) == ("isolated", "broker")
    assert bieb["betweenness_to"] == pytest.approx(0.0487, abs=5e-5)


@pytest.mark.parametrize("fmt", ["table", "md", "json", "csv"])
def test_compare_command(fmt, tmp_path):
    from tests.plugins.datasets import write_dataset

    folder = write_dataset(tmp_path / "built", TABLES)
    result = CliRunner().invoke(
        main, ["compare", str(folder), "--from-year", "2016", "--to-year", "2017", "--format", fmt]
    )
    assert result.exit_code == 0, result.output
    if fmt == "json":
        data = json.loads(result.stdout)
        assert data["summary"]["ties_added"] == 4
        assert {r["id"] for r in data["roles"]} >= {"lib", "gem"}
    elif fmt == "md":
        assert "### roles" in result.stdout
        assert "| lib | Bibliotheek | isolated | broker |" in result.stdout
    else:
        assert "isolated" in result.stdout and "broker" in result.stdout


def test_a_flag_change_needs_the_evidence_of_its_year():
    from graphtool.analyses.compare import _flag_change, _flag_note

    flagged = {"flagged": True, "score": 0.8}
    below = {"flagged": False, "score": 0.4}
    # score still above the threshold, not flagged only for want of significance
    thin = {"flagged": False, "score": 0.8}
    assert _flag_change(below, flagged, 0.65) == "newly flagged"
    assert _flag_change(flagged, below, 0.65) == "no longer flagged"
    assert _flag_change(flagged, thin, 0.65) == ""
    assert _flag_note(flagged, thin, 0.65, 2017).startswith("flag not confirmed in 2017")
    assert _flag_change(thin, flagged, 0.65) == "newly flagged"


def test_compare_rows_carry_the_p_values_of_both_years():
    lindenwaard = read_dataset(SAMPLE_DATA / "lindenwaard")
    change = compare(lindenwaard, 2016, 2019)
    rows = change["territorial_drive"]
    assert all("p_value_from" in r and "p_value_to" in r for r in rows)
    newly = [r for r in rows if r["flag_change"] == "newly flagged"]
    assert all(r["p_value_to"] < 0.05 for r in newly)
