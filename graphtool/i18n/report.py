"""Texts of the report (headings, labels, short sentences)."""

TEXTS = {
    "title": {"en": "Who works with whom: {dataset}", "nl": "Wie werkt met wie: {dataset}"},
    "all_years": {"en": "all years", "nl": "alle jaren"},
    "year": {"en": "year {year}", "nl": "jaar {year}"},
    "contents": {"en": "Contents", "nl": "Inhoud"},
    "summary": {"en": "Summary", "nl": "Samenvatting"},
    "scan": {"en": "The LSA scan: five action points", "nl": "De LSA-scan: vijf actiepunten"},
    "flagged": {
        "en": "Territorial drive: flagged organisations",
        "nl": "Territoriumdrift: gesignaleerde organisaties",
    },
    "links": {"en": "Suggested links", "nl": "Voorgestelde verbindingen"},
    "brokers": {"en": "Brokers and communities", "nl": "Verbinders en gemeenschappen"},
    "funding": {"en": "Funding flows", "nl": "Geldstromen"},
    "change": {"en": "Change from {a} to {b}", "nl": "Verandering van {a} naar {b}"},
    "network": {"en": "The network", "nl": "Het netwerk"},
    "methods": {
        "en": "Methods, references and configuration",
        "nl": "Methoden, bronnen en instellingen",
    },
    "cite": {"en": "How to cite these numbers", "nl": "Zo citeert u deze cijfers"},
    "summary_counts": {
        "en": "{orgs} organisations, {active} of them in at least one of {actions} joint actions; "
        "{ties} collaboration ties; {flows} funding flows worth {money}.",
        "nl": "{orgs} organisaties, waarvan {active} in ten minste één van {actions} "
        "gezamenlijke acties; {ties} samenwerkingsbanden; {flows} geldstromen, samen {money}.",
    },
    "summary_flagged": {
        "en": "{n} organisations show territorial drive.",
        "nl": "{n} organisaties vertonen territoriumdrift.",
    },
    "summary_links": {
        "en": "{n} links are suggested; the strongest: {pair}.",
        "nl": "{n} verbindingen worden voorgesteld; de sterkste: {pair}.",
    },
    "verdicts": {"en": "Verdicts of the scan", "nl": "Oordelen van de scan"},
    "none": {"en": "None.", "nl": "Geen."},
    "absent": {
        "en": "Absent (no joint action): {names}.",
        "nl": "Afwezig (geen gezamenlijke actie): {names}.",
    },
    "brokers_intro": {
        "en": "Brokers: the top {share} of active organisations by betweenness. Counts of "
        "Gould–Fernandez roles say between which groups they broker.",
        "nl": "Verbinders: de bovenste {share} van de actieve organisaties naar betweenness. "
        "De Gould–Fernandez-rollen zeggen tussen welke groepen ze verbinden.",
    },
    "communities_intro": {
        "en": "{n} communities (Louvain, seeded); the largest with their most connected members:",
        "nl": "{n} gemeenschappen (Louvain, met vaste seed); de grootste met hun best "
        "verbonden leden:",
    },
    "money_by_group": {
        "en": "Money given and received by group",
        "nl": "Gegeven en ontvangen geld per groep",
    },
    "money_flows": {"en": "Money from group to group", "nl": "Geld van groep naar groep"},
    "given": {"en": "given", "nl": "gegeven"},
    "received": {"en": "received", "nl": "ontvangen"},
    "no_funding": {
        "en": "The dataset has no funding flows.",
        "nl": "De dataset heeft geen geldstromen.",
    },
    "network_intro": {
        "en": "The interactive network page (search, filters, flags explained). It works "
        "offline; open it on its own for the full screen.",
        "nl": "De interactieve netwerkpagina (zoeken, filters, uitleg bij signalen). Werkt "
        "offline; open hem los voor het volle scherm.",
    },
    "network_file": {
        "en": "The interactive network page is written beside this report: [{file}]({file}).",
        "nl": "De interactieve netwerkpagina staat naast dit rapport: [{file}]({file}).",
    },
    "methods_language": {
        "en": "",
        "nl": "De methoden staan hieronder in het Engels, zoals ze in de literatuur staan.",
    },
    "chart_alt_bars": {
        "en": "Bar chart of money given and received by group",
        "nl": "Staafdiagram van gegeven en ontvangen geld per groep",
    },
    "chart_alt_flows": {
        "en": "Flow diagram of money from group to group",
        "nl": "Stroomdiagram van geld van groep naar groep",
    },
}
