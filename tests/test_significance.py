"""The null model of territorial drive: expectations, permutation p-values, q-values.

Expected values come from brute-force enumeration of every arrangement of
the labels (written here from the definitions, a loop per organisation), from
R netseg (observed whole-network E-I) and from a permutation loop written in
this file with Python's own random generator.
"""

from __future__ import annotations

import csv
import itertools
import math
import random
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from scipy import stats

from graphtool.analyses.significance import (
    ScoreModel,
    benjamini_hochberg,
    chance_frequency,
    expected_diversity,
    expected_ei,
    network_ei_test,
    permutation_null,
    weight_settings,
)

DATA = Path(__file__).parent / "data" / "reference"


# ------------------------------------------------------------------ definitions, one org at a time


def org_values(i, labels, weights, money, money_self, money_total, k):
    """E-I, diversity and in-group money share of organisation i for the full labels (a loop)."""
    s = internal = 0.0
    by_group = [0.0] * k
    for j in range(len(labels)):
        w = weights[i][j]
        if j == i or not w:
            continue
        s += w
        by_group[labels[j]] += w
        internal += w if labels[j] == labels[i] else 0.0
    ei = (s - 2 * internal) / s if s else math.nan
    blau = 1 - sum((b / s) ** 2 for b in by_group) if s else math.nan
    diversity = blau / ((k - 1) / k) if s else math.nan
    within = money_self[i] + sum(
        money[i][j] for j in range(len(labels)) if j != i and labels[j] == labels[i]
    )
    share = within / money_total[i] if money_total[i] else math.nan
    return ei, diversity, share


def arrangements(labels, i):
    """Every distinct arrangement of the others' labels, organisation i keeping its own."""
    others = labels[:i] + labels[i + 1 :]
    for arranged in set(itertools.permutations(others)):
        yield list(arranged[:i]) + [labels[i]] + list(arranged[i:])


def small_network(seed=3, n=7, k=3):
    rng = random.Random(seed)
    labels = [0, 0, 0, 1, 1, 2, 2][:n]
    weights = [[0] * n for _ in range(n)]
    money = [[0.0] * n for _ in range(n)]
    for a, b in itertools.combinations(range(n), 2):
        if rng.random() < 0.6:
            weights[a][b] = weights[b][a] = rng.randint(1, 3)
        if rng.random() < 0.3:
            money[a][b] = money[b][a] = float(rng.randint(1, 9) * 100)
    money_self = [0.0] * n
    money_self[2] = 300.0
    money_total = [money_self[i] + sum(money[i]) for i in range(n)]
    return labels, weights, money, money_self, money_total, k


def score_of(values, base, coeff):
    ei, div, share = values
    total = base + coeff["ei"] * (1 - ei) / 2 + coeff["diversity"] * (1 - div)
    return total + coeff["money"] * (share if share == share else 0.0)


# ------------------------------------------------------------------------------ expectations


def test_expectations_match_enumeration_of_every_arrangement():
    labels, weights, money, money_self, money_total, k = small_network()
    n = len(labels)
    sizes = np.bincount(labels)
    w = np.array(weights, dtype=float)
    ei_exp = expected_ei(sizes, np.array(labels))
    div_exp = expected_diversity(sizes, np.array(labels), w.sum(axis=1), (w**2).sum(axis=1))
    for i in range(n):
        values = [
            org_values(i, arranged, weights, money, money_self, money_total, k)
            for arranged in arrangements(labels, i)
        ]
        assert ei_exp[i] == pytest.approx(np.mean([v[0] for v in values]), abs=1e-12)
        assert div_exp[i] == pytest.approx(np.mean([v[1] for v in values]), abs=1e-12)


def test_expected_ei_of_a_group_of_one_is_all_outside():
    # alone in its group: every partner is of another group whatever the reshuffle
    assert expected_ei(np.array([1, 9]), np.array([0]))[0] == 1.0


# ------------------------------------------------------------------------------ permutations


def engine_inputs(labels, weights, money, money_self, money_total, k, base, coeff):
    n = len(labels)
    observed = [org_values(i, labels, weights, money, money_self, money_total, k) for i in range(n)]
    model = ScoreModel(
        base=np.full(n, base),
        ei=np.full(n, coeff["ei"]),  # the model's term is I/s = (1 − E-I)/2
        diversity=np.full(n, coeff["diversity"]),
        money=np.array([coeff["money"] if money_total[i] else 0.0 for i in range(n)]),
        observed=np.array([score_of(v, base, coeff) for v in observed]),
    )
    return observed, model


def test_permutation_p_values_match_exact_enumeration():
    labels, weights, money, money_self, money_total, k = small_network()
    n = len(labels)
    coeff = {"ei": 0.25, "diversity": 0.25, "money": 0.25}
    base = 0.1
    observed, model = engine_inputs(labels, weights, money, money_self, money_total, k, base, coeff)
    permutations = 20000
    result = permutation_null(
        sp.csr_matrix(np.array(weights, dtype=float)),
        np.array(labels),
        observed_ei=np.array([v[0] for v in observed]),
        observed_diversity=np.array([v[1] for v in observed]),
        model=model,
        money=sp.csr_matrix(np.array(money)),
        money_total=np.array(money_total),
        money_self=np.array(money_self),
        permutations=permutations,
        seed=11,
    )
    for i in range(n):
        null = [
            org_values(i, arranged, weights, money, money_self, money_total, k)
            for arranged in arrangements(labels, i)
        ]
        exact = {
            "ei": np.mean([v[0] <= observed[i][0] + 1e-12 for v in null]),
            "diversity": np.mean([v[1] <= observed[i][1] + 1e-12 for v in null]),
            "score": np.mean(
                [
                    score_of(v, base, coeff) >= score_of(observed[i], base, coeff) - 1e-12
                    for v in null
                ]
            ),
        }
        got = {
            "ei": result.ei_count[i] / permutations,
            "diversity": result.diversity_count[i] / permutations,
            "score": result.score_count[i] / permutations,
        }
        for key, p in exact.items():
            se = math.sqrt(p * (1 - p) / permutations)
            assert abs(got[key] - p) <= 5 * se + 1e-9, (i, key, got[key], p)


def random_network(n, degree, seed):
    rng = np.random.default_rng(seed)
    pairs = rng.integers(0, n, size=(n * degree // 2, 2))
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    w = sp.coo_matrix(
        (rng.integers(1, 4, len(pairs)).astype(float), (pairs[:, 0], pairs[:, 1])), shape=(n, n)
    ).tocsr()
    w = (w + w.T).tocsr()
    w.setdiag(0)
    w.eliminate_zeros()
    return w


def observed_from(w, codes, k):
    onehot = sp.csr_matrix(
        (np.ones(len(codes)), (np.arange(len(codes)), codes)), shape=(len(codes), k)
    )
    by_group = np.asarray((w @ onehot).todense())
    s = by_group.sum(axis=1)
    internal = by_group[np.arange(len(codes)), codes]
    with np.errstate(divide="ignore", invalid="ignore"):
        ei = (s - 2 * internal) / s
        div = (1 - ((by_group / s[:, None]) ** 2).sum(axis=1)) / ((k - 1) / k)
    return ei, div


def test_p_values_are_uniform_when_groups_are_random_and_small_for_a_planted_silo():
    n, k = 600, 4
    w = random_network(n, 30, seed=5)
    rng = np.random.default_rng(7)
    codes = rng.integers(0, k, size=n)  # groups assigned independently of the ties
    # the planted silo: organisation 0 keeps to its own group (all its ties go to group 0)
    codes[0] = 0
    partners = w[0].indices
    own = np.flatnonzero(codes == 0)
    w = w.tolil()
    for j in partners:
        w[0, j] = w[j, 0] = 0
    for j in own[1:16]:
        w[0, j] = w[j, 0] = 2
    w = w.tocsr()
    w.eliminate_zeros()
    ei, div = observed_from(w, codes, k)
    result = permutation_null(
        w, codes, observed_ei=ei, observed_diversity=div, permutations=999, seed=1
    )
    p = result.p_value(result.ei_count)
    assert p[0] == pytest.approx(1 / 1000)
    rest = p[1:][np.isfinite(ei[1:])]
    assert stats.kstest(rest, "uniform").statistic < 0.06
    assert 0.02 <= np.mean(rest < 0.05) <= 0.08
    p_div = result.p_value(result.diversity_count)[1:]
    assert stats.kstest(p_div[np.isfinite(div[1:])], "uniform").statistic < 0.06


def test_the_same_seed_gives_the_same_counts_and_blocks_do_not_matter():
    w = random_network(200, 8, seed=2)
    codes = np.random.default_rng(3).integers(0, 3, size=200)
    ei, div = observed_from(w, codes, 3)
    one = permutation_null(
        w, codes, observed_ei=ei, observed_diversity=div, permutations=99, seed=4
    )
    two = permutation_null(
        w, codes, observed_ei=ei, observed_diversity=div, permutations=99, seed=4, block_bytes=1
    )
    assert np.array_equal(one.ei_count, two.ei_count)
    assert np.array_equal(one.diversity_count, two.diversity_count)


def test_many_groups_use_several_packed_products():
    # weights up to 3 × 40 ties: 12 groups do not fit one float64, so several products are used
    w = random_network(300, 40, seed=8)
    codes = np.random.default_rng(9).integers(0, 12, size=300)
    ei, div = observed_from(w, codes, 12)
    result = permutation_null(
        w, codes, observed_ei=ei, observed_diversity=div, permutations=50, seed=2
    )
    # every count is possible: at least the observed arrangement is never counted twice
    assert (result.ei_count <= 50).all() and result.ei_count.sum() > 0
    # one-hot sums (no packing) for non-whole weights agree in distribution
    half = w * 0.5
    ei_h, div_h = observed_from(half, codes, 12)
    same = permutation_null(
        half, codes, observed_ei=ei_h, observed_diversity=div_h, permutations=50, seed=2
    )
    assert np.array_equal(result.ei_count, same.ei_count)
    assert np.array_equal(result.diversity_count, same.diversity_count)


def test_one_group_counts_every_reshuffle():
    w = random_network(20, 4, seed=1)
    codes = np.zeros(20, dtype=int)
    result = permutation_null(
        w,
        codes,
        observed_ei=np.full(20, -1.0),
        observed_diversity=np.full(20, np.nan),
        permutations=99,
    )
    assert (result.p_value(result.ei_count) == 1.0).all()


# ----------------------------------------------------------------------------- BH and settings


def test_benjamini_hochberg_against_the_step_up_definition():
    rng = np.random.default_rng(0)
    p = rng.uniform(size=50) ** 2
    q = benjamini_hochberg(p)
    m = len(p)
    for i in range(m):
        # q_i = min over j with p_j ≥ p_i of p_j m / rank_j (Benjamini & Hochberg 1995)
        ranks = {j: 1 + sum(p < p[j]) for j in range(m)}
        expected = min(min(p[j] * m / ranks[j] for j in range(m) if p[j] >= p[i]), 1.0)
        assert q[i] == pytest.approx(expected)


def test_weight_settings_stay_within_half_and_double_and_keep_zeros():
    settings = weight_settings({"a": 1.0, "b": 2.0, "c": 0.0}, count=500, seed=3)
    a = np.array([s["a"] for s in settings])
    assert a.min() >= 0.5 and a.max() <= 2.0
    assert np.median(np.log(a)) == pytest.approx(0.0, abs=0.15)
    assert all(s["c"] == 0.0 for s in settings)
    assert settings == weight_settings({"a": 1.0, "b": 2.0, "c": 0.0}, count=500, seed=3)


def test_chance_frequency_words():
    assert chance_frequency(3, 999)["one_in"] == 100
    assert chance_frequency(30, 999)["one_in"] == 20
    assert chance_frequency(200, 999) == {
        "kind": "about",
        "in_100": 20,
        "count": 200,
        "permutations": 999,
    }


# ------------------------------------------------------------------ whole network: known answers


def read_rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def loop_permutation_test(edges, groups, permutations, seed):
    """The whole-network E-I permutation test written from its definition (Python's random)."""
    nodes = list(groups)
    labels = [groups[v] for v in nodes]
    rng = random.Random(seed)
    ties = {(a, b) for a, b in edges if a != b}

    def ei(assign):
        e = sum(assign[a] != assign[b] for a, b in ties)
        return (2 * e - len(ties)) / len(ties)

    observed = ei(groups)
    low = 0
    for _ in range(permutations):
        rng.shuffle(labels)
        low += ei(dict(zip(nodes, labels))) <= observed + 1e-12
    return observed, (1 + low) / (1 + permutations)


def test_classroom_whole_network_ei_against_netseg_and_a_loop_permutation():
    # observed value: netseg ei(Classroom, "gender") = −0.8409091 (E 7, I 81)
    groups = {r["id"]: r["gender"] for r in read_rows(DATA / "netseg" / "classroom-vdb.csv")}
    edges = [(r["from"], r["to"]) for r in read_rows(DATA / "netseg" / "classroom-edb.csv")]
    result = network_ei_test(edges, groups, permutations=1999, seed=1)
    assert result["ei_index"] == pytest.approx(-0.8409091, abs=1e-7)
    assert (result["external"], result["internal"]) == (7, 81)
    observed, p_loop = loop_permutation_test(edges, groups, 1999, seed=2)
    assert observed == pytest.approx(result["ei_index"])
    # a classroom split by gender this sharply never arises by chance
    assert result["p_lower"] == p_loop == 1 / 2000
    # the expectation: 1 − 2 Σ n_k (n_k − 1)/(n (n − 1)) with 26 pupils
    sizes = np.unique(list(groups.values()), return_counts=True)[1]
    assert result["expected"] == pytest.approx(1 - 2 * (sizes * (sizes - 1)).sum() / (26 * 25))


def test_knoke_whole_network_ei_against_exact_enumeration():
    # observed value: reference README, information arcs by sector +0.5102041 (E 37, I 12)
    nodes = read_rows(DATA / "knoke-bureaucracies" / "knoke_nodes.csv")
    groups = {r["code"]: r["sector"].strip() for r in nodes}
    edges = [
        (r["from"], r["to"])
        for r in read_rows(DATA / "knoke-bureaucracies" / "knoke_information_edges.csv")
    ]
    result = network_ei_test(edges, groups, permutations=20000, seed=3)
    assert result["ei_index"] == pytest.approx(0.5102041, abs=1e-7)
    # exact null: every distinct arrangement of the 10 sector labels (written here)
    names = list(groups)
    values = []
    for arranged in set(itertools.permutations(groups.values())):
        assign = dict(zip(names, arranged))
        e = sum(assign[a] != assign[b] for a, b in edges)
        values.append((2 * e - len(edges)) / len(edges))
    values = np.array(values)
    exact_lower = np.mean(values <= result["ei_index"] + 1e-12)
    exact_upper = np.mean(values >= result["ei_index"] - 1e-12)
    assert result["expected"] == pytest.approx(values.mean(), abs=1e-12)
    for got, exact in ((result["p_lower"], exact_lower), (result["p_upper"], exact_upper)):
        se = math.sqrt(exact * (1 - exact) / 20000)
        assert abs(got - exact) <= 5 * se + 1e-4
