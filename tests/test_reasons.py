"""The reason renderer: each code's sentences in English and Dutch, number formats, docs."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphtool.analyses.reasons import reason
from graphtool.i18n.formats import group_name, money, number, percent
from graphtool.i18n.reasons import REASONS
from graphtool.present.reasons import (
    Labels,
    presented,
    reason_table,
    reason_text,
    rows_with_reasons,
)

DOCS = Path(__file__).resolve().parents[1] / "docs"

ORGANISATIONS = """id,name,type
h1,Woonstede,housing_association
h2,Thuisbaas,housing_association
w1,Welzijn Oost,welfare
r1,Bewoners Noord,residents_association
m1,Gemeente,municipality
"""
ACTIONS = "id,name,theme,neighbourhood\na1,Buurtfeest,liveability,n1\na2,Zonnedak,,\n"
HOODS = "id,name\nn1,Noord\nn2,Oud-Zuid\n"

#: (record, English, Dutch): every code, and every form of it.
EXAMPLES = [
    (
        reason("no_actions"),
        "takes part in no joint action, so it is not scored",
        "neemt aan geen enkele gezamenlijke actie deel, dus geen score",
    ),
    (
        reason("no_actions", {"year": 2021}),
        "takes part in no joint action in 2021, so it is not scored",
        "neemt aan geen enkele gezamenlijke actie deel in 2021, dus geen score",
    ),
    (
        reason("solo_actions", {"solo": 1, "actions": 1}),
        "its only joint action has no partner",
        "de enige gezamenlijke actie heeft geen partner",
    ),
    (
        reason("solo_actions", {"solo": 3, "actions": 3}),
        "none of its 3 joint actions has a partner",
        "geen van de 3 gezamenlijke acties heeft een partner",
    ),
    (
        reason("solo_actions", {"solo": 1, "actions": 4}),
        "1 of its 4 joint actions has no partner",
        "1 van de 4 gezamenlijke acties heeft geen partner",
    ),
    (
        reason("solo_actions", {"solo": 5, "actions": 7}, joint_actions=["a1", "a2"]),
        "5 of its 7 joint actions have no partner",
        "5 van de 7 gezamenlijke acties hebben geen partner",
    ),
    (
        reason(
            "own_group_partners",
            {"own": 1, "partners": 1},
            groups=["public_service"],
            organisations=["h2"],
        ),
        "its only partner is also in its own group (public services): Thuisbaas",
        "de enige partner hoort ook bij de eigen groep (maatschappelijke instellingen): Thuisbaas",
    ),
    (
        reason(
            "own_group_partners",
            {"own": 2, "partners": 2},
            groups=["public_service"],
            organisations=["h2", "w1"],
        ),
        "both partners are public services, like itself: Thuisbaas and Welzijn Oost",
        "beide partners zijn maatschappelijke instellingen, net als zijzelf: Thuisbaas en "
        "Welzijn Oost",
    ),
    (
        reason(
            "own_group_partners",
            {"own": 3, "partners": 3},
            groups=["public_service"],
            organisations=["h2", "w1", "h1"],
        ),
        "all 3 partners are public services, like itself: Thuisbaas, Welzijn Oost and Woonstede",
        "alle 3 partners zijn maatschappelijke instellingen, net als zijzelf: Thuisbaas, "
        "Welzijn Oost en Woonstede",
    ),
    (
        reason(
            "own_group_partners",
            {"own": 1, "partners": 3},
            groups=["public_service"],
            organisations=["h2"],
        ),
        "1 of its 3 partners is public services, like itself, and shares most of its actions: "
        "Thuisbaas",
        "1 van de 3 partners is maatschappelijke instellingen, net als zijzelf, en deelt de "
        "meeste acties: Thuisbaas",
    ),
    (
        reason(
            "own_group_partners",
            {"own": 2, "partners": 3},
            groups=["public_service"],
            organisations=["h2", "w1"],
        ),
        "2 of its 3 partners are public services, like itself: Thuisbaas and Welzijn Oost",
        "2 van de 3 partners zijn maatschappelijke instellingen, net als zijzelf: Thuisbaas en "
        "Welzijn Oost",
    ),
    (
        reason(
            "few_partner_groups",
            {"partners": 1, "used_groups": 1, "dataset_groups": 5},
            groups=["government"],
        ),
        "its only partner is from one other group: government",
        "de enige partner komt uit één andere groep: overheid",
    ),
    (
        reason(
            "few_partner_groups",
            {"partners": 4, "used_groups": 1, "dataset_groups": 5},
            groups=["government"],
        ),
        "all 4 partners come from one group of the 5: government",
        "alle 4 partners komen uit één van de 5 groepen: overheid",
    ),
    (
        reason(
            "few_partner_groups",
            {"partners": 5, "used_groups": 2, "dataset_groups": 5},
            groups=["civil_society", "public_service"],
        ),
        "its 5 partners come from only 2 of the 5 groups: civil society and public services",
        "de 5 partners komen uit slechts 2 van de 5 groepen: maatschappelijk middenveld en "
        "maatschappelijke instellingen",
    ),
    (
        reason("no_residents", {"actions": 1}),
        "its only joint action does not include a residents' organisation",
        "de enige gezamenlijke actie heeft geen bewonersorganisatie erbij",
    ),
    (
        reason("no_residents", {"actions": 7}),
        "none of its 7 joint actions includes a residents' organisation",
        "geen van de 7 gezamenlijke acties heeft een bewonersorganisatie erbij",
    ),
    (
        reason("few_residents", {"reached": 1, "actions": 6}),
        "only 1 of its 6 joint actions includes a residents' organisation",
        "slechts 1 van de 6 gezamenlijke acties heeft een bewonersorganisatie erbij",
    ),
    (
        reason("few_residents", {"reached": 2, "actions": 6}),
        "only 2 of its 6 joint actions include a residents' organisation",
        "slechts 2 van de 6 gezamenlijke acties hebben een bewonersorganisatie erbij",
    ),
    (
        reason(
            "money_within_group",
            {"share": 0.9, "within_money": 12_898_400.0, "total_money": 14_331_556.0},
            groups=["public_service"],
            organisations=["h2"],
        ),
        "90% of the money it gives and receives (€12,898,400 of €14,331,556) stays within its "
        "group (public services), most of it with Thuisbaas",
        "90% van het geld dat ze geeft en ontvangt (€ 12.898.400 van € 14.331.556) blijft "
        "binnen de eigen groep (maatschappelijke instellingen), het meeste bij Thuisbaas",
    ),
    (
        reason(
            "money_within_group",
            {"share": 1.0, "within_money": 500.0, "total_money": 500.0},
            groups=["public_service"],
            organisations=[],
        ),
        "100% of the money it gives and receives (€500 of €500) stays within its group "
        "(public services)",
        "100% van het geld dat ze geeft en ontvangt (€ 500 van € 500) blijft binnen de eigen "
        "groep (maatschappelijke instellingen)",
    ),
    (
        reason("high_constraint", {"constraint": 0.8333}),
        "its partners are tied closely to each other (Burt's constraint 0.83)",
        "de partners zijn sterk met elkaar verbonden (constraint volgens Burt 0,83)",
    ),
    (
        reason("too_few_actions", {"actions": 1, "min_actions": 3}),
        "only 1 joint action: a flag needs at least 3",
        "slechts 1 gezamenlijke actie: een signaal vraagt er minstens 3",
    ),
    (
        reason("too_few_actions", {"actions": 2, "min_actions": 3}),
        "only 2 joint actions: a flag needs at least 3",
        "slechts 2 gezamenlijke acties: een signaal vraagt er minstens 3",
    ),
    (
        reason("both_lead", themes=["liveability", "energy_transition"], neighbourhoods=["n1"]),
        "both lead liveability and energy transition actions in Noord",
        "beide trekken leefbaarheid en energietransitie-acties in Noord",
    ),
    (
        reason("both_lead", themes=["health"], neighbourhoods=[]),
        "both lead health actions",
        "beide trekken gezondheid-acties",
    ),
    (
        reason("shared_themes", themes=["youth"], neighbourhoods=["n1", "n2"]),
        "both work on youth in Noord and Oud-Zuid",
        "beide werken aan jeugd in Noord en Oud-Zuid",
    ),
    (
        reason("shared_themes", themes=["youth"], neighbourhoods=[]),
        "both work on youth",
        "beide werken aan jeugd",
    ),
    (
        reason("shared_neighbourhoods", neighbourhoods=["n2"]),
        "both active in Oud-Zuid",
        "beide actief in Oud-Zuid",
    ),
    (
        reason("shared_partners", {"partners": 1}, organisations=["w1"]),
        "1 shared partner: Welzijn Oost",
        "1 gedeelde partner: Welzijn Oost",
    ),
    (
        reason(
            "shared_partners",
            {"partners": 7},
            organisations=["h1", "h2", "w1", "r1", "m1", "x", "y"],
        ),
        "7 shared partners: Woonstede, Thuisbaas, Welzijn Oost, Bewoners Noord, Gemeente and "
        "2 more",
        "7 gedeelde partners: Woonstede, Thuisbaas, Welzijn Oost, Bewoners Noord, Gemeente en 2 "
        "meer",
    ),
    (
        reason(
            "both_active",
            {"actions_a": 2, "actions_b": 12_000, "latest_year_a": 2018, "latest_year_b": 2019},
            organisations=["r1", "m1"],
        ),
        "both active: Bewoners Noord in 2 joint actions (latest 2018), Gemeente in 12,000 "
        "(latest 2019)",
        "beide actief: Bewoners Noord in 2 gezamenlijke acties (laatste 2018), Gemeente in 12.000 "
        "(laatste 2019)",
    ),
    (
        reason("both_active", {"actions_a": 2, "actions_b": 3}, organisations=["r1", "m1"]),
        "both active: Bewoners Noord in 2 joint actions, Gemeente in 3",
        "beide actief: Bewoners Noord in 2 gezamenlijke acties, Gemeente in 3",
    ),
    (
        reason(
            "resident_institution", organisations=["r1", "m1"], groups=["residents", "government"]
        ),
        "brings residents together with an institution (Bewoners Noord: residents; Gemeente: "
        "government)",
        "brengt bewoners samen met een instelling (Bewoners Noord: bewoners; Gemeente: overheid)",
    ),
    (
        reason(
            "different_groups", organisations=["w1", "m1"], groups=["public_service", "government"]
        ),
        "different groups: Welzijn Oost is public services, Gemeente is government",
        "verschillende groepen: Welzijn Oost is maatschappelijke instellingen, Gemeente is "
        "overheid",
    ),
    (
        reason("bridging", {"community_a": 0, "community_b": 3}),
        "they sit in different communities of the network, so the tie would bridge them",
        "ze zitten in verschillende clusters van het netwerk; de verbinding slaat een brug",
    ),
    (
        reason("never_together"),
        "never in a joint action together and no funding between them",
        "nooit samen in een gezamenlijke actie en geen geldstroom tussen hen",
    ),
    (
        reason("never_together_no_funding_data"),
        "never in a joint action together",
        "nooit samen in een gezamenlijke actie",
    ),
    (
        reason("actions_with_residents", {"with_residents": 34, "actions": 74, "led": 8}),
        "34 of 74 joint actions include a resident organisation; 8 are led by one.",
        "34 van de 74 gezamenlijke acties hebben een bewonersorganisatie; 8 worden door een "
        "bewonersorganisatie geleid.",
    ),
    (
        reason("money_to_residents", {"money": 1_219_102.0, "share": 0.012}),
        "Resident organisations receive €1,219,102 (1% of all money).",
        "Bewonersorganisaties ontvangen € 1.219.102 (1% van al het geld).",
    ),
    (
        reason("money_to_residents", {"money": 0.0, "share": None}),
        "Resident organisations receive €0 (– of all money).",
        "Bewonersorganisaties ontvangen € 0 (– van al het geld).",
    ),
    (
        reason("residents_at_margin", {"residents": 1, "max_actions": 2}, organisations=["r1"]),
        "1 resident organisations are at the margin (at most 2 actions, leading none, no money): "
        "Bewoners Noord.",
        "1 bewonersorganisaties staan aan de rand (hooguit 2 acties, geen ervan geleid, geen "
        "geld): Bewoners Noord.",
    ),
    (
        reason("residents_at_centre", organisations=["r1", "h1", "h2", "w1"]),
        "At the centre: Bewoners Noord, Woonstede, Thuisbaas and 1 more.",
        "In het centrum: Bewoners Noord, Woonstede, Thuisbaas en 1 meer.",
    ),
    (
        reason(
            "socio_economic_actions",
            {"socio_economic": 9, "actions": 20, "per_theme": [6, 3]},
            themes=["education", "employment"],
        ),
        "9 of 20 joint actions are socio-economic (education 6 and employment 3).",
        "9 van de 20 gezamenlijke acties zijn sociaal-economisch (onderwijs 6 en werk 3).",
    ),
    (
        reason("socio_economic_money", {"money": 1500.0, "linked_money": 24_334_000.0}),
        "€1,500 of the €24,334,000 linked to actions goes to socio-economic actions.",
        "€ 1.500 van de € 24.334.000 die aan acties is gekoppeld, gaat naar sociaal-economische "
        "acties.",
    ),
    (
        reason(
            "energy_participants",
            {"energy_actions": 0, "participants": 0, "per_group": []},
            groups=[],
        ),
        "0 energy actions with 0 organisations (–).",
        "0 energieacties met 0 organisaties (–).",
    ),
    (
        reason("energy_money", {"money": 6_982_900.0, "local_money": 712_900.0}),
        "€712,900 of €6,982,900 of energy money reaches local organisations and residents.",
        "€ 712.900 van € 6.982.900 energiegeld bereikt lokale organisaties en bewoners.",
    ),
    (
        reason("flagged_organisations", {"flagged": 2}, organisations=["h1", "h2"]),
        "2 organisations show territorial drive: Woonstede and Thuisbaas.",
        "2 organisaties vertonen territoriumdrift: Woonstede en Thuisbaas.",
    ),
    (
        reason("fragmented", {"clusters": 3, "largest": 40, "active": 52}),
        "The 52 active organisations form 3 separate clusters; the largest holds 40.",
        "De 52 actieve organisaties vormen 3 losse clusters; de grootste telt er 40.",
    ),
    (
        reason("connected", {"clusters": 1, "largest": 63, "active": 63}),
        "The 63 active organisations are all connected in one network.",
        "De 63 actieve organisaties zijn allemaal met elkaar verbonden in één netwerk.",
    ),
    (
        reason(
            "national_money",
            {"money": 700.0, "share": 0.08, "per_group_money": [600.0, 100.0]},
            groups=["government", "residents"],
        ),
        "The national government gives €700 (8% of all money): government €600 and residents €100.",
        "Het Rijk geeft € 700 (8% van al het geld): overheid € 600 en bewoners € 100.",
    ),
    (
        reason("national_actions", {"actions": 6, "beyond_funding": 1}),
        "The national government takes part in 6 joint actions, in 1 of them as more than a "
        "funder.",
        "Het Rijk neemt deel aan 6 gezamenlijke acties, aan 1 daarvan als meer dan financier.",
    ),
    # territorial drive against chance (graphtool.analyses.significance)
    (
        reason(
            "ei_against_chance",
            {
                "in_100": 33,
                "count": 330,
                "permutations": 999,
                "expected_outside_share": 0.67,
                "outside_share": 0.25,
            },
        ),
        "expected about 67% of its ties outside its group given who is in this network; it has "
        "25%; this happens by chance in about 33 in 100 reshuffles",
        "verwacht zo'n 67% van de banden buiten de eigen groep, gezien wie er in dit netwerk "
        "zitten; het is 25%; bij toeval gebeurt dit in ongeveer 33 op de 100 keer herschudden",
    ),
    (
        reason(
            "ei_against_chance",
            {
                "one_in": 100,
                "count": 0,
                "permutations": 999,
                "expected_outside_share": 0.67,
                "outside_share": 0.0,
            },
        ),
        "expected about 67% of its ties outside its group given who is in this network; it has "
        "0%; this happens by chance in fewer than 1 in 100 reshuffles",
        "verwacht zo'n 67% van de banden buiten de eigen groep, gezien wie er in dit netwerk "
        "zitten; het is 0%; bij toeval gebeurt dit in minder dan 1 op de 100 keer herschudden",
    ),
    (
        reason("score_beyond_chance", {"in_100": 4, "count": 40, "permutations": 999}),
        "with the groups reshuffled at random, a score this high arises in about 4 in 100 "
        "reshuffles",
        "als de groepen willekeurig worden herschud, komt een score zo hoog voor in ongeveer 4 "
        "op de 100 keer",
    ),
    (
        reason("score_beyond_chance", {"one_in": 100, "count": 3, "permutations": 999}),
        "with the groups reshuffled at random, a score this high arises in fewer than 1 in 100 "
        "reshuffles",
        "als de groepen willekeurig worden herschud, komt een score zo hoog voor in minder dan "
        "1 op de 100 keer",
    ),
    (
        reason("score_not_beyond_chance", {"in_100": 10, "count": 98, "permutations": 999}),
        "not flagged: with the groups reshuffled at random, a score this high arises in about "
        "10 in 100 reshuffles, too often to tell from chance",
        "geen signaal: als de groepen willekeurig worden herschud, komt een score zo hoog voor "
        "in ongeveer 10 op de 100 keer, te vaak om van toeval te onderscheiden",
    ),
    (
        reason(
            "score_not_beyond_chance",
            {"in_100": 3, "count": 30, "permutations": 999, "q_value": 0.12},
        ),
        "not flagged: a score this high arises by chance often enough that, among all "
        "organisations tested, it may be a false alarm (q-value 0.12)",
        "geen signaal: een score zo hoog komt vaak genoeg bij toeval voor dat het, onder alle "
        "getoetste organisaties, een vals alarm kan zijn (q-waarde 0,12)",
    ),
    (
        reason("score_not_beyond_chance", {"one_in": 20, "count": 49, "permutations": 999}),
        "not flagged: with the groups reshuffled at random, a score this high arises in fewer "
        "than 1 in 20 reshuffles, still too often to tell from chance",
        "geen signaal: als de groepen willekeurig worden herschud, komt een score zo hoog voor "
        "in minder dan 1 op de 20 keer, nog te vaak om van toeval te onderscheiden",
    ),
    (
        reason("score_not_testable"),
        "not flagged: its score does not depend on which groups its partners are in, so it "
        "cannot be compared with chance",
        "geen signaal: de score hangt niet af van de groepen van de partners, dus is niet met "
        "toeval te vergelijken",
    ),
    (
        reason("single_group_no_test"),
        "not flagged: every organisation is in the same group, so keeping to its own kind "
        "cannot be told from chance",
        "geen signaal: alle organisaties zitten in dezelfde groep, dus bij de eigen soort "
        "blijven is niet van toeval te onderscheiden",
    ),
    (
        reason("flag_robust", {"held": 97, "settings": 100}),
        "the flag holds under 97 of 100 other weightings of the components: robust",
        "het signaal blijft staan bij 97 van 100 andere wegingen van de onderdelen: robuust",
    ),
    (
        reason("flag_fragile", {"held": 55, "settings": 100}),
        "the flag holds under only 55 of 100 other weightings of the components: fragile, it "
        "depends on how they are weighed",
        "het signaal blijft maar staan bij 55 van 100 andere wegingen van de onderdelen: "
        "wankel, het hangt af van de weging",
    ),
    (
        reason("left_out_single_group", groups=["public_service"]),
        "left out: ei_index, partner_diversity and funding_in_group_share, because every "
        "organisation is in one group (public services): keeping to one's own kind cannot be "
        "measured, and no score can be compared with chance, so nobody is flagged",
        "weggelaten: ei_index, partner_diversity en funding_in_group_share, omdat alle "
        "organisaties in één groep zitten (maatschappelijke instellingen): bij de eigen soort "
        "blijven is niet te meten en geen score is met toeval te vergelijken, dus niemand "
        "krijgt een signaal",
    ),
    (
        reason("left_out_no_residents"),
        "left out: resident_reach, because no residents' organisation takes part in a joint "
        "action: reaching residents is not asked of anyone",
        "weggelaten: resident_reach, omdat geen bewonersorganisatie aan een gezamenlijke actie "
        "deelneemt: het bereiken van bewoners wordt van niemand gevraagd",
    ),
    (
        reason("left_out_no_residents", {"year": 2018}),
        "left out: resident_reach, because no residents' organisation takes part in a joint "
        "action in 2018: reaching residents is not asked of anyone",
        "weggelaten: resident_reach, omdat geen bewonersorganisatie aan een gezamenlijke actie "
        "deelneemt in 2018: het bereiken van bewoners wordt van niemand gevraagd",
    ),
]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    from graphtool.ingest import read_dataset
    from tests.plugins.datasets import write_dataset

    folder = write_dataset(
        tmp_path_factory.mktemp("reasons") / "ds",
        {
            "organisations": ORGANISATIONS,
            "joint_actions": ACTIONS,
            "participations": "action_id,organisation_id\n",
            "neighbourhoods": HOODS,
        },
    )
    return read_dataset(folder)


@pytest.mark.parametrize(
    ("record", "english", "dutch"),
    EXAMPLES,
    ids=[f"{r['code']}-{k}" for k, (r, _, _) in enumerate(EXAMPLES)],
)
def test_every_form_of_every_code_in_both_languages(dataset, record, english, dutch):
    assert reason_text(record, Labels(dataset)) == english
    assert reason_text(record, Labels(dataset, lang="nl")) == dutch


def test_every_code_has_an_example():
    assert {r["code"] for r, _, _ in EXAMPLES} == set(REASONS)


def test_every_variant_is_exercised(dataset):
    # each variant of each code is the form of at least one example
    used = set()
    for record, _, _ in EXAMPLES:
        raw = {**record["numbers"], **record["ids"]}
        entry = REASONS[record["code"]]
        used.add(
            (record["code"], next((k for k, v in enumerate(entry.variants) if v.when(raw)), None))
        )
    expected = {(code, k) for code, t in REASONS.items() for k in [None, *range(len(t.variants))]}
    assert used == expected


def test_unknown_code_names_the_catalogue():
    with pytest.raises(
        KeyError, match="reason code 'nope' has no sentence: add it to graphtool/i18n/reasons.py"
    ):
        reason_text(reason("nope"), Labels())


def test_unknown_kind_of_id_is_refused():
    with pytest.raises(ValueError, match="unknown kind of id 'partners'"):
        reason("shared_partners", partners=["a"])


def test_ids_without_a_dataset_are_shown_as_they_are():
    record = reason("shared_partners", {"partners": 1}, organisations=["org-7"])
    assert reason_text(record, Labels()) == "1 shared partner: org-7"


def test_groups_of_another_column_are_the_data_itself(dataset):
    record = reason("different_groups", organisations=["w1", "m1"], groups=["oost", "west_kant"])
    assert reason_text(record, Labels(dataset, group_by="district")) == (
        "different groups: Welzijn Oost is oost, Gemeente is west_kant"
    )


def test_presented_records_keep_their_data_and_add_the_text(dataset):
    record = reason("solo_actions", {"solo": 5, "actions": 7}, joint_actions=["a1"])
    assert presented([record], Labels(dataset, lang="nl")) == [
        {**record, "text": "5 van de 7 gezamenlijke acties hebben geen partner"}
    ]
    rows = [{"id": "x", "reasons": [record]}, {"id": "y"}]
    assert rows_with_reasons(rows, Labels(dataset), records=False) == [
        {"id": "x", "reasons": ["5 of its 7 joint actions have no partner"]},
        {"id": "y"},
    ]
    assert rows[0]["reasons"] == [record]  # the analysis' rows are left alone


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [(12898400, "en", "12,898,400"), (12898400, "nl", "12.898.400"), (950, "nl", "950")],
)
def test_number(value, lang, expected):
    assert number(value, lang) == expected


def test_money_percent_and_group_names():
    assert (money(1_219_102.4), money(1_219_102.4, "nl")) == ("€1,219,102", "€ 1.219.102")
    assert (percent(0.745), percent(0.755), percent(0.0)) == ("74%", "76%", "0%")
    assert group_name("residents", "sector", "nl") == "bewoners"
    assert group_name("residents_association", "type") == "residents' association"
    assert group_name("unlisted_sector") == "unlisted sector"


def test_docs_hold_the_table_of_codes():
    text = (DOCS / "reasons.md").read_text(encoding="utf-8")
    assert reason_table() in text, (
        "docs/reasons.md is out of date: replace its table with the output of "
        "`python -m graphtool.present.reasons`"
    )
