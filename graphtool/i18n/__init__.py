"""Texts in English and Dutch.

Each topic keeps its own catalogue module here (``graphtool.i18n.<topic>``)
holding a ``TEXTS`` dict: ``key -> {"en": "...", "nl": "..."}`` with
``str.format`` placeholders; :mod:`graphtool.i18n.reasons` holds the sentence
of every reason code and :mod:`graphtool.i18n.formats` the one way to show
numbers, money, shares and group names. Only the presentation layer uses
this package: analyses return reason records, never text.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("en", "nl")
DEFAULT_LANGUAGE = "en"

#: Names of the sector groups and organisation types, for sentences and legends.
GROUP_NAMES: dict[str, dict[str, str]] = {
    "government": {"en": "government", "nl": "overheid"},
    "public_service": {"en": "public services", "nl": "maatschappelijke instellingen"},
    "residents": {"en": "residents", "nl": "bewoners"},
    "civil_society": {"en": "civil society", "nl": "maatschappelijk middenveld"},
    "market": {"en": "market", "nl": "markt"},
    "unknown": {"en": "unknown", "nl": "onbekend"},
}
TYPE_NAMES: dict[str, dict[str, str]] = {
    "municipality": {"en": "municipality", "nl": "gemeente"},
    "province": {"en": "province", "nl": "provincie"},
    "regional_government": {"en": "regional government", "nl": "regionale overheid"},
    "national_government": {"en": "national government", "nl": "Rijk"},
    "police": {"en": "police", "nl": "politie"},
    "housing_association": {"en": "housing association", "nl": "woningcorporatie"},
    "welfare": {"en": "welfare organisation", "nl": "welzijnsorganisatie"},
    "care": {"en": "care organisation", "nl": "zorgorganisatie"},
    "health": {"en": "health organisation", "nl": "gezondheidsorganisatie"},
    "education": {"en": "school", "nl": "onderwijsinstelling"},
    "knowledge_institute": {"en": "knowledge institute", "nl": "kennisinstelling"},
    "resident_initiative": {"en": "resident initiative", "nl": "bewonersinitiatief"},
    "residents_association": {"en": "residents' association", "nl": "bewonersorganisatie"},
    "energy_cooperative": {"en": "energy cooperative", "nl": "energiecoöperatie"},
    "foundation": {"en": "foundation", "nl": "fonds of stichting"},
    "other": {"en": "other organisation", "nl": "overige organisatie"},
    "business": {"en": "business", "nl": "bedrijf"},
    "social_enterprise": {"en": "social enterprise", "nl": "sociale onderneming"},
}
THEME_NAMES: dict[str, dict[str, str]] = {
    "energy_transition": {"en": "energy transition", "nl": "energietransitie"},
    "socio_economic": {"en": "socio-economic", "nl": "sociaal-economisch"},
    "employment": {"en": "employment", "nl": "werk"},
    "education": {"en": "education", "nl": "onderwijs"},
    "safety": {"en": "safety", "nl": "veiligheid"},
    "health": {"en": "health", "nl": "gezondheid"},
    "housing": {"en": "housing", "nl": "wonen"},
    "liveability": {"en": "liveability", "nl": "leefbaarheid"},
    "youth": {"en": "youth", "nl": "jeugd"},
    "participation": {"en": "participation", "nl": "participatie"},
}


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return lang


def text(catalogue: Mapping[str, Mapping[str, str]], key: str, lang: str = "en", **params) -> str:
    """The text ``key`` of ``catalogue`` in ``lang`` (English when missing), formatted with params.

    >>> text({"hi": {"en": "hello {name}", "nl": "hallo {name}"}}, "hi", "nl", name="Ede")
    'hallo Ede'
    """
    entry = catalogue[key]
    template = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return template.format(**params)


def name_of(names: Mapping[str, Mapping[str, str]], key: str, lang: str = "en") -> str:
    """A display name from one of the name tables; the key itself when unknown."""
    entry = names.get(key)
    if entry is None:
        return key.replace("_", " ")
    return entry.get(lang) or entry[DEFAULT_LANGUAGE]


def join_names(names: list[str], lang: str = "en", limit: int = 5) -> str:
    """'A, B and C' (Dutch: 'A, B en C'), cut after ``limit`` with 'and N more'.

    >>> join_names(["A", "B", "C"], "nl")
    'A, B en C'
    >>> join_names(["A", "B", "C", "D"], limit=2)
    'A, B and 2 more'
    """
    and_word = "en" if lang == "nl" else "and"
    if len(names) > limit:
        more = "meer" if lang == "nl" else "more"
        return ", ".join(names[:limit]) + f" {and_word} {len(names) - limit} {more}"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {and_word} {names[-1]}"
