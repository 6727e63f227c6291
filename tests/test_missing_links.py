"""Missing-link suggestions: hand-checked scores, exclusions, reasons, determinism."""

from __future__ import annotations

import math

import numpy as np
import pytest

from graphtool.analyses.configuration import load_configuration
from graphtool.analyses.missing_links import COMPONENTS, DEFAULTS, missing_links
from graphtool.errors import AnalysisError, ConfigError
from graphtool.graphs import build_collaboration_graph, build_funding_graph
from graphtool.present.reasons import Labels, reason_texts
from tests.plugins.missing_links import TINY

EQUAL = {"weights": {name: 1.0 for name in COMPONENTS}}


def by_pair(rows):
    return {(r["source"], r["target"]): r for r in rows}


def test_tiny_candidates_are_two_hop_and_same_neighbourhood_pairs(tiny_links_dataset):
    rows = missing_links(tiny_links_dataset, top=100)
    # two hops via c: a-b, a-d, b-d; same neighbourhood Zuid: a-e (funded: excluded), b-e, c-e
    assert sorted(by_pair(rows)) == [("a", "b"), ("a", "d"), ("b", "d"), ("b", "e"), ("c", "e")]


def test_tiny_components_by_hand(tiny_links_dataset):
    rows = by_pair(missing_links(tiny_links_dataset, top=100, config=EQUAL))
    aa = 1 / math.log(3)  # one common partner, c, with 3 partners
    ra = 1 / 3  # resource allocation: the same partner counts 1/3
    # recency (half-life 4 years, latest start 2017): j1 (2015) counts 0.5^(2/4), j2 and j3
    # (2016) 0.5^(1/4), j4 (2017) 1; a is in j1, b in j2, c in j1-j3, e in j4
    r_a, r_b, r_c, r_e = 0.5**0.5, 0.5**0.25, 0.5**0.5 + 2 * 0.5**0.25, 1.0
    x_ab = math.log(1 + r_a * r_b)
    x_ce = math.log(1 + r_c * r_e)
    ab = rows[("a", "b")]
    assert ab["adamic_adar"] == pytest.approx(aa, abs=1e-6)
    assert ab["resource_allocation"] == pytest.approx(ra, abs=1e-6)
    assert ab["recent_actions"] == pytest.approx([r_a, r_b], abs=1e-6)
    assert ab["components"] == pytest.approx(
        {
            "structure": ra / (1 + ra),
            "activity": x_ab / (1 + x_ab),
            "neighbourhood": 1.0,  # both only in Zuid
            "theme": 1.0,  # both only health
            "complementarity": 0.0,  # both public services, no residents
            "bridging": 0.0,  # the star is one community; e alone
        },
        abs=1e-6,
    )
    assert ab["score"] == pytest.approx((0.25 + x_ab / (1 + x_ab) + 2) / 6, abs=1e-6)
    ce = rows[("c", "e")]["components"]
    # c: Zuid and Noord, e: Zuid -> 1/2; themes {health, energy} vs {housing} -> 0;
    # residents with government: different groups (1/2) and resident–institution (1/2)
    assert ce == pytest.approx(
        {
            "structure": 0,
            "activity": x_ce / (1 + x_ce),  # e has no partner but one recent action
            "neighbourhood": 0.5,
            "theme": 0,
            "complementarity": 1.0,
            "bridging": 1.0,
        }
    )


def test_score_is_the_weighted_mean_of_the_components(tiny_links_dataset):
    """The score formula; that docs/missing-links.md shows these weights is tests/test_docs.py."""
    rows = by_pair(missing_links(tiny_links_dataset, top=100))
    weights = DEFAULTS["weights"]
    comp = rows[("a", "d")]["components"]
    expected = sum(weights[k] * comp[k] for k in COMPONENTS) / sum(weights.values())
    assert rows[("a", "d")]["score"] == pytest.approx(expected, abs=1e-5)


def test_order_is_score_then_ids(tiny_links_dataset):
    # with every action counting alike, a and b (one action each, partner c, Zuid, health)
    # are interchangeable
    rows = missing_links(tiny_links_dataset, top=100, config={"recency_half_life": math.inf})
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    # a-d and b-d tie exactly: broken by source id
    pairs = [(r["source"], r["target"]) for r in rows]
    assert pairs.index(("a", "d")) + 1 == pairs.index(("b", "d"))


def test_reasons_name_partners_places_themes_and_groups(tiny_links_dataset):
    rows = by_pair(missing_links(tiny_links_dataset, top=100))
    ab = rows[("a", "b")]["reasons"]
    assert ab == [
        {
            "code": "both_lead",
            "numbers": {},
            "ids": {"themes": ["health"], "neighbourhoods": ["zuid"]},
        },
        {"code": "shared_partners", "numbers": {"partners": 1}, "ids": {"organisations": ["c"]}},
        {
            "code": "both_active",
            "numbers": {
                "actions_a": 1,
                "actions_b": 1,
                "latest_year_a": 2015,
                "latest_year_b": 2016,
            },
            "ids": {"organisations": ["a", "b"]},
        },
        {"code": "never_together", "numbers": {}, "ids": {}},
    ]
    assert reason_texts(ab, Labels(tiny_links_dataset)) == [
        "both lead health actions in Zuid",
        "1 shared partner: Bewoners C",
        "both active: Buurtwerk A in 1 joint actions (latest 2015), Zorg B in 1 (latest 2016)",
        "never in a joint action together and no funding between them",
    ]
    assert reason_texts(ab, Labels(tiny_links_dataset, lang="nl")) == [
        "beide trekken gezondheid-acties in Zuid",
        "1 gedeelde partner: Bewoners C",
        "beide actief: Buurtwerk A in 1 gezamenlijke acties (laatste 2015), Zorg B in 1 "
        "(laatste 2016)",
        "nooit samen in een gezamenlijke actie en geen geldstroom tussen hen",
    ]
    ce = rows[("c", "e")]["reasons"][2]
    assert ce == {
        "code": "resident_institution",
        "numbers": {},
        "ids": {"organisations": ["c", "e"], "groups": ["residents", "government"]},
    }
    assert reason_texts([ce], Labels(tiny_links_dataset)) == [
        "brings residents together with an institution (Bewoners C: residents; "
        "Gemeente E: government)"
    ]


def test_reasons_list_shared_partners_fewest_partners_first(make_dataset):
    # x and y share p, q and r; r also works with s, so r (3 partners) comes after p and q (2)
    ds = make_dataset(
        organisations="id,name,type\nx,X,welfare\ny,Y,care\np,P,other\nq,Q,other\nr,R,other\n"
        "s,S,other\n",
        joint_actions="id,name\n1,1\n2,2\n3,3\n4,4\n5,5\n6,6\n7,7\n",
        participations="action_id,organisation_id\n1,x\n1,p\n2,x\n2,q\n3,x\n3,r\n"
        "4,y\n4,p\n5,y\n5,q\n6,y\n6,r\n7,r\n7,s\n",
    )
    row = missing_links(ds, for_org="x", top=1)[0]
    assert (row["source"], row["target"]) == ("x", "y")
    shared = next(r for r in row["reasons"] if r["code"] == "shared_partners")
    assert shared["numbers"] == {"partners": 3}
    assert shared["ids"] == {"organisations": ["p", "q", "r"]}
    assert reason_texts([shared], Labels(ds)) == ["3 shared partners: P, Q and R"]
    # no funding table: the last reason says only that they never worked together
    assert row["reasons"][-1]["code"] == "never_together_no_funding_data"
    assert reason_texts(row["reasons"][-1:], Labels(ds)) == ["never in a joint action together"]


def random_dataset(make_dataset, seed):
    rng = np.random.default_rng(seed)
    orgs = "id,name,type,neighbourhoods\n" + "".join(
        f"o{i},Org {i},{rng.choice(['welfare', 'business', 'resident_initiative'])},"
        f"n{rng.integers(3)}\n"
        for i in range(30)
    )
    actions = "id,name,theme\n" + "".join(f"a{k},A{k},health\n" for k in range(25))
    parts = "action_id,organisation_id\n" + "".join(
        f"a{k},o{o}\n" for k in range(25) for o in rng.choice(30, rng.integers(1, 4), replace=False)
    )
    funding = "funder_id,recipient_id,amount,year\n" + "".join(
        f"o{a},o{b},10,2020\n" for a, b in rng.integers(0, 30, size=(15, 2)) if a != b
    )
    return make_dataset(
        organisations=orgs, joint_actions=actions, participations=parts, funding=funding
    )


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_never_suggests_collaborating_or_funded_pairs(make_dataset, seed):
    ds = random_dataset(make_dataset, seed)
    tied = build_collaboration_graph(ds).weights
    money = build_funding_graph(ds).amounts
    index = {o: k for k, o in enumerate(ds.organisations["id"])}
    rows = missing_links(ds, top=10_000)
    assert rows, "the random dataset should have candidates"
    for r in rows:
        a, b = index[r["source"]], index[r["target"]]
        assert tied[a, b] == 0 and money[a, b] == 0 and money[b, a] == 0


def test_deterministic_given_seed(make_dataset):
    ds = random_dataset(make_dataset, 5)
    assert missing_links(ds, top=50, seed=3) == missing_links(ds, top=50, seed=3)


def test_for_org_lists_its_partners_only(tiny_links_dataset):
    rows = missing_links(tiny_links_dataset, for_org="e", top=10)
    assert [(r["source"], r["target"]) for r in rows] == [("e", "b"), ("e", "c")]


def test_unknown_and_inactive_for_org(make_dataset):
    tables = dict(TINY, organisations=TINY["organisations"] + "z,Zonder acties,other\n")
    ds = make_dataset(**tables)
    with pytest.raises(AnalysisError, match="unknown organisation id 'nope'"):
        missing_links(ds, for_org="nope")
    with pytest.raises(AnalysisError, match="'z' takes part in no joint action"):
        missing_links(ds, for_org="z")


def test_config_file_overrides_weights(tiny_links_dataset, tmp_path):
    config = tmp_path / "weights.toml"
    config.write_text(
        "[missing_links.weights]\nstructure = 0.0\nactivity = 0.0\n"
        "neighbourhood = 0.0\ntheme = 0.0\ncomplementarity = 1.0\nbridging = 0.0\n"
    )
    settings = load_configuration(config)["missing_links"]
    rows = missing_links(tiny_links_dataset, top=1, config=settings)
    assert (rows[0]["source"], rows[0]["target"], rows[0]["score"]) == ("c", "e", 1.0)
    config.write_text("[missing_links.weights]\nstructur = 1.0\n")
    with pytest.raises(
        ConfigError, match="weights.toml \\[missing_links\\].weights: unknown setting 'structur'"
    ):
        load_configuration(config)
    with pytest.raises(ConfigError, match="missing_links.weights: unknown setting 'structur'"):
        missing_links(tiny_links_dataset, config={"weights": {"structur": 1.0}})


def test_lindenwaard_pairs_that_should_meet(tmp_path):
    # sample_data/README.md, "Pairs that should meet and don't": three pairs with the same
    # neighbourhood and themes and six shared partners each (Adamic–Adar ranks 8, 14 and 5;
    # the default score ranks them 20, 10 and 5: recently active organisations come first,
    # docs/missing-links.md)
    from graphtool.ingest import read_dataset
    from tests.conftest import SAMPLE_DATA

    rows = missing_links(read_dataset(SAMPLE_DATA / "lindenwaard"), top=20)
    found = {(r["source"], r["target"]): r for r in rows}
    for pair in [
        ("bi-zon-noorderkamp", "ec-lindenstroom"),
        ("fnd-schuldenmaatje", "gc-zuiderweide"),
        ("bo-oostermolen", "edu-wilgenhoek"),
    ]:
        assert pair in found, f"{pair} not among the 20 best suggestions"
        assert found[pair]["shared_partners"] == 6
    records = found[("bi-zon-noorderkamp", "ec-lindenstroom")]["reasons"]
    assert records[0]["code"] == "both_lead"
    assert records[0]["ids"] == {"themes": ["energy_transition"], "neighbourhoods": ["noorderkamp"]}
    assert records[1]["code"] == "shared_partners" and records[1]["numbers"] == {"partners": 6}
    reasons = reason_texts(records, Labels(read_dataset(SAMPLE_DATA / "lindenwaard")))
    assert reasons[0] == "both lead energy transition actions in Noorderkamp"
    assert reasons[1].startswith("6 shared partners: ")
