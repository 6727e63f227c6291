"""The facilitator's network page: one self-contained, offline HTML file.

:func:`page_data` turns a :class:`~graphtool.model.Dataset` (plus optional
territorial-drive flags and missing-link suggestions) into plain, JSON-ready
data; :func:`render_page` writes the HTML around it; :func:`network_page` does
both and runs the analyses when they are available.

The page is our own template, not pyvis's ``Network``: pyvis writes a Jinja page
that loads its scripts from a CDN, builds tooltips from HTML strings and has no
place for the side panel, filters, legend and texts in two languages, so nearly
all of it would have to be overridden. Instead the page inlines the vendored
vis-network build (``assets/vis-network.min.js``) and our own script and style,
and carries the data as JSON in a ``<script type="application/json">`` block.

Safety: every name and property is data, never markup. The JSON is escaped so
that ``<``, ``>``, ``&`` and U+2028/U+2029 cannot end the block; the page's
script builds the DOM with ``textContent`` only; vis-network draws labels on a
canvas and shows string tooltips as text. A Content-Security-Policy allows only
the page's own two scripts (by hash) and no network access at all.

Layout: positions are computed here, seeded, so the same input gives the same
picture. Up to :data:`FAST_MODE_THRESHOLD` organisations the browser then lets
the physics settle from them (and it can be frozen); above it the page runs in
*fast mode*: a cheaper precomputed layout and no physics.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from graphtool.analyses.engines import igraph_available
from graphtool.analyses.pipeline import Pipeline
from graphtool.analyses.territorial_drive import check_config as check_drive_config
from graphtool.errors import AnalysisError, ConfigError
from graphtool.graphs import CollaborationGraph, build_collaboration_graph, build_funding_graph
from graphtool.i18n import THEME_NAMES, TYPE_NAMES, check_language, name_of, text
from graphtool.i18n.formats import group_name
from graphtool.i18n.network_page import TEXTS
from graphtool.model import ORGANISATION_TYPES, RESIDENTS, Dataset, split_list
from graphtool.present.reasons import Labels, reason_text
from graphtool.present.scan import presented_points
from graphtool.progress import SILENT, Progress

#: Above this many organisations the page uses fast mode (precomputed layout, no physics).
#: Measured in ``benchmarks/bench_network_page.py``: with physics, vis-network needs
#: several seconds to settle 1,500 organisations on a 2-core laptop; more is not usable live.
FAST_MODE_THRESHOLD = 1500
#: From this many tied organisations on, the layout runs in python-igraph when installed.
IGRAPH_LAYOUT_FROM = 2000
VIS_NETWORK_VERSION = "10.1.5"
LAYERS = ("collaboration", "funding")
DEFAULT_SEED = 42
#: Distance in pixels between organisations without ties, which stand in rows under
#: the drawing: about the width of a name in the page's smallest label font.
ISOLATE_SPACING = 280.0
#: The territorial-drive components the side panel shows, in this order.
COMPONENTS = (
    "solo_share",
    "ei_index",
    "partner_diversity",
    "resident_reach",
    "funding_in_group_share",
    "constraint",
)
#: Fields a territorial-drive row may carry from the significance test; the side
#: panel says them in plain words when present.
#: The significance of a territorial-drive row shown in the side panel: page key -> row key.
SIGNIFICANCE_FIELDS = {
    "expected_ei": "ei_expected",
    "p_value": "p_value",
    "q_value": "q_value",
    "flag_stability": "stability",
}
#: From this many organisations the page opens with the group view (one node per
#: group) and the organisations of a group are one click away.
GROUP_VIEW_THRESHOLD = 400
#: A funder that pays more than this share of all organisations is a *background
#: funder*: drawn as a badge in the legend with its total, its arrows off at first.
BACKGROUND_SHARE = 0.25
#: Organisation columns that stand in for neighbourhoods, and joint-action columns
#: that stand in for themes, when a dataset has none (e.g. imported EU projects).
PLACE_COLUMNS = ("country", "region", "city", "municipality", "place")
THEME_COLUMNS = ("programme", "topic", "call", "category")

#: Okabe & Ito (2008), "Color Universal Design": distinguishable with every common
#: colour-vision deficiency. Sector groups get fixed colours; other groupings cycle.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#F0E442", "#56B4E9", "#D55E00")
GREY = "#999999"
SECTOR_COLOURS = {
    "government": "#0072B2",
    "public_service": "#E69F00",
    "residents": "#009E73",
    "civil_society": "#CC79A7",
    "market": "#F0E442",
    "unknown": GREY,
}

_ASSETS = "graphtool.present.assets"
#: Characters that must not appear raw inside a <script> block (they could end it or,
#: for U+2028/U+2029, break older JavaScript parsers).
_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SCRIPT_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")


@dataclass(frozen=True)
class NetworkPage:
    """A rendered page: its HTML, the data inside it, and whether it runs in fast mode."""

    html: str
    data: dict[str, Any]

    @property
    def fast_mode(self) -> bool:
        return bool(self.data["meta"]["fastMode"])


def json_for_script(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` block.

    ``<``, ``>``, ``&``, U+2028 and U+2029 are written as ``\\uXXXX`` escapes, so a
    string such as ``</script>`` cannot end the block; ``JSON.parse`` restores them.

    >>> json_for_script({"name": "</script><b>&"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _SCRIPT_ESCAPE_RE.sub(lambda m: _SCRIPT_ESCAPES[m.group(0)], raw)


def _asset(name: str) -> str:
    return resources.files(_ASSETS).joinpath(name).read_text(encoding="utf-8")


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


# ---------------------------------------------------------------------------------- analyses


def run_analyses(
    dataset: Dataset,
    *,
    group_by: str = "sector",
    results: Pipeline | None = None,
) -> tuple[list[dict] | None, list[dict] | None, list[str]]:
    """Territorial drive and the suggestions for the page, from one pipeline.

    The suggestions are :attr:`~graphtool.analyses.pipeline.Pipeline.page_suggestions`:
    the best missing links overall plus each of the first flagged organisations' own
    best partners, all ranked from one set of link features.

    Returns ``(drive, suggestions, notes)``; an analysis that cannot run on this
    dataset gives ``None`` and a note saying why, so the page is still made,
    without flags or suggestions.
    """
    results = results or Pipeline(dataset, group_by=group_by)
    notes: list[str] = []
    drive = suggestions = None
    try:
        drive = results.territorial_drive
    except AnalysisError as exc:
        notes.append(f"territorial drive not shown: {exc.message}")
    if drive is not None:
        try:
            suggestions = results.page_suggestions
        except AnalysisError as exc:
            notes.append(f"missing links not shown: {exc.message}")
    return drive, suggestions, notes


def story_analyses(
    dataset: Dataset,
    *,
    drive: list[dict] | None,
    group_by: str = "sector",
    lang: str = "en",
    compare_years: tuple[int, int] | None = None,
    notes: list[str] | None = None,
    seed: int = 0,
    results: Pipeline | None = None,
) -> dict[str, Any]:
    """Communities, the LSA scan and (for two years) the comparison, for the group
    view and the story mode: keyword arguments of :func:`page_data`, from one pipeline.

    An analysis that cannot run on this dataset is left out with a note in ``notes``.
    """
    results = results or Pipeline(dataset, group_by=group_by, seed=seed)
    out: dict[str, Any] = {"communities": results.communities[0].tolist()}
    if drive is not None:  # the scan's fifth point needs territorial drive
        try:
            out["scan_points"] = presented_points(results.scan, Labels(dataset, lang=lang))
        except AnalysisError as exc:
            if notes is not None:
                notes.append(f"scan not shown: {exc.message}")
    if compare_years is not None:
        out["comparison"] = results.compare(*compare_years)
    return out


# ------------------------------------------------------------------------------------ layout


def layout(
    collab: CollaborationGraph,
    *,
    seed: int = DEFAULT_SEED,
    fast: bool = False,
    iterations: int | None = None,
    extra_ties: sp.spmatrix | None = None,
    isolate_spacing: float = 0.2,
) -> np.ndarray:
    """Seeded 2-D positions of the organisations (``n × 2``).

    Fruchterman–Reingold force-directed placement with the grid variant of the
    repulsion: nodes repel only neighbours closer than ``2k`` (``k = 1/√n``, the
    ideal distance in the unit square), found with a k-d tree, so an iteration
    costs about O(n log n + ties) instead of O(n²); ties attract with ``d²/k``; a
    weak pull to the centre keeps components together. Unweighted ties. The
    same graph and ``seed`` give the same positions. Fast mode runs fewer
    iterations (50 instead of 100). From :data:`IGRAPH_LAYOUT_FROM` tied
    organisations on, python-igraph's compiled grid variant does the same
    placement when it is installed (see :func:`_igraph_force_directed`).

    The tied organisations fill the square ±1. ``extra_ties`` (for example the
    funding matrix) pull only organisations without a collaboration tie.
    Organisations without any tie (in ``collab`` or ``extra_ties``) take no part
    in the forces: they stand in tidy rows under the drawing,
    ``isolate_spacing`` apart, in their order in the dataset, instead of being
    pushed far out by the repulsion.

    References
    ----------
    Fruchterman, T. M. J. & Reingold, E. M. (1991). Graph drawing by force-directed
    placement. *Software: Practice and Experience* 21(11), 1129–1164 (the grid variant:
    section 4).
    """
    n = collab.n
    if n == 0:
        return np.zeros((0, 2))
    if iterations is None:
        iterations = 50 if fast else 100
    ties = sp.csr_matrix(collab.weights)
    tied = np.diff(ties.indptr) > 0
    if extra_ties is not None:
        extra = abs(sp.csr_matrix(extra_ties))
        extra = sp.csr_matrix(extra + extra.T)
        extra.eliminate_zeros()
        lonely = ~tied
        # a tie to itself (in extra_ties) keeps an organisation in the drawing
        tied |= np.diff(extra.indptr) > 0
        # only the extra ties of organisations without a collaboration tie pull: a
        # funder's money to all its recipients would draw them into a dense knot
        # (and triple the time of the repulsion, which grows with density)
        coo = extra.tocoo()
        keep = lonely[coo.row] | lonely[coo.col]
        pull = sp.csr_matrix((coo.data[keep], (coo.row[keep], coo.col[keep])), shape=(n, n))
        ties = sp.csr_matrix(ties + pull)
    nodes = np.flatnonzero(tied)
    result = np.zeros((n, 2))
    rng = np.random.default_rng(seed)
    if len(nodes) >= IGRAPH_LAYOUT_FROM and igraph_available():
        result[nodes] = _igraph_force_directed(ties[nodes][:, nodes], rng, iterations)
    elif len(nodes):
        result[nodes] = _force_directed(ties[nodes][:, nodes], rng, iterations)
    isolated = np.flatnonzero(~tied)
    if len(isolated):
        columns = max(1, int(2.0 / isolate_spacing) + 1)
        rank = np.arange(len(isolated))
        row, column = rank // columns, rank % columns
        # each row centred under the drawing
        width = np.minimum(len(isolated) - row * columns, columns) - 1
        top = 1.0 + isolate_spacing if len(nodes) else 0.0
        result[isolated, 0] = (column - width / 2.0) * isolate_spacing
        result[isolated, 1] = top + row * isolate_spacing
    return result


def _igraph_force_directed(
    ties: sp.csr_matrix, rng: np.random.Generator, iterations: int
) -> np.ndarray:
    """The same Fruchterman–Reingold placement by python-igraph's grid variant, within ±1.

    Compiled, and its grid keeps the repulsion cheap where hubs pull thousands
    of organisations into one dense region, which the k-d tree variant cannot
    (a real-shaped network of 35,873 organisations: 4.4 s of CPU, where the
    k-d tree variant had not finished after 600 s). Seeded through the starting
    positions, so the same graph and seed give the same drawing.
    """
    import igraph as ig

    n = ties.shape[0]
    upper = sp.triu(ties, k=1).tocoo()
    graph = ig.Graph(n=n, edges=np.column_stack([upper.row, upper.col]).tolist())
    # igraph's grid has cells of a fixed size: start in a square of side √n, as its own
    # random start does, or every node shares a few cells and the repulsion is O(n²)
    start = (rng.uniform(-0.5, 0.5, size=(n, 2)) * math.sqrt(n)).tolist()
    # igraph draws from Python's random module: a generator of its own, seeded, for the call
    ig.set_random_number_generator(random.Random(int(rng.integers(2**31))))
    try:
        layout = graph.layout_fruchterman_reingold(seed=start, niter=2 * iterations, grid=True)
    finally:
        ig.set_random_number_generator(random)
    coords = np.asarray(layout.coords)
    coords -= coords.mean(axis=0)
    extent = float(np.abs(coords).max()) or 1.0
    return coords / extent


def _force_directed(ties: sp.csr_matrix, rng: np.random.Generator, iterations: int) -> np.ndarray:
    """Fruchterman–Reingold positions of a graph in which every node has a tie, within ±1."""
    from scipy.spatial import cKDTree

    n = ties.shape[0]
    pos = rng.uniform(0.0, 1.0, size=(n, 2))
    upper = sp.triu(ties, k=1).tocoo()
    rows, cols = upper.row, upper.col
    k = 1.0 / math.sqrt(n)
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        disp = np.zeros((n, 2))
        pairs = cKDTree(pos).query_pairs(2 * k, output_type="ndarray")
        if len(pairs):
            delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            dist = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 1e-6)
            force = delta * (k * k / dist**2)[:, None]
            for axis in (0, 1):
                disp[:, axis] += np.bincount(pairs[:, 0], force[:, axis], minlength=n)
                disp[:, axis] -= np.bincount(pairs[:, 1], force[:, axis], minlength=n)
        if len(rows):
            delta = pos[rows] - pos[cols]
            dist = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 1e-6)
            force = delta * (dist / k)[:, None]
            for axis in (0, 1):
                disp[:, axis] -= np.bincount(rows, force[:, axis], minlength=n)
                disp[:, axis] += np.bincount(cols, force[:, axis], minlength=n)
        disp += (0.5 - pos) * 0.05  # gravity: unconnected parts stay near the middle
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 1e-9)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    pos -= pos.mean(axis=0)
    extent = float(np.abs(pos).max()) or 1.0
    return pos / extent


# --------------------------------------------------------------------------------- page data


def _names(keys: Iterable[str], table: dict[str, dict[str, str]], lang: str) -> list[dict]:
    return [{"key": k, "name": name_of(table, k, lang)} for k in keys]


def _group_palette(groups: Sequence[str], group_by: str, lang: str) -> list[dict]:
    entries = []
    for k, key in enumerate(groups):
        if group_by == "sector" and key in SECTOR_COLOURS:
            colour = SECTOR_COLOURS[key]
        else:
            colour = OKABE_ITO[k % len(OKABE_ITO)]
        entries.append({"key": key, "name": group_name(key, group_by, lang), "colour": colour})
    return entries


def _log_widths(values: np.ndarray, lo: float = 1.5, hi: float = 9.0) -> np.ndarray:
    """Edge widths from ``lo`` to ``hi`` on a log scale of ``values`` (zero gets ``lo``)."""
    if len(values) == 0:
        return values.astype(float)
    positive = values[values > 0]
    if len(positive) == 0:
        return np.full(len(values), lo)
    vmin, vmax = float(positive.min()), float(positive.max())
    if vmax <= vmin:
        return np.where(values > 0, (lo + hi) / 2, lo)
    scaled = (np.log(np.maximum(values, vmin)) - math.log(vmin)) / (math.log(vmax) - math.log(vmin))
    return np.where(values > 0, lo + scaled * (hi - lo), lo)


def _chance_sentence(p_value: float, permutations: int, labels: Labels) -> str:
    """How often chance gives a score this high, in words ("fewer than 1 in 100 reshuffles")."""
    from graphtool.analyses.territorial_drive import chance_reason

    count = max(0, int(round(p_value * (permutations + 1))) - 1)
    sentence = reason_text(chance_reason("score_beyond_chance", count, permutations), labels)
    return sentence[:1].upper() + sentence[1:] + "."


def _reasons(value: Any, labels: Labels) -> list[str]:
    """The sentences of reason records (texts already written are kept as they are)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [reason_text(v, labels) if isinstance(v, dict) else str(v) for v in value]


def _number(value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or math.isinf(number) else round(number, 4)


def background_funders(
    funder_rows: np.ndarray,
    recipient_rows: np.ndarray,
    amounts: np.ndarray,
    n: int,
    share: float = BACKGROUND_SHARE,
) -> list[dict[str, Any]]:
    """The funders that pay more than ``share`` of all ``n`` organisations.

    ``funder_rows``, ``recipient_rows`` and ``amounts`` are the flows (row numbers
    of the organisations). Each funder comes with its ``total`` and the number of
    ``recipients`` (itself not counted), the largest total first.

    >>> background_funders(np.array([0, 0, 0, 1]), np.array([1, 2, 3, 2]),
    ...                    np.array([5.0, 5.0, 5.0, 1.0]), 4)
    [{'i': 0, 'total': 15.0, 'recipients': 3}]
    """
    if not 0.0 <= share <= 1.0:
        raise ConfigError(
            f"background share must be between 0 and 1, got {share!r}",
            hint="e.g. --background-share 0.25 (a quarter of the organisations)",
        )
    if n == 0 or len(funder_rows) == 0:
        return []
    other = funder_rows != recipient_rows
    pairs = np.unique(np.stack([funder_rows[other], recipient_rows[other]]), axis=1)
    recipients = np.bincount(pairs[0], minlength=n) if pairs.size else np.zeros(n, int)
    totals = np.bincount(funder_rows, weights=amounts, minlength=n)
    found = [
        {"i": int(i), "total": float(totals[i]), "recipients": int(recipients[i])}
        for i in np.flatnonzero(recipients > share * n)
    ]
    return sorted(found, key=lambda f: (-f["total"], f["i"]))


def _fallback_column(table: pd.DataFrame, columns: Sequence[str]) -> str | None:
    """The first of ``columns`` in ``table`` with at least two different values."""
    for column in columns:
        if column in table.columns:
            values = {str(v).strip() for v in table[column] if str(v).strip()}
            if len(values) >= 2:
                return column
    return None


def page_data(
    dataset: Dataset,
    *,
    drive: list[dict] | None = None,
    suggestions: list[dict] | None = None,
    lang: str = "en",
    layers: Sequence[str] = LAYERS,
    title: str | None = None,
    group_by: str = "sector",
    bipartite: bool = False,
    seed: int = DEFAULT_SEED,
    fast_mode: bool | None = None,
    notes: Sequence[str] = (),
    progress: Progress = SILENT,
    communities: Sequence[int] | None = None,
    scan_points: Sequence[dict] | None = None,
    comparison: dict | None = None,
    drive_settings: dict | None = None,
    background_share: float = BACKGROUND_SHARE,
) -> dict[str, Any]:
    """The data the network page shows, as plain JSON-ready values.

    Parameters
    ----------
    dataset
        The dataset (restrict it to a year with ``dataset.for_year`` first).
    drive
        Territorial-drive rows (``id``, ``score``, ``flagged``, ``reasons``), or ``None``.
    suggestions
        Missing-link rows (``source``, ``target``, ``score``, ``reasons``), or ``None``.
    lang
        ``en`` or ``nl``: the language of the page's texts and names.
    layers
        Edge layers shown when the page opens (``collaboration``, ``funding``); the
        others can be switched on in the page.
    title
        The page title; a default in ``lang`` when ``None``.
    group_by
        The organisations column that colours the nodes.
    bipartite
        Show joint actions as nodes, tied to their participants, instead of the
        organisation–organisation collaboration ties.
    seed
        Seed of the layout: the same input and seed give the same positions.
    fast_mode
        Force fast mode on or off; by default it is on above :data:`FAST_MODE_THRESHOLD`.
    notes
        Plain-text notes shown on the page (for example why flags are missing).
    communities
        A community number per organisation (table order), for the group view by
        community; ``None`` offers the group view by ``group_by`` only.
    scan_points
        The LSA scan's points (``title``, ``verdict``, ``summary``, ``evidence``)
        for the story mode, or ``None``.
    comparison
        :func:`graphtool.analyses.compare.compare` of two years, for the story
        step "what changed", or ``None``.
    drive_settings
        The territorial-drive configuration used (``weights``, ``threshold``,
        ``min_actions``): the page states the threshold and recomputes scores
        with it for "what if". ``None``: the defaults.
    background_share
        A funder paying more than this share of the organisations is drawn as a
        legend badge, its arrows off at first (:data:`BACKGROUND_SHARE`).

    Returns
    -------
    dict
        ``meta``, ``texts``, ``groups``, ``types``, ``themes``, ``neighbourhoods``,
        ``years``, ``organisations`` (each with ``partners``, its number of
        collaboration partners; ``isolated`` only when it has no tie drawn when the
        page opens; ``absent`` and the territorial-drive ``components`` only when
        ``drive`` has a row for it), ``actions``, ``collaboration`` (``[i, j, weight,
        width, [action indices]]``), ``participation`` (``[i, action]``), ``funding``
        (``[funder, recipient, total, width, [[year, amount], ...]]``) and ``suggestions``
        (``[i, j, score, [reasons]]``); ``i``, ``j`` are row numbers of the organisations.

    Raises
    ------
    ConfigError
        An unknown layer or language.
    """
    try:
        check_language(lang)
    except ValueError as exc:
        raise ConfigError(str(exc), hint="use --lang en or --lang nl") from None
    unknown = [layer for layer in layers if layer not in LAYERS]
    if unknown:
        raise ConfigError(f"unknown layer {unknown[0]!r}", hint="choose from: " + ", ".join(LAYERS))
    orgs = dataset.organisations
    actions_table = dataset.joint_actions
    n = len(orgs)
    fast = n > FAST_MODE_THRESHOLD if fast_mode is None else bool(fast_mode)

    progress.step(f"network page: building graphs of {n:,} organisations")
    collab = build_collaboration_graph(dataset)
    funding = build_funding_graph(dataset)
    groups_of = dataset.group_of(group_by).to_numpy()
    group_keys = sorted(set(groups_of))
    if group_by == "sector":
        known = [g for g in SECTOR_COLOURS if g in group_keys]
        group_keys = known + [g for g in group_keys if g not in SECTOR_COLOURS]
    group_index = {g: k for k, g in enumerate(group_keys)}
    type_keys = sorted(set(orgs["type"]))
    type_index = {t: k for k, t in enumerate(type_keys)}

    # neighbourhoods: the table, then any id only named by organisations or actions
    hood_names = dict(
        zip(dataset.neighbourhoods["id"], dataset.neighbourhoods["name"], strict=True)
    )
    hood_keys = list(dataset.neighbourhoods["id"])
    org_hoods = [split_list(v) for v in orgs["neighbourhoods"]]
    for key in [*(h for hs in org_hoods for h in hs), *actions_table["neighbourhood"]]:
        if key and key not in hood_names:
            hood_names[key] = key
            hood_keys.append(key)
    hood_index = {h: k for k, h in enumerate(hood_keys)}
    place_column = None
    if not hood_keys:
        place_column = _fallback_column(orgs, PLACE_COLUMNS)
        if place_column:
            org_hoods = [[str(v).strip()] if str(v).strip() else [] for v in orgs[place_column]]
            hood_keys = sorted({h for hs in org_hoods for h in hs})
            hood_names = {h: h for h in hood_keys}
            hood_index = {h: k for k, h in enumerate(hood_keys)}
    action_themes = [str(t) for t in actions_table["theme"]]
    theme_column = None
    if not any(action_themes):
        theme_column = _fallback_column(actions_table, THEME_COLUMNS)
        if theme_column:
            action_themes = [str(v).strip() for v in actions_table[theme_column]]
    theme_keys = sorted({t for t in action_themes if t})
    theme_index = {t: k for k, t in enumerate(theme_keys)}

    progress.step("network page: layout" + (" (fast mode)" if fast else ""))
    # pixels: a tie about as long as the page's spring length, room for large labels
    spread = 110.0 * math.sqrt(max(n, 1)) + 200.0
    # the ties drawn when the page opens hold the layout together; an organisation
    # with none of them stands in a row under the drawing. In fast mode only the
    # collaboration ties count: pulling in the organisations that only have money
    # ties would double the time of the layout.
    extra_ties = funding.amounts if "funding" in layers and not fast else None
    if bipartite:
        solo = sp.diags((collab.actions_per_organisation > 0).astype(float))
        extra_ties = solo if extra_ties is None else extra_ties + solo
    positions = layout(
        collab,
        seed=seed,
        fast=fast,
        extra_ties=extra_ties,
        isolate_spacing=ISOLATE_SPACING / spread,
    )
    xy = np.round(positions * spread, 1)
    degree = np.diff(collab.weights.tocsr().indptr)
    tie_count = degree.copy()
    if extra_ties is not None:
        extra = abs(sp.csr_matrix(extra_ties))
        tie_count = tie_count + np.diff(extra.indptr) + np.diff(extra.T.tocsr().indptr)

    # flags and suggestions, by organisation id
    by_id = {org: i for i, org in enumerate(orgs["id"])}
    flags: dict[int, dict] = {}
    for row in drive or ():
        i = by_id.get(str(row.get("id")))
        if i is not None:
            flags[i] = row
    labels = Labels(dataset, group_by=group_by, lang=lang)
    suggested: list[list] = []
    for row in suggestions or ():
        i, j = by_id.get(str(row.get("source"))), by_id.get(str(row.get("target")))
        if i is not None and j is not None and i != j:
            suggested.append(
                [i, j, _number(row.get("score")), _reasons(row.get("reasons"), labels)]
            )

    # organisations
    resident = (orgs["sector"].astype(str) == RESIDENTS).to_numpy()
    community_of = None if communities is None else np.asarray(communities, dtype=int)
    if community_of is not None and len(community_of) != n:
        raise ValueError("communities: one number per organisation expected")
    incidence = collab.incidence.tocsr()
    actions_count = collab.actions_per_organisation
    amax = max(int(actions_count.max()) if n else 0, 1)
    sizes = np.round(22 + 44 * np.sqrt(actions_count / amax), 1)
    organisations = []
    for i in range(n):
        flag = flags.get(i)
        entry: dict[str, Any] = {
            "id": str(orgs["id"].iat[i]),
            "name": str(orgs["name"].iat[i]),
            "type": type_index[orgs["type"].iat[i]],
            "group": group_index[groups_of[i]],
            "neighbourhoods": [hood_index[h] for h in org_hoods[i]],
            "actions": incidence.indices[incidence.indptr[i] : incidence.indptr[i + 1]]
            .astype(int)
            .tolist(),
            "x": float(xy[i, 0]),
            "y": float(xy[i, 1]),
            "size": float(sizes[i]),
            "given": float(funding.given[i]),
            "received": float(funding.received[i]),
            "partners": int(degree[i]),
            "flagged": bool(flag and flag.get("flagged")),
            "score": _number(flag.get("score")) if flag else None,
            "reasons": _reasons(flag.get("reasons"), labels) if flag else [],
        }
        # keys that are mostly empty only where they say something: a smaller page
        if tie_count[i] == 0:
            entry["isolated"] = True
        if resident[i]:
            entry["resident"] = True
        if community_of is not None:
            entry["community"] = int(community_of[i])
        if flag:
            entry["absent"] = bool(flag.get("absent"))
            entry["components"] = {
                name: _number(flag.get(name)) for name in COMPONENTS if name in flag
            }
            significance = {
                key: (str(flag[name]) if key == "flag_stability" else _number(flag[name]))
                for key, name in SIGNIFICANCE_FIELDS.items()
                if flag.get(name) is not None
            }
            if significance:
                if flag.get("p_value") is not None and flag.get("permutations"):
                    significance["chance"] = _chance_sentence(
                        flag["p_value"], flag["permutations"], labels
                    )
                entry["significance"] = significance
        organisations.append(entry)

    actions = [
        {
            "id": str(a.id),
            "name": str(a.name),
            "theme": theme_index.get(theme, -1),
            "neighbourhood": hood_index.get(a.neighbourhood, -1),
            "start": None if pd.isna(a.start_year) else int(a.start_year),
            "end": None if pd.isna(a.end_year) else int(a.end_year),
        }
        for a, theme in zip(
            actions_table[["id", "name", "neighbourhood", "start_year", "end_year"]].itertuples(
                index=False
            ),
            action_themes,
            strict=True,
        )
    ]

    progress.step("network page: ties")
    collaboration: list[list] = []
    participation: list[list[int]] = []
    if bipartite:
        coo = incidence.tocoo()
        participation = [[int(r), int(c)] for r, c in zip(coo.row, coo.col, strict=True)]
    else:
        upper = sp.triu(collab.weights, k=1).tocoo()
        order = np.lexsort((upper.col, upper.row))
        rows, cols = upper.row[order], upper.col[order]
        weights = upper.data[order]
        widths = np.round(_log_widths(weights, 1.0, 6.0), 2)
        # the shared actions of each tie: the intersection of both rows of the incidence
        sets = [set(o["actions"]) for o in organisations]
        for r, c, w, width in zip(rows, cols, weights, widths, strict=True):
            shared = sorted(sets[r] & sets[c])
            collaboration.append([int(r), int(c), int(w), float(width), shared])

    flows = dataset.funding
    funding_edges: list[list] = []
    if len(flows):
        per_year = (
            flows.assign(i=flows["funder_id"].map(by_id), j=flows["recipient_id"].map(by_id))
            .groupby(["i", "j", "year"], sort=True)["amount"]
            .sum()
            .reset_index()
        )
        totals = per_year.groupby(["i", "j"], sort=True)["amount"].sum()
        widths = np.round(_log_widths(totals.to_numpy(), 1.5, 8.0), 2)
        by_pair: dict[tuple[int, int], list] = {}
        for row in per_year.itertuples(index=False):
            by_pair.setdefault((int(row.i), int(row.j)), []).append(
                [int(row.year), float(row.amount)]
            )
        for ((i, j), total), width in zip(totals.items(), widths, strict=True):
            funding_edges.append(
                [int(i), int(j), float(total), float(width), by_pair[(int(i), int(j))]]
            )

    background = []
    if len(flows):
        background = background_funders(
            flows["funder_id"].map(by_id).to_numpy(dtype=int),
            flows["recipient_id"].map(by_id).to_numpy(dtype=int),
            flows["amount"].to_numpy(dtype=float),
            n,
            background_share,
        )
    settings = drive_settings or _default_drive_settings()
    story: dict[str, Any] = {}
    if scan_points:
        story["scan"] = [
            {
                "title": str(p.get("title", "")),
                "verdict": str(p.get("verdict", "")),
                "summary": str(p.get("summary", "")),
                "evidence": [
                    str(e["text"]) if isinstance(e, dict) else str(e) for e in p.get("evidence", [])
                ][:1],
            }
            for p in scan_points
        ]
    if comparison:
        summary = comparison.get("summary", {})
        story["compare"] = {
            key: summary.get(key)
            for key in (
                "from_year",
                "to_year",
                "appeared",
                "left",
                "ties_added",
                "ties_lost",
                "flagged_from",
                "flagged_to",
                "active_from",
                "active_to",
            )
        }
        story["compare"]["no_longer_flagged"] = [
            str(row["name"])
            for row in comparison.get("territorial_drive", [])
            if row.get("flag_change") == "no longer flagged"
        ][:3]
        story["compare"]["newly_flagged"] = [
            str(row["name"])
            for row in comparison.get("territorial_drive", [])
            if row.get("flag_change") == "newly flagged"
        ][:3]

    page_title = title or text(TEXTS, "default_title", lang)
    return {
        "meta": {
            "title": page_title,
            "dataset": dataset.name,
            "year": dataset.year,
            "lang": lang,
            "groupBy": group_by,
            "bipartite": bool(bipartite),
            "fastMode": fast,
            "threshold": FAST_MODE_THRESHOLD,
            "layers": list(layers),
            "analyses": drive is not None or suggestions is not None,
            "flags": drive is not None,
            "components": list(COMPONENTS),
            "drive": {
                "weights": {k: float(v) for k, v in settings["weights"].items()},
                "threshold": float(settings["threshold"]),
                "minActions": int(settings["min_actions"]),
            },
            "groupFirst": n >= GROUP_VIEW_THRESHOLD,
            "groupThreshold": GROUP_VIEW_THRESHOLD,
            "communities": community_of is not None,
            "backgroundShare": float(background_share),
            "placeColumn": place_column,
            "themeColumn": theme_column,
            "notes": list(notes),
            "seed": seed,
            "visNetwork": VIS_NETWORK_VERSION,
        },
        "texts": {key: entry.get(lang) or entry["en"] for key, entry in TEXTS.items()},
        "groups": _group_palette(group_keys, group_by, lang),
        "types": _names(type_keys, TYPE_NAMES, lang),
        # every known type, for "an organisation is missing"
        "allTypes": _names(ORGANISATION_TYPES, TYPE_NAMES, lang),
        "themes": _names(theme_keys, THEME_NAMES, lang),
        "neighbourhoods": [{"key": h, "name": str(hood_names[h])} for h in hood_keys],
        "years": dataset.years() if dataset.year is None else [dataset.year],
        "organisations": organisations,
        "actions": actions,
        "collaboration": collaboration,
        "participation": participation,
        "funding": funding_edges,
        "suggestions": suggested,
        "background": background,
        "story": story,
    }


def _default_drive_settings() -> dict[str, Any]:
    return check_drive_config(None)


# ---------------------------------------------------------------------------------- the page

_TEMPLATE = """<!DOCTYPE html>
<html lang="@@LANG@@">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="@@CSP@@">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="graphtool (vis-network @@VIS_VERSION@@)">
<link rel="icon" href="data:,">
<title>@@TITLE@@</title>
<style>
@@CSS@@
</style>
</head>
<body>
<script id="graphtool-data" type="application/json">@@DATA@@</script>
<script>
@@VIS_JS@@
</script>
<script>
@@PAGE_JS@@
</script>
</body>
</html>
"""


def render_page(data: dict[str, Any]) -> str:
    """The self-contained HTML page around ``data`` (from :func:`page_data`).

    Raises
    ------
    ValueError
        A vendored script contains ``</script``, which would break the page.
    """
    vis_js = _asset("vis-network.min.js")
    page_js = _asset("network_page.js")
    for script in (vis_js, page_js):
        if "</script" in script.lower() or "<!--" in script:
            raise ValueError("a vendored script contains '</script' or '<!--'")
    # each hash covers its script block's text exactly, with the newlines around it
    hashes = " ".join(_csp_hash("\n" + script + "\n") for script in (vis_js, page_js))
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {hashes}",
            "style-src 'unsafe-inline'",
            "img-src data: blob:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    parts = {
        "LANG": data["meta"]["lang"],
        "CSP": html.escape(csp, quote=True),
        "VIS_VERSION": VIS_NETWORK_VERSION,
        "TITLE": html.escape(data["meta"]["title"]),
        "CSS": _asset("network_page.css"),
        "DATA": json_for_script(data),
        "VIS_JS": vis_js,
        "PAGE_JS": page_js,
    }
    # one pass: text put in is never scanned for further placeholders
    return re.sub(r"@@([A-Z_]+)@@", lambda m: parts[m.group(1)], _TEMPLATE)


def network_page(
    dataset: Dataset,
    *,
    lang: str = "en",
    layers: Sequence[str] = LAYERS,
    title: str | None = None,
    group_by: str = "sector",
    bipartite: bool = False,
    analyses: bool = True,
    seed: int = DEFAULT_SEED,
    fast_mode: bool | None = None,
    progress: Progress = SILENT,
    compare_years: tuple[int, int] | None = None,
    background_share: float = BACKGROUND_SHARE,
    results: Pipeline | None = None,
) -> tuple[NetworkPage, list[str]]:
    """Run the analyses (when available and wanted) and build the page.

    ``compare_years`` adds the story step "what changed" between those two years
    (``dataset`` must then cover both). Returns the page and the notes worth
    telling the user (missing analyses, fast mode), which the page shows too.
    ``results`` is the :class:`~graphtool.analyses.pipeline.Pipeline` of ``dataset``
    when the caller has one: the page then reuses whatever it has computed.
    """
    notes: list[str] = []
    drive = suggestions = None
    extra: dict[str, Any] = {}
    if analyses:
        progress.step("network page: territorial drive and missing links")
        # the year is cut already: the pipeline's whole dataset is the page's
        results = results or Pipeline(dataset, group_by=group_by, progress=progress)
        drive, suggestions, notes = run_analyses(dataset, group_by=group_by, results=results)
        progress.step("network page: communities, scan and story")
        extra = story_analyses(
            dataset,
            drive=drive,
            group_by=group_by,
            lang=lang,
            compare_years=compare_years,
            notes=notes,
            results=results,
        )
    data = page_data(
        dataset,
        drive=drive,
        suggestions=suggestions,
        lang=lang,
        layers=layers,
        title=title,
        group_by=group_by,
        bipartite=bipartite,
        seed=seed,
        fast_mode=fast_mode,
        notes=notes,
        progress=progress,
        background_share=background_share,
        **extra,
    )
    if data["meta"]["fastMode"]:
        notes.append(
            f"fast mode: {len(data['organisations']):,} organisations is above "
            f"{FAST_MODE_THRESHOLD:,}; precomputed layout, no physics"
        )
    return NetworkPage(render_page(data), data), notes
