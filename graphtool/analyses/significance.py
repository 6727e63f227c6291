"""Null models for territorial drive: what random mixing makes likely, and how rare a value is.

The null model is **random mixing given who is in the network**: the group
labels of the organisations are reshuffled over the organisations (every
organisation of the dataset, active or not, so the group sizes stay those of
the dataset), the ties, their weights and the money flows stay as recorded.
For an organisation's own statistics its **own label stays fixed**: the
labels of the *other* organisations are a uniformly random arrangement of
the labels that remain once its own is set aside. This is the question a
facilitator asks: "given that it is a housing association, and who else is
in this municipality, how many of its ties would go outside its group if its
partners had been picked regardless of group?"

Analytic expectations (exact under that model)
----------------------------------------------
With ``n`` organisations, ``n_k`` of group ``k``, an organisation of group
``g`` with tie weights ``w_j`` to its partners, strength ``s = Σ w_j`` and
``Q = Σ w_j²``; the others' labels are drawn without replacement from
``N = n − 1`` labels, ``m_k = n_k − [k = g]`` of group ``k``:

* E-I: ``E[I] = s (n_g − 1)/(n − 1)``, so
  ``E[E-I] = 1 − 2 (n_g − 1)/(n − 1)`` whatever the weights.
* Blau heterogeneity ``1 − Σ_k (S_k/s)²``: ``E[Σ_k S_k²] = Q + (s² − Q) c`` with
  ``c = Σ_k m_k (m_k − 1) / (N (N − 1))``, so
  ``E[blau] = (1 − Q/s²)(1 − c)``; partner diversity is blau over ``(K − 1)/K``.

Permutation test
----------------
Every reshuffle ``r`` draws one uniformly random arrangement ``L`` of all
labels (numpy ``Generator.permutation``, PCG64 seeded with ``seed``). For an
organisation ``i`` of group ``g`` the arrangement seen from ``i`` is ``L``
with positions ``i`` and ``q_g`` swapped, ``q_g`` the position of one given
label ``g`` in ``L``: that puts ``g`` at ``i`` and leaves a uniformly random
arrangement of the other labels on the others (each target arrangement has
exactly ``n`` preimages). So one permutation serves every organisation at
once; the swap changes the label of at most one partner, a sparse correction.

The group sums ``A = W · onehot(L)`` of a block of reshuffles are one sparse
matrix product: tie weights are whole numbers (shared actions), so the
``K`` group sums of an organisation are packed exactly into one float64 per
reshuffle as digits in base ``B = max strength + 1`` (``B^K < 2^53``; more
groups take more products). Money sums are a product per own group, rows of
that group only. Memory stays bounded by the block size.

The p-value is one-sided in the inward direction, with the observed
arrangement counted among the reshuffles (Phipson & Smyth 2010):
``p = (1 + #{reshuffles at least as inward}) / (1 + R)``, "at least as
inward" meaning an E-I or a diversity as low or lower, a score as high or
higher. q-values are Benjamini–Hochberg (1995) adjusted p-values.

References
----------
Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational
crises. *Social Psychology Quarterly* 51(2), 123–140.
Phipson, B. & Smyth, G. K. (2010). Permutation p-values should never be zero.
*Statistical Applications in Genetics and Molecular Biology* 9(1), art. 39.
Benjamini, Y. & Hochberg, Y. (1995). Controlling the false discovery rate.
*Journal of the Royal Statistical Society B* 57(1), 289–300.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from graphtool.progress import SILENT, Progress

#: Relative tolerance under which a reshuffled value counts as equal to the observed one.
TIE_TOLERANCE = 1e-9
#: Bytes one block of reshuffles may take (the arrays of n × block values).
BLOCK_BYTES = 96 * 2**20
_MANTISSA = 2.0**53


# --------------------------------------------------------------------------- expectations


def expected_ei(group_sizes: np.ndarray, own: np.ndarray) -> np.ndarray:
    """Expected E-I of an organisation of group ``own`` under random mixing (own label fixed).

    ``1 − 2 (n_g − 1)/(n − 1)``; exact, and the same for every weighting of
    its ties. NaN when the network has fewer than two organisations.

    Examples
    --------
    >>> expected_ei(np.array([3, 7]), np.array([0, 1]))
    array([ 0.55555556, -0.33333333])
    """
    sizes = np.asarray(group_sizes, dtype=float)
    n = sizes.sum()
    if n < 2:
        return np.full(len(own), math.nan)
    return 1.0 - 2.0 * (sizes[own] - 1.0) / (n - 1.0)


def expected_diversity(
    group_sizes: np.ndarray,
    own: np.ndarray,
    strength: np.ndarray,
    squared_weights: np.ndarray,
) -> np.ndarray:
    """Expected partner diversity (Blau over its maximum) under random mixing, own label fixed.

    ``(1 − Q/s²)(1 − c) / ((K − 1)/K)`` with ``s`` the strength, ``Q`` the sum
    of squared tie weights and ``c`` the chance that two other organisations
    drawn without replacement share a group (module docstring). NaN without
    partners or with fewer than two groups.

    Examples
    --------
    Two partners of weight 1 in a network of 2 + 2 organisations: seen from
    an organisation of group 0 the others are one 0 and two 1s, so the two
    partners are of different groups with probability 2/3:

    >>> expected_diversity(np.array([2, 2]), np.array([0]), np.array([2.0]), np.array([2.0]))
    array([0.66666667])
    """
    sizes = np.asarray(group_sizes, dtype=float)
    k = len(sizes)
    s = np.asarray(strength, dtype=float)
    q = np.asarray(squared_weights, dtype=float)
    out = np.full(len(s), math.nan)
    big_n = sizes.sum() - 1.0
    if k < 2 or big_n < 2:
        return out
    # Σ_k m_k (m_k − 1) with m = sizes minus one of the own group
    pairs_all = float((sizes * (sizes - 1.0)).sum())
    own_size = sizes[own]
    pairs = pairs_all - own_size * (own_size - 1.0) + (own_size - 1.0) * (own_size - 2.0)
    c = pairs / (big_n * (big_n - 1.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        blau = (1.0 - q / s**2) * (1.0 - c)
        value = blau / ((k - 1.0) / k)
    ok = s > 0
    out[ok] = np.clip(value[ok], 0.0, 1.0)
    return out


# --------------------------------------------------------------------------- the score model


@dataclass
class ScoreModel:
    """The territorial-drive score as a function of the components the null model redraws.

    ``score = base + ei · I/s + diversity · (1 − div) + money · within/total
    + solo · solo/a + residents · (1 − reached/a)`` per organisation, ``a``
    its number of joint actions: ``base`` holds the weighted turned
    components the null model keeps (constraint) and each coefficient is its
    component weight over the organisation's total weight (0 when the
    component is undefined or weighs 0). ``observed`` is the score of the
    data. Stacked over a leading axis (one row per weight setting) the same
    model scores several settings at once.

    Acting alone and reaching residents do not depend on the groups; the
    null model redraws them as if each joint action of the organisation were
    alone with probability ``solo_rate`` and, when not alone, included a
    residents' organisation with probability ``resident_rate`` (the rates of
    the whole network), so that a high score from acting alone is also
    judged against how common acting alone is.
    """

    base: np.ndarray
    ei: np.ndarray
    diversity: np.ndarray
    money: np.ndarray
    observed: np.ndarray
    solo: np.ndarray | None = None
    residents: np.ndarray | None = None
    actions: np.ndarray | None = None
    solo_rate: float = 0.0
    resident_rate: float = 0.0

    def varies(self) -> np.ndarray:
        """Where the null model can move the score at all."""
        out = (self.ei != 0) | (self.diversity != 0) | (self.money != 0)
        for extra in (self.solo, self.residents):
            if extra is not None:
                out = out | (extra != 0)
        return out


@dataclass
class NullResult:
    """Counts of reshuffles at least as inward as observed, per organisation."""

    permutations: int
    seed: int
    ei_count: np.ndarray
    diversity_count: np.ndarray
    score_count: np.ndarray
    #: (settings × candidates) counts for the stability settings, when asked for.
    setting_counts: np.ndarray | None = None
    #: whole-network E-I of every reshuffle (own label not fixed there: see
    #: :func:`network_ei_test`), filled only when asked for.
    extras: dict[str, Any] = field(default_factory=dict)

    def p_value(self, counts: np.ndarray) -> np.ndarray:
        return (1.0 + counts) / (1.0 + self.permutations)


def permutation_null(
    weights: sp.spmatrix,
    codes: np.ndarray,
    *,
    observed_ei: np.ndarray,
    observed_diversity: np.ndarray,
    model: ScoreModel | None = None,
    money: sp.spmatrix | None = None,
    money_total: np.ndarray | None = None,
    money_self: np.ndarray | None = None,
    candidates: np.ndarray | None = None,
    settings: ScoreModel | None = None,
    permutations: int = 999,
    seed: int = 0,
    progress: Progress = SILENT,
    block_bytes: int = BLOCK_BYTES,
) -> NullResult:
    """Reshuffle the group labels ``permutations`` times and count how often each value is matched.

    Parameters
    ----------
    weights
        Symmetric collaboration weights (n × n, whole numbers, zero diagonal).
    codes
        Group code 0..K−1 of every organisation.
    observed_ei, observed_diversity
        The observed values (NaN where undefined: those rows count nothing).
    model
        The score as a :class:`ScoreModel`; without it no score is tested.
    money, money_total, money_self
        Symmetric money matrix ``F + Fᵀ`` without diagonal, the total given
        plus received, and the money to itself counted twice (given and
        received): ``within = self + Σ_j money_ij [same group]``.
    candidates, settings
        Row indices and one :class:`ScoreModel` per weight setting (arrays
        of settings × candidates): counts for the stability of a flag.
    permutations, seed
        Number of reshuffles and the seed of the numpy generator.

    Returns
    -------
    NullResult
        Counts of reshuffles with E-I ≤ observed, diversity ≤ observed and
        score ≥ observed (each within :data:`TIE_TOLERANCE`).
    """
    w = sp.csr_matrix(weights, dtype=np.float64)
    n = w.shape[0]
    codes = np.asarray(codes, dtype=np.int64)
    k = int(codes.max()) + 1 if n else 1
    rng = np.random.default_rng(seed)
    strength = np.asarray(w.sum(axis=1)).ravel()
    result = NullResult(
        permutations=permutations,
        seed=seed,
        ei_count=np.zeros(n, dtype=np.int64),
        diversity_count=np.zeros(n, dtype=np.int64),
        score_count=np.zeros(n, dtype=np.int64),
    )
    if settings is not None and candidates is not None:
        result.setting_counts = np.zeros(settings.observed.shape, dtype=np.int64)
    if permutations <= 0 or n < 2 or k < 2:
        if k < 2 or n < 2:
            # one group: every reshuffle is the data itself
            result.ei_count[:] = permutations
            result.diversity_count[:] = permutations
            result.score_count[:] = permutations
            if result.setting_counts is not None:
                result.setting_counts[:] = permutations
        return result

    # one given label of each group: its position in L is q_g
    first_of_group = np.array([np.flatnonzero(codes == g)[0] for g in range(k)])
    ei_obs = np.asarray(observed_ei, dtype=float)
    div_obs = np.asarray(observed_diversity, dtype=float)
    ei_ok = np.isfinite(ei_obs)
    div_ok = np.isfinite(div_obs)
    score_ok = np.isfinite(model.observed) & model.varies() if model is not None else None
    # only the rows with something to test are summed: local row numbers from here on
    wanted = ei_ok | div_ok
    if score_ok is not None:
        wanted = wanted | score_ok
    if candidates is not None:
        wanted[np.asarray(candidates, dtype=np.int64)] = True
    used = np.flatnonzero(wanted)
    m_rows = len(used)
    local = np.full(n, -1, dtype=np.int64)
    local[used] = np.arange(m_rows)
    own_codes = codes[used]
    packer = _Packer(w[used], k)
    money_rows = None
    if money is not None:
        m = sp.csr_matrix(money, dtype=np.float64)[used]
        money_rows = [(np.flatnonzero(own_codes == g), m[own_codes == g]) for g in range(k)]
        money_csc = sp.csr_matrix(money, dtype=np.float64).tocsc()
        money_self_used = np.asarray(money_self, dtype=float)[used]
        money_total_used = np.asarray(money_total, dtype=float)[used]
    w_csc = w.tocsc()
    s_used = strength[used]
    ei_bound = (ei_obs + TIE_TOLERANCE * np.maximum(1.0, np.abs(ei_obs)))[used]
    div_bound = (div_obs + TIE_TOLERANCE * np.maximum(1.0, np.abs(div_obs)))[used]
    ei_used, div_used = ei_ok[used], div_ok[used]
    local_model = _rows_of(model, used) if model is not None else None
    if local_model is not None:
        score_bound = model.observed - TIE_TOLERANCE * np.maximum(1.0, np.abs(model.observed))  # type: ignore[union-attr]
        score_bound = score_bound[used]
        score_used = score_ok[used]  # type: ignore[index]
    local_candidates = (
        local[np.asarray(candidates, dtype=np.int64)] if candidates is not None else None
    )
    if settings is not None:
        settings_bound = settings.observed - TIE_TOLERANCE * np.maximum(
            1.0, np.abs(settings.observed)
        )
    divisor = (k - 1.0) / k
    per_value = 8 * (packer.products + k + 10)
    block = int(max(1, min(permutations, block_bytes // max(1, n * per_value), 256)))
    rows_all = np.arange(n)
    rows_used = np.arange(m_rows)
    label_type = np.int8 if k < 128 else np.int32
    small_codes = codes.astype(label_type)
    draws = _ActionDraws(local_model, seed) if local_model is not None else None
    done = 0
    while done < permutations:
        size = min(block, permutations - done)
        labels = np.empty((size, n), dtype=label_type)
        inverse = np.empty((size, n), dtype=np.int64)
        for r in range(size):
            order = rng.permutation(n)
            labels[r] = small_codes[order]
            inverse[r, order] = rows_all
        q = inverse[:, first_of_group]  # (size, k): position of the given label of each group
        sums = packer.group_sums(labels)  # (k, m, size)
        own = sums[own_codes, rows_used, :]  # (m, size) weight to its own group
        square = np.einsum("knr,knr->nr", sums, sums)
        # the swap: partner q_g of an organisation of group g whose slot holds another label
        rows, cols, vals = _swap_corrections(w_csc, q, codes, labels, local)
        if len(rows):
            own_label = labels[cols, used[rows]]  # labels[r, i]: the label the swap gives q_g
            a_own = sums[own_codes[rows], rows, cols]
            a_other = sums[own_label, rows, cols]
            np.add.at(own, (rows, cols), -vals)
            np.add.at(square, (rows, cols), 2.0 * vals * (a_other - a_own + vals))
        with np.errstate(divide="ignore", invalid="ignore"):
            inward_share = own / s_used[:, None]  # (1 − E-I)/2
            ei = 1.0 - 2.0 * inward_share
            diversity = (1.0 - square / s_used[:, None] ** 2) / divisor
        result.ei_count[used] += np.where(ei_used, (ei <= ei_bound[:, None]).sum(axis=1), 0)
        result.diversity_count[used] += np.where(
            div_used, (diversity <= div_bound[:, None]).sum(axis=1), 0
        )
        within_share = None
        if money_rows is not None:
            within = np.zeros((m_rows, size))
            labels_t = np.ascontiguousarray(labels.T)
            for g, (members, block_matrix) in enumerate(money_rows):
                if len(members):
                    within[members] = block_matrix @ (labels_t == g).astype(np.float64)
            mrows, mcols, mvals = _swap_corrections(money_csc, q, codes, labels, local)
            if len(mrows):
                np.add.at(within, (mrows, mcols), -mvals)
            within += money_self_used[:, None]
            with np.errstate(divide="ignore", invalid="ignore"):
                within_share = within / money_total_used[:, None]
        actions_null = draws.block(size) if draws is not None else None
        if local_model is not None:
            null = _score(local_model, inward_share, diversity, within_share, None, actions_null)
            result.score_count[used] += np.where(
                score_used, (null >= score_bound[:, None]).sum(axis=1), 0
            )
        if result.setting_counts is not None and len(candidates):  # type: ignore[arg-type]
            null = _score(
                settings, inward_share, diversity, within_share, local_candidates, actions_null
            )
            result.setting_counts += (null >= settings_bound[..., None]).sum(axis=-1)
        done += size
        progress.advance("territorial drive: reshuffles", done, permutations)
    if model is not None:
        result.score_count[~score_ok] = permutations  # type: ignore[operator]
    return result


def _rows_of(model: ScoreModel, rows: np.ndarray) -> ScoreModel:
    """The model restricted to some organisations (the network's rates stay)."""
    pick = lambda a: None if a is None else np.asarray(a)[rows]  # noqa: E731
    return ScoreModel(
        base=model.base[rows],
        ei=model.ei[rows],
        diversity=model.diversity[rows],
        money=model.money[rows],
        observed=model.observed[rows],
        solo=pick(model.solo),
        residents=pick(model.residents),
        actions=pick(model.actions),
        solo_rate=model.solo_rate,
        resident_rate=model.resident_rate,
    )


def _score(model, inward_share, diversity, within_share, rows, actions_null=None):
    """Reshuffled scores: (n, R) for one model, (S, C, R) for stacked settings on ``rows``."""
    if rows is not None:
        inward_share, diversity = inward_share[rows], diversity[rows]
        within_share = within_share[rows] if within_share is not None else None
    base = model.base[..., None]
    value = base + model.ei[..., None] * np.nan_to_num(inward_share)
    value = value + model.diversity[..., None] * np.nan_to_num(1.0 - diversity)
    if within_share is not None:
        value = value + model.money[..., None] * np.nan_to_num(within_share)
    if actions_null is not None:
        solo_share, unreached = actions_null
        if rows is not None:
            solo_share, unreached = solo_share[rows], unreached[rows]
        if model.solo is not None:
            value = value + model.solo[..., None] * solo_share
        if model.residents is not None:
            value = value + model.residents[..., None] * unreached
    return value


class _ActionDraws:
    """Solo actions and actions with residents redrawn at the network's rates.

    Each joint action of an organisation gets one uniform number ``U``: it is
    alone when ``U < π`` (the solo rate), otherwise with residents when
    ``U < π + (1 − π) ρ`` (ρ the rate of residents among actions not alone):
    binomial counts per organisation, summed by one sparse product per block
    (organisations × actions). The numbers come one reshuffle at a time from
    their own generator (seeded with ``[seed, 1]``), so they do not depend on
    the block size.
    """

    def __init__(self, model: ScoreModel, seed: int):
        self.model = model
        self.rng = np.random.default_rng([seed, 1])
        n = len(model.observed)
        self.n = n
        self.incidence = None
        if model.actions is None:
            return
        solo = model.solo if model.solo is not None else np.zeros(n)
        residents = model.residents if model.residents is not None else np.zeros(n)
        self.rows = np.flatnonzero((solo != 0) | (residents != 0))
        actions = np.asarray(model.actions, dtype=np.int64)[self.rows]
        if not actions.sum():
            return
        owner = np.repeat(np.arange(len(self.rows)), actions)
        self.incidence = sp.csr_matrix(
            (np.ones(len(owner)), (owner, np.arange(len(owner)))),
            shape=(len(self.rows), len(owner)),
        )
        self.actions = actions.astype(float)
        self.solo_cut = model.solo_rate
        self.reach_cut = model.solo_rate + (1.0 - model.solo_rate) * model.resident_rate

    def block(self, size: int):
        if self.incidence is None:
            return None
        uniform = np.empty((size, self.incidence.shape[1]))
        for r in range(size):
            uniform[r] = self.rng.random(self.incidence.shape[1])
        solo = self.incidence @ (uniform < self.solo_cut).T.astype(np.float64)
        reached = self.incidence @ (
            (uniform >= self.solo_cut) & (uniform < self.reach_cut)
        ).T.astype(np.float64)
        solo_share = np.zeros((self.n, size))
        unreached = np.zeros((self.n, size))
        solo_share[self.rows] = solo / self.actions[:, None]
        unreached[self.rows] = 1.0 - reached / self.actions[:, None]
        return solo_share, unreached


def _swap_corrections(matrix_csc, q, codes, labels, local):
    """(local row, reshuffle, weight) where the swap moves a partner out of the row's own group.

    For each group g and reshuffle r, the partners i of ``q[r, g]`` that are
    of group g themselves, not ``q`` itself, and whose own slot holds
    another label lose the tie weight to q from their own-group sum. Rows
    with ``local`` −1 are not summed and are left out.
    """
    size, k = q.shape
    flat_q = q.ravel()
    starts = matrix_csc.indptr[flat_q]
    stops = matrix_csc.indptr[flat_q + 1]
    lengths = stops - starts
    if not lengths.sum():
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    owner = np.repeat(np.arange(len(flat_q)), lengths)
    offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    positions = np.repeat(starts, lengths) + offsets
    rows = matrix_csc.indices[positions]
    vals = matrix_csc.data[positions]
    reshuffle = owner // k
    group = owner % k
    keep = (codes[rows] == group) & (labels[reshuffle, rows] != group) & (local[rows] >= 0)
    return local[rows[keep]], reshuffle[keep], vals[keep]


class _Packer:
    """Exact group sums of a whole-number weight matrix, K groups packed into few products."""

    def __init__(self, weights: sp.csr_matrix, k: int):
        self.weights = weights
        self.k = k
        whole = bool(np.all(weights.data == np.round(weights.data)))
        strength = np.asarray(weights.sum(axis=1)).ravel()
        base = float(strength.max()) + 1.0 if len(strength) else 1.0
        per = 1
        if whole:
            while per < k and base ** (per + 1) < _MANTISSA:
                per += 1
        self.base = base
        self.per = per
        self.products = -(-k // per)
        self.powers = base ** np.arange(per, dtype=np.float64)

    def group_sums(self, labels: np.ndarray) -> np.ndarray:
        """(K, n, R) weight of every organisation's ties to each group, per reshuffle."""
        size = labels.shape[0]
        out = np.empty((self.k, self.weights.shape[0], size))
        for chunk in range(self.products):
            first = chunk * self.per
            # the digit of each label in this chunk's base-B number (0 outside the chunk)
            table = np.zeros(self.k)
            stop = min(self.k, first + self.per)
            table[first:stop] = self.powers[: stop - first]
            code = np.ascontiguousarray(table[labels].T)
            packed = self.weights @ code
            for d in range(min(self.per, self.k - first)):
                if d == self.per - 1 or first + d == self.k - 1:
                    out[first + d] = packed
                else:
                    quotient = np.floor(packed / self.base)
                    out[first + d] = packed - quotient * self.base
                    packed = quotient
        return out


# --------------------------------------------------------------------------- multiple testing


def benjamini_hochberg(p_values: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (q-values); NaN stays NaN and is not counted.

    Examples
    --------
    >>> benjamini_hochberg(np.array([0.01, 0.04, 0.03, np.nan]))
    array([0.03, 0.04, 0.04,  nan])
    """
    p = np.asarray(p_values, dtype=float)
    out = np.full(p.shape, math.nan)
    ok = np.flatnonzero(np.isfinite(p))
    m = len(ok)
    if not m:
        return out
    order = ok[np.argsort(p[ok], kind="stable")]
    ranked = p[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    out[order] = np.minimum(adjusted, 1.0)
    return out


# --------------------------------------------------------------------------- weight settings


def weight_settings(
    weights: Mapping[str, float], *, count: int = 100, spread: float = 2.0, seed: int = 0
) -> list[dict[str, float]]:
    """Weight settings sampled around ``weights`` for the stability of a flag.

    Each weight above 0 is multiplied by its own factor drawn log-uniformly
    between ``1/spread`` and ``spread`` (so halving and doubling are equally
    likely); weights of 0 stay 0. numpy PCG64 seeded with ``seed``.

    Examples
    --------
    >>> s = weight_settings({"a": 1.0, "b": 0.0}, count=3, seed=1)
    >>> [round(x["a"], 3) for x in s], {x["b"] for x in s}
    ([1.017, 0.611, 0.77], {0.0})
    """
    rng = np.random.default_rng(seed)
    names = list(weights)
    factors = np.exp(rng.uniform(-math.log(spread), math.log(spread), size=(count, len(names))))
    return [
        {name: float(weights[name]) * float(f) for name, f in zip(names, row)} for row in factors
    ]


# --------------------------------------------------------------------------- whole network


def network_ei_test(
    edges: Iterable[Sequence[Any]],
    groups: Mapping[Hashable, Hashable],
    *,
    directed: bool = True,
    permutations: int = 999,
    seed: int = 0,
) -> dict[str, float]:
    """Whole-network E-I with its expectation and permutation p-values (labels over all nodes).

    The UCINET test: the group labels are reshuffled over all nodes of
    ``groups`` (no label fixed), the ties stay. ``expected`` is exact:
    ``E[E] = Σ w · (1 − Σ_k n_k (n_k − 1)/(n (n − 1)))``. ``p_lower`` is the
    share of reshuffles with an E-I as low or lower (inward), ``p_upper`` as
    high or higher, both counting the data among the reshuffles.

    Examples
    --------
    >>> r = network_ei_test([("a", "b"), ("c", "d")], {"a": 1, "b": 1, "c": 2, "d": 2},
    ...                     permutations=199)
    >>> r["ei_index"], round(r["expected"], 4)
    (-1.0, 0.3333)
    """
    nodes = list(groups)
    index = {node: i for i, node in enumerate(nodes)}
    ties: dict[tuple[int, int], float] = {}
    for edge in edges:
        a, b = index[edge[0]], index[edge[1]]
        if a == b:
            continue
        key = (a, b) if directed or a <= b else (b, a)
        weight = float(edge[2]) if len(edge) > 2 else 1.0
        ties[key] = ties.get(key, 0.0) + weight if len(edge) > 2 else 1.0
    src = np.array([a for a, _ in ties], dtype=np.int64)
    dst = np.array([b for _, b in ties], dtype=np.int64)
    wts = np.array(list(ties.values()), dtype=float)
    _, codes = np.unique(np.array([str(groups[v]) for v in nodes]), return_inverse=True)
    total = float(wts.sum())
    internal = float(wts[codes[src] == codes[dst]].sum())
    observed = (total - 2 * internal) / total if total else math.nan
    n = len(nodes)
    sizes = np.bincount(codes).astype(float)
    same = float((sizes * (sizes - 1)).sum() / (n * (n - 1))) if n > 1 else math.nan
    expected = 1.0 - 2.0 * same
    rng = np.random.default_rng(seed)
    lower = upper = 0
    done = 0
    block = 256
    tol = TIE_TOLERANCE * max(1.0, abs(observed))
    while done < permutations:
        size = min(block, permutations - done)
        labels = np.stack([codes[rng.permutation(n)] for _ in range(size)])
        inside = (labels[:, src] == labels[:, dst]) @ wts
        ei = (total - 2 * inside) / total
        lower += int((ei <= observed + tol).sum())
        upper += int((ei >= observed - tol).sum())
        done += size
    return {
        "external": total - internal,
        "internal": internal,
        "ei_index": observed,
        "expected": expected,
        "p_lower": (1 + lower) / (1 + permutations),
        "p_upper": (1 + upper) / (1 + permutations),
        "permutations": permutations,
        "seed": seed,
    }


def chance_frequency(count: int, permutations: int) -> dict[str, Any]:
    """How often chance matched the data, as a record a renderer can put in words.

    ``{"kind": "fewer_than", "one_in": 100}`` when fewer than 1 in 100 (or 1
    in 20) reshuffles were at least as inward, otherwise ``{"kind":
    "about", "in_100": N}`` ("about N in 100 reshuffles").

    Examples
    --------
    >>> chance_frequency(0, 999)
    {'kind': 'fewer_than', 'one_in': 100, 'count': 0, 'permutations': 999}
    >>> chance_frequency(300, 999)
    {'kind': 'about', 'in_100': 30, 'count': 300, 'permutations': 999}
    """
    share = count / permutations if permutations else 1.0
    for one_in in (1000, 100, 20):
        if share < 1.0 / one_in and permutations >= one_in:
            return {
                "kind": "fewer_than",
                "one_in": one_in,
                "count": count,
                "permutations": permutations,
            }
    return {
        "kind": "about",
        "in_100": int(round(100 * share)),
        "count": count,
        "permutations": permutations,
    }


__all__ = [
    "BLOCK_BYTES",
    "NullResult",
    "ScoreModel",
    "benjamini_hochberg",
    "chance_frequency",
    "expected_diversity",
    "expected_ei",
    "network_ei_test",
    "permutation_null",
    "weight_settings",
]
