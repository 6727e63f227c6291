"""Texts of the interactive network page (``graphtool visualise``), English and Dutch.

The page receives the texts of one language as JSON; placeholders in ``{braces}``
are filled in by the page's script with plain text.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "default_title": {"en": "Who works with whom", "nl": "Wie werkt met wie"},
    "subtitle": {
        "en": "{organisations} organisations, {ties} collaboration ties, {flows} funding ties",
        "nl": "{organisations} organisaties, {ties} samenwerkingsrelaties, {flows} geldstromen",
    },
    "year_note": {"en": "Year {year}", "nl": "Jaar {year}"},
    "search": {"en": "Find an organisation", "nl": "Zoek een organisatie"},
    "search_button": {"en": "Find", "nl": "Zoek"},
    "not_found": {"en": "No organisation called “{query}”", "nl": "Geen organisatie “{query}”"},
    "layers": {
        "en": "Lines (click to show or hide)",
        "nl": "Lijnen (klik om te tonen of te verbergen)",
    },
    "filters": {"en": "Filters", "nl": "Filters"},
    "filter_type": {"en": "Type", "nl": "Soort"},
    "filter_neighbourhood": {"en": "Neighbourhood", "nl": "Wijk"},
    "filter_theme": {"en": "Theme", "nl": "Thema"},
    "filter_year": {"en": "Year", "nl": "Jaar"},
    "filter_flagged": {"en": "Only flagged organisations", "nl": "Alleen gemarkeerde organisaties"},
    "all": {"en": "all", "nl": "alle"},
    "reset": {"en": "Reset filters", "nl": "Filters wissen"},
    "freeze": {"en": "Freeze layout", "nl": "Zet vast"},
    "unfreeze": {"en": "Let it move", "nl": "Laat bewegen"},
    "fit": {"en": "Show all", "nl": "Toon alles"},
    "legend": {"en": "Legend", "nl": "Legenda"},
    "legend_colour": {
        "en": "Colour: group (click to show or hide)",
        "nl": "Kleur: groep (klik om te tonen of te verbergen)",
    },
    "legend_size": {
        "en": "Size: number of joint actions",
        "nl": "Grootte: aantal gezamenlijke acties",
    },
    "legend_collaboration": {
        "en": "Work together (thicker: more joint actions)",
        "nl": "Werken samen (dikker: meer gezamenlijke acties)",
    },
    "legend_participation": {
        "en": "Takes part in a joint action",
        "nl": "Neemt deel aan een actie",
    },
    "legend_action": {"en": "Joint action", "nl": "Gezamenlijke actie"},
    "legend_funding": {
        "en": "Money, arrow from giver to receiver (thicker: more money)",
        "nl": "Geld, pijl van gever naar ontvanger (dikker: meer geld)",
    },
    "legend_suggestion": {
        "en": "Suggested link: could work together",
        "nl": "Voorgestelde verbinding: zouden kunnen samenwerken",
    },
    "legend_flagged": {
        "en": "⚑ thick dashed red ring: keeps to its own kind (territorial drive)",
        "nl": "⚑ dikke gestippelde rode rand: blijft bij de eigen soort (territoriumdrift)",
    },
    "fast_mode": {
        "en": "Large network ({organisations} organisations, above {threshold}): "
        "fixed layout without movement, so the page stays quick.",
        "nl": "Groot netwerk ({organisations} organisaties, meer dan {threshold}): "
        "vaste opmaak zonder beweging, zodat de pagina snel blijft.",
    },
    "no_analyses": {
        "en": "Flags and suggested links are not included.",
        "nl": "Markeringen en voorgestelde verbindingen zijn niet opgenomen.",
    },
    "loading": {"en": "Arranging the network…", "nl": "Het netwerk wordt geordend…"},
    "panel_hint": {
        "en": "Click an organisation to see who it works with, its money and its flags.",
        "nl": "Klik op een organisatie om te zien met wie ze werkt, haar geld en markeringen.",
    },
    "close": {"en": "Close", "nl": "Sluiten"},
    "type": {"en": "Type", "nl": "Soort"},
    "group": {"en": "Group", "nl": "Groep"},
    "neighbourhoods": {"en": "Neighbourhoods", "nl": "Wijken"},
    "themes": {"en": "Themes", "nl": "Thema's"},
    "key_numbers": {"en": "Key numbers", "nl": "Kerncijfers"},
    "actions": {"en": "Joint actions", "nl": "Gezamenlijke acties"},
    "partners": {"en": "Partners", "nl": "Partners"},
    "shared_actions": {"en": "shared actions", "nl": "gedeelde acties"},
    "money_in": {"en": "Money in", "nl": "Geld ontvangen"},
    "money_out": {"en": "Money out", "nl": "Geld gegeven"},
    "from": {"en": "from", "nl": "van"},
    "to": {"en": "to", "nl": "aan"},
    "score": {"en": "Territorial drive score", "nl": "Score territoriumdrift"},
    "flagged": {
        "en": "⚑ Flagged: keeps to its own kind",
        "nl": "⚑ Gemarkeerd: blijft bij de eigen soort",
    },
    "not_flagged": {"en": "Not flagged", "nl": "Niet gemarkeerd"},
    "absent": {
        "en": "No joint action: not scored",
        "nl": "Geen gezamenlijke actie: geen score",
    },
    "drive": {"en": "Territorial drive", "nl": "Territoriumdrift"},
    "score_scale": {
        "en": "The score runs from 0 (works across groups) to 1 (keeps to its own kind); "
        "it is the mean of the parts above.",
        "nl": "De score loopt van 0 (werkt over groepen heen) tot 1 (blijft bij de eigen "
        "soort); het is het gemiddelde van de onderdelen hierboven.",
    },
    "component_solo_share": {
        "en": "Actions without a partner",
        "nl": "Acties zonder partner",
    },
    "component_ei_index": {
        "en": "Ties outside its group (E-I: −1 only own kind, +1 only others)",
        "nl": "Banden buiten de eigen groep (E-I: −1 alleen eigen soort, +1 alleen anderen)",
    },
    "component_partner_diversity": {
        "en": "Partner diversity (0 one group, 1 all groups)",
        "nl": "Verscheidenheid van partners (0 één groep, 1 alle groepen)",
    },
    "component_resident_reach": {
        "en": "Actions with residents",
        "nl": "Acties met bewoners",
    },
    "component_funding_in_group_share": {
        "en": "Money within its own group",
        "nl": "Geld binnen de eigen groep",
    },
    "undefined_value": {"en": "n/a", "nl": "n.v.t."},
    "why": {"en": "Why", "nl": "Waarom"},
    "suggested_partners": {"en": "Suggested partners", "nl": "Voorgestelde partners"},
    "none": {"en": "none", "nl": "geen"},
    "more": {"en": "and {count} more", "nl": "en nog {count}"},
    "participants": {"en": "Participants", "nl": "Deelnemers"},
    "period": {"en": "Period", "nl": "Periode"},
    "shown": {
        "en": "{nodes} of {total} shown",
        "nl": "{nodes} van {total} getoond",
    },
}
