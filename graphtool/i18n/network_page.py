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
        "en": "The score runs from 0 (works across groups) to 1 (keeps to its own kind). "
        "It is the mean of the parts turned inward (right column: 1 means inward-looking; "
        "an E-I of −1 becomes 1, +1 becomes 0). Flagged from a score of {threshold} with "
        "at least {minimum} joint actions.",
        "nl": "De score loopt van 0 (werkt over groepen heen) tot 1 (blijft bij de eigen "
        "soort). Het is het gemiddelde van de onderdelen naar binnen gekeerd (rechterkolom: "
        "1 betekent naar binnen gericht; een E-I van −1 wordt 1, +1 wordt 0). Gemarkeerd "
        "vanaf een score van {threshold} met minstens {minimum} gezamenlijke acties.",
    },
    "ei_plain": {
        "en": "E-I compares ties outside its own group with ties inside it: −1 means all its "
        "partners are of its own kind, 0 half and half, +1 all of other kinds.",
        "nl": "E-I vergelijkt banden buiten de eigen groep met banden erbinnen: −1 betekent "
        "dat alle partners van de eigen soort zijn, 0 half om half, +1 allemaal van andere "
        "soorten.",
    },
    "drive_part": {"en": "Part", "nl": "Onderdeel"},
    "drive_value": {"en": "Value", "nl": "Waarde"},
    "drive_inward": {"en": "Inward (0–1)", "nl": "Naar binnen (0–1)"},
    "component_solo_share": {
        "en": "Actions without a partner",
        "nl": "Acties zonder partner",
    },
    "component_ei_index": {
        "en": "Ties outside its group (E-I)",
        "nl": "Banden buiten de eigen groep (E-I)",
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
    "component_constraint": {
        "en": "Constraint (1: all its partners know each other)",
        "nl": "Beperking (1: al haar partners kennen elkaar)",
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
    "and": {"en": "and", "nl": "en"},
    "filter_place": {"en": "Country or place", "nl": "Land of plaats"},
    "filter_programme": {"en": "Programme", "nl": "Programma"},
    "view": {"en": "View", "nl": "Weergave"},
    "view_organisations": {"en": "Organisations", "nl": "Organisaties"},
    "view_groups": {"en": "One circle per group", "nl": "Eén cirkel per groep"},
    "view_communities": {
        "en": "One circle per community (who works together most)",
        "nl": "Eén cirkel per gemeenschap (wie het meest samenwerkt)",
    },
    "groups_banner": {
        "en": "One circle per group: size is the number of organisations, lines are ties and "
        "money between groups. Click a circle, then “Open this group”.",
        "nl": "Eén cirkel per groep: grootte is het aantal organisaties, lijnen zijn banden en "
        "geld tussen groepen. Klik op een cirkel en dan op “Open deze groep”.",
    },
    "groups_banner_community": {
        "en": "One circle per community of organisations that work together most. Click a circle, "
        "then “Open this group”.",
        "nl": "Eén cirkel per gemeenschap van organisaties die het meest samenwerken. Klik op een "
        "cirkel en dan op “Open deze groep”.",
    },
    "panel_hint_groups": {
        "en": "Click a circle to see the group; double-click to open it.",
        "nl": "Klik op een cirkel om de groep te zien; dubbelklik om haar te openen.",
    },
    "shown_groups": {
        "en": "{groups} circles for {total} organisations",
        "nl": "{groups} cirkels voor {total} organisaties",
    },
    "community_around": {"en": "Around {name}", "nl": "Rond {name}"},
    "community_others": {
        "en": "Small and loose communities",
        "nl": "Kleine en losse gemeenschappen",
    },
    "group_members": {"en": "{count} organisations", "nl": "{count} organisaties"},
    "group_ties": {
        "en": "{count} ties between these groups",
        "nl": "{count} banden tussen deze groepen",
    },
    "group_inside": {"en": "Ties inside the group", "nl": "Banden binnen de groep"},
    "group_outside": {"en": "Ties to other groups", "nl": "Banden met andere groepen"},
    "group_money_inside": {"en": "Money inside the group", "nl": "Geld binnen de groep"},
    "group_flagged": {"en": "Flagged here", "nl": "Gemarkeerd in deze groep"},
    "group_largest": {"en": "Most active organisations", "nl": "Meest actieve organisaties"},
    "drill": {"en": "Open this group", "nl": "Open deze groep"},
    "drill_banner": {"en": "The organisations of: {name}", "nl": "De organisaties van: {name}"},
    "drill_back": {"en": "Back to the groups", "nl": "Terug naar de groepen"},
    "focus": {"en": "Focus", "nl": "Focus"},
    "focus_banner": {
        "en": "Focus on {name} and {count} partners",
        "nl": "Focus op {name} en {count} partners",
    },
    "focus_banner_one": {
        "en": "Focus on {name} and its one partner",
        "nl": "Focus op {name} en haar enige partner",
    },
    "focus_back": {"en": "Back to the whole network", "nl": "Terug naar het hele netwerk"},
    "focus_one": {"en": "Partners only (1 step)", "nl": "Alleen partners (1 stap)"},
    "focus_two": {"en": "Also their partners (2 steps)", "nl": "Ook hun partners (2 stappen)"},
    "background_badge": {
        "en": "from {name} to {recipients} organisations (not drawn as arrows)",
        "nl": "van {name} aan {recipients} organisaties (niet als pijlen getekend)",
    },
    "background_note": {
        "en": "A funder that pays more than {share} of all organisations is shown here instead of "
        "an arrow to each.",
        "nl": "Een geldgever die meer dan {share} van alle organisaties betaalt, staat hier in "
        "plaats van een pijl naar elk.",
    },
    "background_switch": {"en": "Draw its arrows", "nl": "Teken de pijlen"},
    "background_panel": {
        "en": "Pays more than {share} of all organisations: its money is a badge in the legend.",
        "nl": "Betaalt meer dan {share} van alle organisaties: het geld staat als badge in de "
        "legenda.",
    },
    "sig_expected_ei": {
        "en": "If it picked its partners regardless of group, about {expected} of its ties "
        "would go outside its own group, given who is in this network; it has {actual}.",
        "nl": "Als ze partners koos zonder op de groep te letten, ging zo'n {expected} van de "
        "banden buiten de eigen groep, gezien wie er in dit netwerk zitten; het is {actual}.",
    },
    "sig_p_value": {
        "en": "With the groups reshuffled at random, a score this high comes up in {percent} of "
        "the reshuffles (p = {p}).",
        "nl": "Als de groepen willekeurig worden herschud, komt een score zo hoog voor in "
        "{percent} van de keren (p = {p}).",
    },
    "sig_q_value": {
        "en": "Corrected for testing every organisation: q = {q}.",
        "nl": "Gecorrigeerd voor het toetsen van elke organisatie: q = {q}.",
    },
    "sig_robust": {
        "en": "The flag is robust: it stays when the parts of the score are weighed differently.",
        "nl": "Het signaal is stevig: het blijft als de onderdelen van de score anders worden "
        "gewogen.",
    },
    "sig_fragile": {
        "en": "The flag is fragile: weigh the parts of the score a little differently and it "
        "can disappear.",
        "nl": "Het signaal is wankel: weeg de onderdelen van de score iets anders en het kan "
        "verdwijnen.",
    },
    "pair_title": {"en": "With another organisation", "nl": "Met een andere organisatie"},
    "pair_other": {"en": "Other organisation", "nl": "Andere organisatie"},
    "pair_choose": {"en": "choose an organisation…", "nl": "kies een organisatie…"},
    "whatif_button": {
        "en": "What if they start a joint action?",
        "nl": "Wat als ze een gezamenlijke actie beginnen?",
    },
    "whatif_title": {"en": "What if…", "nl": "Wat als…"},
    "whatif_intro": {
        "en": "Suppose {a} and {b} start a joint action together.",
        "nl": "Stel dat {a} en {b} samen een gezamenlijke actie beginnen.",
    },
    "whatif_edge": {"en": "Supposed joint action", "nl": "Veronderstelde gezamenlijke actie"},
    "whatif_now": {"en": "Now", "nl": "Nu"},
    "whatif_then": {"en": "Then", "nl": "Dan"},
    "whatif_lifted": {"en": "The flag would lift.", "nl": "De markering zou verdwijnen."},
    "whatif_raised": {"en": "It would become flagged.", "nl": "Ze zou gemarkeerd worden."},
    "whatif_stays": {"en": "⚑ The flag would stay.", "nl": "⚑ De markering zou blijven."},
    "whatif_not_flagged": {
        "en": "Not flagged, before or after.",
        "nl": "Niet gemarkeerd, ervoor noch erna.",
    },
    "whatif_note": {
        "en": "Computed in this page with the rules of the analysis: flagged from {threshold} "
        "with at least {minimum} joint actions.",
        "nl": "Berekend in deze pagina met de regels van de analyse: gemarkeerd vanaf {threshold} "
        "met minstens {minimum} gezamenlijke acties.",
    },
    "note": {"en": "Note (optional)", "nl": "Toelichting (niet verplicht)"},
    "correct_together": {"en": "They do work together", "nl": "Ze werken wel samen"},
    "correct_wrong": {"en": "This tie is wrong", "nl": "Deze band klopt niet"},
    "corrections": {"en": "Corrections from the room", "nl": "Correcties uit de zaal"},
    "corrections_hint": {
        "en": "Mark what the map gets wrong; download the list and give it to whoever keeps the "
        "data.",
        "nl": "Geef aan wat er niet klopt; download de lijst en geef haar aan wie de gegevens "
        "beheert.",
    },
    "missing_title": {"en": "An organisation is missing", "nl": "Er ontbreekt een organisatie"},
    "missing_name": {
        "en": "Name of the missing organisation",
        "nl": "Naam van de ontbrekende organisatie",
    },
    "missing_add": {"en": "Add", "nl": "Voeg toe"},
    "corrections_download": {"en": "Download corrections (CSV)", "nl": "Download correcties (CSV)"},
    "correction_together": {"en": "{a} and {b} work together", "nl": "{a} en {b} werken samen"},
    "correction_wrong": {
        "en": "The tie between {a} and {b} is wrong",
        "nl": "De band tussen {a} en {b} klopt niet",
    },
    "correction_missing": {"en": "Missing: {name} ({type})", "nl": "Ontbreekt: {name} ({type})"},
    "correction_remove": {"en": "Remove this correction", "nl": "Verwijder deze correctie"},
    "poster": {"en": "Poster (A3)", "nl": "Poster (A3)"},
    "poster_footer": {
        "en": "graphtool · dataset {dataset} · made {date}",
        "nl": "graphtool · dataset {dataset} · gemaakt {date}",
    },
    "story": {"en": "Story", "nl": "Verhaal"},
    "story_end": {"en": "End the story", "nl": "Stop het verhaal"},
    "story_keys": {"en": "← → to move, Esc to stop", "nl": "← → om te bladeren, Esc om te stoppen"},
    "story_whole": {"en": "The whole network", "nl": "Het hele netwerk"},
    "story_whole_1": {
        "en": "{organisations} organisations in {groups} groups take part in {actions} joint "
        "actions.",
        "nl": "{organisations} organisaties in {groups} groepen doen mee aan {actions} "
        "gezamenlijke acties.",
    },
    "story_whole_2": {
        "en": "{share} of the ties between them cross from one group to another.",
        "nl": "{share} van de banden tussen hen gaat van de ene groep naar een andere.",
    },
    "story_flagged": {"en": "Who keeps to themselves", "nl": "Wie blijft bij zichzelf"},
    "story_flagged_1": {
        "en": "{count} organisations mostly keep to their own kind: {names}.",
        "nl": "{count} organisaties blijven vooral bij de eigen soort: {names}.",
    },
    "story_flagged_2": {
        "en": "Their score is {threshold} or more: most of their ties, partners and money stay "
        "within their own group.",
        "nl": "Hun score is {threshold} of hoger: de meeste banden, partners en het geld blijven "
        "binnen de eigen groep.",
    },
    "story_none_flagged": {
        "en": "No organisation keeps mostly to its own kind.",
        "nl": "Geen organisatie blijft vooral bij de eigen soort.",
    },
    "story_and_more": {"en": "and {count} more", "nl": "en nog {count}"},
    "story_why": {"en": "Why {name} keeps to itself", "nl": "Waarom {name} bij zichzelf blijft"},
    "story_score": {
        "en": "Its score is {score} on a scale from 0 to 1.",
        "nl": "De score is {score} op een schaal van 0 tot 1.",
    },
    "story_suggestion": {
        "en": "A partnership worth trying",
        "nl": "Een samenwerking die het proberen waard is",
    },
    "story_suggestion_1": {
        "en": "{a} and {b} do not work together yet, but could.",
        "nl": "{a} en {b} werken nog niet samen, maar zouden dat kunnen.",
    },
    "story_suggestion_2": {"en": "Why: {reason}.", "nl": "Waarom: {reason}."},
    "story_suggestion_none": {
        "en": "Their ties and groups suggest it.",
        "nl": "Hun banden en groepen wijzen erop.",
    },
    "story_compare": {
        "en": "What changed from {from} to {to}",
        "nl": "Wat er veranderde van {from} tot {to}",
    },
    "story_compare_1": {
        "en": "From {from} to {to}, {appeared} organisations joined and {left} left; {added} ties "
        "were added and {lost} were lost.",
        "nl": "Van {from} tot {to} kwamen er {appeared} organisaties bij en vertrokken er {left}; "
        "{added} banden kwamen erbij en {lost} verdwenen.",
    },
    "story_compare_2": {
        "en": "{flagged_from} organisations were flagged in {from}, {flagged_to} in {to}.",
        "nl": "In {from} waren {flagged_from} organisaties gemarkeerd, in {to} {flagged_to}.",
    },
    "story_compare_lifted": {
        "en": "No longer flagged: {names}.",
        "nl": "Niet meer gemarkeerd: {names}.",
    },
    "verdict_good": {"en": "good", "nl": "goed"},
    "verdict_partly": {"en": "partly", "nl": "deels"},
    "verdict_weak": {"en": "weak", "nl": "zwak"},
    "verdict_no_data": {"en": "no data", "nl": "geen gegevens"},
}
