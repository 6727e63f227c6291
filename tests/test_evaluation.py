"""The evaluation of missing links: splits, measures, and that no method sees the hidden ties."""

from __future__ import annotations

import numpy as np
import pytest

from graphtool.analyses import evaluation
from graphtool.analyses.evaluation import (
    METHODS,
    Split,
    evaluate_links,
    holdout_split,
    year_split,
)
from graphtool.errors import AnalysisError
from graphtool.graphs import build_collaboration_graph
from tests.test_missing_links import random_dataset


def id_pairs(dataset, split):
    ids = dataset.organisations["id"].to_numpy()
    return sorted(zip(ids[split.truth_i], ids[split.truth_j], strict=True))


def test_year_split_truth_by_hand(years_dataset):
    split = year_split(years_dataset, 2016)
    assert id_pairs(years_dataset, split) == [("a", "c"), ("e", "f")]
    assert sorted(split.train.joint_actions["id"]) == ["k1", "k2", "k3", "k4"]


def test_auc_and_precision_by_hand(years_dataset):
    rows = {r["method"]: r for r in evaluate_links(years_dataset, split_year=2016, top=1)}
    assert set(rows) == set(METHODS)
    aa = rows["adamic_adar"]
    # 11 eligible pairs (15 minus 4 ties), 2 true. Adamic–Adar: a–c and b–f score 1/log 2,
    # the other 9 score 0. a–c beats 8 negatives and ties 1 (8.5); e–f ties 8 (4): 12.5/18.
    assert (aa["pairs"], aa["positives"]) == (11, 2)
    assert aa["auc"] == pytest.approx(12.5 / 18, abs=1e-6)
    assert evaluation._auc(np.array([0.9, 0.8, 0.1]), np.array([True, False, True])) == 0.5


def test_holdout_hides_ties_and_keeps_organisations(make_dataset):
    ds = random_dataset(make_dataset, 7)
    full = build_collaboration_graph(ds).weights
    split = holdout_split(ds, 0.3, seed=4)
    train = build_collaboration_graph(split.train)
    ties = full.nnz // 2
    assert len(split.truth_i) >= 0.3 * ties * 0.5  # funded pairs are not eligible
    assert (np.asarray(full[split.truth_i, split.truth_j]).ravel() > 0).all()
    assert (np.asarray(train.weights[split.truth_i, split.truth_j]).ravel() == 0).all()
    active = train.actions_per_organisation > 0
    assert active[split.truth_i].all() and active[split.truth_j].all()
    again = holdout_split(ds, 0.3, seed=4)
    assert id_pairs(ds, again) == id_pairs(ds, split)
    assert id_pairs(ds, holdout_split(ds, 0.3, seed=5)) != id_pairs(ds, split)


def test_deterministic_given_seed(make_dataset):
    ds = random_dataset(make_dataset, 3)
    assert evaluate_links(ds, holdout=0.2, top=5, seed=2) == evaluate_links(
        ds, holdout=0.2, top=5, seed=2
    )


def test_methods_receive_only_the_training_data(years_dataset):
    truth = [("a", "c"), ("e", "f")]
    received = []

    def recording(train, i, j, seed):
        received.append(train)
        graph = build_collaboration_graph(train)
        index = graph.index
        for a, b in truth:
            assert graph.weights[index[a], index[b]] == 0, "a hidden tie reached the method"
        return np.zeros(len(i))

    evaluate_links(years_dataset, split_year=2016, top=1, methods={"recording": recording})
    assert len(received) == 1
    assert sorted(received[0].joint_actions["id"]) == ["k1", "k2", "k3", "k4"]


def test_a_peeking_method_stands_out(years_dataset):
    # an oracle that looks at the full data finds every hidden tie: perfect scores
    full = build_collaboration_graph(years_dataset)

    def peeking(train, i, j, seed):
        return np.asarray(full.weights[i, j]).ravel()

    rows = evaluate_links(
        years_dataset,
        split_year=2016,
        top=2,
        methods={"peeking": peeking, **evaluation.default_methods()},
    )
    by_method = {r["method"]: r for r in rows}
    assert by_method["peeking"]["precision_at_k"] == 1.0 and by_method["peeking"]["auc"] == 1.0
    assert by_method["graphtool"]["auc"] < 1.0 and by_method["adamic_adar"]["auc"] < 1.0


def test_a_leaking_split_is_refused(years_dataset, monkeypatch):
    honest = year_split(years_dataset, 2016)

    def leaky(dataset, year):  # hands the full data over as training data
        return Split(dataset, honest.truth_i, honest.truth_j, "leaky")

    monkeypatch.setattr(evaluation, "year_split", leaky)
    with pytest.raises(AnalysisError, match="training data holds 2 of the 2 ties to predict"):
        evaluate_links(years_dataset, split_year=2016)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, r"give exactly one of holdout \(a fraction\) and split_year \(a year\)"),
        ({"holdout": 0.1, "split_year": 2016}, "give exactly one of"),
        ({"holdout": 1.5}, "holdout must be a fraction between 0 and 1, got 1.5"),
        ({"holdout": 0.2, "top": 0}, r"top \(K of precision@K\) must be at least 1, got 0"),
        ({"split_year": 2000}, "no joint action starts before 2000"),
        ({"split_year": 2030}, "no tie to predict"),
    ],
)
def test_bad_splits(years_dataset, kwargs, message):
    with pytest.raises(AnalysisError, match=message):
        evaluate_links(years_dataset, **kwargs)
