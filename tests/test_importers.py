"""The importers: each source kind on fixture files with exact expected tables and reports,
the CORDIS importer on real data, and bad inputs mapped to their messages."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from graphtool.cli import main
from graphtool.errors import ConfigError, ImportSourceError
from graphtool.ingest import read_dataset
from graphtool.ingest.importers import REPORT_FILE, import_source, write_dataset
from graphtool.ingest.importers.normalise import (
    AmountError,
    infer_type,
    is_placeholder,
    is_private_person,
    name_key,
    parse_amount,
    parse_date,
)
from tests.conftest import TEST_DATA

DATA = Path(__file__).parent / "data" / "importers"
CORDIS = TEST_DATA / "real-data" / "cordis-h2020-swafs.csv"


def run(*args: str):
    return CliRunner().invoke(main, ["-q", *args])


def rows(folder: Path, table: str) -> list[dict]:
    return pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False).to_dict("records")


# --- normalisation ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount", "style"),
    [
        ("1.234,56", 1234.56, "dutch"),
        ("1,234.56", 1234.56, "english"),
        ("€ 1.000.000,00", 1_000_000.0, "dutch"),
        ("1,000,000", 1_000_000.0, "english"),
        ("12.500", 12500.0, "dutch"),
        ("12,5", 12.5, "decimal comma"),
        ("25187.5", 25187.5, "decimal point"),
        ("-5.000,00", -5000.0, "dutch"),
        ("5.000,00-", -5000.0, "dutch"),
        ("(300)", -300.0, "plain"),
        ("1.250,-", 1250.0, "dutch"),
        ("NA", None, "empty"),
        (7500.5, 7500.5, "number"),
    ],
)
def test_amounts_in_both_styles(text, amount, style):
    assert parse_amount(text) == (amount, style)


@pytest.mark.parametrize("text", ["twaalf", "1.23.4", "1,234.5.6", "12,34,5"])
def test_bad_amounts_are_refused(text):
    with pytest.raises(AmountError):
        parse_amount(text)


@pytest.mark.parametrize(
    ("text", "iso", "fmt"),
    [
        ("2022-03-15", "2022-03-15", "iso"),
        ("2022-05-01T00:00:00+00:00", "2022-05-01", "iso"),
        ("15-09-2022", "2022-09-15", "dd-mm-yyyy"),
        ("01/02/2023", "2023-02-01", "dd/mm/yyyy"),
        ("12/31/2022", "2022-12-31", "mm/dd/yyyy"),
        ("44927", "2023-01-01", "excel-serial"),  # Excel: 1 January 2023 is serial 44927
        ("2023", "2023-01-01", "year"),
    ],
)
def test_mixed_date_formats(text, iso, fmt):
    when, found = parse_date(text)
    assert (when.isoformat(), found) == (iso, fmt)


def test_name_variants_share_a_key_and_legal_forms_are_stripped_for_matching():
    assert name_key("St. De Regenboog Groep") == name_key("STICHTING  de regenboog groep")
    assert name_key("Stg. De Regenboog Groep") == name_key("Stichting De Regenboog Groep")
    assert name_key("Bakkerij Jansen B.V.") == name_key("Bakkerij Jansen BV")
    assert name_key("Ver. Vondelpark") == name_key("Vereniging Vondelpark")
    # legal forms are stripped for matching (kept in the display name)
    assert name_key("Stichting De Boog") == name_key("De Boog") == "de boog"
    assert name_key("Buurtwerk Noord vzw") == name_key("Buurtwerk Noord asbl") == "buurtwerk noord"
    assert name_key("Youth Moves CIC") == name_key("Youth Moves Ltd") == "youth moves"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Stichting De Regenboog", "foundation"),
        ("Stichting Woonstad Rotterdam", "housing_association"),
        ("Woningcorporatie Lindenwaard", "housing_association"),
        ("Gemeente Utrecht", "municipality"),
        ("Stichting Jozefschool", "education"),
        ("Bewonersvereniging Oost", "residents_association"),
        ("Energiecoöperatie Zonnedak U.A.", "energy_cooperative"),
        ("Jansen Installatietechniek B.V.", "business"),
        ("London Borough of Hackney Council", "municipality"),
        ("Youth Moves CIC", "social_enterprise"),
        ("De Groene Schakel", "other"),
    ],
)
def test_types_inferred_from_names(name, kind):
    assert infer_type(name)[0] == kind


def test_private_persons_and_placeholders():
    assert [is_private_person(n) for n in ["(Particulier)", "Particulier", "*****", "Jan"]] == [
        True,
        True,
        True,
        False,
    ]
    assert [is_placeholder(n) for n in ["onbekend", "Diversen", "n.v.t.", "", "Jan"]] == [
        True,
        True,
        True,
        True,
        False,
    ]


# --- subsidy registers -----------------------------------------------------------


def test_amsterdam_register(tmp_path):
    out = tmp_path / "ams"
    result = run(
        "import",
        "subsidy-register",
        str(DATA / "amsterdam-subsidies.csv"),
        "--mapping",
        "amsterdam",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"wrote {out}: ams: 9 organisations, 0 joint actions, 0 participations, "
        "9 funding flows, 0 neighbourhoods\n"
    )
    orgs = {r["id"]: (r["name"], r["type"], r["type_source"]) for r in rows(out, "organisations")}
    assert orgs == {
        "bakkerij-jansen-bv": ("Bakkerij Jansen B.V.", "business", "name: business"),
        "bewonersvereniging-oosterpark": (
            "Bewonersvereniging Oosterpark",
            "residents_association",
            "name: residents association",
        ),
        "energiecooperatie-zuiderlicht": (
            "Energiecoöperatie Zuiderlicht U.A.",
            "energy_cooperative",
            "name: energy cooperative",
        ),
        "gemeente-amsterdam": ("Gemeente Amsterdam", "municipality", "mapping"),
        "sportvereniging-afc": ("Sportvereniging AFC", "other", "name: association"),
        # stichting-buurtzorg-oost: its only rows net to €0, so it is not created
        "stichting-de-regenboog-groep": (
            "Stichting De Regenboog Groep",
            "foundation",
            "name: foundation",
        ),
        "stichting-ymere": ("Stichting Ymere", "housing_association", "override"),
        "vereniging-vrienden-van-het-vondelpark": (
            "Ver. Vrienden van het Vondelpark",
            "other",
            "name: association",
        ),
        "woonstichting-de-key": (
            "Woonstichting De Key",
            "housing_association",
            "name: housing association",
        ),
    }
    flows = [
        (r["recipient_id"], float(r["amount"]), r["year"], r["programme"], r["department"])
        for r in rows(out, "funding")
    ]
    assert flows == [
        # 125.000,00 netted with the -5.000,00 correction of a name variant
        (
            "stichting-de-regenboog-groep",
            120000.0,
            "2022",
            "Armoedebestrijding",
            "Maatschappelijke Ontwikkeling",
        ),
        (
            "stichting-de-regenboog-groep",
            12500.0,
            "2023",
            "Buurtinitiatieven",
            "Maatschappelijke Ontwikkeling",
        ),
        ("bewonersvereniging-oosterpark", 2750.5, "2023", "Buurtinitiatieven", "Stadsdeel Oost"),
        ("woonstichting-de-key", 1000000.0, "2023", "Energietransitie", "Wonen"),
        (
            "energiecooperatie-zuiderlicht",
            50000.0,
            "2023",
            "Energietransitie",
            "Ruimte en Duurzaamheid",
        ),
        ("sportvereniging-afc", 7500.0, "2022", "Sport", "Sport en Bos"),
        ("vereniging-vrienden-van-het-vondelpark", 2000.0, "2022", "Groen", "Sport en Bos"),
        ("bakkerij-jansen-bv", 20000.0, "2022", "Ondernemersfondsen", "Economie"),
        ("stichting-ymere", 300000.0, "2023", "Energietransitie", "Wonen"),
    ]
    report = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    skipped = {s["reason"]: (s["rows"], s["amount"]) for s in report["skipped"]}
    assert skipped == {
        "private person": (3, 3500.0),
        "placeholder recipient": (2, 3450.0),
        "no amount": (1, 0.0),
        "zero amount (after netting corrections)": (2, 0.0),
    }
    assert {m["id"] for m in report["merged names"]} == {
        "stichting-de-regenboog-groep",
        "energiecooperatie-zuiderlicht",
        "bakkerij-jansen-bv",
    }
    assert read_dataset(out).counts()["funding"] == 9


def test_national_register_with_funder_column_dates_and_type_column(tmp_path):
    result = import_source(
        "subsidy-register", [DATA / "national-grants.csv"], mapping=DATA / "national.toml"
    )
    ds = write_dataset(result, tmp_path / "nat")
    orgs = ds.organisations.set_index("id")
    assert orgs.loc["stichting-lindenwaard-wonen", "type_source"] == "source"
    assert orgs.loc["de-groene-schakel", "type"] == "resident_initiative"
    assert orgs.loc["ministerie-van-bzk", "type"] == "national_government"
    flows = ds.funding[["funder_id", "recipient_id", "amount", "year"]].values.tolist()
    assert flows == [
        ["ministerie-van-bzk", "gemeente-lindenwaard", 1_500_000.0, 2022],
        ["ministerie-van-szw", "gemeente-lindenwaard", 80000.5, 2023],
        ["ministerie-van-ocw", "roc-lindenwaard-college", 60000.0, 2023],
        ["ministerie-van-ocw", "stichting-jozefschool", 12000.0, 2023],
        ["ministerie-van-bzk", "stichting-lindenwaard-wonen", 500000.0, 2023],
        ["ministerie-van-lnv", "de-groene-schakel", 25000.0, 2022],
    ]
    dates = {v["written as"]: v["count"] for v in result.report["values"] if v["kind"] == "dates"}
    assert dates == {"iso": 2, "dd-mm-yyyy": 2, "dd/mm/yyyy": 1, "excel-serial": 1, "year": 1}


def test_register_from_a_workbook(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(
        ["AANVRAGER", "ORGANISATIEONDERDEEL", "REGELINGNAAM", "BEDRAG_VERLEEND", "SUBSIDIEJAAR"]
    )
    sheet.append(["Stichting Doras", "Noord", "Welzijn", 1234.567, 2022])
    sheet.append(["stichting doras", "Noord", "Welzijn", "1.000,00", 2022])
    path = tmp_path / "register.xlsx"
    book.save(path)
    ds = write_dataset(
        import_source("subsidy-register", [path], mapping="amsterdam"), tmp_path / "out"
    )
    assert ds.funding["amount"].tolist() == [2234.57]
    assert ds.organisations.set_index("id").loc["stichting-doras", "type"] == "welfare"


# --- 360Giving ---------------------------------------------------------------------


def test_360giving_json_and_csv(tmp_path):
    out = tmp_path / "giving"
    result = run(
        "import",
        "360giving",
        str(DATA / "360giving-grants.json"),
        str(DATA / "360giving-grants.csv"),
        "-o",
        str(out),
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["import"]["funding flows"] == 7
    assert report["skipped"] == [
        {
            "reason": "private person",
            "currency": "GBP",
            "rows": 2,
            "amount": 1500.0,
            "examples": "360giving-grants.json record 4 360G-LCF-0004; "
            "360giving-grants.csv:5 360G-ABC-04",
        },
    ]
    flows = [
        (r["funder_id"], r["recipient_id"], float(r["amount"]), r["year"], r["currency"])
        for r in rows(out, "funding")
    ]
    assert flows == [
        ("GB-CHC-1036733", "GB-CHC-1111111", 10000.0, "2021", "GBP"),
        ("GB-CHC-1036733", "GB-CHC-1111111", 7500.5, "2022", "GBP"),
        ("GB-CHC-1036733", "360G-LCF-ORG-77", 2500.0, "2021", "GBP"),
        ("GB-CHC-1036733", "GB-COH-09999999", 4000.0, "2022", "GBP"),
        ("GB-CHC-1234567", "GB-LAE-HCK", 12500.0, "2020", "GBP"),
        ("GB-CHC-1234567", "GB-CHC-2222222", 2500.0, "2020", "GBP"),  # 3000 - 500 correction
        ("GB-CHC-1234567", "GB-EDU-133000", 8000.0, "2021", "GBP"),
    ]
    types = {r["id"]: r["type"] for r in rows(out, "organisations")}
    assert types["GB-LAE-HCK"] == "municipality"
    assert types["360G-LCF-ORG-77"] == "residents_association"
    assert len(read_dataset(out).organisations) == 8


# --- CORDIS ---------------------------------------------------------------------------


def test_cordis_on_real_data(tmp_path):
    ds = write_dataset(import_source("cordis", [CORDIS]), tmp_path / "swafs")
    # expected counts computed independently from the raw file
    raw = pd.read_csv(CORDIS, dtype=str, keep_default_na=False)
    paid = raw[raw["contribution"] != "NA"]
    assert len(ds.joint_actions) == raw["rcn"].nunique() == 190
    assert len(ds.organisations) == raw["pic"].nunique() + 1 == 1075
    assert len(ds.funding) == len(paid.drop_duplicates(["rcn", "pic"]))
    assert ds.funding["amount"].sum() == pytest.approx(paid["contribution"].astype(float).sum())
    assert set(ds.funding["funder_id"]) == {"EC"}
    assert len(ds.participations) == len(raw.drop_duplicates(["rcn", "pic"]))
    leads = ds.participations[ds.participations["role"] == "lead"]
    assert len(leads) == (raw["role"] == "coordinator").sum()
    first = ds.joint_actions.set_index("id").loc["208539"]
    assert (first["start_year"], first["end_year"]) == (2017, 2019)
    org = ds.organisations.set_index("id").loc["998802502"]
    assert (org["name"], org["type"]) == ("PIC 998802502 (REC, EL)", "knowledge_institute")
    flow = ds.funding[ds.funding["recipient_id"] == "998802502"].iloc[0]
    assert (flow["amount"], flow["year"], flow["action_id"]) == (25187.5, 2017, "208539")


def test_cordis_quirks_and_overrides(tmp_path):
    source = tmp_path / "projects.csv"
    source.write_text(
        "rcn,role,pic,type,contribution,country,start_year,end_year\n"
        "1,coordinator,100,PUB,1000,NL,2020,2022\n"
        "1,coordinator,200,HES,NA,BE,2020,2022\n"
        "1,partner,300,OTH,500,DE,2020,2022\n"
        "1,participant,100,PUB,250,NL,2020,2022\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "cordis.toml"
    mapping.write_text('[activity_types]\nPUB = { type = "municipality" }\n', encoding="utf-8")
    result = import_source("cordis", [source], mapping=mapping)
    ds = write_dataset(result, tmp_path / "out")
    roles = dict(zip(ds.participations["organisation_id"], ds.participations["role"], strict=True))
    assert roles == {"100": "lead", "200": "lead", "300": "participant"}
    assert ds.organisations.set_index("id").loc["100", "type"] == "municipality"
    assert ds.funding[["recipient_id", "amount"]].values.tolist() == [
        ["100", 1250.0],
        ["300", 500.0],
    ]
    assert result.report["notes"] == [
        {"note": "format: CORDIS participation table (one row per participation)"},
        {"note": "1 project(s) with more than one coordinator, all kept as lead: 1"},
    ]


# --- writing -----------------------------------------------------------------------------


def test_refuses_a_non_empty_folder_unless_forced(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    args = ["import", "cordis", str(CORDIS), "-o", str(out)]
    result = run(*args)
    assert result.exit_code == 1
    assert "the folder exists and is not empty" in result.stderr
    assert (out / "keep.txt").exists()
    assert run(*args, "--force").exit_code == 0
    assert not (out / "keep.txt").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folder left


BAD_ROWS = (
    "AANVRAGER;ORGANISATIEONDERDEEL;REGELINGNAAM;BEDRAG_VERLEEND;SUBSIDIEJAAR\n"
    "Stichting A;X;Y;veel;2022\n"
    "Stichting B;X;Y;100;twintig\n"
)
BAD_ROW_PROBLEMS = [
    "bad.csv, line 2, column 'BEDRAG_VERLEEND': [bad-amount] 'veel' is not an amount; "
    "write it as 1234.56, 1.234,56 or 1,234.56 (value: 'veel')",
    "bad.csv, line 3, column 'SUBSIDIEJAAR': [bad-date] 'twintig' is not a date "
    "(expected e.g. 2019-03-01, 01-03-2019, 08/2019 or 2019) (value: 'twintig')",
]


def test_strict_writes_nothing_when_values_are_bad(tmp_path):
    source = tmp_path / "bad.csv"
    source.write_text(BAD_ROWS + "Stichting C;X;Y;50;2022\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run(
        "import",
        "subsidy-register",
        str(source),
        "--mapping",
        "amsterdam",
        "-o",
        str(out),
        "--strict",
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:3] == [
        "error: subsidy-register: 2 values cannot be read, nothing was written (--strict)",
        *BAD_ROW_PROBLEMS,
    ]
    assert result.stderr.splitlines()[-1] == (
        "hint: correct the source file, or map the right columns in the mapping file "
        "(graphtool help importers); without --strict such rows are left out and reported"
    )
    assert not out.exists()


def test_nothing_written_when_every_row_is_bad(tmp_path):
    source = tmp_path / "bad.csv"
    source.write_text(BAD_ROWS, encoding="utf-8")
    out = tmp_path / "out"
    result = run(
        "import", "subsidy-register", str(source), "--mapping", "amsterdam", "-o", str(out)
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: subsidy-register: nothing to import, every one of the 2 rows was left out "
        "(1 unreadable value (bad-amount); 1 unreadable value (bad-date)), nothing was written",
        *BAD_ROW_PROBLEMS,
        "hint: check that the mapping names the right columns (graphtool help importers)",
    ]
    assert not out.exists()


# --- bad inputs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["import", "grants-db", "x.csv", "-o", "{out}"],
            "error: unknown source kind 'grants-db'\nhint: source kinds: 360giving, "
            "subsidy-register, cordis\n",
        ),
        (
            ["import", "cordis", "{tmp}/missing.csv", "-o", "{out}"],
            "error: {tmp}/missing.csv: no such file\nhint: check the path\n",
        ),
        (
            ["import", "subsidy-register", str(DATA / "national-grants.csv"), "-o", "{out}"],
            "error: subsidy-register needs --mapping: the register's columns differ per source\n"
            "hint: shipped mappings: amsterdam; or write one (graphtool help importers)\n",
        ),
        (
            [
                "import",
                "subsidy-register",
                str(DATA / "national-grants.csv"),
                "--mapping",
                "rotterdam",
                "-o",
                "{out}",
            ],
            "error: no shipped mapping named 'rotterdam'\nhint: shipped mappings: amsterdam; "
            "or give the path of a .toml file\n",
        ),
        (
            [
                "import",
                "subsidy-register",
                str(DATA / "national-grants.csv"),
                "--mapping",
                "amsterdam",
                "-o",
                "{out}",
            ],
            "error: national-grants.csv: mapped column(s) not found: 'AANVRAGER' "
            "(columns.recipient), 'BEDRAG_VERLEEND' (columns.amount), 'SUBSIDIEJAAR' "
            "(columns.year), 'REGELINGNAAM' (columns.programme), 'ORGANISATIEONDERDEEL' "
            "(flow_properties.department)\nhint: the file's columns are: 'Ontvanger', "
            "'Verstrekker', 'Regeling', 'Bedrag', 'Datum', 'Soort'; correct the mapping file, "
            "or print a mapping guessed from the file with --suggest-mapping\n",
        ),
        (
            ["import", "360giving", str(DATA / "national-grants.csv"), "-o", "{out}"],
            "error: national-grants.csv: not a 360Giving spreadsheet, missing column(s) "
            "'Amount Awarded', 'Award Date', 'Funding Org:Identifier', 'Funding Org:Name', "
            "'Recipient Org:Name'\nhint: this looks like a register of grants: graphtool import "
            "subsidy-register national-grants.csv --suggest-mapping prints a mapping to start "
            "from\n",
        ),
        (
            ["import", "cordis", str(DATA / "amsterdam-subsidies.csv"), "-o", "{out}"],
            "error: amsterdam-subsidies.csv: not a CORDIS participation table, missing column(s): "
            "projectID (or project_id, rcn, projectRcn); pic (or organisationID, organisation_id, "
            "participant_pic); role; contribution (or ecContribution, ec_contribution, "
            "netEcContribution); start_year (or start_date, startDate)\nhint: this looks like a "
            "subsidy register: graphtool import subsidy-register amsterdam-subsidies.csv "
            "--mapping amsterdam -o DIR\n",
        ),
    ],
)
def test_bad_inputs(tmp_path, args, message):
    out = tmp_path / "out"
    filled = [a.format(out=out, tmp=tmp_path) for a in args]
    result = run(*filled)
    assert result.exit_code == 1
    assert result.stderr == message.format(tmp=tmp_path)
    assert not out.exists()


def test_unreadable_json(tmp_path):
    bad = tmp_path / "grants.json"
    bad.write_text('{"grants": [}', encoding="utf-8")
    with pytest.raises(ImportSourceError, match=r"grants.json, line 1, column 13: not valid JSON"):
        import_source("360giving", [bad])


def test_mapping_typos_are_refused(tmp_path):
    mapping = tmp_path / "m.toml"
    mapping.write_text('[columns]\nrecipent = "A"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key 'recipent' in \\[columns\\]"):
        import_source("subsidy-register", [DATA / "national-grants.csv"], mapping=mapping)


def test_import_is_documented():
    docs = (Path(__file__).parent.parent / "docs" / "importers.md").read_text(encoding="utf-8")
    for needle in (
        "graphtool import",
        "360giving",
        "subsidy-register",
        "cordis",
        "[columns]",
        "[flow_properties]",
        "[types]",
        "[activity_types]",
    ):
        assert needle in docs
