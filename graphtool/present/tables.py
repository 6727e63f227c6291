"""Render rows of plain data as a terminal table, CSV, JSON or Markdown.

Every command with tabular output goes through :func:`render`, so the four
formats behave the same everywhere: ``None`` is an empty cell (``null`` in
JSON), floats are shown with at most ``digits`` decimals and no trailing
zeros in tables and Markdown (``150`` and ``0.4``, never ``150.000``, which a
Dutch reader takes for 150 thousand) and in full in CSV and JSON. Large
whole numbers get thousands separators, except years and ids
(:func:`is_label`), which are names rather than quantities: ``2014``, never
``2,014``.

Output cannot be turned against its reader:

- **Markdown**: every cell (header too) has ``\\``-escaped ``<``, ``>``, ``|``,
  backticks, ``[``, ``]`` and ``!``, so a name such as
  ``<img src=x onerror=alert(1)>`` stays text even where raw HTML is rendered;
  a character already escaped (an odd number of backslashes before it) is left
  as it is, so escaping twice changes nothing.
- **CSV**: a text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return gets a leading ``'`` (the OWASP rule against formula injection), so
  a spreadsheet shows it instead of running it. Numbers stay numbers: ``-3``
  and ``-1.5e3`` (as numbers or as plain numeric text) are left alone. The
  ``--raw`` option turns this off for a command (:data:`NEUTRALISE_FORMULAS`).
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Mapping, Sequence
from contextvars import ContextVar
from typing import Any

FORMATS = ("table", "csv", "json", "md")

#: Whether CSV output neutralises values that a spreadsheet would run as formulas
#: (set to False by ``--raw`` for the command being run).
NEUTRALISE_FORMULAS: ContextVar[bool] = ContextVar("neutralise_formulas", default=True)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$")
#: a Markdown special character not already escaped (an even number of backslashes before it)
_MD_SPECIAL = re.compile(r"(?<!\\)((?:\\\\)*)([`<>|\[\]!])")


def neutralise(value: Any) -> Any:
    r"""``value`` as a spreadsheet should receive it: text that would start a formula gets a
    leading ``'``; numbers, and text that is a plain number (``-3``), are returned as they are.

    >>> neutralise("=HYPERLINK(\"http://x\")"), neutralise("-3"), neutralise(-3), neutralise("ok")
    ('\'=HYPERLINK("http://x")', '-3', -3, 'ok')
    """
    if (
        isinstance(value, str)
        and value.startswith(_FORMULA_START)
        and not _PLAIN_NUMBER.match(value)
    ):
        return "'" + value
    return value


def md_escape(text: str) -> str:
    r"""Text for a Markdown table cell: specials backslash-escaped, line breaks as spaces.

    >>> md_escape("<img src=x onerror=alert(1)> | `x`")
    '\\<img src=x onerror=alert(1)\\> \\| \\`x\\`'
    """
    flat = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return _MD_SPECIAL.sub(r"\1\\\2", flat)


def _json_default(value: Any) -> Any:
    # numpy and pandas scalars, sets
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def clean(value: Any) -> Any:
    """Plain Python values for output: numpy scalars -> Python, NaN and infinities -> None.

    >>> import numpy as np
    >>> clean({"a": np.int64(3), "b": [np.float64("nan"), 0.5], "c": float("inf")})
    {'a': 3, 'b': [None, 0.5], 'c': None}
    """
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is float:
        return value if math.isfinite(value) else None
    if kind is dict:
        return {k: clean(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        return clean(value.item())
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    return value


# one encoder for every leaf and every table row: the C encoder (no indent); NaN and
# infinities are refused, and only what holds one goes through clean()
_ENCODER = json.JSONEncoder(
    ensure_ascii=False, separators=(", ", ": "), default=_json_default, allow_nan=False
)


def _encode(value: Any) -> str:
    try:
        return _ENCODER.encode(value)
    except ValueError:
        return _ENCODER.encode(clean(value))


def _is_table(value: Any) -> bool:
    return bool(value) and all(type(v) is dict for v in value)


def _write_json(value: Any, depth: int, out: list[str]) -> None:
    pad = "  " * (depth + 1)
    if type(value) is dict and value:
        out.append("{\n")
        last = len(value) - 1
        for i, (key, item) in enumerate(value.items()):
            out.append(f"{pad}{_encode(str(key))}: ")
            _write_json(item, depth + 1, out)
            out.append(",\n" if i < last else "\n")
        out.append("  " * depth + "}")
    elif type(value) in (list, tuple) and _is_table(value):
        # a table: one row per line, each written by the C encoder in one call
        out.append("[\n" + pad)
        out.append((",\n" + pad).join(map(_encode, value)))
        out.append("\n" + "  " * depth + "]")
    elif type(value) in (list, tuple) and value:
        out.append("[\n")
        last = len(value) - 1
        for i, item in enumerate(value):
            out.append(pad)
            _write_json(item, depth + 1, out)
            out.append(",\n" if i < last else "\n")
        out.append("  " * depth + "]")
    else:
        out.append(_encode(value))


def to_json(data: Any) -> str:
    """JSON text with numpy values converted and NaN as null; a table has one row per line.

    Objects and lists are indented by two spaces; a list of objects (a table's
    rows) is written one object per line, so large outputs are written by the
    C encoder (about 3× faster than an indented ``json.dumps``) and stay
    readable and greppable.

    >>> print(to_json({"meta": {"seed": 1}, "rows": [{"id": "a", "x": 0.5}, {"id": "b"}]}))
    {
      "meta": {
        "seed": 1
      },
      "rows": [
        {"id": "a", "x": 0.5},
        {"id": "b"}
      ]
    }
    """
    out: list[str] = []
    _write_json(data, 0, out)
    return "".join(out)


def is_label(name: str) -> bool:
    """Whether the numbers under ``name`` are labels (years, ids), written without separators.

    >>> [is_label(n) for n in ("year", "from_year", "action_id", "organisations")]
    [True, True, True, False]
    """
    return name in ("year", "id") or name.endswith(("_year", "_id"))


def measure_rows(section: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A key/value section as rows of ``measure`` and ``value`` (years and ids as text)."""
    return [
        {"measure": k, "value": str(v) if is_label(k) and isinstance(v, int) else v}
        for k, v in section.items()
    ]


def _cell(value: Any, digits: int, label: bool = False) -> str:
    value = clean(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if abs(value) >= 1000:
            return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
        # no trailing zeros: 150.000 reads as one hundred and fifty thousand in Dutch
        text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10000 and not label else str(value)
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v, digits, label) for v in value)
    return str(value)


def _csv_cell(value: Any) -> Any:
    value = clean(value)
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False)
    return neutralise(value) if NEUTRALISE_FORMULAS.get() else value


def render(
    rows: Sequence[Mapping[str, Any]],
    fmt: str = "table",
    columns: Sequence[str] | None = None,
    *,
    title: str | None = None,
    digits: int = 3,
    plain_integers: bool = False,
) -> str:
    """Render ``rows`` (dicts) in ``fmt``; ``columns`` picks and orders the columns.

    JSON keeps every key of every row (``columns`` only orders); the other
    formats show ``columns``. Whole numbers get thousands separators unless
    their column :func:`is_label` or ``plain_integers`` is set (values whose
    meaning is unknown, such as the results of a Cypher query).

    Examples
    --------
    >>> print(render([{"id": "a", "score": 0.5}], "csv"))
    id,score
    a,0.5
    <BLANKLINE>
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    if columns is None:
        columns = list(rows[0].keys()) if rows else []
    if fmt == "json":
        return to_json([dict(r) for r in rows]) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([_csv_cell(c) for c in columns])
        for row in rows:
            writer.writerow([_csv_cell(row.get(c)) for c in columns])
        return out.getvalue()
    labels = [plain_integers or is_label(c) for c in columns]
    cells = [
        [_cell(row.get(c), digits, label) for c, label in zip(columns, labels, strict=True)]
        for row in rows
    ]
    if fmt == "md":
        esc = md_escape
        lines = []
        if title:
            lines += [f"### {title}", ""]
        lines.append("| " + " | ".join(esc(c) for c in columns) + " |")
        lines.append("|" + "|".join("---" for _ in columns) + "|")
        lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in cells]
        return "\n".join(lines) + "\n"
    widths = [len(c) for c in columns]
    for texts in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, texts, strict=True)]
    numeric = [
        all(isinstance(clean(r.get(c)), (int, float)) or r.get(c) is None for r in rows)
        and any(r.get(c) is not None for r in rows)
        for c in columns
    ]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    lines = []
    if title:
        lines.append(title)
    lines.append(line(columns))
    lines.append("  ".join("-" * w for w in widths))
    lines += [line(row) for row in cells]
    if not rows:
        lines.append("(none)")
    return "\n".join(lines) + "\n"


def render_sections(sections: Mapping[str, Any], fmt: str, *, digits: int = 3) -> str:
    """Render a report made of named sections: each a list of rows (a table) or a dict (key/value).

    JSON prints the whole mapping as one object; the other formats print each
    section as a table under its title.
    """
    if fmt == "json":
        return to_json(sections) + "\n"
    parts = []
    for name, section in sections.items():
        if isinstance(section, Mapping):
            rows = measure_rows(section)
        else:
            rows = list(section)
        title = name.replace("_", " ")
        if fmt == "csv":
            parts.append(f"# {title}\n" + render(rows, "csv"))
        else:
            parts.append(render(rows, fmt, title=title, digits=digits))
    return "\n".join(parts)
