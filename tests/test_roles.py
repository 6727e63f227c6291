"""Roles and the one betweenness every command reports.

Expected betweenness values come from networkx's exact, normalised
``betweenness_centrality`` on the graph of the active organisations (the
reference implementation, independent of the engine graphtool runs).
"""

from __future__ import annotations

import json

import networkx as nx
import numpy as np
import pytest

from graphtool.analyses import centrality
from graphtool.analyses.overview import overview
from graphtool.analyses.roles import roles
from graphtool.cli import main
from graphtool.graphs import build_collaboration_graph
from graphtool.ingest import read_dataset
from tests.conftest import SAMPLE_DATA


@pytest.fixture(scope="module")
def lindenwaard():
    return read_dataset(SAMPLE_DATA / "lindenwaard")


def exact_active(dataset) -> dict[str, float]:
    """networkx's exact normalised betweenness on the active organisations (0 for the rest)."""
    collab = build_collaboration_graph(dataset)
    graph = collab.to_networkx()
    graph.remove_nodes_from(collab.ids[collab.actions_per_organisation == 0].tolist())
    exact = nx.betweenness_centrality(graph, normalized=True)
    return {str(i): exact.get(i, 0.0) for i in collab.ids}


def test_overview_roles_and_export_give_one_betweenness(lindenwaard, runner, tmp_path):
    """One normalisation everywhere (overview used to divide by all 67 organisations)."""
    assert (build_collaboration_graph(lindenwaard).actions_per_organisation == 0).sum() == 4
    expected = exact_active(lindenwaard)
    central = overview(lindenwaard, top=67)["most_central"]
    assert {r["id"]: r["betweenness"] for r in central} == {
        k: round(v, 6) for k, v in expected.items()
    }
    by_role = {r["id"]: r["betweenness"] for r in roles(lindenwaard)}
    assert by_role == pytest.approx(expected, abs=1e-12)
    out = tmp_path / "graph.json"
    result = runner.invoke(
        main, ["export", str(SAMPLE_DATA / "lindenwaard"), "--to", "json", "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    nodes = json.loads(out.read_text(encoding="utf-8"))["nodes"]
    exported = {n["id"]: n.get("betweenness", 0.0) for n in nodes}
    assert exported == pytest.approx(expected, abs=1e-12)


def test_roles_above_the_exactness_limit_sample_through_the_shared_engine(lindenwaard, monkeypatch):
    """Above the limit roles take the shared sample: the same numbers as the engine's own.

    The limit is patched down to 10 organisations, so the sampled path runs on the
    sample's 63 active ones instead of building thousands of organisations.
    """
    expected = exact_active(lindenwaard)
    monkeypatch.setattr(centrality, "EXACT_UP_TO", 10)
    monkeypatch.setattr(centrality, "SAMPLE_SOURCES", 62)
    collab = build_collaboration_graph(lindenwaard)
    values, method = centrality.active_betweenness(collab, seed=4)
    assert method == "sampled (62 sources)"
    rows = roles(lindenwaard, seed=4)
    got = np.array([r["betweenness"] for r in rows])
    np.testing.assert_allclose(got, values, atol=1e-15)
    exact = np.array([expected[r["id"]] for r in rows])
    assert not np.allclose(got, exact)  # sampled, not exact
    # one source of 63 left out: the ten most central stay within 10 %
    top = np.argsort(-exact)[:10]
    np.testing.assert_allclose(got[top], exact[top], rtol=0.1)
