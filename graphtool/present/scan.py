"""The LSA scan and the change between years as text: table, CSV, JSON, Markdown.

The scan's table and Markdown show one block per action point (title, verdict,
the sentence behind it, the indicators, the evidence); CSV has one row per
indicator, and JSON keeps every point whole, with the dataset, year and
configuration that produced it so a number can be cited.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graphtool.analyses.scan import indicator_rows
from graphtool.i18n import text
from graphtool.i18n.scan import TEXTS
from graphtool.present.reasons import Labels, presented
from graphtool.present.tables import render, render_sections, to_json


def _value(value: Any, indicator: str) -> Any:
    """Shares as percentages in the human formats; other numbers as they are."""
    if value is None:
        return None
    if indicator.endswith("_share") and isinstance(value, float):
        return f"{value:.1%}"
    return value


def presented_points(points: Sequence[Mapping[str, Any]], labels: Labels) -> list[dict[str, Any]]:
    """The scan's points with their ``title``, ``summary`` (the verdict as a sentence) and
    ``evidence`` records with their sentence as ``text``, in ``labels.lang``."""
    lang = labels.lang
    out = []
    for point in points:
        value = point["indicators"].get(point["headline"])
        summary = text(
            TEXTS,
            f"verdict_{point['verdict'].replace(' ', '_')}",
            lang,
            indicator=text(TEXTS, f"ind_{point['headline']}", lang),
            value="–" if value is None else f"{value:.0%}",
        )
        out.append(
            {
                "point": point["point"],
                "key": point["key"],
                "title": text(TEXTS, f"title_{point['key']}", lang),
                "headline": point["headline"],
                "verdict": point["verdict"],
                "summary": summary,
                "indicators": point["indicators"],
                "evidence": presented(point["evidence"], labels),
            }
        )
    return out


def render_scan(
    points: Sequence[Mapping[str, Any]],
    fmt: str,
    meta: Mapping[str, Any],
    labels: Labels | None = None,
) -> str:
    """The scan's points in ``fmt`` (``table``, ``csv``, ``json`` or ``md``).

    ``meta`` names what was scanned (dataset, year, configuration, version); it is
    part of the JSON and the header of the table and Markdown. ``labels`` give the
    language and the names of the evidence (English, ids as names, by default).
    """
    points = presented_points(points, labels or Labels())
    if fmt == "json":
        return to_json({"meta": dict(meta), "points": list(points)}) + "\n"
    if fmt == "csv":
        by_key = {p["key"]: p for p in points}
        rows = [
            {**row, "title": by_key[row["key"]]["title"], "verdict": by_key[row["key"]]["verdict"]}
            for row in indicator_rows(list(points))
        ]
        columns = ["point", "key", "title", "verdict", "indicator", "value", "headline"]
        return render(rows, "csv", columns)
    header = ", ".join(f"{k} {v}" for k, v in meta.items() if v is not None)
    blocks = []
    for point in points:
        rows = [
            {
                "indicator": name + (" *" if name == point["headline"] else ""),
                "value": _value(value, name),
            }
            for name, value in point["indicators"].items()
        ]
        if fmt == "md":
            lines = [
                f"## {point['point']}. {point['title']} — {point['verdict']}",
                "",
                point["summary"],
                "",
                render(rows, "md").rstrip("\n"),
                "",
                *(f"- {record['text']}" for record in point["evidence"]),
            ]
        else:
            title = f"{point['point']}. {point['title']} — {point['verdict'].upper()}"
            lines = [
                title,
                "=" * len(title),
                point["summary"],
                "",
                render(rows, "table").rstrip("\n"),
                "",
                "evidence:",
                *(f"  - {record['text']}" for record in point["evidence"]),
            ]
        blocks.append("\n".join(lines))
    footer = "* the headline indicator behind the verdict"
    if fmt == "md":
        return f"# LSA scan\n\n{header}\n\n" + "\n\n".join(blocks) + f"\n\n{footer}\n"
    return f"LSA scan: {header}\n\n" + "\n\n".join(blocks) + f"\n\n{footer}\n"


def render_change(change: Mapping[str, Any], fmt: str) -> str:
    """The sections of :func:`graphtool.analyses.compare.compare` in ``fmt``."""
    return render_sections(change, fmt)
