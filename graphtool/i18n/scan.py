"""Texts of the LSA scan: titles and verdicts (the evidence: :mod:`graphtool.i18n.reasons`)."""

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
}
