"""The report: its sections, escaping, the Markdown variant, and the HTML in a headless browser.

The browser tests use ``open_page`` (tests/plugins/browser.py): every request that
is not local is aborted and recorded, console errors, page errors and dialogs are
recorded; in CI a missing browser fails the test.
"""

from __future__ import annotations

import html
import re

import pytest
from click.testing import CliRunner

from graphtool.cli import main
from graphtool.ingest import read_dataset
from graphtool.present.charts import bar_chart, flow_chart
from graphtool.present.report import SECTION_IDS, build_report, render_html, write_report
from tests.conftest import SAMPLE_DATA
from tests.plugins.datasets import write_dataset

LINDENWAARD = SAMPLE_DATA / "lindenwaard"
HOSTILE = "<script>alert(1)</script>"
HOSTILE_IMG = '"><img src=x onerror=alert(2)>'

HOSTILE_TABLES = {
    "organisations": (
        "id,name,type\n"
        f'evil,"{HOSTILE}",housing_association\n'
        f'evil2,"{HOSTILE_IMG.replace(chr(34), chr(34) * 2)}",housing_association\n'
        "gem,Gemeente,municipality\n"
        "bew,Bewoners Noord,residents_association\n"
        "welz,Welzijn,welfare\n"
    ),
    "joint_actions": (
        "id,name,theme,start_year,end_year\n"
        "a1,Eigen 1,housing,2016,2018\na2,Eigen 2,housing,2016,2018\n"
        "a3,Eigen 3,housing,2016,2018\na4,Samen,socio_economic,2016,2018\n"
        "a5,Energie,energy_transition,2017,2018\n"
    ),
    "participations": (
        "action_id,organisation_id\n"
        "a1,evil\na1,evil2\na2,evil\na2,evil2\na3,evil\na3,evil2\n"
        "a4,gem\na4,bew\na4,welz\na5,gem\na5,bew\na5,evil\n"
    ),
    "funding": (
        "funder_id,recipient_id,amount,year\n"
        "evil,evil2,50000,2017\ngem,bew,1000,2017\ngem,welz,9000,2017\n"
    ),
}


@pytest.fixture(scope="module")
def lindenwaard():
    return read_dataset(LINDENWAARD)


@pytest.fixture(scope="module")
def lindenwaard_report(lindenwaard):
    return build_report(lindenwaard, compare_years=(2014, 2018))


@pytest.fixture
def hostile(tmp_path):
    return read_dataset(write_dataset(tmp_path / "hostile", HOSTILE_TABLES))


def _sections(document: str) -> list[str]:
    return re.findall(r'<section id="([a-z]+)">', document)


def test_html_has_every_section_in_order(lindenwaard_report):
    document = render_html(lindenwaard_report)
    assert _sections(document) == list(SECTION_IDS)
    # the sample's three siloed organisations, with their reasons
    flagged = document.split('<section id="flagged">')[1].split("</section>")[0]
    for name in ("Woongoed Middenland", "Zorgkring Middenland", "Stichting Lindenhoutfonds"):
        assert name in flagged
    assert "5 of its 7 joint actions have no partner" in flagged
    # sample_data/README.md pattern 5: the library goes from isolated to broker
    change = document.split('<section id="change">')[1].split("</section>")[0]
    assert re.search(r"Bibliotheek Lindenwaard</td><td>isolated</td><td>broker", change)
    methods = document.split('<section id="methods">')[1]
    for needle in (
        "Krackhardt",
        "Adamic",
        "Gould",
        "Lub, V. (2018)",
        "&quot;threshold&quot;: 0.65",
        "fingerprint",
    ):
        assert needle in methods


def test_html_without_compare_has_no_change_section(lindenwaard):
    document = render_html(build_report(lindenwaard, year=2018))
    assert "change" not in _sections(document)
    assert "year 2018" in document


def test_charts_are_inline_svg_with_every_group(lindenwaard_report):
    document = render_html(lindenwaard_report)
    funding = document.split('<section id="funding">')[1].split("</section>")[0]
    assert funding.count("<svg") == 2
    for label in ("government", "public services", "residents", "civil society", "market"):
        assert label in funding
    # no resource outside the file: no URL other than the SVG namespace
    urls = set(re.findall(r'(?:src|href)="([^"#][^"]*)"', document.split("srcdoc=")[0]))
    assert urls == set()


def test_hostile_names_are_text(hostile):
    document = render_html(build_report(hostile))
    outside_frame = re.sub(r'srcdoc="[^"]*"', 'srcdoc=""', document)
    assert HOSTILE not in outside_frame
    assert "<img src=x" not in outside_frame
    assert "<script" not in outside_frame
    assert html.escape(HOSTILE) in outside_frame
    # the embedded page is an attribute value: no raw quote can end it
    frame = re.search(r'srcdoc="([^"]*)"', document).group(1)
    assert "<" not in frame and '"' not in frame
    assert "<script" in html.unescape(frame)


def test_chart_labels_are_escaped():
    svg = bar_chart(
        [{"group": "x", "given": 5.0, "received": 1.0}],
        title="<t>",
        labels={"x": HOSTILE},
        given_label="given",
        received_label="received",
        colours={},
    )
    assert HOSTILE not in svg and html.escape(HOSTILE) in svg
    flows = flow_chart(
        [{"source": "x", "target": "y", "amount": 3.0}],
        title="t",
        labels={"x": HOSTILE, "y": "y"},
        colours={},
    )
    assert HOSTILE not in flows


def test_markdown_writes_charts_and_page_beside_it(lindenwaard, tmp_path):
    report = build_report(lindenwaard, year=2018, lang="nl")
    written = write_report(report, tmp_path / "verslag.md")
    names = sorted(p.name for p in written)
    assert names == [
        "verslag-funding-by-group.svg",
        "verslag-funding-flows.svg",
        "verslag-network.html",
        "verslag.md",
    ]
    text = (tmp_path / "verslag.md").read_text(encoding="utf-8")
    assert "![" in text and "(verslag-funding-flows.svg)" in text
    assert "## Samenvatting" in text and "De LSA-scan" in text
    assert text.count("\n## ") >= 8
    svg = (tmp_path / "verslag-funding-flows.svg").read_text(encoding="utf-8")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert not list(tmp_path.glob("*.tmp"))


def test_markdown_escapes_hostile_names(hostile, tmp_path):
    write_report(build_report(hostile), tmp_path / "r.md")
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    # CommonMark shows a backslash-escaped "<" as text, so only unescaped tags would be markup
    assert re.findall(r"(?<!\\)<(?:script|img)", text) == []
    assert "\\<script\\>alert(1)\\</script\\>" in text


def test_report_command(tmp_path):
    out = tmp_path / "r.html"
    result = CliRunner().invoke(
        main,
        [
            "report",
            str(LINDENWAARD),
            "-o",
            str(out),
            "--compare",
            "2014",
            "2018",
            "--title",
            "Lindenwaard 2012–2019",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out}\n"
    assert "<title>Lindenwaard 2012–2019</title>" in out.read_text(encoding="utf-8")


def test_report_command_bad_compare_year(tmp_path):
    result = CliRunner().invoke(
        main,
        ["report", str(LINDENWAARD), "-o", str(tmp_path / "r.html"), "--compare", "1990", "2018"],
    )
    assert result.exit_code == 1
    assert "error: lindenwaard has no joint action and no flow in 1990" in result.stderr
    assert not (tmp_path / "r.html").exists()


def _network_frame(page):
    """The frame of the embedded network page, once the iframe is attached."""
    handle = page.locator("section#network iframe").element_handle(timeout=60_000)
    # Chromium does not render a frame outside the viewport, and the page is ready only
    # once it has drawn: scroll to it, as a reader does
    handle.scroll_into_view_if_needed()
    return handle.content_frame()


@pytest.mark.browser
def test_report_opens_offline_without_errors(lindenwaard_report, tmp_path, open_page):
    path = tmp_path / "report.html"
    write_report(lindenwaard_report, path)
    record = open_page(path, wait_ready=False)
    page = record.page
    for section in SECTION_IDS:
        assert page.locator(f"section#{section} h2").is_visible()
    frame = page.frame_locator("section#network iframe")
    # the embedded network page runs: its own ready flag, inside the sandboxed frame
    inner = _network_frame(page)
    inner.wait_for_function("() => window.graphtool && window.graphtool.ready", timeout=120_000)
    assert frame.locator("body").count() == 1
    assert page.locator("section#funding svg").count() == 2
    record.assert_clean()


@pytest.mark.browser
def test_hostile_report_in_browser(hostile, tmp_path, open_page):
    path = tmp_path / "hostile.html"
    # the hostile names are what is tested here: the flag rule without the chance test,
    # so the small crafted network's flagged organisation shows in the flagged section
    no_test = {"territorial_drive": {"significance": {"permutations": 0}}}
    write_report(build_report(hostile, settings=no_test), path)
    record = open_page(path, wait_ready=False)
    page = record.page
    inner = _network_frame(page)
    inner.wait_for_function("() => window.graphtool && window.graphtool.ready", timeout=120_000)
    assert HOSTILE in page.locator("section#flagged").inner_text()
    assert page.locator("section#flagged img").count() == 0
    record.assert_clean()
