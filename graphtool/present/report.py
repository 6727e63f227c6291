"""The full report: one self-contained, offline HTML document, or Markdown with files beside it.

:func:`build_report` takes the results of one
:class:`~graphtool.analyses.pipeline.Pipeline` (each analysis run once) and keeps
what the report shows as plain data (:class:`Report`); :func:`render_html` and
:func:`render_markdown` write them out; :func:`write_report` picks one by the file's suffix.

Sections: summary, the LSA scan, flagged organisations with their reasons,
suggested links with their reasons, brokers and communities, funding flows
(a bar chart of money by group and a group → group flow diagram, both inline
SVG from :mod:`graphtool.present.charts`), the change between two years when
asked, the interactive network page, and a methods appendix with every
formula, reference and the configuration used.

Safety: every piece of text goes through :func:`html.escape`. The network page
(itself one self-contained HTML document) is embedded as the ``srcdoc`` of a
sandboxed ``<iframe>`` (scripts allowed, no same-origin access to the report),
escaped with ``quote=True``. The report has no script of its own; its
Content-Security-Policy allows no network access and only the network page's
two scripts, by hash (an ``srcdoc`` frame inherits the report's policy).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphtool.analyses.centrality import EXACT_UP_TO, SAMPLE_SOURCES
from graphtool.analyses.pipeline import Pipeline
from graphtool.analyses.territorial_drive import left_out_components
from graphtool.errors import AnalysisError
from graphtool.i18n import check_language, join_names, text
from graphtool.i18n.formats import group_name, money
from graphtool.i18n.report import TEXTS
from graphtool.model import Dataset
from graphtool.present.charts import bar_chart, euros, flow_chart, group_colours
from graphtool.present.files import write_files
from graphtool.present.network_page import page_data, render_page
from graphtool.present.provenance import citation, provenance
from graphtool.present.reasons import Labels, reason_texts
from graphtool.present.scan import presented_points
from graphtool.present.tables import is_label, measure_rows, render
from graphtool.progress import SILENT, Progress

#: How many suggested links and brokers the report lists.
TOP_LINKS = 20
TOP_BROKERS = 15
SECTION_IDS = (
    "summary",
    "scan",
    "flagged",
    "links",
    "brokers",
    "funding",
    "change",
    "network",
    "methods",
)


@dataclass
class Report:
    """Everything the report shows, as plain data."""

    meta: dict[str, Any]
    summary: dict[str, Any]
    scan: list[dict[str, Any]]
    drive: list[dict[str, Any]]
    links: list[dict[str, Any]]
    roles: list[dict[str, Any]]
    communities: list[dict[str, Any]]
    funding_by_group: list[dict[str, Any]]
    flows: list[dict[str, Any]]
    group_labels: dict[str, str]
    settings: dict[str, Any]
    network_html: str
    labels: Labels
    change: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)
    #: components of territorial drive the data does not allow, one sentence each
    left_out: list[str] = field(default_factory=list)


def build_report(
    dataset: Dataset,
    *,
    year: int | None = None,
    compare_years: Sequence[int] | None = None,
    lang: str = "en",
    title: str | None = None,
    group_by: str = "sector",
    settings: Mapping[str, Mapping[str, Any]] | None = None,
    config_source: str = "defaults",
    seed: int = 0,
    progress: Progress = SILENT,
    results: Pipeline | None = None,
) -> Report:
    """The report's content for ``dataset`` (cut to ``year`` when given), from one pipeline.

    Parameters
    ----------
    dataset
        The whole dataset; ``year`` cuts it, ``compare_years`` compares two years of it.
    settings
        Settings per analysis (``scan``, ``territorial_drive``, ``roles``,
        ``missing_links``), as loaded from ``--config``; defaults when ``None``.
    config_source
        Where the settings came from, for the methods appendix.
    results
        The :class:`~graphtool.analyses.pipeline.Pipeline` of ``dataset`` and ``year``
        when the caller has one (its settings, group and seed are then used).

    Raises
    ------
    AnalysisError
        ``compare_years`` names a year without data, or ``group_by`` is not a column.
    """
    check_language(lang)
    if results is None:
        results = Pipeline(
            dataset, year=year, group_by=group_by, settings=settings, seed=seed, progress=progress
        )
    cut = results.dataset
    notes: list[str] = []
    progress.step("report: territorial drive")
    drive = results.territorial_drive
    points = results.scan
    try:
        links = results.missing_links(TOP_LINKS)
    except AnalysisError as exc:
        links = []
        notes.append(f"missing links not computed: {exc.message}")
    role_rows = results.roles
    by_group, flows = results.money_by_group
    change = None
    if compare_years:
        change = results.compare(*compare_years)
    progress.step("report: network page")
    page = render_page(
        page_data(
            cut,
            drive=drive,
            suggestions=links,
            lang=lang,
            group_by=results.group_by,
            title=title,
            seed=results.seed,
            progress=progress,
        )
    )
    meta = provenance(dataset, year, config_source)
    meta["title"] = title or text(TEXTS, "title", lang, dataset=dataset.name)
    meta["lang"] = lang
    meta["group_by"] = results.group_by
    return Report(
        meta=meta,
        summary=results.summary,
        scan=presented_points(points, Labels(cut, lang=lang)),
        drive=drive,
        links=links,
        roles=role_rows,
        communities=results.community_rows,
        funding_by_group=by_group,
        flows=flows,
        group_labels=_group_labels(sorted(set(results.groups)), results.group_by, lang),
        settings=results.settings,
        network_html=page,
        labels=Labels(cut, group_by=results.group_by, lang=lang),
        change=change,
        notes=notes,
        left_out=reason_texts(
            left_out_components(cut, group_by=results.group_by, collab=results.collab),
            Labels(cut, group_by=results.group_by, lang=lang),
        ),
    )


def _group_labels(groups: Sequence[str], group_by: str, lang: str) -> dict[str, str]:
    return {g: group_name(g, group_by, lang) for g in groups}


# ------------------------------------------------------------------------------ shared pieces


def _t(report: Report, key: str, **params: Any) -> str:
    return text(TEXTS, key, report.meta["lang"], **params)


def _charts(report: Report) -> dict[str, str]:
    """The two SVG charts (empty when the dataset has no money)."""
    if not report.flows:
        return {}
    colours = group_colours([r["group"] for r in report.funding_by_group])
    return {
        "funding-by-group": bar_chart(
            report.funding_by_group,
            title=_t(report, "money_by_group"),
            labels=report.group_labels,
            given_label=_t(report, "given"),
            received_label=_t(report, "received"),
            colours=colours,
        ),
        "funding-flows": flow_chart(
            report.flows,
            title=_t(report, "money_flows"),
            labels=report.group_labels,
            colours=colours,
        ),
    }


def _summary_sentences(report: Report) -> list[str]:
    lang = report.meta["lang"]
    s = report.summary
    out = [
        _t(
            report,
            "summary_counts",
            orgs=s["organisations"],
            active=s["active"],
            actions=s["joint_actions"],
            ties=s["ties"],
            flows=s["funding_flows"],
            money=money(s["money"], lang),
        ),
        _t(report, "summary_flagged", n=s["flagged"]),
    ]
    if report.links:
        best = report.links[0]
        out.append(
            _t(
                report,
                "summary_links",
                n=len(report.links),
                pair=f"{best['source_name']} – {best['target_name']}",
            )
        )
    return out


def _flagged_rows(report: Report) -> list[dict[str, Any]]:
    return [
        {
            "name": r["name"],
            "group": report.group_labels.get(r["group"], r["group"]),
            "actions": r["actions"],
            "score": r["score"],
            "p_value": r.get("p_value"),
            "stability": r.get("stability"),
            "reasons": reason_texts(r["reasons"], report.labels),
        }
        for r in report.drive
        if r["flagged"]
    ]


def _link_rows(report: Report) -> list[dict[str, Any]]:
    return [
        {
            "organisation": r["source_name"],
            "partner": r["target_name"],
            "score": r["score"],
            "reasons": reason_texts(r["reasons"], report.labels),
        }
        for r in report.links
    ]


def _broker_rows(report: Report) -> list[dict[str, Any]]:
    brokers = [r for r in report.roles if r["role"] == "broker"]
    brokers.sort(key=lambda r: (-r["betweenness"], r["id"]))
    rows = []
    for r in brokers[:TOP_BROKERS]:
        counts = r["brokerage"] or {}
        rows.append(
            {
                "name": r["name"],
                "partners": r["partners"],
                "betweenness": r["betweenness"],
                **{
                    role: counts.get(role, 0)
                    for role in (
                        "coordinator",
                        "itinerant",
                        "representative",
                        "gatekeeper",
                        "liaison",
                    )
                },
            }
        )
    return rows


def _scan_rows(point: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "indicator": name + (" *" if name == point["headline"] else ""),
            "value": f"{value:.1%}"
            if isinstance(value, float) and name.endswith("_share")
            else value,
        }
        for name, value in point["indicators"].items()
    ]


def _absent_names(report: Report) -> list[str]:
    return [r["name"] for r in report.drive if r["absent"]]


def _configuration(report: Report) -> str:
    return json.dumps(report.settings, indent=2, ensure_ascii=False, sort_keys=True)


# --------------------------------------------------------------------------------- methods

#: The methods appendix: (heading, paragraphs). Formulas in plain Unicode so they read the
#: same in HTML and Markdown.
METHODS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Data and graphs",
        (
            "A year Y keeps the joint actions active in Y (start ≤ Y ≤ end, open ends open) and "
            "the funding flows of Y; every organisation stays, so one without an action that year "
            "is absent. An organisation is active when it takes part in at least one joint action.",
            "Collaboration graph: organisations i and j are tied when they take part in a joint "
            "action together; the tie's weight w_ij is the number of shared actions (the "
            "organisation–organisation projection B Bᵀ of the organisation × action incidence "
            "matrix B, diagonal removed). Funding graph: directed, weighted by the amount in "
            "euros.",
        ),
    ),
    (
        "Territorial drive",
        (
            "For each active organisation: solo_share = actions in which it is the only "
            "participant / its actions. E-I index (Krackhardt & Stern 1988) = (E − I)/(E + I), E "
            "and I the summed tie weights to other groups and to its own group; undefined without "
            "partners. partner_diversity = (1 − Σₖ pₖ²) / ((K − 1)/K), Blau's index of its "
            "partners' groups weighted by shared actions, K the number of groups (Blau 1977). "
            "resident_reach = its actions that include a residents-group organisation / its "
            "actions (undefined for resident organisations). funding_in_group_share = money given "
            "and received within its own group / all money it gives and receives. constraint = "
            "Burt's constraint c_i = Σ_j (p_ij + Σ_q p_iq p_qj)² on the weighted collaboration "
            "graph (Burt 1992).",
            "Score = Σ w_c x_c / Σ w_c over the defined components, each turned so that 1 means "
            "inward-looking: solo_share, (1 − E-I)/2, 1 − diversity, 1 − resident_reach, "
            "funding_in_group_share, min(constraint, 1). Flagged when score ≥ threshold, the "
            "organisation has at least min_actions joint actions and its score is beyond chance "
            "(p-value below the significance level; below); the weights, threshold, min_actions "
            "and significance settings used are in the configuration below. Organisations "
            "without any joint action are absent, not scored. Components the data does not "
            "allow are left out for everyone: E-I, diversity and in-group money with a single "
            "group; resident_reach when no residents' organisation takes part in a joint action "
            '(see "Components left out").',
        ),
    ),
    (
        "Territorial drive against chance",
        (
            "Null model: random mixing given who is in the network. The group labels are "
            "reshuffled over all organisations of the dataset, keeping the group sizes, the "
            "ties, their weights and the money; for each organisation its own label stays fixed "
            "and the others get a uniformly random arrangement of the remaining labels. Acting "
            "alone and reaching residents are redrawn per joint action at the network's rates "
            "(binomial). Expected values under this model are exact: E[E-I] = 1 − 2(n_g − 1)/"
            "(n − 1) for an organisation of a group of n_g among n, and E[diversity] = "
            "(1 − Q/s²)(1 − c)/((K − 1)/K) with s its tie weight, Q the sum of its squared tie "
            "weights and c the chance that two other organisations share a group.",
            "Permutation test: R reshuffles (999 by default, seeded), one-sided in the inward "
            "direction, p = (1 + number of reshuffles at least as inward)/(1 + R), the data "
            "counted among them (Phipson & Smyth 2010); for the E-I index (as UCINET's E-I "
            "permutation test, per organisation), partner diversity and the score. Multiple "
            "testing: Benjamini–Hochberg (1995) q-values of the score over all scored "
            "organisations; the flag uses the p-value unless the configuration asks for the "
            "q-value. Flag stability: the share of 100 weight settings (each weight multiplied "
            "by a factor drawn log-uniformly between ½ and 2, seeded) under which a flagged "
            "organisation stays flagged against the same reshuffles; robust from 90%, fragile "
            "below.",
        ),
    ),
    (
        "Suggested links",
        (
            "Candidates: pairs of active organisations within two hops or in the same "
            "neighbourhood, with no shared action and no funding either way. Components: "
            "structure = aa/(1 + aa) with aa the Adamic–Adar index Σ_z 1/log(deg z) over shared "
            "partners z (Adamic & Adar 2003); activity; neighbourhood and theme = Jaccard index of "
            "their neighbourhoods and of their actions' themes; complementarity = ½ for different "
            "groups + ½ for a resident organisation with an institution; bridging = 1 for "
            "different communities. Score = weighted mean of the components (weights below).",
        ),
    ),
    (
        "Communities, brokers and roles",
        (
            "Communities: Louvain modularity optimisation on the weighted collaboration graph, "
            "seeded (Blondel et al. 2008). Betweenness: Freeman's, unweighted, normalised by "
            "(n − 1)(n − 2)/2 over the n active organisations (Freeman 1977); exact up to "
            f"{EXACT_UP_TO:,} active organisations, sampled from {SAMPLE_SOURCES:,} seeded "
            "sources above (Brandes & Pich 2007).",
            "Roles (one per organisation, the first that applies): absent (no joint action); "
            "isolated (actions but no partner); siloed (flagged for territorial drive); broker "
            "(among the top broker_top_share of active organisations by betweenness, betweenness "
            "> 0); collaborative (all others). Brokerage roles: Gould & Fernandez (1989) counts of "
            "open two-paths a – v – b by the groups of a, v and b (coordinator A-A-A, itinerant "
            "A-B-A, representative and gatekeeper A-A-B / A-B-B, liaison A-B-C), each tie read "
            "both ways.",
        ),
    ),
    (
        "The LSA scan",
        (
            "The five action points of Lub (2018) as indicators. Residents: share of joint actions "
            "with a resident organisation (headline) and led by one; money received by resident "
            "organisations and its share of all money; mean distance in ties (collaboration or "
            "funding, undirected) from each resident organisation to the nearest funder; resident "
            "organisations at the margin (at most margin_max_actions actions, leading none, no "
            "money). Socio-economic: share of actions on the socio_economic_themes (headline) and "
            "share of action-linked money going to them. Energy: participants in actions on the "
            "energy_themes, the share of them that is local (scale local or residents group; "
            "headline) and the share of energy money reaching local organisations. Territorial "
            "drive: flagged organisations, share of tie weight that crosses groups (headline), "
            "connected components. National government: money given by national_government "
            "organisations, its share reaching local organisations (headline), the joint actions "
            "it takes part in and those as more than a funder.",
            "Verdict: good when the headline reaches its good threshold, weak below its weak "
            "threshold, partly between; no data when undefined. Thresholds are below.",
        ),
    ),
    (
        "Change between years",
        (
            "Each year is analysed on its own with the same configuration. Ties added / lost: "
            "pairs tied only in the later / earlier year. Organisations appeared / left: active "
            "only in the later / earlier year. Territorial-drive score and flag, role and every "
            "scan indicator are listed for both years with their difference.",
        ),
    ),
)

REFERENCES = (
    "Adamic, L. A. & Adar, E. (2003). Friends and neighbors on the Web. Social Networks "
    "25(3), 211–230.",
    "Blau, P. M. (1977). Inequality and Heterogeneity. New York: Free Press.",
    "Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding of "
    "communities in large networks. J. Stat. Mech. P10008.",
    "Brandes, U. & Pich, C. (2007). Centrality estimation in large networks. Int. J. of "
    "Bifurcation and Chaos 17(7), 2303–2318.",
    "Burt, R. S. (1992). Structural Holes. Cambridge, MA: Harvard University Press.",
    "Freeman, L. C. (1977). A set of measures of centrality based on betweenness. Sociometry "
    "40(1), 35–41.",
    "Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation. Sociological "
    "Methodology 19, 89–126.",
    "Benjamini, Y. & Hochberg, Y. (1995). Controlling the false discovery rate: a practical "
    "and powerful approach to multiple testing. J. R. Stat. Soc. B 57(1), 289–300.",
    "Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational crises. "
    "Social Psychology Quarterly 51(2), 123–140.",
    "Phipson, B. & Smyth, G. K. (2010). Permutation p-values should never be zero. Stat. "
    "Appl. Genet. Mol. Biol. 9(1), art. 39.",
    "Lub, V. (2018). Tussen territoriumdrift en burgerkracht. LSA (Landelijk "
    "Samenwerkingsverband Actieve bewoners).",
)


# ------------------------------------------------------------------------------------- HTML

_STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#222;line-height:1.45}
h1{font-size:1.7rem}h2{border-bottom:2px solid #0072B2;padding-bottom:.2rem;margin-top:2.2rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.verdict{display:inline-block;padding:.05rem .5rem;border-radius:.6rem;font-weight:600}
.v-good{background:#cfe8d6}.v-partly{background:#fbe7b5}.v-weak{background:#f6c6c0}
.v-no-data{background:#ddd}
iframe{width:100%;height:720px;border:1px solid #ccc}
pre{background:#f5f5f5;padding:.6rem;overflow:auto;font-size:.8rem}
.meta{color:#555;font-size:.9rem}
@media print{iframe{display:none}}
"""


def _cell(value: Any, label: bool = False) -> tuple[str, bool]:
    if value is None:
        return "", False
    if isinstance(value, bool):
        return ("yes" if value else "no"), False
    if isinstance(value, float):
        return (f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3f}"), True
    if isinstance(value, int):
        return (str(value) if label else f"{value:,}"), True
    if isinstance(value, (list, tuple)):
        return "", False
    return str(value), False


def html_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    """An HTML table; every cell escaped, lists as bullet lists."""
    if not rows:
        return ""
    columns = list(columns or rows[0].keys())
    head = "".join(f"<th>{html.escape(c.replace('_', ' '))}</th>" for c in columns)
    body = []
    for row in rows:
        cells = []
        for c in columns:
            value = row.get(c)
            if isinstance(value, (list, tuple)):
                items = "".join(f"<li>{html.escape(str(v))}</li>" for v in value)
                cells.append(f"<td><ul>{items}</ul></td>")
                continue
            shown, numeric = _cell(value, is_label(c))
            cls = ' class="num"' if numeric else ""
            cells.append(f"<td{cls}>{html.escape(shown)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _p(sentence: str) -> str:
    return f"<p>{html.escape(sentence)}</p>"


def _script_sources(page: str) -> str:
    """The ``script-src`` hashes of the network page's own policy."""
    found = re.search(r"script-src ([^;\"]+)", html.unescape(page))
    return found.group(1).strip() if found else "'none'"


def render_html(report: Report) -> str:
    """The report as one self-contained HTML document (no external resource at all)."""
    lang = report.meta["lang"]
    e = html.escape
    sections: list[tuple[str, str, str]] = []

    summary = "".join(_p(s) for s in _summary_sentences(report))
    summary += f"<h3>{e(_t(report, 'verdicts'))}</h3>" + html_table(
        [
            {
                "point": f"{p['point']}. {p['title']}",
                "verdict": p["verdict"],
                "summary": p["summary"],
            }
            for p in report.scan
        ]
    )
    summary += f'<p class="meta">{e(citation(report.meta))}</p>'
    sections.append(("summary", _t(report, "summary"), summary))

    scan_html = []
    for p in report.scan:
        cls = "v-" + p["verdict"].replace(" ", "-")
        scan_html.append(
            f"<h3>{p['point']}. {e(p['title'])} "
            f'<span class="verdict {cls}">{e(p["verdict"])}</span></h3>'
            + _p(p["summary"])
            + html_table(_scan_rows(p))
            + "<ul>"
            + "".join(f"<li>{e(r['text'])}</li>" for r in p["evidence"])
            + "</ul>"
        )
    scan_html.append('<p class="meta">* headline indicator</p>')
    sections.append(("scan", _t(report, "scan"), "".join(scan_html)))

    flagged = html_table(_flagged_rows(report)) or _p(_t(report, "none"))
    absent = _absent_names(report)
    if absent:
        flagged += _p(_t(report, "absent", names=join_names(absent, lang, limit=30)))
    sections.append(("flagged", _t(report, "flagged"), flagged))
    links = html_table(_link_rows(report)) or _p(_t(report, "none"))
    links += "".join(_p(n) for n in report.notes)
    sections.append(("links", _t(report, "links"), links))

    share = f"{report.settings.get('roles', {}).get('broker_top_share', 0.1):.0%}"
    brokers = _p(_t(report, "brokers_intro", share=share)) + (
        html_table(_broker_rows(report)) or _p(_t(report, "none"))
    )
    brokers += _p(_t(report, "communities_intro", n=len(report.communities)))
    brokers += html_table(
        [
            {
                "community": c["community"],
                "size": c["size"],
                "members": join_names(c["members"], lang, limit=8),
            }
            for c in report.communities[:10]
        ]
    )
    sections.append(("brokers", _t(report, "brokers"), brokers))

    charts = _charts(report)
    if charts:
        funding = (
            f"<h3>{e(_t(report, 'money_by_group'))}</h3><figure>{charts['funding-by-group']}"
            f"</figure><h3>{e(_t(report, 'money_flows'))}</h3><figure>"
            f"{charts['funding-flows']}</figure>" + html_table(_flow_rows(report))
        )
    else:
        funding = _p(_t(report, "no_funding"))
    sections.append(("funding", _t(report, "funding"), funding))

    if report.change is not None:
        c = report.change
        parts = [html_table(measure_rows(c["summary"]))]
        for key in ("roles", "organisations", "ties", "territorial_drive", "scan"):
            rows = c[key]
            if key == "territorial_drive":
                rows = [r for r in rows if r["flag_change"] or (r["score_change"] or 0) != 0]
            parts.append(
                f"<h3>{e(key.replace('_', ' '))}</h3>"
                + (html_table(rows) or _p(_t(report, "none")))
            )
        sections.append(
            (
                "change",
                _t(report, "change", a=c["summary"]["from_year"], b=c["summary"]["to_year"]),
                "".join(parts),
            )
        )

    frame = (
        _p(_t(report, "network_intro"))
        + f'<iframe title="{e(_t(report, "network"))}" sandbox="allow-scripts" '
        f'srcdoc="{e(report.network_html, quote=True)}"></iframe>'
    )
    sections.append(("network", _t(report, "network"), frame))
    sections.append(("methods", _t(report, "methods"), _methods_html(report)))

    toc = "".join(f'<li><a href="#{sid}">{e(heading)}</a></li>' for sid, heading, _ in sections)
    body = "".join(
        f'<section id="{sid}"><h2>{e(heading)}</h2>{content}</section>'
        for sid, heading, content in sections
    )
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_script_sources(report.network_html)}",
            "style-src 'unsafe-inline'",
            "img-src data: blob:",
            "frame-src 'self' about: data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    year = (
        _t(report, "all_years")
        if report.meta["year"] is None
        else _t(report, "year", year=report.meta["year"])
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{e(lang)}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{e(csp, quote=True)}">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(report.meta['title'])}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{e(report.meta['title'])}</h1>"
        f'<p class="meta">{e(report.meta["dataset"])}, {e(year)}</p>'
        f"<nav><h2>{e(_t(report, 'contents'))}</h2><ol>{toc}</ol></nav>{body}</body></html>\n"
    )


def _flow_rows(report: Report) -> list[dict[str, Any]]:
    return [
        {
            "from": report.group_labels.get(f["source"], f["source"]),
            "to": report.group_labels.get(f["target"], f["target"]),
            "amount": f["amount"],
            "short": euros(f["amount"]),
        }
        for f in report.flows
    ]


def _methods_html(report: Report) -> str:
    e = html.escape
    out = []
    note = _t(report, "methods_language")
    if note:
        out.append(_p(note))
    for heading, paragraphs in METHODS:
        out.append(f"<h3>{e(heading)}</h3>" + "".join(_p(p) for p in paragraphs))
    if report.left_out:
        out.append("<h3>Components left out</h3>" + "".join(_p(p) for p in report.left_out))
    out.append(
        "<h3>References</h3><ul>" + "".join(f"<li>{e(r)}</li>" for r in REFERENCES) + "</ul>"
    )
    out.append(
        f"<h3>Configuration</h3>{_p('source: ' + report.meta['configuration'])}"
        f"<pre>{e(_configuration(report))}</pre>"
    )
    out.append(f"<h3>{e(_t(report, 'cite'))}</h3>{_p(citation(report.meta))}")
    return "".join(out)


# --------------------------------------------------------------------------------- Markdown


def _md_escape(value: str, *, pipes: bool = True) -> str:
    """Markdown text that cannot turn into markup or HTML (``|`` left to the table renderer)."""
    pattern = r"([\\`*_{}\[\]<>#|!])" if pipes else r"([\\`*_{}\[\]<>#!])"
    return re.sub(pattern, r"\\\1", value)


def _md_rows(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        clean = {}
        for k, v in row.items():
            if isinstance(v, (list, tuple)):
                v = "; ".join(str(x) for x in v)
            clean[k] = _md_escape(v, pipes=False) if isinstance(v, str) else v
        out.append(clean)
    return out


def _md_table(rows: Sequence[Mapping[str, Any]]) -> str:
    return render(_md_rows(rows), "md") if rows else ""


def render_markdown(report: Report, stem: str) -> tuple[str, dict[str, str]]:
    """The report as Markdown, and the files to write beside it (name -> text).

    Charts become ``<stem>-funding-by-group.svg`` and ``<stem>-funding-flows.svg``;
    the network page becomes ``<stem>-network.html``.
    """
    lang = report.meta["lang"]
    m = _md_escape
    files: dict[str, str] = {}
    out = [f"# {m(report.meta['title'])}", ""]
    out += [f"## {m(_t(report, 'summary'))}", ""]
    out += [m(s) + "\n" for s in _summary_sentences(report)]
    out += [
        _md_table(
            [
                {
                    "point": f"{p['point']}. {p['title']}",
                    "verdict": p["verdict"],
                    "summary": p["summary"],
                }
                for p in report.scan
            ]
        ),
        f"_{m(citation(report.meta))}_",
        "",
    ]
    out += [f"## {m(_t(report, 'scan'))}", ""]
    for p in report.scan:
        out += [
            f"### {p['point']}. {m(p['title'])} — {m(p['verdict'])}",
            "",
            m(p["summary"]),
            "",
            _md_table(_scan_rows(p)),
        ]
        out += [f"- {m(r['text'])}" for r in p["evidence"]] + [""]
    out += ["\\* headline indicator", "", f"## {m(_t(report, 'flagged'))}", ""]
    out.append(_md_table(_flagged_rows(report)) or m(_t(report, "none")))
    absent = _absent_names(report)
    if absent:
        out += ["", m(_t(report, "absent", names=join_names(absent, lang, limit=30)))]
    out += ["", f"## {m(_t(report, 'links'))}", ""]
    out.append(_md_table(_link_rows(report)) or m(_t(report, "none")))
    out += [m(n) for n in report.notes]
    share = f"{report.settings.get('roles', {}).get('broker_top_share', 0.1):.0%}"
    out += [
        "",
        f"## {m(_t(report, 'brokers'))}",
        "",
        m(_t(report, "brokers_intro", share=share)),
        "",
        _md_table(_broker_rows(report)) or m(_t(report, "none")),
        "",
        m(_t(report, "communities_intro", n=len(report.communities))),
        "",
        _md_table(
            [
                {
                    "community": c["community"],
                    "size": c["size"],
                    "members": join_names(c["members"], lang, limit=8),
                }
                for c in report.communities[:10]
            ]
        ),
    ]
    out += [f"## {m(_t(report, 'funding'))}", ""]
    charts = _charts(report)
    if charts:
        for key, alt in (
            ("funding-by-group", "chart_alt_bars"),
            ("funding-flows", "chart_alt_flows"),
        ):
            name = f"{stem}-{key}.svg"
            files[name] = charts[key] + "\n"
            out += [f"![{m(_t(report, alt))}]({name})", ""]
        out.append(_md_table(_flow_rows(report)))
    else:
        out.append(m(_t(report, "no_funding")))
    if report.change is not None:
        c = report.change
        out += [
            "",
            f"## {m(_t(report, 'change', a=c['summary']['from_year'], b=c['summary']['to_year']))}",
            "",
        ]
        out.append(_md_table(measure_rows(c["summary"])))
        for key in ("roles", "organisations", "ties", "territorial_drive", "scan"):
            rows = c[key]
            if key == "territorial_drive":
                rows = [r for r in rows if r["flag_change"] or (r["score_change"] or 0) != 0]
            out += [f"### {key.replace('_', ' ')}", "", _md_table(rows) or m(_t(report, "none"))]
    network = f"{stem}-network.html"
    files[network] = report.network_html
    out += ["", f"## {m(_t(report, 'network'))}", "", _t(report, "network_file", file=network), ""]
    out += [f"## {m(_t(report, 'methods'))}", ""]
    note = _t(report, "methods_language")
    if note:
        out += [m(note), ""]
    for heading, paragraphs in METHODS:
        out += [f"### {heading}", ""] + [m(p) + "\n" for p in paragraphs]
    if report.left_out:
        out += ["### Components left out", ""] + [m(p) + "\n" for p in report.left_out]
    out += ["### References", ""] + [f"- {m(r)}" for r in REFERENCES]
    out += [
        "",
        "### Configuration",
        "",
        f"source: {m(report.meta['configuration'])}",
        "",
        "```json",
        _configuration(report),
        "```",
        "",
        f"### {m(_t(report, 'cite'))}",
        "",
        m(citation(report.meta)),
        "",
    ]
    return "\n".join(out), files


# ------------------------------------------------------------------------------------ write


def write_report(report: Report, output: Path) -> list[Path]:
    """Write the report as HTML or, for a ``.md`` path, Markdown with its files beside it.

    Every file is written under a temporary name and moved into place, so an
    interrupted run leaves no half-written report.
    """
    output = Path(output)
    if output.suffix.lower() == ".md":
        markdown, files = render_markdown(report, output.stem)
        outputs = {output: markdown, **{output.with_name(n): t for n, t in files.items()}}
    else:
        outputs = {output: render_html(report)}
    return write_files(outputs)
