"""Registers as they come: bad rows reported, month/year dates, names and legal forms,
the official CORDIS files, currencies, placeholders, shifted columns, corrections, gzip,
combining sources, funding-only datasets and the mapping wizard.

The fixtures in tests/data/importers reproduce the shapes of the real files (see the
README there); every expected number below is computed independently in the test from
the raw fixture with pandas, or counted by hand from the fixture rows (said so).
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from graphtool.cli import main
from graphtool.errors import ConfigError, ImportSourceError
from graphtool.ingest import read_dataset
from graphtool.ingest.importers import REPORT_FILE, import_source, write_dataset
from graphtool.ingest.importers.currencies import read_rates
from graphtool.ingest.importers.mappings import check_mapping, load_mapping
from graphtool.ingest.importers.mappings.suggest import suggest_mapping
from graphtool.ingest.importers.merge import DECISIONS_FILE, read_decisions
from graphtool.ingest.importers.normalise import (
    DateError,
    explain_type,
    is_bare_legal_form,
    is_placeholder_id,
    is_private_person,
    parse_amount,
    parse_date,
)

DATA = Path(__file__).parent / "data" / "importers"
AMSTERDAM = DATA / "amsterdam-register.csv"
GRANTNAV_JSON = DATA / "grantnav-export.json"
GRANTNAV_CSV = DATA / "grantnav-export.csv"
H2020 = [DATA / "cordis-h2020" / "project.csv", DATA / "cordis-h2020" / "organization.csv"]
HORIZON = [DATA / "cordis-horizon" / "project.csv", DATA / "cordis-horizon" / "organization.csv"]


def run(*args: str, quiet: bool = True):
    return CliRunner().invoke(main, ["-q", *args] if quiet else list(args))


def import_amsterdam(out: Path, *options: str, quiet: bool = True):
    """graphtool import subsidy-register amsterdam-register.csv --mapping amsterdam -o OUT ..."""
    args = ["import", "subsidy-register", str(AMSTERDAM), "--mapping", "amsterdam", "-o", str(out)]
    return run(*args, *options, quiet=quiet)


def report_of(folder: Path) -> dict:
    return json.loads((folder / REPORT_FILE).read_text(encoding="utf-8"))


def left_out(report: dict) -> float:
    return sum(s["amount"] for s in report["skipped"])


# --- values as registers write them --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso", "fmt"),
    [
        ("08/2013", "2013-08-01", "mm/yyyy"),
        ("8-2013", "2013-08-01", "mm-yyyy"),
        ("2013-08", "2013-08-01", "yyyy-mm"),
        ("2013", "2013-01-01", "year"),
        ("15 maart 2022", "2022-03-15", "month name"),
        ("15 March 2022", "2022-03-15", "month name"),
        ("1 février 2021", "2021-02-01", "month name"),
        ("March 2022", "2022-03-01", "month name"),
        ("14/03/2014", "2014-03-14", "dd/mm/yyyy"),
        ("2013-08-14T00:00:00+00:00", "2013-08-14", "iso"),
    ],
)
def test_dates_as_registers_write_them(text, iso, fmt):
    when, found = parse_date(text)
    assert (when.isoformat(), found) == (iso, fmt)


def test_a_number_in_a_date_column_is_not_a_date_of_1968():
    with pytest.raises(DateError) as caught:
        parse_date("25000")
    assert str(caught.value) == (
        "'25000' is a number, not a date (as an Excel serial it would be 1968-06-11): "
        "the row's columns may be shifted"
    )
    with pytest.raises(DateError):
        parse_date("43525", serials=False)  # 360Giving dates are text, never serials


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("€ 1.234,56", 1234.56),
        ("1 234,56", 1234.56),
        ("£1,250.00", 1250.0),
        ("-889.465,00", -889465.0),
        ("1.250,-", 1250.0),
        ("$ 10,000", 10000.0),
    ],
)
def test_amounts_as_registers_write_them(text, amount):
    assert parse_amount(text)[0] == amount


@pytest.mark.parametrize(
    ("identifier", "placeholder"),
    [
        ("DUMMY01", True),
        ("dummy-77", True),
        ("360G-NG-n/a", True),
        ("GB-CHC-n/a", True),
        ("GB-REV", True),
        ("GB-CHC-0000000", True),
        ("", True),
        ("GB-CHC-1111111", False),
        ("US-EIN-123456789", False),
    ],
)
def test_placeholder_identifiers(identifier, placeholder):
    assert is_placeholder_id(identifier) is placeholder


def test_bare_legal_forms_and_masked_persons_are_never_organisations():
    assert [is_bare_legal_form(n) for n in ["Stichting", "St.", "B.V.", "vzw", "Stichting X"]] == [
        True,
        True,
        True,
        True,
        False,
    ]
    assert [is_private_person(n) for n in ["Eenmanszaak", "(Particulier)", "Bakkerij X"]] == [
        True,
        True,
        False,
    ]


@pytest.mark.parametrize(
    ("name", "kind", "rule", "words"),
    [
        ("Samenwonen-Samenleven", "other", "default", ""),
        ("Stichting Woonstad Rotterdam", "housing_association", "housing association", "woonstad"),
        ("Woonmaatschappij Gent", "housing_association", "housing association", "woonmaatschappij"),
        ("Stichting Beschermd Wonen Zuid", "care", "supported housing", "beschermd wonen"),
        ("Stad Gent", "municipality", "municipality", "stad"),
        ("Ville de Liège", "municipality", "municipality", "ville"),
        ("Provincie Antwerpen", "province", "province", "provincie"),
        (
            "Vlaamse Overheid - Departement Cultuur",
            "regional_government",
            "regional government",
            "vlaamse overheid",
        ),
        (
            "Service public de Wallonie",
            "regional_government",
            "regional government",
            "service public de wallonie",
        ),
        ("OCMW Zele", "welfare", "welfare", "ocmw"),
        ("Maison de Quartier asbl", "other", "association", "asbl"),
        ("Bakkerij Jansen B.V.", "business", "business", "bv"),
    ],
)
def test_type_rules_read_whole_words_and_say_which_fired(name, kind, rule, words):
    assert explain_type(name) == (kind, rule, words)


# --- the Amsterdam register ---------------------------------------------------------------


def independent_sum_of_bedrag_verleend() -> float:
    """pandas, not graphtool: strip currency signs and spaces, Dutch separators to a point."""
    raw = pd.read_csv(AMSTERDAM, sep=";", dtype=str, keep_default_na=False)
    text = (
        raw["BEDRAG_VERLEEND"]
        .str.replace("€", "", regex=False)
        .str.replace(" ", "", regex=False)
        .str.replace(",-", "", regex=False)
        .str.replace(".", "", regex=False)
        .str.replace(",", ".", regex=False)
    )
    return float(pd.to_numeric(text, errors="coerce").sum())


def test_amsterdam_register_imports_with_the_shipped_mapping(tmp_path):
    out = tmp_path / "ams"
    result = import_amsterdam(out, "--format", "json", quiet=False)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "warning: 4 of 8 type overrides match no organisation: 'Rochdale', 'Stadgenoot', "
        "'Stichting Combiwel', 'Stichting Doras' (check their spelling against the register's "
        "names)",
        "warning: 5 row(s) left out: values that cannot be read, first amsterdam-register.csv, "
        "line 11, column 'BEDRAG_VERLEEND': [bad-amount] 'NULL' is not an amount; write it as "
        "1234.56, 1.234,56 or 1,234.56 (value: 'NULL'); every reason and the money left out are "
        "in the report; --strict refuses the whole import instead",
    ]
    report = json.loads(result.stdout)
    assert report == report_of(out)
    skipped = {s["reason"]: (s["rows"], s["amount"]) for s in report["skipped"]}
    # counted by hand from the fixture: rows 7 (Stichting), 8 (Eenmanszaak), 9 (Particulier),
    # NULL in rows 11, 12, 22, 27 and n.v.t. in row 18
    assert skipped == {
        "private person (a bare legal form, the name masked)": (1, 750.0),
        "private person": (2, 2050.0),
        "unreadable value (bad-amount)": (5, 0.0),
        "zero amount (after netting corrections)": (3, 0.0),
    }
    assert report["unreadable"][0] == {
        "file": "amsterdam-register.csv",
        "line": 11,
        "record": "",
        "column": "BEDRAG_VERLEEND",
        "value": "NULL",
        "code": "bad-amount",
        "problem": "'NULL' is not an amount; write it as 1234.56, 1.234,56 or 1,234.56",
    }
    imported = report["import"]["amount in flows"]
    expected = independent_sum_of_bedrag_verleend()
    assert imported + left_out(report) == pytest.approx(expected, rel=0.001)
    assert imported + left_out(report) == pytest.approx(expected, abs=0.01)
    ds = read_dataset(out)
    orgs = ds.organisations.set_index("id")
    # legal forms stripped for matching, kept for display
    assert orgs.loc["stichting-dynamo", "name"] == "Stichting Dynamo"
    assert orgs.loc["stichting-dynamo", "type"] == "welfare"  # the override "Stichting Dynamo"
    assert "dynamo" not in orgs.index
    # word boundaries: not a housing association
    assert orgs.loc["samenwonen-samenleven", ["type", "type_source"]].tolist() == [
        "other",
        "default",
    ]
    assert "stichting" not in orgs.index and "eenmanszaak" not in orgs.index
    # €0 only (0,00 in 2022; +20.000 and -20.000 in 2024): not created
    assert "stichting-buurtzorg-oost" not in orgs.index
    assert report["notes"][0] == {
        "note": "1 organisation(s) whose only rows were €0 (or netted to €0) were not created: "
        "stichting-buurtzorg-oost"
    }


def test_the_result_line_says_rows_were_left_out_even_when_quiet(tmp_path):
    out = tmp_path / "ams"
    result = import_amsterdam(out)
    assert result.exit_code == 0
    assert result.stdout == (
        f"wrote {out}: ams: 11 organisations, 0 joint actions, 0 participations, 12 funding "
        f"flows, 0 neighbourhoods; 5 row(s) with unreadable values left out, listed in "
        f"{out / REPORT_FILE}\n"
    )
    assert result.stderr == ""


def test_strict_amsterdam_import_is_all_or_nothing(tmp_path):
    out = tmp_path / "ams"
    result = import_amsterdam(out, "--strict")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "error: subsidy-register: 5 values cannot be read, nothing was written (--strict)"
    )
    assert not out.exists()


def test_a_correction_of_a_later_year_is_netted_against_its_grant_where_linked():
    linked = import_source("subsidy-register", [AMSTERDAM], mapping=DATA / "amsterdam-dossier.toml")
    plain = import_source("subsidy-register", [AMSTERDAM], mapping="amsterdam")

    def regenboog(result):
        funding = result.tables["funding"]
        rows = funding[funding["recipient_id"] == "stichting-de-regenboog-groep"]
        return dict(zip(rows["year"], rows["amount"], strict=True))

    # DOSSIERNUMMER SBS-2022-0009: 889.465,00 in 2022, -889.465,00 booked in 2024
    assert regenboog(linked) == {2024: 910000.0}
    styles = {(v["kind"], v["written as"]): v["count"] for v in linked.report["values"]}
    assert styles[("amounts", "corrections netted against their grant's first year")] == 1
    # without the link the correction nets within 2024, against another grant
    assert regenboog(plain) == {2022: 889465.0, 2024: 20535.0}
    for result in (linked, plain):
        total = result.report["import"]["amount in flows"] + left_out(result.report)
        assert total == pytest.approx(independent_sum_of_bedrag_verleend(), abs=0.01)


def test_an_unlinked_correction_is_reported_not_netted(tmp_path):
    source = tmp_path / "register.csv"
    source.write_text(
        "AANVRAGER;ORGANISATIEONDERDEEL;REGELINGNAAM;BEDRAG_VERLEEND;SUBSIDIEJAAR\n"
        "Stichting Doras;Noord;Welzijn;100.000,00;2022\n"
        "Stichting Doras;Noord;Welzijn;-889.465,00;2024\n",
        encoding="utf-8",
    )
    result = import_source("subsidy-register", [source], mapping="amsterdam")
    assert result.report["skipped"] == [
        {
            "reason": "correction not linked to a grant (not netted)",
            "rows": 1,
            "amount": -889465.0,
            "examples": "gemeente-amsterdam -> stichting-doras 2024",
        }
    ]


def test_explain_types_lists_each_organisation_with_its_rule(tmp_path):
    result = run(
        "import",
        "subsidy-register",
        str(DATA / "amsterdam-subsidies.csv"),
        "--mapping",
        "amsterdam",
        "-o",
        str(tmp_path / "out"),
        "--explain-types",
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "name", "type", "from", "matched"]
    row = next(line for line in lines if line.startswith("woonstichting-de-key"))
    assert row.split() == [
        "woonstichting-de-key",
        "Woonstichting",
        "De",
        "Key",
        "housing_association",
        "name:",
        "housing",
        "association",
        "woonstichting",
    ]


# --- 360Giving / GrantNav ------------------------------------------------------------------


def test_grantnav_export_with_month_year_dates_imports(tmp_path):
    out = tmp_path / "grants"
    result = run(
        "import",
        "360giving",
        str(GRANTNAV_JSON),
        str(GRANTNAV_CSV),
        "-o",
        str(out),
        "--format",
        "json",
        quiet=False,
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "warning: 3 row(s) left out: values that cannot be read, first grantnav-export.json, "
        "record 7, column 'currency': [bad-currency] not a currency code (such as GBP): the "
        "grant's fields may be shifted (value: 'Community garden in Harehills'); every reason "
        "and the money left out are in the report; --strict refuses the whole import instead"
    ]
    report = json.loads(result.stdout)
    assert [
        (u["file"], u["line"], u["record"], u["column"], u["value"]) for u in report["unreadable"]
    ] == [
        ("grantnav-export.json", "", 7, "currency", "Community garden in Harehills"),
        ("grantnav-export.json", "", 8, "awardDate", "25000"),
        ("grantnav-export.csv", 5, "", "Currency", "Sports kit for under-12s"),
    ]
    # currencies are never added together
    assert report["import"]["amount in flows (GBP)"] == 57250.5
    assert report["import"]["amount in flows (USD)"] == 12000.0
    assert "amount in flows" not in report["import"]
    # totals per funder, currency and year, counted independently from the raw files
    grants = json.loads(GRANTNAV_JSON.read_text(encoding="utf-8"))["grants"]
    raw = [
        (
            g["fundingOrganization"][0]["name"],
            g["currency"],
            g["amountAwarded"],
            str(g["awardDate"]),
            bool(g.get("recipientIndividual")),
        )
        for g in grants
    ]
    flat = pd.read_csv(GRANTNAV_CSV, dtype=str, keep_default_na=False)
    raw += [
        (
            r["Funding Org:Name"],
            r["Currency"],
            float(r["Amount Awarded"].replace(",", "")),
            r["Award Date"],
            bool(r["Recipient Individual Id"]),
        )
        for _, r in flat.iterrows()
        if re.fullmatch(r"[A-Z]{3}", r["Currency"])
    ]
    frame = pd.DataFrame(raw, columns=["funder", "currency", "amount", "date", "individual"])
    frame = frame[frame["currency"].str.fullmatch(r"[A-Z]{3}") & ~frame["individual"]]
    frame = frame[frame["date"].str.contains(r"\d{4}") & (frame["date"] != "25000")]
    frame["year"] = frame["date"].str.extract(r"((?:19|20)\d\d)")[0].astype(int)
    frame["amount"] = frame["amount"].astype(float)
    expected = frame[frame["amount"] > 0].groupby(["funder", "currency", "year"])["amount"].sum()
    ds = read_dataset(out)
    names = ds.organisations.set_index("id")["name"]
    got = (
        ds.funding.assign(
            funder=ds.funding["funder_id"].map(names), year=ds.funding["year"].astype(int)
        )
        .groupby(["funder", "currency", "year"])["amount"]
        .sum()
    )
    pd.testing.assert_series_equal(got.sort_index(), expected.sort_index(), check_names=False)


def test_analyses_warn_when_flows_are_in_several_currencies(tmp_path):
    out = tmp_path / "grants"
    write_dataset(import_source("360giving", [GRANTNAV_JSON, GRANTNAV_CSV]), out)
    result = run("overview", str(out), quiet=False)
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: grants has flows in 2 currencies (GBP, USD): money totals add their amounts "
        "as they are; import with --rates FILE to convert them into one currency "
        "(graphtool help importers)\n"
    )


def test_placeholder_identifiers_do_not_merge_recipients_or_make_self_loops():
    result = import_source("360giving", [GRANTNAV_JSON, GRANTNAV_CSV])
    orgs = result.tables["organisations"].set_index("id")
    funding = result.tables["funding"]
    # DUMMY01 is shared by two recipients: two organisations, matched by name
    assert {"hyde-park-youth-club", "chapeltown-allotments-society"} <= set(orgs.index)
    assert "DUMMY01" not in orgs.index and "GB-REV" not in orgs.index
    # GB-REV is shared by a funder (the council) and a recipient (the library): no self-loop
    assert set(orgs.loc[["leeds-city-council", "leeds-central-library"], "type"]) == {
        "municipality",
        "other",
    }
    assert not (funding["funder_id"] == funding["recipient_id"]).any()
    assert funding[funding["funder_id"] == "leeds-city-council"]["recipient_id"].tolist() == [
        "leeds-central-library"
    ]
    styles = {(v["kind"], v["written as"]): v["count"] for v in result.report["values"]}
    assert styles[("identifiers", "placeholder identifier read as missing")] == 7


def test_360giving_strict_names_record_numbers_for_json():
    with pytest.raises(ImportSourceError) as caught:
        import_source("360giving", [GRANTNAV_JSON], strict=True)
    assert str(caught.value).splitlines()[:3] == [
        "360giving: 2 values cannot be read, nothing was written (--strict)",
        "grantnav-export.json, record 7, column 'currency': [bad-currency] not a currency code "
        "(such as GBP): the grant's fields may be shifted (value: 'Community garden in "
        "Harehills')",
        "grantnav-export.json, record 8, column 'awardDate': [bad-date] '25000' is a number, "
        "not a date (as an Excel serial it would be 1968-06-11): the row's columns may be "
        "shifted (value: '25000')",
    ]


def test_gzipped_inputs_are_read_directly(tmp_path):
    zipped = []
    for path in (GRANTNAV_JSON, GRANTNAV_CSV):
        target = tmp_path / f"{path.name}.gz"
        target.write_bytes(gzip.compress(path.read_bytes()))
        zipped.append(target)
    plain = import_source("360giving", [GRANTNAV_JSON, GRANTNAV_CSV])
    packed = import_source("360giving", zipped)
    for table in ("organisations", "funding"):
        pd.testing.assert_frame_equal(packed.tables[table], plain.tables[table])


def test_a_rate_table_converts_with_dated_rates_and_reports_what_it_cannot(tmp_path):
    result = import_source(
        "360giving", [GRANTNAV_JSON, GRANTNAV_CSV], rates=DATA / "rates-gbp-usd.csv"
    )
    funding = result.tables["funding"]
    assert set(funding["currency"]) == {"EUR"}
    usd = funding[funding["original_currency"] == "USD"].iloc[0]
    assert (usd["original_amount"], usd["rate"], usd["amount"], usd["year"]) == (
        2000.0,
        0.754,
        1508.0,
        2014,
    )
    no_rate = [s for s in result.report["skipped"] if s["reason"].startswith("no exchange")]
    assert no_rate == [
        {
            "reason": "no exchange rate for USD in 2015 (rates-gbp-usd.csv)",
            "currency": "USD",
            "rows": 1,
            "amount": 10000.0,
            "examples": "GB-CHC-1234567 -> US-EIN-123456789 2015",
        }
    ]
    assert {"note": "amounts converted into EUR with the rates of rates-gbp-usd.csv"} in (
        result.report["notes"]
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "currency,year,rate\nGBP,2020,1.1\n",
            "rates.csv: not a rate table, missing column(s): to",
        ),
        (
            "currency,to,year,rate\nGBP,EUR,2020,x\n",
            "rates.csv, line 2: year must be an integer and rate a number (year '2020', rate 'x')",
        ),
        (
            "currency,to,year,rate\nPounds,EUR,2020,1.1\n",
            "rates.csv, line 2: 'Pounds' is not a currency code",
        ),
        (
            "currency,to,year,rate\nGBP,EUR,2020,1.1\nGBP,EUR,2020,1.2\n",
            "rates.csv, line 3: a second rate for GBP in 2020",
        ),
    ],
)
def test_bad_rate_tables(tmp_path, text, message):
    path = tmp_path / "rates.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_rates(path)
    assert caught.value.message == message


# --- CORDIS open data ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "edition", "projects"),
    [(H2020, "Horizon 2020", 2), (HORIZON, "Horizon Europe", 2)],
)
def test_official_cordis_files_import_keyed_on_project_id(tmp_path, files, edition, projects):
    result = import_source("cordis", list(reversed(files)))  # order does not matter
    ds = write_dataset(result, tmp_path / "out")
    assert result.report["notes"][0] == {
        "note": f"format: CORDIS open data, {edition} edition (project.csv, organization.csv; "
        "projects keyed on projectID)"
    }
    # independently from the raw files
    orgs = pd.read_csv(files[1], sep=";", dtype=str, keep_default_na=False)
    proj = pd.read_csv(files[0], sep=";", dtype=str, keep_default_na=False)
    assert len(ds.joint_actions) == orgs["projectID"].nunique() == projects
    assert len(ds.organisations) == orgs["organisationID"].nunique() + 1  # + the EC
    assert len(ds.participations) == len(orgs)
    paid = pd.to_numeric(orgs["ecContribution"].str.replace(",", "."), errors="coerce")
    assert ds.funding["amount"].sum() == pytest.approx(paid.sum())
    starts = dict(zip(proj["id"], proj["startDate"].str[:4].astype(int), strict=True))
    flows = ds.funding.assign(start=ds.funding["action_id"].map(starts))
    assert (flows["year"] == flows["start"]).all()
    names = ds.organisations.set_index("id")
    assert names.loc["999979888", ["name", "type", "type_source"]].tolist() == [
        "STAD GENT",
        "municipality",
        "name: municipality (activity type PUB)",
    ]


def test_h2020_organization_rcn_is_the_row_not_the_project():
    result = import_source("cordis", H2020)
    actions = result.tables["joint_actions"]
    assert actions["id"].tolist() == ["773421", "862409"]
    assert actions["name"].tolist() == ["CITYLAB", "GREENWAY"]
    roles = result.tables["participations"].groupby("action_id")["role"].apply(sorted)
    assert roles.to_dict() == {
        "773421": ["lead", "participant", "partner", "partner", "partner"],
        "862409": ["lead", "participant", "partner", "partner"],
    }


@pytest.mark.parametrize(
    ("which", "message"),
    [
        (
            0,
            "error: project.csv: a CORDIS project.csv without its organization.csv\nhint: give "
            "organization.csv too: it says which organisations take part and their EC "
            "contributions\n",
        ),
        (
            1,
            "error: organization.csv: a CORDIS organization.csv without its project.csv\nhint: "
            "give project.csv too: the projects' dates (the years of the contributions) and "
            "titles are in it\n",
        ),
    ],
)
def test_one_of_the_two_portal_files_alone_is_refused(tmp_path, which, message):
    result = run("import", "cordis", str(H2020[which]), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == message


@pytest.mark.parametrize(
    ("kind", "path", "hint"),
    [
        (
            "cordis",
            GRANTNAV_CSV,
            "hint: this looks like 360Giving data: graphtool import 360giving grantnav-export.csv "
            "-o DIR",
        ),
        (
            "360giving",
            H2020[1],
            "hint: this looks like a cordis organization.csv: graphtool import cordis "
            "organization.csv ... -o DIR",
        ),
        (
            "360giving",
            DATA / "vlaams-subsidieregister.csv",
            "hint: this looks like a register of grants: graphtool import subsidy-register "
            "vlaams-subsidieregister.csv --suggest-mapping prints a mapping to start from",
        ),
    ],
)
def test_the_wrong_importer_names_the_right_one(tmp_path, kind, path, hint):
    result = run("import", kind, str(path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == hint


# --- combining sources -------------------------------------------------------------------------


def test_merge_matches_by_identifier_then_name_and_takes_corrections(tmp_path):
    grants = tmp_path / "grants"
    council = tmp_path / "council"
    assert (
        run(
            "import", "360giving", str(GRANTNAV_JSON), str(GRANTNAV_CSV), "-o", str(grants)
        ).exit_code
        == 0
    )
    assert (
        run(
            "import",
            "subsidy-register",
            str(DATA / "uk-council-grants.csv"),
            "--mapping",
            str(DATA / "uk-council-grants.toml"),
            "-o",
            str(council),
        ).exit_code
        == 0
    )
    out = tmp_path / "combined"
    result = run("merge", str(grants), str(council), "-o", str(out))
    assert result.exit_code == 0, result.output
    decisions = pd.read_csv(out / DECISIONS_FILE, dtype=str, keep_default_na=False)
    got = {r["name"]: (r["matched_by"], r["matched_id"]) for _, r in decisions.iterrows()}
    assert got == {
        # charity number 1111111 under the register's id_scheme GB-CHC = org-id GB-CHC-1111111
        "Leeds Community Trust": ("identifier", "GB-CHC-1111111"),
        "Harehills Food Bank": ("name", "harehills-food-bank"),
        "Kirkstall Social Enterprise CIC": ("name", "GB-COH-09999999"),
        "Bramley Juniors FC": ("none", ""),  # its grant in the export was a shifted row
        "Armley Lunch Club": ("name", "armley-lunch-club"),
        "Leeds City Council": ("name", "leeds-city-council"),
    }
    merged = read_dataset(out)
    assert len(merged.organisations) == 11 + 1  # the grants' 11 and Bramley Juniors FC
    assert set(merged.funding["source"]) == {"grants", "council"}
    # a correction fed back: Harehills Food Bank is another organisation after all
    decisions.loc[decisions["name"] == "Harehills Food Bank", "decision"] = "separate"
    corrected = tmp_path / "decisions.csv"
    decisions.to_csv(corrected, index=False)
    again = run(
        "merge", str(grants), str(council), "-o", str(out), "--force", "--decisions", str(corrected)
    )
    assert again.exit_code == 0, again.output
    merged = read_dataset(out)
    assert len(merged.organisations) == 13
    redone = read_decisions(out / DECISIONS_FILE).set_index("name")
    assert redone.loc["Harehills Food Bank", ["matched_by", "decision"]].tolist() == [
        "decision",
        "separate",
    ]


def test_import_into_adds_a_source_to_a_dataset_folder(tmp_path):
    grants = tmp_path / "grants"
    assert run("import", "360giving", str(GRANTNAV_JSON), "-o", str(grants)).exit_code == 0
    before = len(read_dataset(grants).funding)
    (grants / "README.md").write_text("my notes on this dataset\n", encoding="utf-8")
    result = run(
        "import",
        "subsidy-register",
        str(DATA / "uk-council-grants.csv"),
        "--mapping",
        str(DATA / "uk-council-grants.toml"),
        "--into",
        str(grants),
    )
    assert result.exit_code == 0, result.output
    merged = read_dataset(grants)
    assert len(merged.funding) == before + 5
    assert (grants / DECISIONS_FILE).exists()
    # what the user keeps in the folder stays
    assert (grants / "README.md").read_text(encoding="utf-8") == "my notes on this dataset\n"
    assert [p.name for p in tmp_path.iterdir()] == ["grants"]  # nothing left beside it


def test_a_merge_across_cordis_editions_matches_pics(tmp_path):
    h2020, horizon = tmp_path / "h2020", tmp_path / "horizon"
    write_dataset(import_source("cordis", H2020), h2020)
    write_dataset(import_source("cordis", HORIZON), horizon)
    result = run("merge", str(h2020), str(horizon), "-o", str(tmp_path / "both"))
    assert result.exit_code == 0, result.output
    decisions = pd.read_csv(tmp_path / "both" / DECISIONS_FILE, dtype=str, keep_default_na=False)
    by_identifier = set(decisions[decisions["matched_by"] == "identifier"]["id"])
    assert by_identifier == {"999960006", "999979888", "999990655", "EC"} - {"EC"}
    both = read_dataset(tmp_path / "both")
    assert len(both.joint_actions) == 4
    # Stad Gent takes part in projects of both programmes, as one organisation
    gent = both.participations[both.participations["organisation_id"] == "999979888"]
    assert sorted(gent["action_id"]) == ["101094321", "773421", "862409"]


@pytest.mark.parametrize(
    ("decision", "matched", "message"),
    [
        ("maybe", "x", "decisions.csv, line 2, column 'decision': 'maybe' is not a decision"),
        (
            "merge",
            "nobody",
            "decisions, line 2: matched_id 'nobody' is not an organisation of grants",
        ),
    ],
)
def test_bad_merge_decisions(tmp_path, decision, matched, message):
    grants, council = tmp_path / "grants", tmp_path / "council"
    write_dataset(import_source("360giving", [GRANTNAV_JSON]), grants)
    write_dataset(
        import_source(
            "subsidy-register",
            [DATA / "uk-council-grants.csv"],
            mapping=DATA / "uk-council-grants.toml",
        ),
        council,
    )
    path = tmp_path / "decisions.csv"
    pd.DataFrame(
        [
            {
                "source": "council",
                "id": "1111111",
                "name": "x",
                "matched_by": "",
                "matched_id": matched,
                "matched_name": "",
                "decision": decision,
            }
        ]
    ).to_csv(path, index=False)
    result = run(
        "merge", str(grants), str(council), "-o", str(tmp_path / "out"), "--decisions", str(path)
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"error: {message}"
    assert not (tmp_path / "out").exists()


# --- funding-only datasets -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def funding_only(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("funding") / "ams"
    write_dataset(import_source("subsidy-register", [AMSTERDAM], mapping="amsterdam"), out)
    return out


@pytest.mark.parametrize(
    "command", ["territorial-drive", "brokerage", "missing-links", "evaluate-links"]
)
def test_commands_that_need_joint_actions_say_so_in_one_line(funding_only, command):
    result = run(command, str(funding_only))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: ams has no joint actions (funding only): {command} needs who takes part in "
        "what; overview, scan, report and visualise show its money\n"
    )


@pytest.mark.parametrize("command", [["overview"], ["scan"], ["overview", "--format", "json"]])
def test_money_only_analyses_still_run(funding_only, command):
    result = run(command[0], str(funding_only), *command[1:])
    assert result.exit_code == 0, result.output


def test_overview_of_a_funding_only_dataset_has_its_money(funding_only):
    result = run("overview", str(funding_only), "--format", "json")
    sections = json.loads(result.stdout)
    groups = {g["group"]: g for g in sections["by_group"]}
    expected = read_dataset(funding_only).funding["amount"].sum()
    assert groups["government"]["funding_given"] == pytest.approx(expected)


# --- the mapping wizard -------------------------------------------------------------------------


def test_suggested_mapping_for_the_amsterdam_register_matches_the_shipped_one():
    text = suggest_mapping(AMSTERDAM)
    import tomllib

    suggested = tomllib.loads(text)
    check_mapping(suggested, "subsidy-register", "suggested")
    shipped = load_mapping("amsterdam", "subsidy-register")
    assert suggested["columns"] == shipped["columns"]
    assert suggested["flow_properties"] == shipped["flow_properties"]
    assert text.splitlines()[13] == (
        "recipient = \"AANVRAGER\"  # recognised by its name; e.g. 'Stichting Dynamo'"
    )
    assert text.splitlines()[-5] == (
        "# Columns not mapped: DOSSIERNUMMER, PROJECT_NAAM, BEDRAG_AANGEVRAAGD"
    )


def test_suggested_mapping_for_a_flemish_register():
    import tomllib

    suggested = tomllib.loads(suggest_mapping(DATA / "vlaams-subsidieregister.csv"))
    assert suggested["register"]["id_scheme"] == "BE-BCE_KBO"
    assert suggested["columns"] == {
        "recipient": "Begunstigde",
        "recipient_id": "Ondernemingsnummer",
        "amount": "Toegekend bedrag",
        "year": "Begrotingsjaar",
        "programme": "Subsidiemaatregel",
    }
    assert suggested["flow_properties"] == {"department": "Entiteit"}


def test_suggested_mapping_for_an_english_register_imports_once_the_funder_is_named(tmp_path):
    text = suggest_mapping(DATA / "uk-council-grants.csv")
    assert "amount = \"Amount (£)\"  # recognised by its values: amounts; e.g. '12,500.00'" in text
    mapping = tmp_path / "uk.toml"
    mapping.write_text(
        text.replace('"Funder of uk-council-grants"', '"Leeds City Council"'), encoding="utf-8"
    )
    result = run(
        "import",
        "subsidy-register",
        str(DATA / "uk-council-grants.csv"),
        "--mapping",
        str(mapping),
        "-o",
        str(tmp_path / "out"),
    )
    assert result.exit_code == 0, result.output
    ds = read_dataset(tmp_path / "out")
    raw = pd.read_csv(DATA / "uk-council-grants.csv", dtype=str)
    assert ds.funding["amount"].sum() == pytest.approx(
        raw["Amount (£)"].str.replace(",", "").astype(float).sum()
    )


def test_suggest_mapping_from_the_command_line(tmp_path):
    result = run("import", "subsidy-register", str(AMSTERDAM), "--suggest-mapping")
    assert result.exit_code == 0
    assert result.stdout == suggest_mapping(AMSTERDAM)
    wrong = run("import", "cordis", str(H2020[0]), "--suggest-mapping")
    assert wrong.exit_code == 1
    assert wrong.stderr == (
        "error: --suggest-mapping is for subsidy-register, not cordis\n"
        "hint: cordis files have fixed columns; import them without a mapping\n"
    )


def test_import_needs_one_destination(tmp_path):
    result = run("import", "cordis", *map(str, H2020))
    assert result.exit_code == 2
    assert "give either -o DATASET_DIR or --into DATASET_DIR (one of the two)" in result.stderr


def test_every_fixture_is_described_in_the_readme():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for path in sorted(DATA.rglob("*")):
        if path.is_file() and path.name != "README.md":
            assert str(path.relative_to(DATA)) in readme, path


def test_a_damaged_gzip_file_is_named(tmp_path):
    bad = tmp_path / "grants.json.gz"
    bad.write_bytes(gzip.compress(b'{"grants": []}')[:12])
    with pytest.raises(ImportSourceError) as caught:
        import_source("360giving", [bad])
    assert caught.value.message.startswith(f"{bad}: a damaged gzip file: ")
    assert caught.value.hint == "download or compress it again"


def test_decisions_go_with_into(tmp_path):
    result = run(
        "import", "cordis", *map(str, H2020), "-o", str(tmp_path / "o"), "--decisions", "x.csv"
    )
    assert result.exit_code == 2
    assert "--decisions goes with --into" in result.stderr


def test_participations_of_a_project_missing_from_project_csv_are_reported(tmp_path):
    organisations = tmp_path / "organization.csv"
    text = H2020[1].read_text(encoding="utf-8")
    organisations.write_text(text.replace("\n862409;", "\n999999;"), encoding="utf-8")
    result = import_source("cordis", [H2020[0], organisations])
    missing = [s for s in result.report["skipped"] if s["reason"] == "project not in project.csv"]
    assert missing == [
        {
            "reason": "project not in project.csv",
            "rows": 4,
            "amount": 1999750.0,  # 500000 + 999750 + 500000 + (none) of project 862409
            "examples": "organization.csv:7 999999; organization.csv:8 999999; "
            "organization.csv:9 999999",
        }
    ]


def test_the_flattened_form_reads_the_same_from_a_workbook(tmp_path):
    from openpyxl import Workbook

    flat = pd.read_csv(GRANTNAV_CSV, dtype=str, keep_default_na=False)
    book = Workbook()
    sheet = book.active
    sheet.append(list(flat.columns))
    for row in flat.itertuples(index=False):
        sheet.append(list(row))
    path = tmp_path / "grantnav-export.xlsx"
    book.save(path)
    from_csv = import_source("360giving", [GRANTNAV_CSV])
    from_xlsx = import_source("360giving", [path])
    for table in ("organisations", "funding"):
        pd.testing.assert_frame_equal(from_xlsx.tables[table], from_csv.tables[table])
    assert [u["file"] for u in from_xlsx.report["unreadable"]] == ["grantnav-export.xlsx[Sheet]"]
