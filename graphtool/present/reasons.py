"""Reason records as sentences in English or Dutch: the one renderer of every reason.

The analyses explain their results with *reason records* (plain dicts, built by
:func:`graphtool.analyses.reasons.reason`)::

    {"code": "own_group_partners",
     "numbers": {"own": 6, "partners": 6},
     "ids": {"groups": ["public_service"], "organisations": ["zorg-ggz", ...]}}

``code``
    a stable name of the kind of reason (the table in ``docs/reasons.md``); the
    catalogue :data:`graphtool.i18n.reasons.REASONS` holds its sentence.
``numbers``
    the counts, amounts and shares the sentence cites, by name. The name says
    how a number is shown: a name with the word ``money`` in it (``money``,
    ``total_money``) is an amount in euros (``€12,898,400``, Dutch
    ``€ 12.898.400``), with ``share`` a share shown as a percentage, with
    ``year`` a year; other whole numbers are counts (``1,204``), other
    fractions get two decimals.
``ids``
    the records behind the reason, as lists of ids by kind: ``organisations``
    (organisation ids), ``groups`` (values of the grouping column),
    ``themes``, ``neighbourhoods`` (neighbourhood ids) and ``joint_actions``.
    Lists are in the order the sentence names them. A number list beside an ids
    list (``per_theme`` beside ``themes``) gives a number per id. An undefined
    number (``None``) and an empty list show as "–".

:func:`reason_text` writes one record as a sentence; :func:`presented` returns
the records with their sentence added as ``text`` (what JSON outputs carry), and
:func:`reason_texts` only the sentences (tables, CSV, the page, the report).
Names come from a :class:`Labels` of the dataset, in one language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from typing import Any

from graphtool.analyses.reasons import ID_KINDS
from graphtool.i18n import DEFAULT_LANGUAGE, THEME_NAMES, check_language, join_names, name_of
from graphtool.i18n.formats import group_name, money, number, percent
from graphtool.i18n.reasons import REASONS, SECTIONS, Template
from graphtool.model import Dataset


class Labels:
    """Display names of the things reasons cite, in one language.

    Parameters
    ----------
    dataset
        The dataset the records come from (for organisation, neighbourhood and
        action names); without one, ids are shown as they are.
    group_by
        The grouping column the ``groups`` ids are values of.
    lang
        ``en`` or ``nl``.
    """

    def __init__(
        self, dataset: Dataset | None = None, *, group_by: str = "sector", lang: str = "en"
    ) -> None:
        self.dataset = dataset
        self.group_by = group_by
        self.lang = check_language(lang)

    @cached_property
    def _organisations(self) -> dict[str, str]:
        if self.dataset is None:
            return {}
        orgs = self.dataset.organisations
        return dict(zip(orgs["id"].astype(str), orgs["name"].astype(str), strict=True))

    @cached_property
    def _neighbourhoods(self) -> dict[str, str]:
        if self.dataset is None:
            return {}
        hoods = self.dataset.neighbourhoods
        return dict(zip(hoods["id"].astype(str), hoods["name"].astype(str), strict=True))

    @cached_property
    def _actions(self) -> dict[str, str]:
        if self.dataset is None:
            return {}
        actions = self.dataset.joint_actions
        return dict(zip(actions["id"].astype(str), actions["name"].astype(str), strict=True))

    def name(self, kind: str, key: str) -> str:
        """The display name of ``key``, an id of ``kind`` (one of :data:`ID_KINDS`)."""
        if kind == "organisations":
            return self._organisations.get(key) or key
        if kind == "groups":
            return group_name(key, self.group_by, self.lang)
        if kind == "themes":
            return name_of(THEME_NAMES, key, self.lang)
        if kind == "neighbourhoods":
            return self._neighbourhoods.get(key) or key
        if kind == "joint_actions":
            return self._actions.get(key) or key
        raise ValueError(f"unknown kind of id {kind!r}; reason ids are one of {ID_KINDS}")

    def number(self, name: str, value: Any) -> str:
        """``value`` shown as its name says (see the module docstring)."""
        words = name.split("_")
        if value is None:
            return "–"
        if isinstance(value, bool):
            return str(value).lower()
        if "money" in words:
            return money(float(value), self.lang)
        if "share" in words:
            return percent(float(value), self.lang)
        if "year" in words:
            return str(int(value))
        if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
            return number(value, self.lang)
        return number(float(value), self.lang, decimals=2)


class _Names(list):
    """Names that format as one joined phrase ("A, B and C") and index as single names."""

    def __init__(self, names: Iterable[str], lang: str, limit: int) -> None:
        super().__init__(names)
        self.lang = lang
        self.limit = limit

    def __format__(self, spec: str) -> str:
        return format(join_names(list(self), self.lang, limit=self.limit) or "–", spec)


def template(code: str) -> Template:
    """The catalogue entry of ``code``; a :class:`KeyError` names the unknown code."""
    try:
        return REASONS[code]
    except KeyError:
        raise KeyError(
            f"reason code {code!r} has no sentence: add it to graphtool/i18n/reasons.py"
        ) from None


def reason_text(record: Mapping[str, Any], labels: Labels) -> str:
    """The sentence of one reason record in ``labels.lang``.

    Examples
    --------
    >>> record = {"code": "solo_actions", "numbers": {"solo": 5, "actions": 7}, "ids": {}}
    >>> reason_text(record, Labels(lang="nl"))
    '5 van de 7 gezamenlijke acties hebben geen partner'
    """
    entry = template(record["code"])
    numbers = record.get("numbers") or {}
    ids = record.get("ids") or {}
    raw = {**numbers, **ids}
    form = next((v for v in entry.variants if v.when(raw)), entry)
    text = form.nl if labels.lang == "nl" else form.en
    params: dict[str, Any] = {
        k: labels.number(k, v) for k, v in numbers.items() if not isinstance(v, list)
    }
    for kind, keys in ids.items():
        params[kind] = _Names((labels.name(kind, str(k)) for k in keys), labels.lang, entry.limit)
    for placeholder, (key, kind) in (entry.pairs or {}).items():
        names = [labels.name(kind, str(k)) for k in ids.get(kind, ())]
        values = [labels.number(key, v) for v in numbers.get(key, ())]
        params[placeholder] = _Names(
            (f"{name} {value}" for name, value in zip(names, values, strict=True)),
            labels.lang,
            entry.limit,
        )
    return text.format(**params)


def reason_texts(records: Iterable[Mapping[str, Any]] | None, labels: Labels) -> list[str]:
    """The sentences of ``records``, in order."""
    return [reason_text(r, labels) for r in records or ()]


def presented(records: Iterable[Mapping[str, Any]] | None, labels: Labels) -> list[dict[str, Any]]:
    """Copies of ``records`` with their sentence as ``text``: what JSON outputs carry."""
    return [{**r, "text": reason_text(r, labels)} for r in records or ()]


def rows_with_reasons(
    rows: Sequence[Mapping[str, Any]],
    labels: Labels,
    *,
    records: bool,
    key: str = "reasons",
) -> list[dict[str, Any]]:
    """Copies of result rows whose ``key`` holds the records with ``text`` (``records=True``,
    for JSON) or only the sentences (for tables, CSV and Markdown)."""
    render = presented if records else reason_texts
    return [{**row, key: render(row.get(key), labels)} if key in row else dict(row) for row in rows]


def reason_table(lang: str = DEFAULT_LANGUAGE) -> str:
    """The Markdown table of every reason code (``docs/reasons.md`` holds it; a test checks).

    Print it with ``python -m graphtool.present.reasons``.
    """
    lines = [
        "| analysis | code | what it says | sentence (default form) |",
        "|---|---|---|---|",
    ]
    for analysis, codes in SECTIONS.items():
        for code, entry in codes.items():
            sentence = (entry.nl if lang == "nl" else entry.en).replace("|", "\\|")
            lines.append(f"| {analysis} | `{code}` | {entry.about} | {sentence} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(reason_table(), end="")


__all__ = [
    "ID_KINDS",
    "Labels",
    "presented",
    "reason_table",
    "reason_text",
    "reason_texts",
    "rows_with_reasons",
    "template",
]
