"""Texts of the missing-link suggestions (reasons) in English and Dutch."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "shared_partners": {
        "en": "{count} shared partners: {names}",
        "nl": "{count} gedeelde partners: {names}",
    },
    "shared_partner": {
        "en": "1 shared partner: {names}",
        "nl": "1 gedeelde partner: {names}",
    },
    "both_lead_in": {
        "en": "both lead {themes} actions in {places}",
        "nl": "beide trekken {themes}-acties in {places}",
    },
    "both_lead": {
        "en": "both lead {themes} actions",
        "nl": "beide trekken {themes}-acties",
    },
    "both_work_on_in": {
        "en": "both work on {themes} in {places}",
        "nl": "beide werken aan {themes} in {places}",
    },
    "both_work_on": {
        "en": "both work on {themes}",
        "nl": "beide werken aan {themes}",
    },
    "both_active_in": {
        "en": "both active in {places}",
        "nl": "beide actief in {places}",
    },
    "resident_institution": {
        "en": "brings residents together with an institution ({a}: {group_a}; {b}: {group_b})",
        "nl": "brengt bewoners samen met een instelling ({a}: {group_a}; {b}: {group_b})",
    },
    "different_groups": {
        "en": "different groups: {a} is {group_a}, {b} is {group_b}",
        "nl": "verschillende groepen: {a} is {group_a}, {b} is {group_b}",
    },
    "same_group": {
        "en": "both {group}",
        "nl": "beide {group}",
    },
    "active": {
        "en": "both active: {a} in {count_a} joint actions (latest {year_a}), {b} in {count_b} "
        "(latest {year_b})",
        "nl": "beide actief: {a} in {count_a} gezamenlijke acties (laatste {year_a}), {b} in "
        "{count_b} (laatste {year_b})",
    },
    "active_undated": {
        "en": "both active: {a} in {count_a} joint actions, {b} in {count_b}",
        "nl": "beide actief: {a} in {count_a} gezamenlijke acties, {b} in {count_b}",
    },
    "bridging": {
        "en": "they sit in different communities of the network, so the tie would bridge them",
        "nl": "ze zitten in verschillende clusters van het netwerk; de verbinding slaat een brug",
    },
    "never_together": {
        "en": "never in a joint action together",
        "nl": "nooit samen in een gezamenlijke actie",
    },
    "never_together_no_funding": {
        "en": "never in a joint action together and no funding between them",
        "nl": "nooit samen in een gezamenlijke actie en geen geldstroom tussen hen",
    },
}
