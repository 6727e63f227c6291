"""Territorial drive on sample_data/: the patterns sample_data/README.md documents."""

from __future__ import annotations

import pytest

from graphtool.analyses.territorial_drive import territorial_drive
from graphtool.i18n.reasons import TERRITORIAL_DRIVE
from graphtool.ingest import read_dataset
from graphtool.present.reasons import Labels, reason_texts
from tests.conftest import SAMPLE_DATA


@pytest.fixture(scope="module")
def dataset():
    return read_dataset(SAMPLE_DATA / "lindenwaard")


@pytest.fixture(scope="module")
def lindenwaard(dataset):
    rows = territorial_drive(dataset)
    return {row["id"]: row for row in rows}


def sentences(row, dataset, lang="en"):
    return reason_texts(row["reasons"], Labels(dataset, lang=lang))


@pytest.mark.parametrize("folder", sorted(p.name for p in SAMPLE_DATA.iterdir() if p.is_dir()))
def test_every_sample_dataset_analyses_cleanly(folder):
    dataset = read_dataset(SAMPLE_DATA / folder)
    rows = territorial_drive(dataset)
    assert sorted(row["id"] for row in rows) == sorted(dataset.organisations["id"])
    for row in rows:
        # every organisation with a component above the reason level, or absent, says why
        assert row["reasons"] or not row["flagged"]
        assert all(r["code"] in TERRITORIAL_DRIVE for r in row["reasons"])
        for lang in ("en", "nl"):
            assert all(sentences(row, dataset, lang))


def test_exactly_the_three_siloed_organisations_are_flagged(lindenwaard):
    # sample_data/README.md, "1. Siloed organisations": scores 0.943, 0.749, 0.720 there
    flagged = [org for org, row in lindenwaard.items() if row["flagged"]]
    assert flagged == ["wc-woongoed", "zorg-zorgkring", "fnd-lindenhout"]
    assert [round(lindenwaard[o]["score"], 3) for o in flagged] == [0.943, 0.749, 0.720]
    # now judged against chance too (999 reshuffles, seed 0): each beyond chance
    for org in flagged:
        row = lindenwaard[org]
        assert row["p_value"] < 0.05 and row["q_value"] < 0.05, (org, row["p_value"])
        assert row["permutations"] == 999 and row["seed"] == 0
        assert 0 < row["flag_stability"] <= 1 and row["stability"] in ("robust", "fragile")
    # the two that work with their own kind: E-I well below its expectation by chance
    for org in ("zorg-zorgkring", "fnd-lindenhout"):
        row = lindenwaard[org]
        assert row["ei_index"] < row["ei_expected"] and row["ei_p_value"] < 0.01


def test_woongoed_acts_alone_and_keeps_its_money_with_its_subsidiary(lindenwaard, dataset):
    row = lindenwaard["wc-woongoed"]
    assert [(r["code"], r["numbers"]) for r in row["reasons"]][:4] == [
        ("solo_actions", {"solo": 5, "actions": 7}),
        ("own_group_partners", {"own": 1, "partners": 1}),
        ("no_residents", {"actions": 7}),
        (
            "money_within_group",
            {"share": 1.0, "within_money": 12_898_400.0, "total_money": 12_898_400.0},
        ),
    ]
    # its five solo actions, by name
    assert row["reasons"][0]["ids"] == {
        "joint_actions": ["ja-021", "ja-051", "ja-050", "ja-005", "ja-006"]
    }
    assert row["reasons"][1]["ids"] == {
        "groups": ["public_service"],
        "organisations": ["wc-gildewonen"],
    }
    assert row["reasons"][3]["ids"] == {
        "groups": ["public_service"],
        "organisations": ["wc-woongoed-wb"],
    }
    reasons = sentences(row, dataset)
    assert reasons[:4] == [
        "5 of its 7 joint actions have no partner",
        "its only partner is also in its own group (public services): Stichting Gildewonen",
        "none of its 7 joint actions includes a residents' organisation",
        "100% of the money it gives and receives (€12,898,400 of €12,898,400) stays within "
        "its group (public services), most of it with Woongoed Wijkbeheer B.V.",
    ]


def test_zorgkring_works_only_with_its_own_kind_never_residents(lindenwaard, dataset):
    row = lindenwaard["zorg-zorgkring"]
    assert [r["code"] for r in row["reasons"]] == [
        "own_group_partners",
        "no_residents",
        "money_within_group",
        "ei_against_chance",
        "score_beyond_chance",
        "flag_robust",
    ]
    assert row["reasons"][0]["numbers"] == {"own": 6, "partners": 6}
    assert row["reasons"][0]["ids"]["organisations"][0] == "zorg-ggz"
    reasons = sentences(row, dataset)
    assert reasons[0].startswith("all 6 partners are public services, like itself: GGZ Middenland")
    assert "none of its 5 joint actions includes a residents' organisation" in reasons
    assert any(
        r.startswith("75% of the money") and "Zorgverzekeraar MiddenZorg" in r for r in reasons
    )


def test_lindenhoutfonds_keeps_money_in_its_circle(lindenwaard, dataset):
    row = lindenwaard["fnd-lindenhout"]
    assert [r["code"] for r in row["reasons"]] == [
        "own_group_partners",
        "few_partner_groups",
        "no_residents",
        "money_within_group",
        "ei_against_chance",
        "score_beyond_chance",
        "flag_fragile",
    ]
    assert row["reasons"][1]["numbers"] == {"partners": 5, "used_groups": 2, "dataset_groups": 5}
    assert row["reasons"][1]["ids"] == {"groups": ["civil_society", "public_service"]}
    reasons = sentences(row, dataset)
    assert reasons[0].startswith("4 of its 5 partners are civil society, like itself")
    assert "none of its 4 joint actions includes a residents' organisation" in reasons
    assert any(
        r.startswith("100% of the money it gives and receives (€80,986 of €80,986)")
        for r in reasons
    )


@pytest.mark.parametrize("org", ["gem-lindenwaard", "wz-schakel", "wc-lindewonen"])
def test_collaborative_organisations_are_not_flagged(lindenwaard, org):
    # sample_data/README.md, "2. Collaborative organisations"
    row = lindenwaard[org]
    assert not row["flagged"]
    assert row["score"] < 0.25
    assert row["solo_share"] == 0.0
    # far from inward-looking: chance gives a score this high almost always
    assert row["p_value"] > 0.5


def test_absent_organisations(lindenwaard):
    # sample_data/README.md, "6. Absent organisations"
    absent = sorted(org for org, row in lindenwaard.items() if row["absent"])
    assert absent == ["bus-supermarkt", "fnd-samenleven", "rijk-rvo", "wc-woongoed-wb"]
    assert list(lindenwaard)[-4:] == sorted(absent)


def test_knoke_constraint_through_the_whole_pipeline(knoke):
    # sample_data/knoke turns each information arc into a two-organisation action, so the
    # collaboration weight of a pair is its mutual arc count: Burt's constraint on it equals
    # the directed constraint of the reference (igraph = networkx, tests/data/reference/README.md)
    from tests.test_reference_measures import KNOKE_CONSTRAINT

    rows = territorial_drive(read_dataset(SAMPLE_DATA / "knoke"))
    assert {r["id"]: r["constraint"] for r in rows} == pytest.approx(KNOKE_CONSTRAINT, abs=1e-6)
