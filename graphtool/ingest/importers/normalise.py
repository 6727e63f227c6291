"""Normalising messy source values: amounts, dates, organisation names and types.

Every function here is pure and says *how* it read a value, so the importers
can report what they did (how many amounts were in Dutch style, which date
formats were met, which rule gave an organisation its type).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

# --- amounts ---------------------------------------------------------------

_CURRENCY = re.compile(r"(€|eur|euro|£|gbp|\$|usd)", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f']+")
_GROUPED = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")


class AmountError(ValueError):
    """A value that is not an amount of money."""


def parse_amount(value: object) -> tuple[float | None, str]:
    """Read an amount of money written in Dutch or English style.

    Money has at most two decimals, so a single separator followed by exactly
    three digits is a thousands separator (``1.234`` and ``1,234`` are both
    1234); with both separators present the last one is the decimal mark.
    A leading or trailing minus sign or accounting parentheses make it negative.

    Parameters
    ----------
    value
        A cell: a number (from a workbook or JSON) or text.

    Returns
    -------
    tuple
        ``(amount, style)``: the amount (``None`` for an empty cell) and how it
        was written: ``number`` (a workbook or JSON number), ``plain``
        (``1234``), ``decimal point`` (``1234.5``), ``decimal comma``
        (``1234,5``), ``dutch`` (thousands dots: ``1.234,56``, ``1.234``),
        ``english`` (thousands commas: ``1,234.56``, ``1,234``) or ``empty``.

    Raises
    ------
    AmountError
        When the text is not an amount.

    Examples
    --------
    >>> parse_amount("€ 1.234,56")
    (1234.56, 'dutch')
    >>> parse_amount("1,234.56")
    (1234.56, 'english')
    >>> parse_amount("-2.500")
    (-2500.0, 'dutch')
    >>> parse_amount("12,5")
    (12.5, 'decimal comma')
    >>> parse_amount("(300)")
    (-300.0, 'plain')
    >>> parse_amount(" ")
    (None, 'empty')
    """
    if isinstance(value, bool):
        raise AmountError(f"{value!r} is not an amount")
    if isinstance(value, (int, float)):
        if value != value:  # NaN
            return None, "empty"
        return float(value), "number"
    text = _SPACES.sub("", _CURRENCY.sub("", str(value)))
    if not text or text in ("-", "NA"):
        return None, "empty"
    if text.endswith((",-", ".-")):  # "1.250,-": Dutch for no cents, not a minus
        text = text[:-2]
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    if text.startswith("-"):
        negative, text = not negative, text[1:]
    elif text.endswith("-"):
        negative, text = not negative, text[:-1]
    elif text.startswith("+"):
        text = text[1:]
    text = text.rstrip(".,") if re.search(r"\d[.,]$", text) else text
    if not re.fullmatch(r"[\d.,]*\d[\d.,]*", text):
        raise AmountError(f"{value!r} is not an amount")
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal = "." if text.rfind(".") > text.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        whole, _, cents = text.rpartition(decimal)
        if text.count(decimal) != 1 or not _GROUPED.match(whole) or thousands not in whole:
            raise AmountError(f"{value!r} mixes separators in a way that is not an amount")
        style = "english" if decimal == "." else "dutch"
        number = float(whole.replace(thousands, "") + "." + cents)
    elif dots or commas:
        sep = "." if dots else ","
        parts = text.split(sep)
        if len(parts) > 2 or len(parts[-1]) == 3:
            if not _GROUPED.match(text):
                raise AmountError(f"{value!r} has misplaced thousands separators")
            style = "dutch" if sep == "." else "english"
            number = float("".join(parts))
        else:
            style = "decimal point" if sep == "." else "decimal comma"
            if not parts[0]:
                parts[0] = "0"
            number = float(parts[0] + "." + parts[1])
    else:
        style = "plain"
        number = float(text)
    return (-number if negative else number), style


# --- dates -----------------------------------------------------------------

_EXCEL_EPOCH = date(1899, 12, 30)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_DMY = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?:[T ].*)?$")
_YEAR = re.compile(r"^(\d{4})(?:\.0)?$")


class DateError(ValueError):
    """A value that is not a date or year."""


def parse_date(value: object) -> tuple[date | None, str]:
    """Read a date written as ISO, ``dd-mm-yyyy``, ``dd/mm/yyyy``, an Excel serial or a year.

    Day-first is assumed for ``dd-mm-yyyy`` and ``dd/mm/yyyy`` (the European
    convention) unless the first number cannot be a month's day order, i.e. the
    second number is above 12 (then it is read month-first and reported as
    ``mm/dd/yyyy``). A bare year gives 1 January of that year. Excel serials are
    numbers between 10,000 and 80,000 (1927–2119) counted from 1899-12-30.

    Returns
    -------
    tuple
        ``(date, format)`` with format one of ``iso``, ``dd-mm-yyyy``,
        ``dd/mm/yyyy``, ``dd.mm.yyyy``, ``mm/dd/yyyy``, ``excel-serial``,
        ``year``, ``date`` (a date object) or ``empty``.

    Raises
    ------
    DateError
        When the value is not a date.

    Examples
    --------
    >>> parse_date("2019-03-01")
    (datetime.date(2019, 3, 1), 'iso')
    >>> parse_date("01-03-2019")
    (datetime.date(2019, 3, 1), 'dd-mm-yyyy')
    >>> parse_date("43525")
    (datetime.date(2019, 3, 1), 'excel-serial')
    >>> parse_date(2019)
    (datetime.date(2019, 1, 1), 'year')
    """
    if isinstance(value, datetime):
        return value.date(), "date"
    if isinstance(value, date):
        return value, "date"
    if isinstance(value, bool):
        raise DateError(f"{value!r} is not a date")
    if isinstance(value, (int, float)):
        if value != value:
            return None, "empty"
        text = str(int(value)) if float(value).is_integer() else str(value)
    else:
        text = str(value).strip()
    if not text or text.upper() in ("NA", "N/A", "-"):
        return None, "empty"
    try:
        if m := _ISO.match(text):
            return date(int(m[1]), int(m[2]), int(m[3])), "iso"
        if m := _DMY.match(text):
            first, second, year = int(m[1]), int(m[3]), int(m[4])
            sep = {"-": "-", "/": "/", ".": "."}[m[2]]
            if second > 12 and first <= 12:
                return date(year, first, second), f"mm{sep}dd{sep}yyyy"
            return date(year, second, first), f"dd{sep}mm{sep}yyyy"
    except ValueError as exc:
        raise DateError(f"{text!r} is not a valid date: {exc}") from exc
    if m := _YEAR.match(text):
        return date(int(m[1]), 1, 1), "year"
    if re.fullmatch(r"\d{5}(?:\.\d+)?", text) and 10_000 <= float(text) <= 80_000:
        return _EXCEL_EPOCH + timedelta(days=int(float(text))), "excel-serial"
    raise DateError(f"{text!r} is not a date (expected e.g. 2019-03-01, 01-03-2019 or 2019)")


# --- names -----------------------------------------------------------------

#: Spellings of legal forms, in a name key, and the word they become.
LEGAL_FORMS: dict[str, str] = {
    "st": "stichting",
    "stg": "stichting",
    "sticht": "stichting",
    "stichting": "stichting",
    "ver": "vereniging",
    "ver.": "vereniging",
    "vereniging": "vereniging",
    "bv": "bv",
    "nv": "nv",
    "vof": "vof",
    "coop": "cooperatie",
    "cooperatie": "cooperatie",
    "ua": "",
    "wa": "",
    "ltd": "limited",
    "limited": "limited",
}
# Legal forms spelled with dots between letters ("B.V.", "N.V.", "U.A.").
_DOTTED = re.compile(r"\b([a-z])\s*\.\s*([a-z])\s*\.?(?=\s|$)")


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def clean_name(name: object) -> str:
    """A display name: whitespace collapsed and trimmed.

    >>> clean_name("  Stichting   De  Regenboog ")
    'Stichting De Regenboog'
    """
    return " ".join(str(name).split()) if name is not None else ""


def name_key(name: object) -> str:
    """The key under which name variants of one organisation are merged.

    Case, accents, punctuation and spacing are ignored and legal forms are
    spelled one way (``St.``, ``Stg.`` → ``stichting``; ``B.V.``, ``BV`` →
    ``bv``; ``Ver.`` → ``vereniging``; ``U.A.`` dropped). The legal form itself
    is kept: ``Stichting De Boog`` and ``De Boog`` stay two organisations.

    Examples
    --------
    >>> name_key("St. De Regenboog")
    'stichting de regenboog'
    >>> name_key("STICHTING  de Regenboog")
    'stichting de regenboog'
    >>> name_key("Bakkerij Jansen B.V.")
    'bakkerij jansen bv'
    >>> name_key("Energiecoöperatie Zuid U.A.")
    'energiecooperatie zuid'
    """
    text = _ascii(clean_name(name)).lower()
    text = _DOTTED.sub(lambda m: f" {m[1]}{m[2]} ", text)
    text = re.sub(r"[^\w]+", " ", text).replace("_", " ")
    words = [LEGAL_FORMS.get(w, w) for w in text.split()]
    return " ".join(w for w in words if w)


def slug(key: str) -> str:
    """An id made from a name key: lower-case words joined by hyphens.

    >>> slug("stichting de regenboog")
    'stichting-de-regenboog'
    """
    return re.sub(r"[^a-z0-9]+", "-", key).strip("-") or "unnamed"


# --- private persons and placeholders --------------------------------------

_PRIVATE = re.compile(
    r"^\(?\s*(particulier(en)?|prive ?persoon|natuurlijk(e)? perso(o|ne)n?|"
    r"individual|private (person|individual)|anoniem|anonymous|"
    r"persoonsgegevens|afgeschermd|redacted)\s*\)?$"
)
_MASKED = re.compile(r"^[*xX#.\s]{3,}$")
_PLACEHOLDERS = frozenset(
    {
        "",
        "onbekend",
        "diversen",
        "divers",
        "nvt",
        "n v t",
        "niet van toepassing",
        "overig",
        "overige",
        "unknown",
        "various",
        "n a",
        "na",
        "none",
        "null",
        "leeg",
    }
)


def is_private_person(name: object) -> bool:
    """Whether a recipient name is a masked private person (kept out of the organisations).

    >>> [is_private_person(n) for n in ["(Particulier)", "particulier", "*****", "Stichting X"]]
    [True, True, True, False]
    """
    text = clean_name(name)
    if _MASKED.match(text) and "*" in text or re.fullmatch(r"[xX]{3,}", text):
        return True
    return bool(_PRIVATE.match(_ascii(text).lower()))


def is_placeholder(name: object) -> bool:
    """Whether a recipient name stands for no organisation at all (``onbekend``, ``n.v.t.``, empty).

    >>> [is_placeholder(n) for n in ["Onbekend", "n.v.t.", "", "-", "Diversen", "Stichting X"]]
    [True, True, True, True, True, False]
    """
    key = re.sub(r"[^\w]+", " ", _ascii(clean_name(name)).lower()).strip()
    return key in _PLACEHOLDERS


# --- organisation types ----------------------------------------------------

#: Rules inferring an organisation type from its name key, tried in order; the
#: first whose pattern matches wins. Specific kinds come before legal forms, so
#: "Stichting Woonstad" is a housing association and "Stichting Jozefschool"
#: a school. Each rule is (label, regular expression, type).
TYPE_RULES: tuple[tuple[str, str, str], ...] = (
    (
        "residents association",
        r"\b(bewoners|huurders|buurt|wijk)(vereniging|commissie|raad|organisatie|platform)\b"
        r"|\b(residents|tenants) association\b",
        "residents_association",
    ),
    (
        "resident initiative",
        r"\b(bewoners|buurt)initiatief\b|\bbuurtcomite\b|\bresident initiative\b",
        "resident_initiative",
    ),
    (
        "energy cooperative",
        r"\benergie ?(cooperatie|coop)\b|\benergy (cooperative|co op)\b|\bcommunity energy\b",
        "energy_cooperative",
    ),
    (
        "housing association",
        r"\bwoningcorporatie\b|\bwoningbouw\w*\b|\bwoon\w*|\bwoningstichting\b"
        r"|\w*wonen\b|\bhousing association\b",
        "housing_association",
    ),
    (
        "municipality",
        r"^gemeente\b|\b(city|borough|district|county|town|parish)\b.*\bcouncil\b|\bcouncil$",
        "municipality",
    ),
    ("province", r"^provincie\b", "province"),
    (
        "national government",
        r"\bministerie\b|\brijksoverheid\b|\bministry\b|\bgovernment\b",
        "national_government",
    ),
    ("police", r"\bpolitie\b|\bpolice\b", "police"),
    (
        "knowledge institute",
        r"\buniversiteit\b|\buniversity\b|\binstitu(ut|te)\b|\bkennisinstituut\b",
        "knowledge_institute",
    ),
    (
        "education",
        r"\w*school\b|\bcollege\b|\blyceum\b|\bgymnasium\b|\broc\b|\bonderwijs\w*\b|\bacademy\b",
        "education",
    ),
    (
        "health",
        r"\bggd\b|\bziekenhuis\b|\bgezondheid\w*\b|\bhuisart\w*\b|\bnhs\b|\bhospital\b|\bhealth\b",
        "health",
    ),
    ("care", r"\w*zorg\w*\b|\bverpleeg\w*\b|\bcare\b", "care"),
    (
        "welfare",
        r"\bwelzijn\w*\b|\bbuurtwerk\b|\bopbouwwerk\b|\bjongerenwerk\b|\bwelfare\b",
        "welfare",
    ),
    (
        "social enterprise",
        r"\bsociale onderneming\b|\bcic\b|\bcommunity interest company\b",
        "social_enterprise",
    ),
    ("business", r"\bbv\b|\bnv\b|\bvof\b|\blimited\b|\bplc\b|\bllp\b|\binc\b|\bgmbh\b", "business"),
    (
        "foundation",
        r"\bstichting\b|\btrust\b|\bfoundation\b|\bfonds\b|\bfund\b|\bcharity\b",
        "foundation",
    ),
    ("association", r"\w*vereniging\b|\bcooperatie\b|\bassociation\b|\bclub\b", "other"),
)
_COMPILED_RULES = tuple((label, re.compile(pattern), kind) for label, pattern, kind in TYPE_RULES)
DEFAULT_TYPE = "other"


def infer_type(name: object) -> tuple[str, str]:
    """The organisation type a name suggests, and the rule that said so.

    Returns ``("other", "default")`` when no rule matches.

    Examples
    --------
    >>> infer_type("Stichting Woonstad Lindenwaard")
    ('housing_association', 'housing association')
    >>> infer_type("St. De Regenboog")
    ('foundation', 'foundation')
    >>> infer_type("Bewonersvereniging Oost")
    ('residents_association', 'residents association')
    >>> infer_type("Gemeente Utrecht")
    ('municipality', 'municipality')
    >>> infer_type("Jansen Installatietechniek B.V.")
    ('business', 'business')
    >>> infer_type("Energiecoöperatie Zonnedak U.A.")
    ('energy_cooperative', 'energy cooperative')
    """
    key = name_key(name)
    for label, pattern, kind in _COMPILED_RULES:
        if pattern.search(key):
            return kind, label
    return DEFAULT_TYPE, "default"


def check_type(value: str, where: str) -> str:
    """An organisation type from a mapping or a source column, lower-cased; unknown types pass.

    Unknown types are kept (the dataset reader reports them), so a register may
    bring its own; only an empty value is refused.
    """
    text = str(value).strip().lower().replace(" ", "_")
    if not text:
        raise ValueError(f"{where}: empty organisation type")
    return text

