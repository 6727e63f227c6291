"""The sentences of the reason records, in English and Dutch: one entry per reason code.

Adding a reason is a change in one place: the analysis emits a record with a
new code (:func:`graphtool.analyses.reasons.reason`) and this catalogue gets a
:class:`Template` under that code; the renderer
(:mod:`graphtool.present.reasons`), the docs table (``docs/reasons.md``) and
the tests pick it up from here.

A template is a :meth:`str.format` string. Its placeholders are the record's
``numbers`` (formatted by their names, see :mod:`graphtool.present.reasons`) and
its ``ids`` lists, shown as names: ``{organisations}`` is the joined list
("A, B and C"), ``{organisations[0]}`` its first name. ``variants`` are tried
in order; the first whose ``when`` holds for the record's numbers and ids
replaces the default sentence (singular and plural forms, "all" against "some").
``pairs`` name placeholders that show a list of numbers beside the names of an
ids list ("energy transition 5, employment 3"). An empty list shows as "–".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Condition = Callable[[Mapping[str, Any]], bool]


@dataclass(frozen=True)
class Variant:
    """A form of a sentence used when ``when(params)`` holds (params: numbers and ids)."""

    when: Condition
    en: str
    nl: str


@dataclass(frozen=True)
class Template:
    """The sentence of one reason code: default forms, variants, and what it means."""

    en: str
    nl: str
    about: str
    variants: tuple[Variant, ...] = ()
    #: names listed before "and N more"
    limit: int = 5
    #: placeholder -> (numbers key, ids kind): a list of numbers shown beside the names,
    #: "energy transition 5, employment 3"
    pairs: Mapping[str, tuple[str, str]] | None = None


def _all(a: str, b: str) -> Condition:
    return lambda p: p[a] == p[b]


def _is(key: str, value: int) -> Condition:
    return lambda p: p.get(key) == value


#: Territorial drive (:mod:`graphtool.analyses.territorial_drive`).
TERRITORIAL_DRIVE: dict[str, Template] = {
    "no_actions": Template(
        en="takes part in no joint action, so it is not scored",
        nl="neemt aan geen enkele gezamenlijke actie deel, dus geen score",
        about="absent: no joint action (in `year` when the dataset is cut to a year)",
        variants=(
            Variant(
                lambda p: "year" in p,
                en="takes part in no joint action in {year}, so it is not scored",
                nl="neemt aan geen enkele gezamenlijke actie deel in {year}, dus geen score",
            ),
        ),
    ),
    "solo_actions": Template(
        en="{solo} of its {actions} joint actions have no partner",
        nl="{solo} van de {actions} gezamenlijke acties hebben geen partner",
        about="`solo` of its `actions` joint actions have no other participant",
        variants=(
            Variant(
                lambda p: p["solo"] == p["actions"] == 1,
                en="its only joint action has no partner",
                nl="de enige gezamenlijke actie heeft geen partner",
            ),
            Variant(
                _all("solo", "actions"),
                en="none of its {actions} joint actions has a partner",
                nl="geen van de {actions} gezamenlijke acties heeft een partner",
            ),
            Variant(
                _is("solo", 1),
                en="1 of its {actions} joint actions has no partner",
                nl="1 van de {actions} gezamenlijke acties heeft geen partner",
            ),
        ),
    ),
    "own_group_partners": Template(
        en="{own} of its {partners} partners are {groups}, like itself: {organisations}",
        nl="{own} van de {partners} partners zijn {groups}, net als zijzelf: {organisations}",
        about="`own` of its `partners` partners are in its own group (`groups`); "
        "`organisations`: those partners, most shared actions first",
        variants=(
            Variant(
                lambda p: p["own"] == p["partners"] == 1,
                en="its only partner is also in its own group ({groups}): {organisations}",
                nl="de enige partner hoort ook bij de eigen groep ({groups}): {organisations}",
            ),
            Variant(
                lambda p: p["own"] == p["partners"] == 2,
                en="both partners are {groups}, like itself: {organisations}",
                nl="beide partners zijn {groups}, net als zijzelf: {organisations}",
            ),
            Variant(
                _all("own", "partners"),
                en="all {partners} partners are {groups}, like itself: {organisations}",
                nl="alle {partners} partners zijn {groups}, net als zijzelf: {organisations}",
            ),
            Variant(
                _is("own", 1),
                en="1 of its {partners} partners is {groups}, like itself, and shares most "
                "of its actions: {organisations}",
                nl="1 van de {partners} partners is {groups}, net als zijzelf, en deelt de "
                "meeste acties: {organisations}",
            ),
        ),
    ),
    "few_partner_groups": Template(
        en="its {partners} partners come from only {used_groups} of the {dataset_groups} "
        "groups: {groups}",
        nl="de {partners} partners komen uit slechts {used_groups} van de {dataset_groups} "
        "groepen: {groups}",
        about="its `partners` partners come from `used_groups` of the `dataset_groups` groups "
        "(`groups`, most shared actions first): low partner diversity",
        variants=(
            Variant(
                _is("partners", 1),
                en="its only partner is from one other group: {groups}",
                nl="de enige partner komt uit één andere groep: {groups}",
            ),
            Variant(
                _is("used_groups", 1),
                en="all {partners} partners come from one group of the {dataset_groups}: {groups}",
                nl="alle {partners} partners komen uit één van de {dataset_groups} groepen: "
                "{groups}",
            ),
        ),
    ),
    "no_residents": Template(
        en="none of its {actions} joint actions includes a residents' organisation",
        nl="geen van de {actions} gezamenlijke acties heeft een bewonersorganisatie erbij",
        about="none of its `actions` joint actions includes a residents' organisation",
        variants=(
            Variant(
                _is("actions", 1),
                en="its only joint action does not include a residents' organisation",
                nl="de enige gezamenlijke actie heeft geen bewonersorganisatie erbij",
            ),
        ),
    ),
    "few_residents": Template(
        en="only {reached} of its {actions} joint actions include a residents' organisation",
        nl="slechts {reached} van de {actions} gezamenlijke acties hebben een "
        "bewonersorganisatie erbij",
        about="only `reached` of its `actions` joint actions include a residents' organisation",
        variants=(
            Variant(
                _is("reached", 1),
                en="only 1 of its {actions} joint actions includes a residents' organisation",
                nl="slechts 1 van de {actions} gezamenlijke acties heeft een "
                "bewonersorganisatie erbij",
            ),
        ),
    ),
    "money_within_group": Template(
        en="{share} of the money it gives and receives ({within_money} of {total_money}) "
        "stays within its group ({groups}), most of it with {organisations}",
        nl="{share} van het geld dat ze geeft en ontvangt ({within_money} van {total_money}) "
        "blijft binnen de eigen groep ({groups}), het meeste bij {organisations}",
        about="`share` (`within_money` of `total_money`) of the money it gives and receives "
        "stays within its group (`groups`); `organisations`: the partner of its group it "
        "exchanges most with (none when the money only goes to itself)",
        variants=(
            Variant(
                lambda p: not p["organisations"],
                en="{share} of the money it gives and receives ({within_money} of "
                "{total_money}) stays within its group ({groups})",
                nl="{share} van het geld dat ze geeft en ontvangt ({within_money} van "
                "{total_money}) blijft binnen de eigen groep ({groups})",
            ),
        ),
    ),
    "high_constraint": Template(
        en="its partners are tied closely to each other (Burt's constraint {constraint})",
        nl="de partners zijn sterk met elkaar verbonden (constraint volgens Burt {constraint})",
        about="Burt's `constraint` is high (named only when constraint has a weight)",
    ),
    "too_few_actions": Template(
        en="only {actions} joint actions: a flag needs at least {min_actions}",
        nl="slechts {actions} gezamenlijke acties: een signaal vraagt er minstens {min_actions}",
        about="the score reaches the threshold but `actions` is below `min_actions`, so no flag",
        variants=(
            Variant(
                _is("actions", 1),
                en="only 1 joint action: a flag needs at least {min_actions}",
                nl="slechts 1 gezamenlijke actie: een signaal vraagt er minstens {min_actions}",
            ),
        ),
    ),
    "ei_against_chance": Template(
        en="expected about {expected_outside_share} of its ties outside its group given who is "
        "in this network; it has {outside_share}; this happens by chance in about {in_100} in "
        "100 reshuffles",
        nl="verwacht zo'n {expected_outside_share} van de banden buiten de eigen groep, gezien "
        "wie er in dit netwerk zitten; het is {outside_share}; bij toeval gebeurt dit in "
        "ongeveer {in_100} op de 100 keer herschudden",
        about="its share of tie weight outside its group against the share expected under random "
        "mixing (own group fixed); how often the reshuffles of the groups were as inward "
        "(`count` of `permutations`)",
        variants=(
            Variant(
                lambda p: "one_in" in p,
                en="expected about {expected_outside_share} of its ties outside its group given "
                "who is in this network; it has {outside_share}; this happens by chance in "
                "fewer than 1 in {one_in} reshuffles",
                nl="verwacht zo'n {expected_outside_share} van de banden buiten de eigen groep, "
                "gezien wie er in dit netwerk zitten; het is {outside_share}; bij toeval gebeurt "
                "dit in minder dan 1 op de {one_in} keer herschudden",
            ),
        ),
    ),
    "score_beyond_chance": Template(
        en="with the groups reshuffled at random, a score this high arises in about {in_100} in "
        "100 reshuffles",
        nl="als de groepen willekeurig worden herschud, komt een score zo hoog voor in ongeveer "
        "{in_100} op de 100 keer",
        about="flagged: how often the reshuffles gave a score as high (`count` of `permutations`)",
        variants=(
            Variant(
                lambda p: "one_in" in p,
                en="with the groups reshuffled at random, a score this high arises in fewer "
                "than 1 in {one_in} reshuffles",
                nl="als de groepen willekeurig worden herschud, komt een score zo hoog voor in "
                "minder dan 1 op de {one_in} keer",
            ),
        ),
    ),
    "score_not_beyond_chance": Template(
        en="not flagged: with the groups reshuffled at random, a score this high arises in about "
        "{in_100} in 100 reshuffles, too often to tell from chance",
        nl="geen signaal: als de groepen willekeurig worden herschud, komt een score zo hoog "
        "voor in ongeveer {in_100} op de 100 keer, te vaak om van toeval te onderscheiden",
        about="the score reaches the threshold but not significance (`q_value` when the flag "
        "rule uses q-values)",
        variants=(
            Variant(
                lambda p: "q_value" in p,
                en="not flagged: a score this high arises by chance often enough that, among "
                "all organisations tested, it may be a false alarm (q-value {q_value})",
                nl="geen signaal: een score zo hoog komt vaak genoeg bij toeval voor dat het, "
                "onder alle getoetste organisaties, een vals alarm kan zijn (q-waarde {q_value})",
            ),
            Variant(
                lambda p: "one_in" in p,
                en="not flagged: with the groups reshuffled at random, a score this high arises "
                "in fewer than 1 in {one_in} reshuffles, still too often to tell from chance",
                nl="geen signaal: als de groepen willekeurig worden herschud, komt een score zo "
                "hoog voor in minder dan 1 op de {one_in} keer, nog te vaak om van toeval te "
                "onderscheiden",
            ),
        ),
    ),
    "score_not_testable": Template(
        en="not flagged: its score does not depend on which groups its partners are in, so it "
        "cannot be compared with chance",
        nl="geen signaal: de score hangt niet af van de groepen van de partners, dus is niet met "
        "toeval te vergelijken",
        about="the score reaches the threshold but the null model cannot move it (p-value 1)",
    ),
    "single_group_no_test": Template(
        en="not flagged: every organisation is in the same group, so keeping to its own kind "
        "cannot be told from chance",
        nl="geen signaal: alle organisaties zitten in dezelfde groep, dus bij de eigen soort "
        "blijven is niet van toeval te onderscheiden",
        about="the score reaches the threshold but the dataset has one group",
    ),
    "flag_robust": Template(
        en="the flag holds under {held} of {settings} other weightings of the components: robust",
        nl="het signaal blijft staan bij {held} van {settings} andere wegingen van de "
        "onderdelen: robuust",
        about="flag stability at or above `robust_share`: flagged under `held` of `settings` "
        "sampled weight settings",
    ),
    "flag_fragile": Template(
        en="the flag holds under only {held} of {settings} other weightings of the components: "
        "fragile, it depends on how they are weighed",
        nl="het signaal blijft maar staan bij {held} van {settings} andere wegingen van de "
        "onderdelen: wankel, het hangt af van de weging",
        about="flag stability below `robust_share`",
    ),
    "left_out_single_group": Template(
        en="left out: ei_index, partner_diversity and funding_in_group_share, because every "
        "organisation is in one group ({groups}): keeping to one's own kind cannot be measured, "
        "and no score can be compared with chance, so nobody is flagged",
        nl="weggelaten: ei_index, partner_diversity en funding_in_group_share, omdat alle "
        "organisaties in één groep zitten ({groups}): bij de eigen soort blijven is niet te "
        "meten en geen score is met toeval te vergelijken, dus niemand krijgt een signaal",
        about="dataset-level (stderr, report methods): one group",
    ),
    "left_out_no_residents": Template(
        en="left out: resident_reach, because no residents' organisation takes part in a joint "
        "action: reaching residents is not asked of anyone",
        nl="weggelaten: resident_reach, omdat geen bewonersorganisatie aan een gezamenlijke "
        "actie deelneemt: het bereiken van bewoners wordt van niemand gevraagd",
        about="dataset-level (stderr, report methods): no residents' organisation acts (in `year`)",
        variants=(
            Variant(
                lambda p: "year" in p,
                en="left out: resident_reach, because no residents' organisation takes part in "
                "a joint action in {year}: reaching residents is not asked of anyone",
                nl="weggelaten: resident_reach, omdat geen bewonersorganisatie aan een "
                "gezamenlijke actie deelneemt in {year}: het bereiken van bewoners wordt van "
                "niemand gevraagd",
            ),
        ),
    ),
}

#: Missing links (:mod:`graphtool.analyses.missing_links`); ``organisations`` is the pair.
MISSING_LINKS: dict[str, Template] = {
    "both_lead": Template(
        en="both lead {themes} actions in {neighbourhoods}",
        nl="beide trekken {themes}-acties in {neighbourhoods}",
        about="both lead joint actions on `themes` (in `neighbourhoods`, when the actions "
        "have one)",
        variants=(
            Variant(
                lambda p: not p["neighbourhoods"],
                en="both lead {themes} actions",
                nl="beide trekken {themes}-acties",
            ),
        ),
    ),
    "shared_themes": Template(
        en="both work on {themes} in {neighbourhoods}",
        nl="beide werken aan {themes} in {neighbourhoods}",
        about="both take part in actions on `themes` (and are both active in `neighbourhoods`)",
        variants=(
            Variant(
                lambda p: not p["neighbourhoods"],
                en="both work on {themes}",
                nl="beide werken aan {themes}",
            ),
        ),
    ),
    "shared_neighbourhoods": Template(
        en="both active in {neighbourhoods}",
        nl="beide actief in {neighbourhoods}",
        about="both are active in `neighbourhoods` (no shared theme)",
    ),
    "shared_partners": Template(
        en="{partners} shared partners: {organisations}",
        nl="{partners} gedeelde partners: {organisations}",
        about="`partners` partners in common (`organisations`, those with fewest partners "
        "first: they weigh most)",
        variants=(
            Variant(
                _is("partners", 1),
                en="1 shared partner: {organisations}",
                nl="1 gedeelde partner: {organisations}",
            ),
        ),
    ),
    "both_active": Template(
        en="both active: {organisations[0]} in {actions_a} joint actions (latest "
        "{latest_year_a}), {organisations[1]} in {actions_b} (latest {latest_year_b})",
        nl="beide actief: {organisations[0]} in {actions_a} gezamenlijke acties (laatste "
        "{latest_year_a}), {organisations[1]} in {actions_b} (laatste {latest_year_b})",
        about="the joint actions of each (`actions_a`, `actions_b`) and the latest start "
        "year of each (`latest_year_a`, `latest_year_b`, left out when unknown)",
        variants=(
            Variant(
                lambda p: "latest_year_a" not in p or "latest_year_b" not in p,
                en="both active: {organisations[0]} in {actions_a} joint actions, "
                "{organisations[1]} in {actions_b}",
                nl="beide actief: {organisations[0]} in {actions_a} gezamenlijke acties, "
                "{organisations[1]} in {actions_b}",
            ),
        ),
    ),
    "resident_institution": Template(
        en="brings residents together with an institution ({organisations[0]}: {groups[0]}; "
        "{organisations[1]}: {groups[1]})",
        nl="brengt bewoners samen met een instelling ({organisations[0]}: {groups[0]}; "
        "{organisations[1]}: {groups[1]})",
        about="one is a residents' organisation, the other government or a public service; "
        "`groups`: the group of each",
    ),
    "different_groups": Template(
        en="different groups: {organisations[0]} is {groups[0]}, {organisations[1]} is {groups[1]}",
        nl="verschillende groepen: {organisations[0]} is {groups[0]}, {organisations[1]} is "
        "{groups[1]}",
        about="they are in different groups (`groups`: the group of each)",
    ),
    "bridging": Template(
        en="they sit in different communities of the network, so the tie would bridge them",
        nl="ze zitten in verschillende clusters van het netwerk; de verbinding slaat een brug",
        about="they are in different Louvain communities (`community_a`, `community_b`)",
    ),
    "never_together": Template(
        en="never in a joint action together and no funding between them",
        nl="nooit samen in een gezamenlijke actie en geen geldstroom tussen hen",
        about="no shared joint action and no funding either way",
    ),
    "never_together_no_funding_data": Template(
        en="never in a joint action together",
        nl="nooit samen in een gezamenlijke actie",
        about="no shared joint action (the dataset has no funding flows to check)",
    ),
}

#: The evidence of the LSA scan (:mod:`graphtool.analyses.scan`), one sentence each.
SCAN: dict[str, Template] = {
    "actions_with_residents": Template(
        en="{with_residents} of {actions} joint actions include a resident organisation; "
        "{led} are led by one.",
        nl="{with_residents} van de {actions} gezamenlijke acties hebben een "
        "bewonersorganisatie; {led} worden door een bewonersorganisatie geleid.",
        about="`with_residents` of the `actions` joint actions include a resident "
        "organisation, `led` are led by one",
    ),
    "money_to_residents": Template(
        en="Resident organisations receive {money} ({share} of all money).",
        nl="Bewonersorganisaties ontvangen {money} ({share} van al het geld).",
        about="resident organisations receive `money`, `share` of all money",
    ),
    "residents_at_margin": Template(
        en="{residents} resident organisations are at the margin (at most {max_actions} "
        "actions, leading none, no money): {organisations}.",
        nl="{residents} bewonersorganisaties staan aan de rand (hooguit {max_actions} acties, "
        "geen ervan geleid, geen geld): {organisations}.",
        about="`residents` resident organisations (`organisations`) have at most "
        "`max_actions` actions, lead none and receive no money",
    ),
    "residents_at_centre": Template(
        en="At the centre: {organisations}.",
        nl="In het centrum: {organisations}.",
        about="the resident organisations with most partners (`organisations`)",
        limit=3,
    ),
    "socio_economic_actions": Template(
        en="{socio_economic} of {actions} joint actions are socio-economic ({per_theme}).",
        nl="{socio_economic} van de {actions} gezamenlijke acties zijn sociaal-economisch "
        "({per_theme}).",
        about="`socio_economic` of the `actions` joint actions are on the socio-economic "
        "`themes` (`per_theme`: how many each)",
        pairs={"per_theme": ("per_theme", "themes")},
    ),
    "socio_economic_money": Template(
        en="{money} of the {linked_money} linked to actions goes to socio-economic actions.",
        nl="{money} van de {linked_money} die aan acties is gekoppeld, gaat naar "
        "sociaal-economische acties.",
        about="`money` of the `linked_money` linked to actions goes to socio-economic actions",
    ),
    "energy_participants": Template(
        en="{energy_actions} energy actions with {participants} organisations ({per_group}).",
        nl="{energy_actions} energieacties met {participants} organisaties ({per_group}).",
        about="`energy_actions` energy actions with `participants` organisations (`groups`, "
        "`per_group`: how many of each sector)",
        limit=6,
        pairs={"per_group": ("per_group", "groups")},
    ),
    "energy_money": Template(
        en="{local_money} of {money} of energy money reaches local organisations and residents.",
        nl="{local_money} van {money} energiegeld bereikt lokale organisaties en bewoners.",
        about="`local_money` of the `money` for energy actions reaches local organisations "
        "and residents",
    ),
    "flagged_organisations": Template(
        en="{flagged} organisations show territorial drive: {organisations}.",
        nl="{flagged} organisaties vertonen territoriumdrift: {organisations}.",
        about="`flagged` organisations (`organisations`) are flagged by territorial drive",
    ),
    "fragmented": Template(
        en="The {active} active organisations form {clusters} separate clusters; the largest "
        "holds {largest}.",
        nl="De {active} actieve organisaties vormen {clusters} losse clusters; de grootste "
        "telt er {largest}.",
        about="the `active` organisations form `clusters` components, the largest of `largest`",
    ),
    "connected": Template(
        en="The {active} active organisations are all connected in one network.",
        nl="De {active} actieve organisaties zijn allemaal met elkaar verbonden in één netwerk.",
        about="the `active` organisations form one component",
    ),
    "national_money": Template(
        en="The national government gives {money} ({share} of all money): {per_group_money}.",
        nl="Het Rijk geeft {money} ({share} van al het geld): {per_group_money}.",
        about="the national government gives `money` (`share` of all money), to `groups` "
        "(`per_group_money`: how much to each, most first)",
        limit=6,
        pairs={"per_group_money": ("per_group_money", "groups")},
    ),
    "national_actions": Template(
        en="The national government takes part in {actions} joint actions, in "
        "{beyond_funding} of them as more than a funder.",
        nl="Het Rijk neemt deel aan {actions} gezamenlijke acties, aan {beyond_funding} "
        "daarvan als meer dan financier.",
        about="the national government takes part in `actions` joint actions, in "
        "`beyond_funding` of them as more than a funder",
    ),
}

#: The codes of each analysis, for the docs table (``docs/reasons.md``).
SECTIONS: dict[str, dict[str, Template]] = {
    "territorial drive": TERRITORIAL_DRIVE,
    "missing links": MISSING_LINKS,
    "scan": SCAN,
}
#: Every reason code and its sentence.
REASONS: dict[str, Template] = {code: t for codes in SECTIONS.values() for code, t in codes.items()}

__all__ = [
    "MISSING_LINKS",
    "REASONS",
    "SCAN",
    "SECTIONS",
    "TERRITORIAL_DRIVE",
    "Template",
    "Variant",
]
