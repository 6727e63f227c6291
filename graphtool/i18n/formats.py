"""Numbers, money, shares and group names as a reader of one language expects them.

One helper for each, used by every sentence, table label and page text that
shows them: the reasons (:mod:`graphtool.present.reasons`), the report, the
network page and the scan.

English writes ``12,898,400`` and ``€12,898,400``; Dutch writes ``12.898.400``
and ``€ 12.898.400`` (Taalunie: a space after the euro sign). Shares are whole
percentages in both (``90%``).
"""

from __future__ import annotations

from graphtool.i18n import DEFAULT_LANGUAGE, GROUP_NAMES, TYPE_NAMES

#: The grouping columns whose values have names in the catalogues; any other column's
#: values are shown as they are in the data.
NAMED_GROUPINGS = {"sector": GROUP_NAMES, "type": TYPE_NAMES}


def number(value: float, lang: str = DEFAULT_LANGUAGE, *, decimals: int = 0) -> str:
    """A number with the thousands separator of ``lang`` (English ``,``, Dutch ``.``).

    >>> number(12898400), number(12898400, "nl"), number(0.825, "nl", decimals=2)
    ('12,898,400', '12.898.400', '0,82')
    """
    text = f"{value:,.{decimals}f}"
    if lang == "nl":
        return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def money(amount: float, lang: str = DEFAULT_LANGUAGE) -> str:
    """An amount in whole euros.

    >>> money(12898400), money(12898400, "nl")
    ('€12,898,400', '€ 12.898.400')
    """
    return ("€ " if lang == "nl" else "€") + number(amount, lang)


def percent(share: float, lang: str = DEFAULT_LANGUAGE) -> str:
    """A share in [0, 1] as a whole percentage (rounded half to even, as :func:`round`).

    >>> percent(0.9), percent(1.0, "nl")
    ('90%', '100%')
    """
    return f"{round(100 * share)}%"


def group_name(key: str, group_by: str = "sector", lang: str = DEFAULT_LANGUAGE) -> str:
    """The display name of a group: the catalogue's name for sectors and types.

    Values of any other grouping column are the user's own words and stay as they
    are; an unknown sector or type is shown with spaces for underscores.

    >>> group_name("public_service", "sector", "nl"), group_name("care", "type")
    ('maatschappelijke instellingen', 'care organisation')
    >>> group_name("north_side", "district")
    'north_side'
    """
    names = NAMED_GROUPINGS.get(group_by)
    if names is None:
        return str(key)
    entry = names.get(key)
    if entry is None:
        return str(key).replace("_", " ")
    return entry.get(lang) or entry[DEFAULT_LANGUAGE]


__all__ = ["NAMED_GROUPINGS", "group_name", "money", "number", "percent"]
