"""Reason records: how an analysis says why, as data.

An analysis explains a result with records, never sentences::

    reason("solo_actions", {"solo": 5, "actions": 7}, joint_actions=["a1", ...])

gives ``{"code": "solo_actions", "numbers": {"solo": 5, "actions": 7},
"ids": {"joint_actions": ["a1", ...]}}``. The code is stable (it is part of
every JSON output); ``numbers`` hold what the sentence cites, named as
:mod:`graphtool.present.reasons` expects (``money``, ``share`` and ``year`` in
a name say how it is shown); ``ids`` the records behind it by kind
(``organisations``, ``groups``, ``themes``, ``neighbourhoods``,
``joint_actions``), in the order a sentence names them. The sentences, in
English and Dutch, live in the catalogue :mod:`graphtool.i18n.reasons`, one
entry per code, and are written only by :mod:`graphtool.present.reasons`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

#: The kinds of ids a reason may carry (the renderer knows how to name each).
ID_KINDS = ("organisations", "groups", "themes", "neighbourhoods", "joint_actions")


def reason(
    code: str, numbers: Mapping[str, Any] | None = None, **ids: Iterable[Any]
) -> dict[str, Any]:
    """A reason record: ``code``, its ``numbers`` and the ``ids`` behind it (lists by kind).

    >>> reason("shared_partners", {"partners": 1}, organisations=["c"])
    {'code': 'shared_partners', 'numbers': {'partners': 1}, 'ids': {'organisations': ['c']}}
    """
    unknown = [kind for kind in ids if kind not in ID_KINDS]
    if unknown:
        raise ValueError(f"unknown kind of id {unknown[0]!r}; choose from {', '.join(ID_KINDS)}")
    return {
        "code": code,
        "numbers": dict(numbers or {}),
        "ids": {kind: [str(v) for v in values] for kind, values in ids.items()},
    }


__all__ = ["ID_KINDS", "reason"]
