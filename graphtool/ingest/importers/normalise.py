"""Normalising messy source values: amounts, dates, organisation names and types.

Every function here is pure and says *how* it read a value, so the importers
can report what they did (how many amounts were in Dutch style, which date
formats were met, which rule gave an organisation its type).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from functools import lru_cache

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
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?:[T ].*)?$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})([-/.])(\d{4})$")
_YEAR = re.compile(r"^(\d{4})(?:\.0)?$")
_NAMED = re.compile(r"^(?:(\d{1,2})\.?\s+)?([a-zA-Z\u00e9\u00eb]+)\.?,?\s+(\d{4})$")
#: Month names and abbreviations in Dutch and English (and the French a Belgian register uses).
MONTHS: dict[str, int] = {
    name: number
    for names in (
        "january february march april may june july august september october november december",
        "januari februari maart april mei juni juli augustus september oktober november december",
        "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre",
        "jan feb mar apr may jun jul aug sep oct nov dec",
        "jan feb mrt apr mei jun jul aug sept okt nov dec",
    )
    for number, name in enumerate(names.split(), start=1)
}
#: Excel serial numbers read as dates only in this window (1990-01-01 .. 2100-12-31): a
#: number such as 25000 in a date column is far more often an amount in a shifted row
#: than a date in 1968.
EXCEL_SERIALS = (32874, 73415)
#: Text that stands for "no value" in registers and exports.
MISSING_MARKERS = frozenset({"", "-", "na", "n/a", "n.a.", "nvt", "n.v.t.", "null", "none", "nan"})


class DateError(ValueError):
    """A value that is not a date or year."""


def parse_date(value: object, *, serials: bool = True) -> tuple[date | None, str]:
    """Read a date as registers write it.

    Accepted: ISO (``2019-03-01``, with or without a time), ISO year-month
    (``2019-03``), day-first ``dd-mm-yyyy``, ``dd/mm/yyyy``, ``dd.mm.yyyy``,
    month/year (``08/2013``, ``08-2013``), a year (``2019``), Dutch, English
    or French month names (``15 maart 2022``, ``15 March 2022``,
    ``March 2022``) and Excel serial numbers.

    Day-first is assumed (the European convention) unless the second number
    is above 12 (then it is read month-first and reported as ``mm/dd/yyyy``).
    A month/year or year-month gives the first of that month, a year 1 January.
    Excel serials are counted from 1899-12-30 and accepted only between 1990
    and 2100 (:data:`EXCEL_SERIALS`), and only when ``serials`` is true.

    Returns
    -------
    tuple
        ``(date, format)`` with format one of ``iso``, ``yyyy-mm``,
        ``dd-mm-yyyy``, ``dd/mm/yyyy``, ``dd.mm.yyyy``, ``mm/dd/yyyy``,
        ``mm/yyyy``, ``mm-yyyy``, ``month name``, ``excel-serial``, ``year``,
        ``date`` (a date object) or ``empty``.

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
    >>> parse_date("08/2013")
    (datetime.date(2013, 8, 1), 'mm/yyyy')
    >>> parse_date("15 maart 2022")
    (datetime.date(2022, 3, 15), 'month name')
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
    if text.lower() in MISSING_MARKERS:
        return None, "empty"
    try:
        if m := _ISO.match(text):
            return date(int(m[1]), int(m[2]), int(m[3])), "iso"
        if m := _ISO_MONTH.match(text):
            return date(int(m[1]), int(m[2]), 1), "yyyy-mm"
        if m := _DMY.match(text):
            first, second, year = int(m[1]), int(m[3]), int(m[4])
            sep = m[2]
            if second > 12 and first <= 12:
                return date(year, first, second), f"mm{sep}dd{sep}yyyy"
            return date(year, second, first), f"dd{sep}mm{sep}yyyy"
        if m := _MONTH_YEAR.match(text):
            return date(int(m[3]), int(m[1]), 1), f"mm{m[2]}yyyy"
        if (m := _NAMED.match(strip_accents(text))) and m[2].lower() in MONTHS:
            return date(int(m[3]), MONTHS[m[2].lower()], int(m[1] or 1)), "month name"
    except ValueError as exc:
        raise DateError(f"{text!r} is not a valid date: {exc}") from exc
    if m := _YEAR.match(text):
        return date(int(m[1]), 1, 1), "year"
    if re.fullmatch(r"\d{5}(?:\.\d+)?", text):
        serial = float(text)
        if serials and EXCEL_SERIALS[0] <= serial <= EXCEL_SERIALS[1]:
            return _EXCEL_EPOCH + timedelta(days=int(serial)), "excel-serial"
        raise DateError(
            f"{text!r} is a number, not a date (as an Excel serial it would be "
            f"{(_EXCEL_EPOCH + timedelta(days=int(serial))).isoformat()}): "
            "the row's columns may be shifted"
        )
    raise DateError(
        f"{text!r} is not a date (expected e.g. 2019-03-01, 01-03-2019, 08/2019 or 2019)"
    )


# --- names -----------------------------------------------------------------

#: Spellings of legal forms (words of a name key) and the one spelling each becomes.
#: Dutch, Belgian (Flemish and Walloon), British and German forms.
LEGAL_FORMS: dict[str, str] = {
    "st": "stichting",
    "stg": "stichting",
    "sticht": "stichting",
    "stichting": "stichting",
    "ver": "vereniging",
    "vereniging": "vereniging",
    "bv": "bv",
    "nv": "nv",
    "vof": "vof",
    "cv": "cv",
    "coop": "cooperatie",
    "cooperatie": "cooperatie",
    # liability suffixes of a cooperative (U.A., W.A., B.A.) are dropped altogether
    "ua": "",
    "wa": "",
    "ba": "",
    "vzw": "vzw",
    "ivzw": "vzw",
    "asbl": "asbl",
    "aisbl": "asbl",
    "bvba": "bvba",
    "cvba": "cvba",
    "sprl": "sprl",
    "scrl": "scrl",
    "srl": "srl",
    "sa": "sa",
    "ltd": "limited",
    "limited": "limited",
    "cic": "cic",
    "cio": "cio",
    "plc": "plc",
    "llp": "llp",
    "inc": "inc",
    "gmbh": "gmbh",
    "ev": "ev",
}
_FORMS = frozenset(LEGAL_FORMS.values())
# Legal forms spelled with dots between letters ("B.V.", "N.V.", "U.A.", "e.V.").
_DOTTED = re.compile(r"\b([a-z])\s*\.\s*([a-z])\s*\.?(?=\s|$)")


def strip_accents(text: str) -> str:
    """The text without accents (``coöperatie`` -> ``cooperatie``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def clean_name(name: object) -> str:
    """A display name: whitespace collapsed and trimmed.

    >>> clean_name("  Stichting   De  Regenboog ")
    'Stichting De Regenboog'
    """
    return " ".join(str(name).split()) if name is not None else ""


def canonical_name(name: object) -> str:
    """A name as lower-case ASCII words with each legal form spelled one way.

    This is what type rules read: ``St.``, ``Stg.`` → ``stichting``;
    ``B.V.``, ``BV`` → ``bv``; ``Ver.`` → ``vereniging``; ``VZW`` → ``vzw``.

    >>> canonical_name("St. De Regenboog B.V.")
    'stichting de regenboog bv'
    """
    return _canonical(clean_name(name))


@lru_cache(maxsize=1 << 16)
def _canonical(text: str) -> str:
    # registers repeat names row after row: the same spelling is worked out once
    text = strip_accents(text).lower()
    text = _DOTTED.sub(lambda m: f" {m[1]}{m[2]} ", text)
    text = re.sub(r"[^\w]+", " ", text).replace("_", " ")
    return " ".join(w for w in (LEGAL_FORMS.get(w, w) for w in text.split()) if w)


def name_key(name: object) -> str:
    """The key under which name variants of one organisation are matched.

    Case, accents, punctuation, spacing and legal forms are ignored:
    ``Stichting De Boog``, ``St. De Boog`` and ``De Boog`` are one
    organisation, as are ``Jansen B.V.`` and ``Jansen``. The display name keeps
    the legal form. A name that is only a legal form has an empty key (see
    :func:`is_bare_legal_form`).

    Examples
    --------
    >>> name_key("St. De Regenboog")
    'de regenboog'
    >>> name_key("STICHTING  de Regenboog")
    'de regenboog'
    >>> name_key("Bakkerij Jansen B.V.")
    'bakkerij jansen'
    >>> name_key("Energiecoöperatie Zuid U.A.")
    'energiecooperatie zuid'
    >>> name_key("Buurtwerk Noord vzw")
    'buurtwerk noord'
    """
    return " ".join(w for w in canonical_name(name).split() if w not in _FORMS)


def is_bare_legal_form(name: object) -> bool:
    """Whether a name is nothing but a legal form (``Stichting``, ``B.V.``, ``vzw``).

    Registers that mask the names of natural persons leave such names behind;
    they never name an organisation.

    >>> [is_bare_legal_form(n) for n in ["Stichting", "B.V.", "asbl", "Stichting Doras"]]
    [True, True, True, False]
    """
    return bool(clean_name(name)) and not name_key(name) and bool(canonical_name(name))


def slug(key: str) -> str:
    """An id made from a name key: lower-case words joined by hyphens.

    >>> slug("stichting de regenboog")
    'stichting-de-regenboog'
    """
    return re.sub(r"[^a-z0-9]+", "-", key).strip("-") or "unnamed"


# --- private persons and placeholders --------------------------------------

_PRIVATE = re.compile(
    r"^\(?\s*(particulier(en)?|prive ?perso(o|ne)n?|prive|natuurlijk(e)? perso(o|ne)n?|"
    r"eenmanszaak|eenmanszaken|zzp(er)?|individual|individuals|private (person|individual)s?|"
    r"personne physique|anoniem|anonymous|persoonsgegevens|afgeschermd|redacted|"
    r"(naam )?niet openbaar|withheld)\s*\)?$"
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
        "nan",
        "leeg",
    }
)


def is_private_person(name: object) -> bool:
    """Whether a recipient name is a masked private person (kept out of the organisations).

    >>> names = ["(Particulier)", "Eenmanszaak", "*****", "Stichting X"]
    >>> [is_private_person(n) for n in names]
    [True, True, True, False]
    """
    text = clean_name(name)
    if _MASKED.match(text) and "*" in text or re.fullmatch(r"[xX]{3,}", text):
        return True
    return bool(_PRIVATE.match(strip_accents(text).lower()))


def is_placeholder(name: object) -> bool:
    """Whether a recipient name stands for no organisation at all (``onbekend``, ``n.v.t.``, empty).

    >>> [is_placeholder(n) for n in ["Onbekend", "n.v.t.", "", "-", "NULL", "Stichting X"]]
    [True, True, True, True, True, False]
    """
    key = re.sub(r"[^\w]+", " ", strip_accents(clean_name(name)).lower()).strip()
    return key in _PLACEHOLDERS


_PLACEHOLDER_ID = re.compile(
    r"^(?:dummy[\w-]*|.*-n/?a|n/?a|gb-rev|.*-(?:0+|x+|unknown|none|null|tbc)|"
    r"unknown|none|null|tbc|-+|0+)$",
    re.IGNORECASE,
)


def is_placeholder_id(identifier: object) -> bool:
    """Whether an organisation identifier stands for no identifier at all.

    Publishers fill a required identifier with ``DUMMY01``, ``360G-XYZ-n/a``,
    ``GB-REV`` (a scheme without a number) or zeros; two recipients sharing
    such a value are not one organisation. They are matched by name instead.

    >>> ids = ["DUMMY01", "360G-ABC-n/a", "GB-REV", "GB-CHC-000000", "", "GB-CHC-1234567"]
    >>> [is_placeholder_id(i) for i in ids]
    [True, True, True, True, True, False]
    """
    text = clean_name(identifier)
    return not text or bool(_PLACEHOLDER_ID.match(text))


# --- organisation types ----------------------------------------------------

#: Rules inferring an organisation type from a name, tried in order on its
#: :func:`canonical_name`; the first whose pattern matches wins, and the words
#: it matched are reported. Patterns match whole words (``\b`` on both sides, or
#: a listed compound), so "Samenwonen-Samenleven" is not a housing association.
#: Specific kinds come before legal forms, so "Stichting Woonstad" is a housing
#: association and "Stichting Jozefschool" a school. Each rule is (label,
#: regular expression, type).
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
    ("supported housing", r"\bbeschermd wonen\b|\bwoonzorg\w*\b", "care"),
    (
        "housing association",
        r"\bwoningcorporatie\b|\bwoningbouw(vereniging|corporatie)\b|\bwoningstichting\b"
        r"|\bwoonstichting\b|\bwoon(stad|bedrijf|groep|bron|com|burg|wijze|corporatie)\b|\bwonen$"
        r"|\bwoonmaatschappij\b|\bhuisvesting(smaatschappij)?\b|\bsociale huisvesting\b"
        r"|\bhousing (association|trust|group)\b",
        "housing_association",
    ),
    (
        "municipality",
        r"^(gemeente|stad|stadsdeel|ville|commune|municipality)\b"
        r"|\b(city|borough|district|county|town|parish) council\b"
        r"|\b(city|borough|district|county|town|parish)\b.*\bcouncil$",
        "municipality",
    ),
    ("province", r"^(provincie|province|provinciebestuur)\b", "province"),
    (
        "regional government",
        r"\bvlaamse (overheid|gemeenschap|regering)\b|\bvlaams gewest\b|\bwaals gewest\b"
        r"|\bregion wallonne\b|\bservice public de wallonie\b|\bwallonie\b"
        r"|\bbrussels hoofdstedelijk gewest\b|\bregion de bruxelles capitale\b"
        r"|\bcommunaute francaise\b|\bfederation wallonie bruxelles\b"
        r"|\bdepartement\b.*\bvlaanderen\b|\bagentschap\b.*\bvlaanderen\b"
        r"|\b(scottish|welsh) government\b|\bgreater london authority\b"
        r"|\bcombined authority\b|\bregional (government|council|authority)\b",
        "regional_government",
    ),
    (
        "national government",
        r"\bministerie\b|\brijksoverheid\b|\bministry\b|\bgovernment\b|\bfod\b|\bspf\b",
        "national_government",
    ),
    ("police", r"\bpolitie\b|\bpolice\b|\bpolitiezone\b", "police"),
    (
        "knowledge institute",
        r"\buniversiteit\b|\buniversity\b|\buniversite\b|\binstitu(ut|te)\b|\bkennisinstituut\b",
        "knowledge_institute",
    ),
    (
        "education",
        r"\b\w*school\b|\bcollege\b|\blyceum\b|\bgymnasium\b|\broc\b|\bonderwijs\b"
        r"|\bhogeschool\b|\bacademy\b|\bathenee\b|\bathenaeum\b",
        "education",
    ),
    (
        "health",
        r"\bggd\b|\bziekenhuis\b|\bgezondheid(scentrum|szorg)?\b|\bhuisarts(en|enpraktijk)?\b"
        r"|\bnhs\b|\bhospital\b|\bhealth\b|\bwijkgezondheidscentrum\b",
        "health",
    ),
    (
        "care",
        r"\bzorg\b|\b\w+zorg\b|\bzorg\w*\b|\bverpleeghuis\b|\bverpleging\b|\bcare\b",
        "care",
    ),
    (
        "welfare",
        r"\bwelzijn\w*\b|\bbuurtwerk\b|\bopbouwwerk\b|\bjongerenwerk\b|\bwelfare\b"
        r"|\bocmw\b|\bcpas\b",
        "welfare",
    ),
    (
        "social enterprise",
        r"\bsociale onderneming\b|\bcic\b|\bcommunity interest company\b",
        "social_enterprise",
    ),
    (
        "business",
        r"\bbv\b|\bnv\b|\bvof\b|\bbvba\b|\bsprl\b|\bsrl\b|\bsa\b|\blimited\b|\bplc\b|\bllp\b"
        r"|\binc\b|\bgmbh\b",
        "business",
    ),
    (
        "foundation",
        r"\bstichting\b|\btrust\b|\bfoundation\b|\bfonds\b|\bfund\b|\bcharity\b|\bcio\b",
        "foundation",
    ),
    (
        "association",
        r"\b\w*vereniging\b|\bcooperatie\b|\bassociation\b|\bclub\b|\bvzw\b|\basbl\b|\bev\b",
        "other",
    ),
)
_COMPILED_RULES = tuple((label, re.compile(pattern), kind) for label, pattern, kind in TYPE_RULES)
DEFAULT_TYPE = "other"


def explain_type(name: object) -> tuple[str, str, str]:
    """The organisation type a name suggests, the rule that said so and the words it matched.

    Returns ``("other", "default", "")`` when no rule matches.

    Examples
    --------
    >>> explain_type("Stichting Woonstad Rotterdam")
    ('housing_association', 'housing association', 'woonstad')
    >>> explain_type("Samenwonen-Samenleven")
    ('other', 'default', '')
    >>> explain_type("Stad Gent")
    ('municipality', 'municipality', 'stad')
    """
    key = canonical_name(name)
    for label, pattern, kind in _COMPILED_RULES:
        if m := pattern.search(key):
            return kind, label, m[0].strip()
    return DEFAULT_TYPE, "default", ""


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
    >>> infer_type("Vlaamse Overheid - Departement Cultuur")
    ('regional_government', 'regional government')
    """
    kind, rule, _ = explain_type(name)
    return kind, rule


def check_type(value: str, where: str) -> str:
    """An organisation type from a mapping or a source column, lower-cased; unknown types pass.

    Unknown types are kept (the dataset reader reports them), so a register may
    bring its own; only an empty value is refused.
    """
    text = str(value).strip().lower().replace(" ", "_")
    if not text:
        raise ValueError(f"{where}: empty organisation type")
    return text
