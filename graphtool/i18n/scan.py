"""Texts of the LSA scan."""

TEXTS = {
    "title_residents": {
        "en": "Residents are the starting point",
        "nl": "Bewoners zijn het vertrekpunt",
    },
    "title_socio_economic": {
        "en": "Socio-economic perspectives come first",
        "nl": "Sociaal-economisch perspectief voorop",
    },
    "title_energy": {
        "en": "The energy transition as a lever",
        "nl": "De energietransitie als hefboom",
    },
    "title_territorial_drive": {
        "en": "Prevent territorial drive",
        "nl": "Voorkom territoriumdrift",
    },
    "title_national_government": {
        "en": "The national government takes its role",
        "nl": "Het Rijk neemt zijn rol",
    },
    "verdict_good": {
        "en": "Good: {indicator} is {value}.",
        "nl": "Goed: {indicator} is {value}.",
    },
    "verdict_partly": {
        "en": "Partly: {indicator} is {value}.",
        "nl": "Deels: {indicator} is {value}.",
    },
    "verdict_weak": {
        "en": "Weak: {indicator} is only {value}.",
        "nl": "Zwak: {indicator} is maar {value}.",
    },
    "verdict_no_data": {
        "en": "No data: {indicator} cannot be computed from this dataset.",
        "nl": "Geen gegevens: {indicator} is met deze dataset niet te berekenen.",
    },
    "ind_actions_with_residents_share": {
        "en": "the share of joint actions with a resident organisation",
        "nl": "het aandeel gezamenlijke acties met een bewonersorganisatie",
    },
    "ind_socio_economic_actions_share": {
        "en": "the share of joint actions on work, income and education",
        "nl": "het aandeel gezamenlijke acties over werk, inkomen en onderwijs",
    },
    "ind_energy_local_participation_share": {
        "en": "the share of local organisations and residents among energy participants",
        "nl": "het aandeel lokale organisaties en bewoners onder de deelnemers aan energieacties",
    },
    "ind_cross_group_tie_share": {
        "en": "the share of collaboration that crosses groups",
        "nl": "het aandeel samenwerking over groepsgrenzen heen",
    },
    "ind_national_money_to_local_share": {
        "en": "the share of national money that reaches local organisations and residents",
        "nl": "het aandeel Rijksgeld dat lokale organisaties en bewoners bereikt",
    },
    "ev_res_actions": {
        "en": "{n} of {total} joint actions include a resident organisation; {led} are led by one.",
        "nl": "{n} van de {total} gezamenlijke acties hebben een bewonersorganisatie; "
        "{led} worden door een bewonersorganisatie geleid.",
    },
    "ev_res_money": {
        "en": "Resident organisations receive €{amount} ({share} of all money).",
        "nl": "Bewonersorganisaties ontvangen €{amount} ({share} van al het geld).",
    },
    "ev_res_margin": {
        "en": "{n} resident organisations are at the margin (at most {most} actions, leading "
        "none, no money): {names}.",
        "nl": "{n} bewonersorganisaties staan aan de rand (hooguit {most} acties, geen ervan "
        "geleid, geen geld): {names}.",
    },
    "ev_res_centre": {
        "en": "At the centre: {names}.",
        "nl": "In het centrum: {names}.",
    },
    "ev_se_actions": {
        "en": "{n} of {total} joint actions are socio-economic ({themes}).",
        "nl": "{n} van de {total} gezamenlijke acties zijn sociaal-economisch ({themes}).",
    },
    "ev_se_money": {
        "en": "€{amount} of the €{linked} linked to actions goes to socio-economic actions.",
        "nl": "€{amount} van de €{linked} die aan acties is gekoppeld, gaat naar "
        "sociaal-economische acties.",
    },
    "ev_energy_who": {
        "en": "{n} energy actions with {orgs} organisations ({groups}).",
        "nl": "{n} energieacties met {orgs} organisaties ({groups}).",
    },
    "ev_energy_money": {
        "en": "€{local} of €{amount} of energy money reaches local organisations and residents.",
        "nl": "€{local} van €{amount} energiegeld bereikt lokale organisaties en bewoners.",
    },
    "ev_td_flagged": {
        "en": "{n} organisations show territorial drive: {names}.",
        "nl": "{n} organisaties vertonen territoriumdrift: {names}.",
    },
    "ev_td_fragments": {
        "en": "The {active} active organisations form {n} separate clusters; "
        "the largest holds {largest}.",
        "nl": "De {active} actieve organisaties vormen {n} losse clusters; "
        "de grootste telt er {largest}.",
    },
    "ev_td_connected": {
        "en": "The {active} active organisations are all connected in one network.",
        "nl": "De {active} actieve organisaties zijn allemaal met elkaar verbonden in één netwerk.",
    },
    "ev_nat_money": {
        "en": "The national government gives €{amount} ({share} of all money): {groups}.",
        "nl": "Het Rijk geeft €{amount} ({share} van al het geld): {groups}.",
    },
    "ev_nat_actions": {
        "en": "The {who} takes part in {n} joint actions, in {beyond} of them as more than "
        "a funder.",
        "nl": "Het {who} neemt deel aan {n} gezamenlijke acties, aan {beyond} daarvan als meer "
        "dan financier.",
    },
}
