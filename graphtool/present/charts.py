"""Charts as inline SVG, written by hand: money by group (bars) and group → group flows.

Why not matplotlib: the two charts the report needs are a few rectangles and
paths; drawing them here keeps graphtool free of a heavy dependency, gives
the same bytes on every machine (no font or backend differences), and lets
every label go through :func:`html.escape` like the rest of the report. The
SVG is valid on its own (it declares its namespace), so the Markdown report
writes the same text to ``.svg`` files.

Colours: the Okabe–Ito palette of the network page, so a group has the same
colour in the report and on the page.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import SupportsFloat, SupportsIndex

from graphtool.present.network_page import GREY, OKABE_ITO, SECTOR_COLOURS

FONT = 'font-family="system-ui, sans-serif" font-size="12"'


def group_colours(groups: Sequence[str]) -> dict[str, str]:
    """A colour per group: the fixed sector colours, else the palette in turn."""
    colours: dict[str, str] = {}
    spare = iter(OKABE_ITO * (len(groups) // len(OKABE_ITO) + 1))
    for group in groups:
        colours[group] = SECTOR_COLOURS.get(group) or next(spare, GREY)
    return colours


def euros(amount: float) -> str:
    """Amounts in short form: €950, €12.3k, €4.5M.

    >>> euros(950), euros(12_300), euros(4_500_000)
    ('€950', '€12.3k', '€4.5M')
    """
    if amount >= 1e6:
        return f"€{amount / 1e6:.1f}M"
    if amount >= 1e3:
        return f"€{amount / 1e3:.1f}k"
    return f"€{amount:.0f}"


def _number(value: object) -> float:
    """A money value of a row as a float; rows are plain data, so the type is checked here."""
    if isinstance(value, SupportsFloat | SupportsIndex | str):
        return float(value)
    raise TypeError(f"expected a number, got {value!r}")


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    t = html.escape(title)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{t}" {FONT}>'
        f"<title>{t}</title>" + "".join(body) + "</svg>"
    )


def bar_chart(
    rows: Sequence[Mapping[str, object]],
    *,
    title: str,
    labels: Mapping[str, str],
    given_label: str,
    received_label: str,
    colours: Mapping[str, str],
) -> str:
    """Horizontal bars: for each group (``group``) the money ``given`` (solid) and ``received``.

    ``labels`` maps a group to its display name. Received bars are drawn hatched
    (lighter) so the two can be told apart without colour.
    """
    label_w, bar_w, value_w = 170, 360, 80
    row_h, top = 40, 30
    width = label_w + bar_w + value_w
    height = top + row_h * len(rows) + 10
    given = [_number(r["given"]) for r in rows]
    received = [_number(r["received"]) for r in rows]
    biggest = max(given + received + [1.0])
    body = [
        f'<rect x="{label_w}" y="6" width="12" height="12" fill="#555"/>'
        f'<text x="{label_w + 16}" y="16">{html.escape(given_label)}</text>'
        f'<rect x="{label_w + 110}" y="6" width="12" height="12" fill="#555" opacity="0.4"/>'
        f'<text x="{label_w + 126}" y="16">{html.escape(received_label)}</text>'
    ]
    for k, row in enumerate(rows):
        group = str(row["group"])
        y = top + k * row_h
        colour = colours.get(group, GREY)
        body.append(
            f'<text x="{label_w - 8}" y="{y + 18}" text-anchor="end">'
            f"{html.escape(labels.get(group, group))}</text>"
        )
        for j, (key, opacity) in enumerate((("given", 1.0), ("received", 0.4))):
            value = _number(row[key])
            w = bar_w * value / biggest
            yy = y + 2 + j * 16
            body.append(
                f'<rect x="{label_w}" y="{yy}" width="{w:.1f}" height="14" fill="{colour}" '
                f'opacity="{opacity}"><title>{html.escape(labels.get(group, group))} '
                f"{key}: {html.escape(euros(value))}</title></rect>"
                f'<text x="{label_w + w + 4:.1f}" y="{yy + 11}">{html.escape(euros(value))}</text>'
            )
    return _svg(width, height, title, body)


def flow_chart(
    flows: Sequence[Mapping[str, object]],
    *,
    title: str,
    labels: Mapping[str, str],
    colours: Mapping[str, str],
) -> str:
    """A Sankey-like diagram: funder groups on the left, recipient groups on the right.

    Each band runs from ``source`` to ``target`` with a thickness proportional to
    ``amount``; a group's bar is as tall as all its money. Bands are coloured by
    the funder's group.
    """
    width, height, top, gap = 680, 380, 20, 14
    left_x, right_x, node_w = 170, 500, 14
    sources = sorted({str(f["source"]) for f in flows})
    targets = sorted({str(f["target"]) for f in flows})
    out_total = {g: sum(_number(f["amount"]) for f in flows if f["source"] == g) for g in sources}
    in_total = {g: sum(_number(f["amount"]) for f in flows if f["target"] == g) for g in targets}
    total = sum(out_total.values()) or 1.0
    usable = height - 2 * top - gap * max(len(sources), len(targets))
    scale = usable / total
    body: list[str] = []

    def place(groups: list[str], totals: Mapping[str, float]) -> dict[str, float]:
        y, where = float(top), {}
        for g in groups:
            where[g] = y
            y += max(totals[g] * scale, 1.0) + gap
        return where

    y_out, y_in = place(sources, out_total), place(targets, in_total)
    next_out, next_in = dict(y_out), dict(y_in)
    ordered = sorted(flows, key=lambda f: (str(f["source"]), str(f["target"])))
    mid = (left_x + node_w + right_x) / 2
    for f in ordered:
        s, t, amount = str(f["source"]), str(f["target"]), _number(f["amount"])
        th = max(amount * scale, 0.5)
        y0, y1 = next_out[s], next_in[t]
        next_out[s] += th
        next_in[t] += th
        x0, x1 = left_x + node_w, right_x
        tip = f"{labels.get(s, s)} → {labels.get(t, t)}: {euros(amount)}"
        body.append(
            f'<path d="M{x0},{y0:.1f} C{mid},{y0:.1f} {mid},{y1:.1f} {x1},{y1:.1f} '
            f'L{x1},{y1 + th:.1f} C{mid},{y1 + th:.1f} {mid},{y0 + th:.1f} {x0},{y0 + th:.1f} Z" '
            f'fill="{colours.get(s, GREY)}" opacity="0.45"><title>{html.escape(tip)}</title></path>'
        )
    for groups, where, totals, x, anchor, dx in (
        (sources, y_out, out_total, left_x, "end", -6),
        (targets, y_in, in_total, right_x, "start", node_w + 6),
    ):
        for g in groups:
            h = max(totals[g] * scale, 1.0)
            name = html.escape(labels.get(g, g))
            body.append(
                f'<rect x="{x}" y="{where[g]:.1f}" width="{node_w}" height="{h:.1f}" '
                f'fill="{colours.get(g, GREY)}"><title>{name}: {html.escape(euros(totals[g]))}'
                f"</title></rect>"
                f'<text x="{x + dx}" y="{where[g] + min(h, 20) / 2 + 4:.1f}" '
                f'text-anchor="{anchor}">{name} {html.escape(euros(totals[g]))}</text>'
            )
    return _svg(width, height, title, body)
