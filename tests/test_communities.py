"""Community detection: two cliques joined by one tie split in two, with either engine."""

from __future__ import annotations

import pytest

from graphtool.analyses.communities import communities

TWO_CLIQUES = {
    "organisations": "id,name,type\n" + "".join(f"o{i},O{i},other\n" for i in range(8)),
    "joint_actions": "id,name\nleft,L\nright,R\nbridge,B\n",
    "participations": "action_id,organisation_id\n"
    + "".join(f"left,o{i}\n" for i in range(4))
    + "".join(f"right,o{i}\n" for i in range(4, 8))
    + "bridge,o3\nbridge,o4\n",
}


@pytest.mark.parametrize("engine", ["networkx", "igraph"])
def test_two_cliques_are_two_communities(make_dataset, engine):
    rows = communities(make_dataset(**TWO_CLIQUES), seed=1, engine=engine)
    labels = [r["community"] for r in rows]
    assert labels == [0, 0, 0, 0, 1, 1, 1, 1]  # numbered by first member
    assert {r["engine"] for r in rows} == {engine}


def test_deterministic_and_isolated_alone(make_dataset):
    tables = dict(TWO_CLIQUES)
    tables["organisations"] += "lone,Lone,other\n"
    ds = make_dataset(**tables)
    first = communities(ds, seed=3)
    assert first == communities(ds, seed=3)
    assert first[-1]["size"] == 1
