"""Territorial drive on tiny datasets whose every component is computed by hand."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from graphtool.analyses.territorial_drive import (
    DEFAULTS,
    OUTPUT_KEYS,
    check_config,
    left_out_components,
    territorial_drive,
)
from graphtool.errors import AnalysisError, ConfigError
from graphtool.present.reasons import Labels, reason_text, reason_texts

ORGANISATIONS = """id,name,type
h1,Woonstede,housing_association
h2,Thuisbaas,housing_association
w1,Welzijn Oost,welfare
c1,Zorg Plus,care
r1,Bewoners Noord,residents_association
m1,Gemeente,municipality
b1,Bakkerij Jansen,business
s1,Solo Stichting,foundation
x1,Nergens,foundation
"""
ACTIONS = "id,name\n" + "".join(f"a{i},Action {i}\n" for i in range(1, 11))
# h1 works only with public services (h2, w1, c1) and keeps its money with h2;
# s1 is always alone; m1 works with residents and the market; x1 has no action.
PARTICIPATIONS = """action_id,organisation_id
a1,h1
a1,h2
a2,h1
a2,w1
a3,h1
a3,c1
a3,h2
a4,h1
a5,s1
a6,s1
a7,s1
a8,m1
a8,r1
a8,b1
a9,m1
a9,r1
a10,m1
a10,b1
"""
FUNDING = """funder_id,recipient_id,amount,year
h1,h2,900,2020
m1,h1,100,2020
m1,r1,500,2020
"""


@pytest.fixture
def dataset(make_dataset):
    return make_dataset(
        organisations=ORGANISATIONS,
        joint_actions=ACTIONS,
        participations=PARTICIPATIONS,
        funding=FUNDING,
    )


@pytest.fixture
def rows(dataset):
    return {row["id"]: row for row in territorial_drive(dataset)}


def codes(row):
    return [r["code"] for r in row["reasons"]]


def sentences(row, dataset, lang="en"):
    return reason_texts(row["reasons"], Labels(dataset, lang=lang))


def test_every_row_has_the_documented_keys(rows):
    for row in rows.values():
        assert tuple(row) == OUTPUT_KEYS


def test_organisation_alone(rows, dataset):
    s1 = rows["s1"]
    # three actions, all solo: no partner, so E-I, diversity and constraint are undefined
    assert (s1["actions"], s1["partners"], s1["solo_share"]) == (3, 0, 1.0)
    assert s1["ei_index"] is None and s1["partner_diversity"] is None and s1["constraint"] is None
    assert s1["resident_reach"] == 0.0
    assert s1["funding_in_group_share"] is None
    assert s1["score"] == 1.0  # mean of solo 1 and 1 - reach = 1
    assert s1["flagged"]
    assert s1["reasons"][:2] == [
        {
            "code": "solo_actions",
            "numbers": {"solo": 3, "actions": 3},
            "ids": {"joint_actions": ["a5", "a6", "a7"]},
        },
        {"code": "no_residents", "numbers": {"actions": 3}, "ids": {}},
    ]
    assert sentences(s1, dataset)[:2] == [
        "none of its 3 joint actions has a partner",
        "none of its 3 joint actions includes a residents' organisation",
    ]
    # acting alone is judged against how often the network's actions are solo
    assert s1["p_value"] < 0.05 and s1["ei_p_value"] is None
    assert s1["reasons"][2]["code"] == "score_beyond_chance"
    assert sentences(s1, dataset)[2].startswith(
        "with the groups reshuffled at random, a score this high"
    )


def test_organisation_only_with_its_own_kind(rows, dataset):
    h1 = rows["h1"]
    # actions a1..a4; a4 solo; partners h2 (2 shared actions), w1, c1: all public services
    assert (h1["actions"], h1["partners"]) == (4, 3)
    assert h1["solo_share"] == 0.25
    assert h1["ei_index"] == -1.0
    assert h1["partner_diversity"] == 0.0
    assert h1["resident_reach"] == 0.0
    # gives 900 to h2 (own group), receives 100 from m1: 900 / 1000
    assert h1["funding_in_group_share"] == pytest.approx(0.9)
    # constraint on the weighted collaboration graph, as networkx computes it
    graph = nx.Graph()
    graph.add_weighted_edges_from(
        [("h1", "h2", 2), ("h1", "w1", 1), ("h1", "c1", 1), ("h2", "c1", 1)]
    )
    assert h1["constraint"] == pytest.approx(nx.constraint(graph, weight="weight")["h1"])
    assert h1["score"] == pytest.approx((0.25 + 1 + 1 + 1 + 0.9) / 5)
    assert h1["flagged"]
    assert h1["reasons"][:3] == [
        {
            "code": "own_group_partners",
            "numbers": {"own": 3, "partners": 3},
            # most shared actions first (h2: 2), then by name
            "ids": {"groups": ["public_service"], "organisations": ["h2", "w1", "c1"]},
        },
        {"code": "no_residents", "numbers": {"actions": 4}, "ids": {}},
        {
            "code": "money_within_group",
            "numbers": {"share": pytest.approx(0.9), "within_money": 900.0, "total_money": 1000.0},
            "ids": {"groups": ["public_service"], "organisations": ["h2"]},
        },
    ]
    assert sentences(h1, dataset)[:3] == [
        "all 3 partners are public services, like itself: Thuisbaas, Welzijn Oost and Zorg Plus",
        "none of its 4 joint actions includes a residents' organisation",
        "90% of the money it gives and receives (€900 of €1,000) stays within its group "
        "(public services), most of it with Thuisbaas",
    ]
    # 9 organisations, 4 public services: 3 of the 8 others share its group, 5/8 outside
    assert h1["ei_expected"] == pytest.approx(1 - 2 * 3 / 8)
    assert h1["reasons"][3]["code"] == "ei_against_chance"
    assert sentences(h1, dataset)[3] == (
        "expected about 62% of its ties outside its group given who is in this network; it has "
        "0%; this happens by chance in fewer than 1 in 20 reshuffles"
    )
    assert h1["ei_p_value"] < 0.05 and h1["permutations"] == 999 and h1["seed"] == 0


def test_organisation_with_residents(rows):
    m1 = rows["m1"]
    # a8 (r1, b1), a9 (r1), a10 (b1): partners r1 x2 (residents), b1 x2 (market)
    assert (m1["actions"], m1["partners"], m1["solo_share"]) == (3, 2, 0.0)
    assert m1["ei_index"] == 1.0
    # Blau 1 - (0.5² + 0.5²) = 0.5, five groups in the dataset: max 4/5
    assert m1["partner_diversity"] == pytest.approx(0.5 / 0.8)
    assert m1["resident_reach"] == pytest.approx(2 / 3)
    assert m1["funding_in_group_share"] == 0.0  # its money goes to h1 and r1
    assert not m1["flagged"]
    assert m1["reasons"] == []


def test_resident_reach_is_undefined_for_residents(rows):
    assert rows["r1"]["resident_reach"] is None
    assert rows["r1"]["score"] is not None


def test_money_staying_in_group(make_dataset):
    dataset = make_dataset(
        organisations="id,name,type\nf1,Fonds A,foundation\nf2,Fonds B,foundation\n"
        "e1,Energie,energy_cooperative\nb1,Bedrijf,business\n",
        joint_actions="id,name\nj1,One\n",
        participations="action_id,organisation_id\nj1,f1\nj1,b1\n",
        funding="funder_id,recipient_id,amount,year\nf1,f2,600,2020\nf1,e1,200,2021\n"
        "b1,f1,200,2021\n",
    )
    f1 = {row["id"]: row for row in territorial_drive(dataset)}["f1"]
    # gives 600 + 200 within civil society, receives 200 from the market: 800 / 1000
    assert f1["funding_in_group_share"] == pytest.approx(0.8)
    money = next(r for r in f1["reasons"] if r["code"] == "money_within_group")
    assert money["numbers"] == {
        "share": pytest.approx(0.8),
        "within_money": 800.0,
        "total_money": 1000.0,
    }
    assert money["ids"] == {"groups": ["civil_society"], "organisations": ["f2"]}
    assert (
        "80% of the money it gives and receives (€800 of €1,000) stays within its group "
        "(civil society), most of it with Fonds B" in sentences(f1, dataset)
    )


def test_absent_organisation(rows, dataset):
    x1 = rows["x1"]
    assert x1["absent"] and not x1["flagged"]
    assert x1["score"] is None and x1["actions"] == 0
    assert x1["reasons"] == [{"code": "no_actions", "numbers": {}, "ids": {}}]
    assert sentences(x1, dataset) == ["takes part in no joint action, so it is not scored"]


def test_absent_in_a_year_names_the_year(make_dataset):
    dataset = make_dataset(
        organisations="id,name,type\na,A,welfare\nb,B,care\n",
        joint_actions="id,name,start_year,end_year\nj1,One,2018,2019\nj2,Two,2021,\n",
        participations="action_id,organisation_id\nj1,a\nj2,b\n",
    )
    cut = dataset.for_year(2021)
    rows = {r["id"]: r for r in territorial_drive(cut)}
    assert rows["a"]["reasons"] == [{"code": "no_actions", "numbers": {"year": 2021}, "ids": {}}]
    assert sentences(rows["a"], cut, "nl") == [
        "neemt aan geen enkele gezamenlijke actie deel in 2021, dus geen score"
    ]
    assert sentences(rows["a"], cut) == [
        "takes part in no joint action in 2021, so it is not scored"
    ]


def test_order_flagged_then_scored_then_absent(rows):
    order = list(rows)
    flagged = [i for i in order if rows[i]["flagged"]]
    absent = [i for i in order if rows[i]["absent"]]
    assert order[: len(flagged)] == flagged
    assert order[-len(absent) :] == absent == ["x1"]
    scores = [rows[i]["score"] for i in order if not rows[i]["flagged"] and not rows[i]["absent"]]
    assert scores == sorted(scores, reverse=True)
    assert flagged == ["s1", "h1"]  # 1.0 before 0.83


def test_minimum_number_of_actions_holds_back_a_flag(make_dataset):
    dataset = make_dataset(
        organisations=ORGANISATIONS,
        joint_actions=ACTIONS,
        participations=PARTICIPATIONS,
        funding=FUNDING,
    )
    rows = {r["id"]: r for r in territorial_drive(dataset, config={"min_actions": 5})}
    assert not rows["h1"]["flagged"]
    assert rows["h1"]["reasons"][-1] == {
        "code": "too_few_actions",
        "numbers": {"actions": 4, "min_actions": 5},
        "ids": {},
    }
    assert sentences(rows["h1"], dataset)[-1] == "only 4 joint actions: a flag needs at least 5"


def test_weights_change_the_score(make_dataset):
    dataset = make_dataset(
        organisations=ORGANISATIONS,
        joint_actions=ACTIONS,
        participations=PARTICIPATIONS,
        funding=FUNDING,
    )
    only_solo = {name: 0.0 for name in DEFAULTS["weights"]} | {"solo_share": 1.0}
    rows = {r["id"]: r for r in territorial_drive(dataset, config={"weights": only_solo})}
    assert rows["h1"]["score"] == 0.25
    assert rows["s1"]["score"] == 1.0


def test_group_by_type(make_dataset):
    dataset = make_dataset(
        organisations=ORGANISATIONS,
        joint_actions=ACTIONS,
        participations=PARTICIPATIONS,
        funding=FUNDING,
    )
    rows = {r["id"]: r for r in territorial_drive(dataset, group_by="type")}
    # by type h1 shares 2 actions with h2 (housing association, I 2), one each with w1
    # (welfare) and c1 (care): E 2, so E-I 0; m1 (municipality) stays +1
    assert rows["h1"]["group"] == "housing_association"
    assert rows["h1"]["ei_index"] == 0.0
    assert rows["m1"]["ei_index"] == 1.0


def test_the_reported_ei_index_is_the_public_per_organisation_function(dataset, rows):
    from graphtool.analyses.ei_index import ei_index
    from graphtool.graphs import build_collaboration_graph

    values = ei_index(build_collaboration_graph(dataset).weights, dataset.group_of("sector"))
    ids = dataset.organisations["id"].tolist()
    for k, org in enumerate(ids):
        expected = values["ei_index"][k]
        got = rows[org]["ei_index"]
        assert got is None if math.isnan(expected) or rows[org]["absent"] else got == expected


def test_unknown_group_column(make_dataset):
    dataset = make_dataset(organisations=ORGANISATIONS)
    with pytest.raises(AnalysisError, match="no column 'colour'"):
        territorial_drive(dataset, group_by="colour")


def test_dutch_reasons(rows, dataset):
    assert sentences(rows["h1"], dataset, "nl")[:3] == [
        "alle 3 partners zijn maatschappelijke instellingen, net als zijzelf: "
        "Thuisbaas, Welzijn Oost en Zorg Plus",
        "geen van de 4 gezamenlijke acties heeft een bewonersorganisatie erbij",
        "90% van het geld dat ze geeft en ontvangt (€ 900 van € 1.000) blijft binnen de eigen "
        "groep (maatschappelijke instellingen), het meeste bij Thuisbaas",
    ]


def test_group_names_follow_the_grouping_column(dataset):
    rows = {r["id"]: r for r in territorial_drive(dataset, group_by="type")}
    own = next(r for r in rows["h2"]["reasons"] if r["code"] == "own_group_partners")
    assert own["ids"] == {"groups": ["housing_association"], "organisations": ["h1"]}
    labels = Labels(dataset, group_by="type", lang="nl")
    assert reason_texts([own], labels) == [
        "1 van de 2 partners is woningcorporatie, net als zijzelf, en deelt de meeste acties: "
        "Woonstede"
    ]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"threshold": 1.5}, "territorial_drive.threshold: must be between 0 and 1, got 1.5"),
        ({"min_actions": 0}, "territorial_drive.min_actions: must be a whole number of 1 or more"),
        ({"min_actions": 2.5}, "territorial_drive.min_actions: must be a whole number"),
        ({"weights": {"solo_share": -1}}, "territorial_drive.weights.solo_share: must be a number"),
        ({"weights": dict.fromkeys(DEFAULTS["weights"], 0)}, "at least one weight must be above 0"),
        ({"treshold": 0.5}, "territorial_drive: unknown setting 'treshold'"),
        ({"weights": {"solo": 1}}, "territorial_drive.weights: unknown setting 'solo'"),
    ],
)
def test_bad_configuration(config, message):
    with pytest.raises(ConfigError) as info:
        check_config(config)
    assert message in str(info.value)


def test_default_configuration_is_not_changed_by_overrides():
    check_config({"weights": {"solo_share": 3.0}})
    assert DEFAULTS["weights"]["solo_share"] == 1.0


def test_dataset_with_one_group_has_undefined_diversity(make_dataset):
    dataset = make_dataset(
        organisations="id,name,type\na,A,welfare\nb,B,care\n",
        joint_actions="id,name\nj1,One\n",
        participations="action_id,organisation_id\nj1,a\nj1,b\n",
    )
    rows = territorial_drive(dataset)
    # one group: E-I (−1 by construction), diversity and in-group money are left out
    assert all(r["partner_diversity"] is None for r in rows)
    assert all(r["ei_index"] is None and not math.isnan(r["score"]) for r in rows)
    assert left_out_components(dataset)[0]["code"] == "left_out_single_group"


def test_one_group_flags_nobody_and_says_why(make_dataset):
    # every organisation of one kind, working only with its own kind in 4 actions each
    orgs = "id,name,type\n" + "".join(f"o{i},Org {i},welfare\n" for i in range(6))
    actions = "id,name\n" + "".join(f"j{i},Action {i}\n" for i in range(4))
    parts = "action_id,organisation_id\n" + "".join(
        f"j{a},o{i}\n" for a in range(4) for i in range(6) if (i + a) % 2
    )
    dataset = make_dataset(organisations=orgs, joint_actions=actions, participations=parts)
    # even with a threshold of 0, which every score passes, nobody is flagged
    rows = territorial_drive(dataset, config={"threshold": 0.0, "min_actions": 1})
    assert not any(r["flagged"] for r in rows)
    assert all(r["p_value"] == 1.0 for r in rows if not r["absent"])
    said = [
        r
        for r in rows
        if "not flagged: every organisation is in the same group, so "
        "keeping to its own kind cannot be told from chance" in sentences(r, dataset)
    ]
    assert len(said) == 6
    records = left_out_components(dataset)
    assert [r["code"] for r in records] == ["left_out_single_group", "left_out_no_residents"]
    assert records[0]["components"] == ["ei_index", "partner_diversity", "funding_in_group_share"]
    assert reason_text(records[0], Labels(dataset)).startswith(
        "left out: ei_index, partner_diversity and funding_in_group_share, because every "
        "organisation is in one group (public services)"
    )


def test_without_residents_nobody_is_scored_on_resident_reach(make_dataset):
    dataset = make_dataset(
        organisations="id,name,type\na,A,welfare\nb,B,business\nc,C,municipality\n",
        joint_actions="id,name\nj1,One\nj2,Two\n",
        participations="action_id,organisation_id\nj1,a\nj1,b\nj2,b\nj2,c\n",
    )
    rows = territorial_drive(dataset)
    assert all(r["resident_reach"] is None for r in rows)
    assert not any(
        x["code"] in ("no_residents", "few_residents") for r in rows for x in r["reasons"]
    )
    assert reason_texts(left_out_components(dataset), Labels(dataset)) == [
        "left out: resident_reach, because no residents' organisation takes part in a joint "
        "action: reaching residents is not asked of anyone"
    ]
