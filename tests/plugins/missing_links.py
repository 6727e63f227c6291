"""A tiny dataset whose missing-link scores are worked out by hand (tests/test_missing_links.py)."""

from __future__ import annotations

import pytest

#: a, b, d each work with c once; e works alone; e funds a.
#: Collaboration graph: the star c–a, c–b, c–d, and e isolated (but active).
TINY = {
    "organisations": (
        "id,name,type\n"
        "a,Buurtwerk A,welfare\n"
        "b,Zorg B,care\n"
        "c,Bewoners C,resident_initiative\n"
        "d,Bedrijf D,business\n"
        "e,Gemeente E,municipality\n"
    ),
    "joint_actions": (
        "id,name,theme,neighbourhood,start_year\n"
        "j1,One,health,zuid,2015\n"
        "j2,Two,health,zuid,2016\n"
        "j3,Three,energy_transition,noord,2016\n"
        "j4,Four,housing,zuid,2017\n"
    ),
    "participations": (
        "action_id,organisation_id,role\n"
        "j1,a,lead\nj1,c,partner\n"
        "j2,b,lead\nj2,c,partner\n"
        "j3,c,lead\nj3,d,partner\n"
        "j4,e,lead\n"
    ),
    "funding": "funder_id,recipient_id,amount,year\ne,a,1000,2017\n",
    "neighbourhoods": "id,name\nzuid,Zuid\nnoord,Noord\n",
}


@pytest.fixture
def tiny_links_dataset(make_dataset):
    return make_dataset(**TINY)


#: Split year 2016: before it a–b, b–c, d–e, c–f; from 2016 on a–c (two hops via b),
#: e–f (far apart) and a–b again (not new). The truth is a–c and e–f.
YEARS = {
    "organisations": "id,name,type\na,A,welfare\nb,B,care\nc,C,resident_initiative\n"
    "d,D,business\ne,E,municipality\nf,F,foundation\n",
    "joint_actions": "id,name,start_year\nk1,K1,2015\nk2,K2,2015\nk3,K3,2015\nk4,K4,2015\n"
    "k5,K5,2017\nk6,K6,2018\nk7,K7,2016\n",
    "participations": "action_id,organisation_id\nk1,a\nk1,b\nk2,b\nk2,c\nk3,d\nk3,e\nk4,c\nk4,f\n"
    "k5,a\nk5,c\nk6,e\nk6,f\nk7,a\nk7,b\n",
}


@pytest.fixture
def years_dataset(make_dataset):
    return make_dataset(**YEARS)
