"""Reasons for territorial drive flags, in English and Dutch.

Keys ending in ``_one`` (``_two``) are the forms of the key without the
suffix for a count of 1 (2); the analysis picks them when they exist.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "absent": {
        "en": "takes part in no joint action{when}, so it is not scored",
        "nl": "neemt aan geen enkele gezamenlijke actie deel{when}, dus geen score",
    },
    "when_year": {"en": " in {year}", "nl": " in {year}"},
    "solo_all": {
        "en": "none of its {actions} joint actions has a partner",
        "nl": "geen van de {actions} gezamenlijke acties heeft een partner",
    },
    "solo_all_one": {
        "en": "its only joint action has no partner",
        "nl": "de enige gezamenlijke actie heeft geen partner",
    },
    "solo_some": {
        "en": "{solo} of its {actions} joint actions have no partner",
        "nl": "{solo} van de {actions} gezamenlijke acties hebben geen partner",
    },
    "solo_some_one": {
        "en": "1 of its {actions} joint actions has no partner",
        "nl": "1 van de {actions} gezamenlijke acties heeft geen partner",
    },
    "own_all": {
        "en": "all {partners} partners are {group}, like itself: {names}",
        "nl": "alle {partners} partners zijn {group}, net als zijzelf: {names}",
    },
    "own_all_one": {
        "en": "its only partner is also in its own group ({group}): {names}",
        "nl": "de enige partner hoort ook bij de eigen groep ({group}): {names}",
    },
    "own_all_two": {
        "en": "both partners are {group}, like itself: {names}",
        "nl": "beide partners zijn {group}, net als zijzelf: {names}",
    },
    "own_most": {
        "en": "{own} of its {partners} partners are {group}, like itself: {names}",
        "nl": "{own} van de {partners} partners zijn {group}, net als zijzelf: {names}",
    },
    "own_most_one": {
        "en": "1 of its {partners} partners is {group}, like itself, and shares most "
        "of its actions: {names}",
        "nl": "1 van de {partners} partners is {group}, net als zijzelf, en deelt de meeste "
        "acties: {names}",
    },
    "narrow": {
        "en": "its {partners} partners come from only {used} of the {groups} groups: {names}",
        "nl": "de {partners} partners komen uit slechts {used} van de {groups} groepen: {names}",
    },
    "narrow_single": {
        "en": "its only partner is from one other group: {names}",
        "nl": "de enige partner komt uit één andere groep: {names}",
    },
    "narrow_one": {
        "en": "all {partners} partners come from one group of the {groups}: {names}",
        "nl": "alle {partners} partners komen uit één van de {groups} groepen: {names}",
    },
    "residents_none": {
        "en": "none of its {actions} joint actions includes a residents' organisation",
        "nl": "geen van de {actions} gezamenlijke acties heeft een bewonersorganisatie erbij",
    },
    "residents_none_one": {
        "en": "its only joint action does not include a residents' organisation",
        "nl": "de enige gezamenlijke actie heeft geen bewonersorganisatie erbij",
    },
    "residents_few": {
        "en": "only {reached} of its {actions} joint actions include a residents' organisation",
        "nl": "slechts {reached} van de {actions} gezamenlijke acties hebben een "
        "bewonersorganisatie erbij",
    },
    "residents_few_one": {
        "en": "only 1 of its {actions} joint actions includes a residents' organisation",
        "nl": "slechts 1 van de {actions} gezamenlijke acties heeft een "
        "bewonersorganisatie erbij",
    },
    "money": {
        "en": "{percent}% of the money it gives and receives ({within} of {total}) stays "
        "within its group ({group}), most of it with {name}",
        "nl": "{percent}% van het geld dat ze geeft en ontvangt ({within} van {total}) blijft "
        "binnen de eigen groep ({group}), het meeste bij {name}",
    },
    "money_self": {
        "en": "{percent}% of the money it gives and receives ({within} of {total}) stays "
        "within its group ({group})",
        "nl": "{percent}% van het geld dat ze geeft en ontvangt ({within} van {total}) blijft "
        "binnen de eigen groep ({group})",
    },
    "constraint": {
        "en": "its partners are tied closely to each other (Burt's constraint {value})",
        "nl": "de partners zijn sterk met elkaar verbonden (constraint volgens Burt {value})",
    },
    "too_few": {
        "en": "only {actions} joint actions: a flag needs at least {minimum}",
        "nl": "slechts {actions} gezamenlijke acties: een signaal vraagt er minstens {minimum}",
    },
    "too_few_one": {
        "en": "only 1 joint action: a flag needs at least {minimum}",
        "nl": "slechts 1 gezamenlijke actie: een signaal vraagt er minstens {minimum}",
    },
}
