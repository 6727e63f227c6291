#!/usr/bin/env python3
"""Generate the sample datasets in ``sample_data/`` (standard library only).

Two datasets are written, both in the dataset format of DESIGN.md
("Dataset format"):

``sample_data/lindenwaard/``
    A fictional Dutch municipality, Lindenwaard, 2012-2019: four
    neighbourhoods, organisations of every type, joint actions, participations
    and funding flows. The records are written out by hand below so that the
    patterns described in ``sample_data/README.md`` (siloed organisations,
    missing links, resident initiatives at the margin and at the centre,
    change over time, absent organisations) hold exactly. The only random
    element is a small seeded jitter on recurring yearly grants.

``sample_data/knoke/``
    The Knoke & Wood (1981) bureaucracies network (UCINET KNOKBUR): the
    information arcs become two-participant joint actions, the money arcs
    funding flows of amount 1 (amounts unknown).

Run from the repository root::

    python scripts/make_sample_data.py            # writes sample_data/...
    python scripts/make_sample_data.py --out DIR  # writes DIR/lindenwaard, DIR/knoke

The output is byte-for-byte reproducible.
"""

# ruff: noqa: E501  (the hand-written data tables below keep one record per line)
from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

SEED = 20180612  # fixed: the jitter on recurring grants is reproducible

ROOT = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------------------
# Lindenwaard
# ---------------------------------------------------------------------------

MUNICIPALITY = "Lindenwaard"

# fmt: off
# id, name, population 2012, population 2017, households 2017,
# share social rent 2017 (%), liveability score 2012 and 2017 (1-9 scale,
# higher is better; a fictional Leefbaarometer-like score), vulnerable (0/1)
NEIGHBOURHOODS = [
    ("noorderkamp", "Noorderkamp", 8420, 8610, 3980, 58, 4.6, 4.3, 1),
    ("zuiderweide", "Zuiderweide", 11250, 11480, 5320, 64, 4.2, 3.9, 1),
    ("oostermolen", "Oostermolen", 6930, 7105, 3010, 51, 4.9, 4.6, 1),
    ("lindenhof", "Lindenhof (centrum)", 5310, 5690, 3240, 22, 6.1, 6.3, 0),
]
ALL_NB = "noorderkamp;zuiderweide;oostermolen;lindenhof"

# id, name, type, scale, neighbourhoods
ORGANISATIONS = [
    # government
    ("gem-lindenwaard", "Gemeente Lindenwaard", "municipality", "local", ALL_NB),
    ("rijk-bzk", "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", "national_government", "national", ALL_NB),
    ("rijk-szw", "Ministerie van Sociale Zaken en Werkgelegenheid", "national_government", "national", ALL_NB),
    ("rijk-rvo", "Rijksdienst voor Ondernemend Nederland", "national_government", "national", ALL_NB),
    ("rijk-om", "Openbaar Ministerie, parket Middenland", "national_government", "regional", "lindenhof"),
    ("prov-middenland", "Provincie Middenland", "province", "regional", ALL_NB),
    ("pol-basisteam", "Politie basisteam Lindenwaard", "police", "local", ALL_NB),
    # public service: housing
    ("wc-lindewonen", "Woonstichting Lindewonen", "housing_association", "local", ALL_NB),
    ("wc-woongoed", "Woongoed Middenland", "housing_association", "regional", "zuiderweide;oostermolen"),
    ("wc-woongoed-wb", "Woongoed Wijkbeheer B.V.", "housing_association", "regional", "zuiderweide;oostermolen"),
    ("wc-gildewonen", "Stichting Gildewonen", "housing_association", "local", "oostermolen"),
    # public service: welfare
    ("wz-schakel", "Stichting Welzijn De Schakel", "welfare", "local", ALL_NB),
    ("wz-jongerenwerk", "Jongerenwerk Lindenwaard", "welfare", "local", "zuiderweide;oostermolen;noorderkamp"),
    ("wz-clientsteun", "Stichting Cliëntsteun Middenland", "welfare", "regional", ALL_NB),
    # public service: care
    ("zorg-zorgkring", "Zorgkring Middenland (wijkverpleging)", "care", "regional", "zuiderweide;oostermolen;noorderkamp"),
    ("zorg-ggz", "GGZ Middenland", "care", "regional", "zuiderweide;oostermolen"),
    ("zorg-lindeboom", "Woonzorgcentrum De Lindeboom", "care", "local", "lindenhof;noorderkamp;oostermolen"),
    ("zorg-jeugd", "Jeugdhulp Middenland", "care", "regional", "noorderkamp;zuiderweide"),
    ("zorg-raster", "Stichting Raster gehandicaptenzorg", "care", "regional", "oostermolen;lindenhof"),
    # public service: health
    ("ggd-middenland", "GGD Middenland", "health", "regional", ALL_NB),
    ("gc-zuiderweide", "Gezondheidscentrum Zuiderweide", "health", "local", "zuiderweide"),
    ("hap-noorderkamp", "Huisartsenpraktijk Noorderkamp", "health", "local", "noorderkamp"),
    ("zv-middenzorg", "Zorgverzekeraar MiddenZorg", "health", "regional", ALL_NB),
    # public service: education and knowledge
    ("edu-roc", "ROC Middenland", "education", "regional", "lindenhof;noorderkamp;zuiderweide"),
    ("edu-wilgenhoek", "IKC De Wilgenhoek", "education", "local", "oostermolen"),
    ("edu-regenboog", "Basisschool De Regenboog", "education", "local", "noorderkamp"),
    ("edu-lindecollege", "Lindewaard College (vmbo)", "education", "local", "lindenhof;zuiderweide"),
    ("edu-spol", "Stichting Primair Onderwijs Lindenwaard", "education", "local", ALL_NB),
    ("ki-hogeschool", "Hogeschool Middenland, lectoraat Wijkgericht Werken", "knowledge_institute", "regional", "noorderkamp;zuiderweide;lindenhof"),
    ("ki-kenniscentrum", "Kenniscentrum Wijk en Stad", "knowledge_institute", "national", "zuiderweide;oostermolen"),
    # residents: initiatives
    ("bi-zon-noorderkamp", "Bewonersinitiatief Zon op Noorderkamp", "resident_initiative", "local", "noorderkamp"),
    ("bi-bewonersbedrijf", "Bewonersbedrijf Zuiderweide", "resident_initiative", "local", "zuiderweide"),
    ("bi-moestuin", "Buurtmoestuin De Groene Zoom", "resident_initiative", "local", "oostermolen"),
    ("bi-speeltuin", "Speeltuinvereniging De Kwakel", "resident_initiative", "local", "noorderkamp"),
    ("bi-eettafel", "Buurteettafel Lindenhof", "resident_initiative", "local", "lindenhof"),
    ("bi-buurtpreventie", "Buurtpreventie Oostermolen", "resident_initiative", "local", "oostermolen"),
    ("bi-taalmaatjes", "Taalmaatjes Zuiderweide", "resident_initiative", "local", "zuiderweide"),
    ("bi-buurtmoeders", "Buurtmoeders Oostermolen", "resident_initiative", "local", "oostermolen"),
    ("bi-jongeren", "Jongereninitiatief Urban Stage Zuiderweide", "resident_initiative", "local", "zuiderweide"),
    ("bi-repaircafe", "Repair Café Lindenwaard", "resident_initiative", "local", "lindenhof"),
    # residents: associations
    ("bo-noorderkamp", "Bewonersraad Noorderkamp", "residents_association", "local", "noorderkamp"),
    ("bo-zuiderweide", "Wijkraad Zuiderweide", "residents_association", "local", "zuiderweide"),
    ("bo-oostermolen", "Bewonersvereniging Oostermolen", "residents_association", "local", "oostermolen"),
    ("bo-lindenhof", "Buurtvereniging Lindenhof", "residents_association", "local", "lindenhof"),
    ("bo-huurders-lw", "Huurdersvereniging Lindewonen", "residents_association", "local", ALL_NB),
    # civil society
    ("ec-lindenstroom", "Energiecoöperatie Lindenstroom", "energy_cooperative", "local", "noorderkamp;lindenhof"),
    ("ec-oostermolen", "Coöperatie Oostermolen Energie", "energy_cooperative", "local", "oostermolen"),
    ("fnd-lindenhout", "Stichting Lindenhoutfonds", "foundation", "local", "lindenhof;noorderkamp"),
    ("fnd-samenleven", "Fonds Samen Leven Nederland", "foundation", "national", "zuiderweide;noorderkamp;oostermolen"),
    ("fnd-schuldenmaatje", "Stichting Schuldenmaatje Lindenwaard", "foundation", "local", "zuiderweide;lindenhof"),
    ("fnd-voedselbank", "Stichting Voedselbank Lindenwaard", "foundation", "local", "lindenhof;zuiderweide"),
    ("oth-bieb", "Bibliotheek Lindenwaard", "other", "local", ALL_NB),
    ("oth-kerk", "Protestantse Gemeente Lindenwaard, diaconie", "other", "local", "lindenhof"),
    ("oth-moskee", "Stichting Moskee Oostermolen", "other", "local", "oostermolen"),
    ("oth-sport", "Sportvereniging SV Lindenwaard '28", "other", "local", "noorderkamp;lindenhof;oostermolen"),
    ("oth-vrijwilligers", "Vrijwilligerscentrale Lindenwaard", "other", "local", "lindenhof"),
    # market
    ("bus-installatie", "Installatiebedrijf Verbeek & Zn.", "business", "regional", "noorderkamp;lindenhof"),
    ("bus-bouw", "Bouwbedrijf Hendriks Lindenwaard B.V.", "business", "regional", "noorderkamp"),
    ("bus-bank", "Coöperatieve Middenlandbank", "business", "regional", "lindenhof"),
    ("bus-ondernemers", "Ondernemersvereniging Lindenwaard", "business", "local", "lindenhof;zuiderweide"),
    ("bus-netbeheer", "Netbeheerder Middennet B.V.", "business", "regional", ALL_NB),
    ("bus-energieadvies", "Energieadviesbureau Groenlicht", "business", "regional", "noorderkamp"),
    ("bus-supermarkt", "Supermarkt Van der Wal", "business", "local", "lindenhof"),
    ("se-werkbedrijf", "Werkbedrijf Lindenwaard", "social_enterprise", "local", ALL_NB),
    ("se-stek", "Leerwerkbedrijf De Stek", "social_enterprise", "local", "oostermolen;noorderkamp"),
    ("se-kringloop", "Kringloopwinkel Tweede Ronde", "social_enterprise", "local", "lindenhof"),
    ("se-smaak", "Wijkrestaurant De Smaak", "social_enterprise", "local", "zuiderweide"),
]

# id, name, theme, neighbourhood, start_year, end_year,
# participants as "org:role" (role defaults to partner; the first is the lead)
ACTIONS = [
    # --- the national neighbourhood programme, 2012-2014 (ties that end) ---
    ("ja-001", "Wijkaanpak Zuiderweide (krachtwijkprogramma)", "liveability", "zuiderweide", 2012, 2014,
     "gem-lindenwaard:lead rijk-bzk:funder wc-lindewonen wz-schakel pol-basisteam bo-zuiderweide:participant"),
    ("ja-002", "Wijkactieplan Oostermolen", "liveability", "oostermolen", 2012, 2014,
     "gem-lindenwaard:lead rijk-bzk:funder wc-gildewonen wz-schakel pol-basisteam bo-oostermolen:participant"),
    ("ja-003", "Achter de Voordeur Noorderkamp", "socio_economic", "noorderkamp", 2012, 2013,
     "wz-schakel:lead gem-lindenwaard wc-lindewonen ggd-middenland"),
    ("ja-004", "Wijkschouw Lindenhof", "safety", "lindenhof", 2012, 2014,
     "pol-basisteam:lead gem-lindenwaard bo-lindenhof:participant bus-ondernemers"),
    ("ja-005", "Woongoed: renovatie Vogelbuurt fase 1", "housing", "zuiderweide", 2012, 2014,
     "wc-woongoed:lead"),
    ("ja-006", "Woongoed: sloop en nieuwbouw Molenhof", "housing", "oostermolen", 2013, 2016,
     "wc-woongoed:lead"),
    ("ja-007", "Taalhuis Bibliotheek Lindenwaard (opstart)", "education", "lindenhof", 2013, 2014,
     "oth-bieb:lead"),
    ("ja-008", "Jeugdpreventie Oostermolen", "youth", "oostermolen", 2012, 2015,
     "wz-jongerenwerk:lead pol-basisteam gem-lindenwaard oth-moskee edu-wilgenhoek"),
    ("ja-009", "Buurtbemiddeling Lindenwaard", "safety", "lindenhof", 2012, 2019,
     "wz-schakel:lead wc-lindewonen gem-lindenwaard pol-basisteam"),
    ("ja-010", "Ketenzorg dementie Oostermolen", "health", "oostermolen", 2014, 2017,
     "zorg-zorgkring:lead zorg-ggz zorg-lindeboom"),
    ("ja-011", "Wijkverpleging en huisartsen Zuiderweide", "health", "zuiderweide", 2013, 2019,
     "zorg-zorgkring:lead gc-zuiderweide"),
    ("ja-012", "Schoolmaatschappelijk werk Noorderkamp", "youth", "noorderkamp", 2012, 2016,
     "wz-schakel:lead edu-regenboog edu-spol zorg-jeugd"),
    ("ja-013", "Werkgelegenheidsoffensief Zuiderweide", "employment", "zuiderweide", 2012, 2014,
     "gem-lindenwaard:lead rijk-szw:funder se-werkbedrijf edu-roc bus-ondernemers"),
    ("ja-014", "Sportimpuls Noorderkamp", "health", "noorderkamp", 2013, 2015,
     "oth-sport:lead ggd-middenland gem-lindenwaard bo-noorderkamp:participant"),
    ("ja-015", "Woningtoewijzing Oostermolen: gezamenlijk urgentiebeleid", "housing", "oostermolen", 2014, 2016,
     "wc-gildewonen:lead wc-woongoed"),
    ("ja-016", "Wijkgezondheidsmonitor", "health", "zuiderweide", 2012, 2014,
     "ggd-middenland:lead gem-lindenwaard ki-hogeschool"),
    ("ja-017", "Evaluatie wijkaanpak 2012-2014", "participation", "zuiderweide", 2014, 2014,
     "ki-kenniscentrum:lead rijk-bzk:funder gem-lindenwaard"),
    ("ja-018", "Huurdersoverleg Lindewonen", "housing", "lindenhof", 2012, 2019,
     "wc-lindewonen:lead bo-huurders-lw"),
    ("ja-019", "Kringloop en werk", "employment", "lindenhof", 2013, 2019,
     "se-kringloop:lead se-werkbedrijf gem-lindenwaard"),
    ("ja-020", "Brede school Noorderkamp", "education", "noorderkamp", 2014, 2019,
     "edu-regenboog:lead oth-sport wz-schakel bo-noorderkamp:participant"),
    # --- decentralisation of care and work, 2015-2016 ---
    ("ja-021", "Woongoed: achter-de-voordeurschouw", "liveability", "zuiderweide", 2015, 2015,
     "wc-woongoed:lead"),
    ("ja-022", "Leefbaarheidsbudget corporaties Oostermolen", "liveability", "oostermolen", 2016, 2018,
     "wc-gildewonen:lead wc-woongoed"),
    ("ja-023", "Sociaal wijkteam Zuiderweide", "socio_economic", "zuiderweide", 2015, 2019,
     "gem-lindenwaard:lead wz-schakel wz-clientsteun zorg-jeugd wc-lindewonen"),
    ("ja-024", "Sociaal wijkteam Noorderkamp", "socio_economic", "noorderkamp", 2015, 2019,
     "gem-lindenwaard:lead wz-schakel wz-clientsteun zorg-jeugd hap-noorderkamp"),
    ("ja-025", "Sociaal wijkteam Oostermolen", "socio_economic", "oostermolen", 2015, 2019,
     "gem-lindenwaard:lead wz-schakel wz-clientsteun zorg-raster"),
    ("ja-026", "Buurtcentrum De Vonk in bewonersbeheer", "participation", "zuiderweide", 2015, 2019,
     "bi-bewonersbedrijf:lead gem-lindenwaard:funder wc-lindewonen wz-schakel"),
    ("ja-027", "Buurtpreventie Oostermolen", "safety", "oostermolen", 2015, 2019,
     "bi-buurtpreventie:lead pol-basisteam gem-lindenwaard bo-oostermolen"),
    ("ja-028", "Valpreventie ouderen Noorderkamp", "health", "noorderkamp", 2016, 2018,
     "zorg-zorgkring:lead ggd-middenland zorg-lindeboom"),
    ("ja-029", "Zonnedak sporthal De Linde", "energy_transition", "lindenhof", 2016, 2017,
     "ec-lindenstroom:lead oth-sport gem-lindenwaard bus-installatie:contractor"),
    ("ja-030", "Ouderbetrokkenheid IKC De Wilgenhoek", "education", "oostermolen", 2015, 2017,
     "edu-wilgenhoek:lead wz-schakel bi-buurtmoeders"),
    ("ja-031", "Gebiedsgerichte aanpak jeugdoverlast Oostermolen", "youth", "oostermolen", 2016, 2019,
     "pol-basisteam:lead gem-lindenwaard wz-jongerenwerk oth-moskee bo-oostermolen"),
    ("ja-032", "Vroegsignalering schulden Zuiderweide", "socio_economic", "zuiderweide", 2016, 2019,
     "fnd-schuldenmaatje:lead wz-schakel gem-lindenwaard wc-lindewonen fnd-voedselbank"),
    ("ja-033", "Welzijn op recept Zuiderweide", "health", "zuiderweide", 2016, 2019,
     "gc-zuiderweide:lead wz-schakel bi-bewonersbedrijf ggd-middenland gem-lindenwaard fnd-voedselbank"),
    ("ja-034", "Renovatie Noorderkamp-Oost met bewoners", "housing", "noorderkamp", 2015, 2017,
     "wc-lindewonen:lead bus-bouw:contractor bo-huurders-lw bo-noorderkamp"),
    ("ja-035", "Lindenhoutfonds: kerstpakkettenactie", "socio_economic", "lindenhof", 2014, 2019,
     "fnd-lindenhout:lead fnd-voedselbank oth-kerk"),
    ("ja-036", "Lindenhoutfonds: fondsentafel", "participation", "lindenhof", 2015, 2019,
     "fnd-lindenhout:lead oth-kerk fnd-voedselbank oth-vrijwilligers"),
    ("ja-037", "Stille armoede onder ouderen in Lindenhof", "socio_economic", "lindenhof", 2016, 2017,
     "fnd-lindenhout:lead oth-kerk zorg-lindeboom"),
    ("ja-038", "Sportkledingbank", "youth", "noorderkamp", 2017, 2018,
     "fnd-lindenhout:lead oth-sport"),
    ("ja-039", "Mantelzorgondersteuning", "health", "lindenhof", 2014, 2019,
     "wz-schakel:lead zorg-raster zorg-lindeboom oth-vrijwilligers"),
    ("ja-040", "Buurteettafel Lindenhof", "socio_economic", "lindenhof", 2014, 2016,
     "wz-schakel:lead bi-eettafel:participant"),
    ("ja-041", "Speeltuin De Kwakel: nieuwe toestellen", "youth", "noorderkamp", 2016, 2016,
     "gem-lindenwaard:lead bi-speeltuin:participant"),
    ("ja-042", "Werkervaringsplaatsen Wijkrestaurant De Smaak", "employment", "zuiderweide", 2016, 2019,
     "se-smaak:lead se-werkbedrijf wz-schakel bi-bewonersbedrijf"),
    ("ja-043", "Veilig uitgaan in het centrum", "safety", "lindenhof", 2016, 2019,
     "pol-basisteam:lead gem-lindenwaard bus-ondernemers rijk-om"),
    ("ja-044", "Provinciaal programma Vitale Wijken Middenland", "liveability", "noorderkamp", 2016, 2019,
     "prov-middenland:lead gem-lindenwaard wc-lindewonen ki-hogeschool bo-noorderkamp"),
    ("ja-045", "Oostermolen Bruist: bewonersfestival", "participation", "oostermolen", 2016, 2019,
     "bo-oostermolen:lead gem-lindenwaard wz-schakel oth-moskee bi-buurtmoeders"),
    ("ja-046", "Groenonderhoud Oostermolen met leerwerkplekken", "liveability", "oostermolen", 2016, 2019,
     "se-stek:lead wc-gildewonen gem-lindenwaard"),
    ("ja-047", "Repair Café Lindenwaard", "liveability", "lindenhof", 2016, 2019,
     "bi-repaircafe:lead se-kringloop oth-vrijwilligers"),
    ("ja-048", "Geldloket in de bank", "socio_economic", "lindenhof", 2016, 2018,
     "bus-bank:lead fnd-schuldenmaatje wz-clientsteun"),
    ("ja-049", "Urban Stage Zuiderweide", "youth", "zuiderweide", 2015, 2019,
     "wz-jongerenwerk:lead bi-jongeren edu-lindecollege"),
    # --- energy transition and later work, 2017-2019 (ties that start) ---
    ("ja-050", "Woongoed: isolatie portiekflats Oostermolen", "energy_transition", "oostermolen", 2017, 2019,
     "wc-woongoed:lead"),
    ("ja-051", "Woongoed: huurincasso en betalingsregelingen", "socio_economic", "zuiderweide", 2018, 2019,
     "wc-woongoed:lead"),
    ("ja-052", "Energiecafé Noorderkamp", "energy_transition", "noorderkamp", 2017, 2019,
     "ec-lindenstroom:lead gem-lindenwaard wz-schakel bo-noorderkamp bus-energieadvies"),
    ("ja-053", "Zonnepanelen op huurwoningen Noorderkamp", "energy_transition", "noorderkamp", 2018, 2019,
     "wc-lindewonen:lead bi-zon-noorderkamp gem-lindenwaard bus-installatie:contractor bo-huurders-lw"),
    ("ja-054", "Energiecoaches Noorderkamp", "energy_transition", "noorderkamp", 2018, 2019,
     "bi-zon-noorderkamp:lead wz-schakel bo-noorderkamp gem-lindenwaard bus-energieadvies"),
    ("ja-055", "Proeftuin aardgasvrij Noorderkamp", "energy_transition", "noorderkamp", 2018, 2019,
     "gem-lindenwaard:lead rijk-bzk:funder wc-lindewonen bus-netbeheer ec-lindenstroom bo-noorderkamp ki-hogeschool"),
    ("ja-056", "Postcoderoos Lindenstroom op complex De Hoeve", "energy_transition", "lindenhof", 2018, 2019,
     "ec-lindenstroom:lead wc-lindewonen bus-installatie:contractor"),
    ("ja-057", "Energiebesparing huurders Oostermolen", "energy_transition", "oostermolen", 2017, 2019,
     "ec-oostermolen:lead wc-gildewonen bo-oostermolen gem-lindenwaard"),
    ("ja-058", "Digitaal vaardig in de wijk", "education", "zuiderweide", 2017, 2019,
     "oth-bieb:lead bi-taalmaatjes edu-roc"),
    ("ja-059", "Taalcafé Oostermolen", "education", "oostermolen", 2017, 2019,
     "oth-bieb:lead oth-moskee bi-buurtmoeders edu-wilgenhoek"),
    ("ja-060", "Werkplaats digitale vaardigheden voor werkzoekenden", "employment", "lindenhof", 2018, 2019,
     "oth-bieb:lead se-werkbedrijf bus-ondernemers"),
    ("ja-061", "Geldzaken-spreekuur in de bibliotheek", "socio_economic", "lindenhof", 2017, 2019,
     "oth-bieb:lead fnd-schuldenmaatje bus-bank"),
    ("ja-062", "Leerwerktraject installatietechniek", "employment", "noorderkamp", 2018, 2019,
     "edu-roc:lead bus-installatie se-stek gem-lindenwaard"),
    ("ja-063", "Groen in de wijk Oostermolen", "liveability", "oostermolen", 2017, 2019,
     "gem-lindenwaard:lead wc-gildewonen bi-moestuin:participant"),
    ("ja-064", "Ontmoeting ouderen Lindenhof", "socio_economic", "lindenhof", 2017, 2019,
     "zorg-lindeboom:lead wz-schakel oth-kerk bi-eettafel:participant"),
    ("ja-065", "Wijkonderhoud door bewoners (Right to Challenge)", "liveability", "zuiderweide", 2017, 2019,
     "bi-bewonersbedrijf:lead gem-lindenwaard:funder wc-lindewonen se-werkbedrijf"),
    ("ja-066", "Jongeren aan het werk in Zuiderweide", "employment", "zuiderweide", 2018, 2019,
     "bi-bewonersbedrijf:lead bi-jongeren wz-jongerenwerk bus-ondernemers"),
    ("ja-067", "Gezond leven met een smalle beurs", "health", "zuiderweide", 2017, 2019,
     "ggd-middenland:lead fnd-schuldenmaatje bi-bewonersbedrijf wz-schakel"),
    ("ja-068", "Geldzorgen en gezondheid: scholing huisartsen", "socio_economic", "zuiderweide", 2018, 2019,
     "ggd-middenland:lead gc-zuiderweide gem-lindenwaard wz-schakel wz-clientsteun"),
    ("ja-069", "Samenwerking wijkverpleging en GGZ Zuiderweide", "health", "zuiderweide", 2017, 2019,
     "zorg-zorgkring:lead zorg-ggz gc-zuiderweide"),
    ("ja-070", "Langer thuis: woningaanpassingen ouderen", "housing", "noorderkamp", 2018, 2019,
     "wc-lindewonen:lead zorg-zorgkring zv-middenzorg"),
    ("ja-071", "Kennisatelier wijkaanpak Lindenwaard", "participation", "lindenhof", 2017, 2019,
     "ki-hogeschool:lead gem-lindenwaard wz-schakel ki-kenniscentrum bo-noorderkamp bi-bewonersbedrijf"),
    ("ja-072", "Zomerschool Oostermolen", "education", "oostermolen", 2018, 2019,
     "edu-wilgenhoek:lead wz-jongerenwerk gem-lindenwaard oth-sport"),
    ("ja-073", "Wijkbudget Zuiderweide", "participation", "zuiderweide", 2015, 2019,
     "bo-zuiderweide:lead gem-lindenwaard:funder"),
    ("ja-074", "Wijkinformatiepunt in de bibliotheek", "participation", "lindenhof", 2018, 2019,
     "oth-bieb:lead bo-lindenhof se-kringloop bi-repaircafe"),
]

# Recurring grants: funder, recipient, first year, last year, base amount,
# yearly growth (fraction), programme, action id. Amounts get a seeded
# jitter of +-3 % and are rounded to whole euros (to hundreds above 10,000).
RECURRING = [
    ("gem-lindenwaard", "wz-schakel", 2012, 2019, 2_150_000, 0.02, "Subsidie welzijnswerk", ""),
    ("gem-lindenwaard", "wz-jongerenwerk", 2012, 2019, 640_000, 0.01, "Subsidie jongerenwerk", ""),
    ("gem-lindenwaard", "oth-bieb", 2012, 2019, 910_000, -0.01, "Subsidie bibliotheekwerk", ""),
    ("gem-lindenwaard", "ggd-middenland", 2012, 2019, 1_150_000, 0.015, "Gemeentelijke bijdrage publieke gezondheid", ""),
    ("gem-lindenwaard", "se-werkbedrijf", 2012, 2019, 4_800_000, -0.02, "Wsw en Participatiewet", ""),
    ("gem-lindenwaard", "wz-clientsteun", 2015, 2019, 380_000, 0.0, "Wmo cliëntondersteuning", ""),
    ("gem-lindenwaard", "zorg-jeugd", 2015, 2019, 2_200_000, 0.04, "Jeugdhulp", ""),
    ("gem-lindenwaard", "zorg-zorgkring", 2015, 2019, 1_250_000, 0.0, "Wmo huishoudelijke ondersteuning", ""),
    ("gem-lindenwaard", "bo-noorderkamp", 2013, 2019, 18_000, 0.0, "Wijkbudget", ""),
    ("gem-lindenwaard", "bo-zuiderweide", 2015, 2019, 24_000, 0.0, "Wijkbudget", "ja-073"),
    ("gem-lindenwaard", "bo-oostermolen", 2013, 2019, 15_000, 0.0, "Wijkbudget", ""),
    ("gem-lindenwaard", "bo-lindenhof", 2013, 2019, 9_500, 0.0, "Wijkbudget", ""),
    ("gem-lindenwaard", "bi-bewonersbedrijf", 2015, 2016, 45_000, 0.0, "Buurtrechten", "ja-026"),
    ("gem-lindenwaard", "bi-bewonersbedrijf", 2017, 2019, 95_000, 0.0, "Right to Challenge", "ja-065"),
    ("gem-lindenwaard", "bi-buurtpreventie", 2015, 2019, 2_500, 0.0, "Initiatievenbudget", "ja-027"),
    ("gem-lindenwaard", "fnd-schuldenmaatje", 2016, 2019, 35_000, 0.0, "Schuldhulpverlening", "ja-032"),
    ("gem-lindenwaard", "fnd-voedselbank", 2014, 2019, 10_000, 0.0, "Armoedebeleid", ""),
    ("gem-lindenwaard", "se-stek", 2016, 2019, 120_000, 0.0, "Re-integratie", "ja-046"),
    ("gem-lindenwaard", "se-smaak", 2016, 2019, 40_000, 0.0, "Re-integratie", "ja-042"),
    ("gem-lindenwaard", "edu-spol", 2014, 2019, 260_000, 0.02, "Voor- en vroegschoolse educatie", ""),
    ("rijk-bzk", "gem-lindenwaard", 2012, 2014, 1_100_000, 0.0, "Wijkenaanpak (krachtwijken)", "ja-001"),
    ("rijk-bzk", "gem-lindenwaard", 2012, 2014, 700_000, 0.0, "Wijkenaanpak (krachtwijken)", "ja-002"),
    ("rijk-szw", "gem-lindenwaard", 2012, 2014, 450_000, 0.0, "Aanpak jeugdwerkloosheid", "ja-013"),
    ("prov-middenland", "gem-lindenwaard", 2016, 2019, 250_000, 0.0, "Vitale Wijken Middenland", "ja-044"),
    ("zv-middenzorg", "zorg-zorgkring", 2015, 2019, 3_400_000, 0.03, "Zorginkoop wijkverpleging", ""),
    ("zv-middenzorg", "gc-zuiderweide", 2016, 2019, 30_000, 0.0, "Welzijn op recept", "ja-033"),
    ("wc-lindewonen", "bo-huurders-lw", 2012, 2019, 18_000, 0.0, "Huurdersondersteuning", "ja-018"),
    ("wc-lindewonen", "wz-schakel", 2012, 2019, 28_000, 0.0, "Buurtbemiddeling", "ja-009"),
    ("wc-lindewonen", "bi-bewonersbedrijf", 2015, 2019, 25_000, 0.0, "Leefbaarheidsbudget", "ja-026"),
    ("wc-woongoed", "wc-woongoed-wb", 2012, 2019, 1_450_000, 0.03, "Wijkbeheer en onderhoud (intern)", ""),
    ("wc-gildewonen", "se-stek", 2016, 2019, 45_000, 0.0, "Groenonderhoud", "ja-046"),
    ("fnd-lindenhout", "fnd-voedselbank", 2014, 2019, 7_500, 0.0, "Lindenhoutfonds jaarbijdrage", "ja-035"),
    ("fnd-lindenhout", "fnd-schuldenmaatje", 2016, 2019, 4_000, 0.0, "Lindenhoutfonds jaarbijdrage", ""),
    ("bus-bank", "oth-sport", 2015, 2019, 2_500, 0.0, "Sponsoring", ""),
]

# One-off grants: funder, recipient, year, amount, programme, action id
ONE_OFF = [
    ("rijk-bzk", "ki-kenniscentrum", 2014, 85_000, "Evaluatie wijkenaanpak", "ja-017"),
    ("rijk-bzk", "gem-lindenwaard", 2018, 4_350_000, "Programma Aardgasvrije Wijken (proeftuin)", "ja-055"),
    ("rijk-szw", "gem-lindenwaard", 2017, 210_000, "Armoede en schulden", ""),
    ("rijk-szw", "gem-lindenwaard", 2018, 195_000, "Armoede en schulden", ""),
    ("rijk-rvo", "ec-lindenstroom", 2018, 62_400, "SDE+", "ja-056"),
    ("rijk-rvo", "wc-lindewonen", 2019, 540_000, "Stimuleringsregeling energieprestatie huursector", "ja-053"),
    ("prov-middenland", "ec-lindenstroom", 2016, 25_000, "Provinciaal Energiefonds: startsubsidie", ""),
    ("prov-middenland", "ec-lindenstroom", 2018, 40_000, "Provinciaal Energiefonds", "ja-056"),
    ("prov-middenland", "ki-hogeschool", 2017, 90_000, "Vitale Wijken Middenland: onderzoek", "ja-044"),
    ("prov-middenland", "ec-oostermolen", 2017, 15_000, "Provinciaal Energiefonds", "ja-057"),
    ("prov-middenland", "gem-lindenwaard", 2012, 300_000, "Stedelijke vernieuwing Middenland", ""),
    ("prov-middenland", "gem-lindenwaard", 2013, 300_000, "Stedelijke vernieuwing Middenland", ""),
    ("gem-lindenwaard", "oth-kerk", 2017, 8_000, "Inloophuis ouderen", "ja-064"),
    ("gem-lindenwaard", "ec-lindenstroom", 2016, 12_500, "Duurzaamheidsfonds Lindenwaard", "ja-029"),
    ("gem-lindenwaard", "ec-lindenstroom", 2017, 18_000, "Duurzaamheidsfonds Lindenwaard", "ja-052"),
    ("gem-lindenwaard", "bi-zon-noorderkamp", 2018, 7_500, "Initiatievenbudget", "ja-054"),
    ("gem-lindenwaard", "bi-taalmaatjes", 2017, 4_800, "Initiatievenbudget", ""),
    ("gem-lindenwaard", "bi-buurtmoeders", 2016, 6_000, "Initiatievenbudget", ""),
    ("gem-lindenwaard", "bi-buurtmoeders", 2017, 6_000, "Initiatievenbudget", ""),
    ("gem-lindenwaard", "bi-jongeren", 2018, 3_500, "Jongerenbudget", "ja-049"),
    ("gem-lindenwaard", "bi-repaircafe", 2016, 1_250, "Initiatievenbudget", "ja-047"),
    ("gem-lindenwaard", "oth-sport", 2013, 20_000, "Sportimpuls", "ja-014"),
    ("gem-lindenwaard", "ki-hogeschool", 2017, 45_000, "Kennisatelier wijkaanpak", "ja-071"),
    ("gem-lindenwaard", "edu-roc", 2013, 75_000, "Aanpak jeugdwerkloosheid", "ja-013"),
    ("gem-lindenwaard", "edu-roc", 2018, 60_000, "Leerwerkakkoord", "ja-062"),
    ("gem-lindenwaard", "se-kringloop", 2013, 30_000, "Re-integratie", "ja-019"),
    ("gem-lindenwaard", "bus-netbeheer", 2019, 680_000, "Programma Aardgasvrije Wijken (proeftuin)", "ja-055"),
    ("wc-lindewonen", "bus-installatie", 2018, 1_240_000, "Zonnepanelen huurwoningen", "ja-053"),
    ("wc-lindewonen", "bus-bouw", 2015, 2_400_000, "Renovatie Noorderkamp-Oost", "ja-034"),
    ("wc-lindewonen", "bus-bouw", 2016, 3_100_000, "Renovatie Noorderkamp-Oost", "ja-034"),
    ("wc-lindewonen", "bus-bouw", 2017, 1_300_000, "Renovatie Noorderkamp-Oost", "ja-034"),
    ("wc-gildewonen", "ec-oostermolen", 2018, 10_000, "Leefbaarheidsbudget", "ja-057"),
    ("fnd-samenleven", "bi-bewonersbedrijf", 2016, 50_000, "Buurtkracht", "ja-026"),
    ("fnd-samenleven", "bi-bewonersbedrijf", 2018, 35_000, "Buurtkracht", "ja-066"),
    ("fnd-samenleven", "bi-taalmaatjes", 2017, 8_500, "Buurtkracht", "ja-058"),
    ("fnd-samenleven", "bi-buurtmoeders", 2016, 12_000, "Buurtkracht", "ja-045"),
    ("fnd-samenleven", "bo-noorderkamp", 2017, 7_500, "Buurtkracht", "ja-052"),
    ("fnd-samenleven", "se-smaak", 2016, 25_000, "Sociaal ondernemen", "ja-042"),
    ("fnd-lindenhout", "oth-kerk", 2014, 5_000, "Lindenhoutfonds projectbijdrage", "ja-035"),
    ("fnd-lindenhout", "oth-kerk", 2016, 5_000, "Lindenhoutfonds projectbijdrage", "ja-037"),
    ("fnd-lindenhout", "oth-kerk", 2018, 5_000, "Lindenhoutfonds projectbijdrage", "ja-035"),
    ("fnd-lindenhout", "oth-sport", 2017, 3_000, "Lindenhoutfonds projectbijdrage", "ja-038"),
    ("fnd-lindenhout", "oth-bieb", 2016, 2_500, "Lindenhoutfonds projectbijdrage", ""),
    ("bus-bank", "fnd-schuldenmaatje", 2016, 10_000, "Maatschappelijk fonds", "ja-048"),
    ("zv-middenzorg", "ggd-middenland", 2017, 42_500.50, "Preventieakkoord regio", "ja-067"),
]

# fmt: on


def _amount(base: float, growth: float, offset: int, rng: random.Random) -> float | int:
    value = base * (1 + growth) ** offset * (1 + rng.uniform(-0.03, 0.03))
    if base >= 10_000:
        return int(round(value, -2))
    return int(round(value))


def lindenwaard_tables() -> dict[str, tuple[list[str], list[list[object]]]]:
    """The five Lindenwaard tables as (header, rows)."""
    rng = random.Random(SEED)
    neighbourhoods = (
        [
            "id",
            "name",
            "municipality",
            "population_2012",
            "population_2017",
            "households_2017",
            "social_rent_share_2017",
            "liveability_2012",
            "liveability_2017",
            "vulnerable",
        ],
        [[nid, name, MUNICIPALITY, *rest] for nid, name, *rest in NEIGHBOURHOODS],
    )
    organisations = (
        ["id", "name", "type", "scale", "neighbourhoods"],
        [list(org) for org in ORGANISATIONS],
    )
    actions_rows, part_rows = [], []
    for aid, name, theme, nb, start, end, people in ACTIONS:
        actions_rows.append([aid, name, theme, nb, start, end])
        for token in people.split():
            org, _, role = token.partition(":")
            part_rows.append([aid, org, role or "partner"])
    funding_rows: list[list[object]] = []
    for funder, recipient, first, last, base, growth, programme, action in RECURRING:
        for year in range(first, last + 1):
            amount = _amount(base, growth, year - first, rng)
            funding_rows.append([funder, recipient, amount, year, action, programme])
    for funder, recipient, year, amount, programme, action in ONE_OFF:
        shown = f"{amount:.2f}" if isinstance(amount, float) else amount
        funding_rows.append([funder, recipient, shown, year, action, programme])
    funding_rows.sort(key=lambda r: (r[3], r[0], r[1], r[4], r[5]))
    return {
        "neighbourhoods": neighbourhoods,
        "organisations": organisations,
        "joint_actions": (
            ["id", "name", "theme", "neighbourhood", "start_year", "end_year"],
            actions_rows,
        ),
        "participations": (["action_id", "organisation_id", "role"], part_rows),
        "funding": (
            ["funder_id", "recipient_id", "amount", "year", "action_id", "programme"],
            funding_rows,
        ),
    }


# ---------------------------------------------------------------------------
# Knoke & Wood (1981) bureaucracies, UCINET KNOKBUR
# ---------------------------------------------------------------------------

# fmt: off
# code, readable name, type (DESIGN vocabulary), sector as in the source, rating
KNOKE_ORGS = [
    ("COUN", "County Government", "province", "GOV", "5.80"),
    ("COMM", "Chamber of Commerce", "other", "VOL", "5.80"),
    ("EDUC", "Board of Education", "education", "GOV", "4.75"),
    ("INDU", "Industrial Development Agency", "business", "PVT", "5.38"),
    ("MAYR", "Mayor's Office", "municipality", "GOV", "5.86"),
    ("WRO", "Women's Rights Organisation", "other", "VOL", "2.50"),
    ("NEWS", "Newspaper", "business", "PVT", "6.40"),
    ("UWAY", "United Way", "foundation", "VOL", "5.94"),
    ("WELF", "Welfare Department", "welfare", "GOV", "4.60"),
    ("WEST", "West Lafayette", "municipality", "VOL", "3.50"),
]
# The two 10x10 matrices of knokbur.dat (row = sender, column = receiver).
KNOKE_INFORMATION = """
0 1 0 0 1 0 1 0 1 0
1 0 1 1 1 0 1 1 1 0
0 1 0 1 1 1 1 0 0 1
1 1 0 0 1 0 1 0 0 0
1 1 1 1 0 0 1 1 1 1
0 0 1 0 0 0 1 0 1 0
0 1 0 1 1 0 0 0 0 0
1 1 0 1 1 0 1 0 1 0
0 1 0 0 1 0 1 0 0 0
1 1 1 0 1 0 1 0 0 0
"""
KNOKE_MONEY = """
0 0 1 0 1 0 0 1 1 1
0 0 1 0 0 0 0 0 0 0
0 0 0 0 0 0 0 1 0 0
0 1 1 0 0 0 1 1 1 0
0 1 1 0 0 0 0 1 1 0
0 0 0 0 0 0 0 0 0 0
0 1 0 0 0 0 0 1 0 0
0 0 0 0 0 0 0 0 1 1
0 0 1 0 0 0 0 1 0 0
0 0 0 0 0 0 0 0 0 0
"""
KNOKE_YEAR = 1981  # the publication year; the data were collected in the 1970s
# fmt: on


def _arcs(matrix: str) -> list[tuple[str, str]]:
    codes = [org[0] for org in KNOKE_ORGS]
    rows = [line.split() for line in matrix.strip().splitlines()]
    return [
        (codes[i], codes[j])
        for i, row in enumerate(rows)
        for j, cell in enumerate(row)
        if cell == "1"
    ]


def knoke_tables() -> dict[str, tuple[list[str], list[list[object]]]]:
    """The four Knoke tables as (header, rows); there are no neighbourhoods."""
    actions, parts = [], []
    for sender, receiver in _arcs(KNOKE_INFORMATION):
        aid = f"info-{sender}-{receiver}"
        actions.append([aid, f"Information exchange {sender} → {receiver}", KNOKE_YEAR, KNOKE_YEAR])
        parts.append([aid, sender, "lead"])
        parts.append([aid, receiver, "partner"])
    funding = [[s, r, 1, KNOKE_YEAR, "money (Knoke & Wood)"] for s, r in _arcs(KNOKE_MONEY)]
    return {
        "organisations": (
            ["id", "name", "type", "sector", "scale", "rating"],
            [
                [c, n, t, s, "regional" if c == "COUN" else "local", r]
                for c, n, t, s, r in KNOKE_ORGS
            ],
        ),
        "joint_actions": (["id", "name", "start_year", "end_year"], actions),
        "participations": (["action_id", "organisation_id", "role"], parts),
        "funding": (["funder_id", "recipient_id", "amount", "year", "programme"], funding),
    }


# ---------------------------------------------------------------------------


def write_tables(folder: Path, tables: dict[str, tuple[list[str], list[list[object]]]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for stem, (header, rows) in tables.items():
        with open(folder / f"{stem}.csv", "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "sample_data", help="output folder")
    args = parser.parse_args(argv)
    write_tables(args.out / "lindenwaard", lindenwaard_tables())
    write_tables(args.out / "knoke", knoke_tables())
    print(f"wrote {args.out / 'lindenwaard'} and {args.out / 'knoke'}")


if __name__ == "__main__":
    main()
