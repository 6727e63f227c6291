"""The facilitator's network page, in a real headless Chromium with the network blocked.

Unit tests of the page data come first; the browser tests load the written page
through ``open_page`` (tests/plugins/browser.py), which aborts and records every
request that is not local and records console errors, page errors and dialogs.
"""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from graphtool.cli import main
from graphtool.errors import ConfigError
from graphtool.graphs import build_collaboration_graph
from graphtool.present import network_page as np_module
from graphtool.present.network_page import (
    json_for_script,
    network_page,
    page_data,
    render_page,
    run_analyses,
)
from graphtool.present.reasons import Labels, reason_texts
from tests.plugins.datasets import write_dataset

HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_SCRIPT = "</script><script>alert(1)</script>"
HOSTILE_FLAG = '<img src=x onerror="window.pwned=1">'
HOSTILE_FLAG_SCRIPT = "</script><script>window.pwned=2</script>"

TABLES = {
    "organisations": (
        "id,name,type,neighbourhoods\n"
        "gem,Gemeente Lindenwaard,municipality,noord;zuid\n"
        "woco,Woonstede,housing_association,noord\n"
        "welz,Welzijn Lindenwaard,welfare,zuid\n"
        "bew,Bewonersraad Noord,residents_association,noord\n"
        f"evil1,{HOSTILE_IMG},business,\n"
        f'evil2,"{HOSTILE_SCRIPT}",foundation,zuid\n'
        f'evil3,"{HOSTILE_FLAG.replace(chr(34), chr(34) * 2)}",business,\n'
        f"evil4,{HOSTILE_FLAG_SCRIPT},business,\n"
        "solo,Solo BV,business,\n"
    ),
    "joint_actions": (
        "id,name,theme,neighbourhood,start_year,end_year\n"
        "a1,Energie Noord,energy_transition,noord,2015,2017\n"
        "a2,Samen Zuid,liveability,zuid,2016,2018\n"
        "a3,Jeugd,youth,zuid,2018,\n"
        "a4,Solo,employment,,2016,2016\n"
        "a5,Veilig,safety,,2015,2015\n"
    ),
    "participations": (
        "action_id,organisation_id,role\n"
        "a1,gem,lead\na1,woco,\na1,bew,\n"
        "a2,gem,\na2,welz,\na2,evil2,\n"
        "a3,welz,\na3,evil1,\n"
        "a4,solo,\n"
        "a5,evil3,\na5,evil4,\na5,gem,\n"
    ),
    "funding": (
        "funder_id,recipient_id,amount,year\n"
        "gem,welz,100000,2016\ngem,welz,50000,2017\n"
        "gem,bew,5000,2016\nevil2,evil1,1000,2018\n"
    ),
}
DRIVE = [
    {
        "id": "woco",
        "score": 0.82,
        "flagged": True,
        "reasons": ["all 2 partners are public services", "no action with residents"],
    },
    {"id": "gem", "score": 0.2, "flagged": False, "reasons": []},
    {"id": "nobody", "score": 1.0, "flagged": True, "reasons": ["unknown id, ignored"]},
]
SUGGESTIONS = [
    {"source": "woco", "target": "welz", "score": 0.9, "reasons": ["both work with Gemeente"]},
    {"source": "bew", "target": "solo", "score": 0.4, "reasons": "one plain reason"},
    {"source": "woco", "target": "nobody", "score": 0.3, "reasons": []},
]


@pytest.fixture
def dataset(make_dataset):
    return make_dataset(**TABLES)


def index_of(ds, org_id: str) -> int:
    return list(ds.organisations["id"]).index(org_id)


def write_page(tmp_path, ds, name="page.html", **kwargs):
    data = page_data(ds, **kwargs)
    path = tmp_path / name
    path.write_text(render_page(data), encoding="utf-8")
    return path, data


# ------------------------------------------------------------------------- unit tests


@given(st.text())
def test_json_for_script_round_trips_and_never_contains_markup_characters(value):
    encoded = json_for_script({"name": value})
    assert not re.search("[<>&\u2028\u2029]", encoded)
    assert json.loads(encoded) == {"name": value}


def test_page_data_counts_and_ties_match_the_graph(dataset):
    data = page_data(dataset, drive=DRIVE, suggestions=SUGGESTIONS)
    graph = build_collaboration_graph(dataset)
    assert len(data["organisations"]) == len(dataset.organisations)
    assert len(data["actions"]) == len(dataset.joint_actions)
    ids = [o["id"] for o in data["organisations"]]
    ties = {(ids[c[0]], ids[c[1]]): c[2] for c in data["collaboration"]}
    expected = {(r.source, r.target): r.weight for r in graph.edges().itertuples()}
    assert ties == expected
    # a tie's shared actions are those both organisations take part in
    gem, welz = index_of(dataset, "gem"), index_of(dataset, "welz")
    (tie,) = [c for c in data["collaboration"] if {c[0], c[1]} == {gem, welz}]
    assert [data["actions"][a]["id"] for a in tie[4]] == ["a2"]
    # funding: one edge per pair, total over years, with the flows per year
    (flow,) = [f for f in data["funding"] if (f[0], f[1]) == (gem, welz)]
    assert flow[2] == 150000.0 and flow[4] == [[2016, 100000.0], [2017, 50000.0]]
    assert len(data["funding"]) == 3


def test_page_data_flags_and_suggestions_by_id(dataset):
    data = page_data(dataset, drive=DRIVE, suggestions=SUGGESTIONS)
    woco = data["organisations"][index_of(dataset, "woco")]
    assert woco["flagged"] and woco["score"] == 0.82
    assert woco["reasons"] == DRIVE[0]["reasons"]
    assert not data["organisations"][index_of(dataset, "gem")]["flagged"]
    # unknown ids are dropped; a single string reason becomes a list of one
    assert len(data["suggestions"]) == 2
    assert data["suggestions"][1][3] == ["one plain reason"]
    assert data["meta"]["flags"] and data["meta"]["analyses"]


def test_page_data_without_analyses(dataset):
    data = page_data(dataset)
    assert not data["meta"]["analyses"] and not data["meta"]["flags"]
    assert data["suggestions"] == []
    assert not any(o["flagged"] for o in data["organisations"])


def test_layout_is_deterministic_and_seeded(dataset):
    first = page_data(dataset, seed=7)["organisations"]
    again = page_data(dataset, seed=7)["organisations"]
    other = page_data(dataset, seed=8)["organisations"]
    xy = [(o["x"], o["y"]) for o in first]
    assert xy == [(o["x"], o["y"]) for o in again]
    assert xy != [(o["x"], o["y"]) for o in other]


def test_fast_mode_above_the_threshold(dataset, monkeypatch):
    assert not page_data(dataset)["meta"]["fastMode"]
    monkeypatch.setattr(np_module, "FAST_MODE_THRESHOLD", len(dataset.organisations) - 1)
    data = page_data(dataset)
    assert data["meta"]["fastMode"]
    assert data["meta"]["threshold"] == len(dataset.organisations) - 1
    assert all(abs(o["x"]) < 1e6 and abs(o["y"]) < 1e6 for o in data["organisations"])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"layers": ("collaboration", "money")}, "unknown layer 'money'"),
        ({"lang": "de"}, "unknown language 'de'"),
    ],
)
def test_page_data_refuses_bad_options(dataset, kwargs, message):
    with pytest.raises(ConfigError, match=message):
        page_data(dataset, **kwargs)


def test_rendered_page_is_self_contained_with_a_strict_policy(dataset):
    html = render_page(page_data(dataset))
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=\"?https?:", html)
    assert HOSTILE_SCRIPT not in html and HOSTILE_IMG not in html
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src &#x27;none&#x27;" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert policy.count("sha256-") == 2


def test_an_analysis_that_cannot_run_leaves_a_note(dataset):
    drive, suggestions, notes = run_analyses(dataset, group_by="colour")
    assert drive is None and suggestions is None
    assert len(notes) == 1
    assert notes[0].startswith(
        "territorial drive not shown: organisations have no column 'colour' to group by"
    )


def test_the_page_ranks_every_suggestion_from_one_set_of_link_features(monkeypatch):
    # the best links overall and each flagged organisation's own partners: one build
    from graphtool.analyses import link_features
    from graphtool.ingest import read_dataset
    from tests.conftest import SAMPLE_DATA

    builds = []
    original = link_features.LinkFeatures.build.__func__

    def counting(cls, *args, **kwargs):
        builds.append(args)
        return original(cls, *args, **kwargs)

    monkeypatch.setattr(link_features.LinkFeatures, "build", classmethod(counting))
    page, _ = network_page(read_dataset(SAMPLE_DATA / "lindenwaard"))
    assert len(builds) == 1
    flagged = [o for o in page.data["organisations"] if o["flagged"]]
    assert len(flagged) == 3
    by_index = {o["id"]: k for k, o in enumerate(page.data["organisations"])}
    for org in flagged:
        k = by_index[org["id"]]
        assert any(k in (s[0], s[1]) for s in page.data["suggestions"]), org["id"]


def test_cli_writes_the_page(tmp_path):
    folder = write_dataset(tmp_path / "ds", TABLES)
    out = tmp_path / "net.html"
    result = CliRunner().invoke(
        main, ["-q", "visualise", str(folder), "-o", str(out), "--lang", "nl", "--no-analyses"]
    )
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out} (9 organisations)\n"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not (tmp_path / "net.html.tmp").exists()


def test_cli_refuses_an_unknown_layer(tmp_path):
    folder = write_dataset(tmp_path / "ds", TABLES)
    result = CliRunner().invoke(
        main, ["visualise", str(folder), "-o", str(tmp_path / "x.html"), "--layers", "money"]
    )
    assert result.exit_code == 2
    assert "unknown layer 'money'; choose from collaboration, funding" in result.output
    assert not (tmp_path / "x.html").exists()


# ---------------------------------------------------------------------- browser tests

# organisations, actions and their ties; the group view's nodes and ties are left out
COUNTS = """() => {
  const g = window.graphtool, kinds = {};
  const own = item => !['group', 'groupTie', 'groupMoney'].includes(item.kind);
  g.edgeView.get().forEach(e => { kinds[e.kind] = (kinds[e.kind] || 0) + 1; });
  return {nodes: g.nodes.get({filter: own}).length,
          shownNodes: g.nodeView.get({filter: own}).length,
          edges: g.edges.get({filter: own}).length,
          shownEdges: g.edgeView.get({filter: own}).length,
          kinds,
          drawnNodes: Object.keys(g.network.body.nodes).filter(
            id => g.network.body.nodes[id].options.hidden !== true &&
                  g.network.body.nodeIndices.includes(isNaN(id) ? id : Number(id))).length,
          drawnEdges: g.network.body.edgeIndices.length};
}"""


def click_node(record, index: int) -> None:
    """A real mouse click on the node's position on the canvas."""
    page = record.page
    point = page.evaluate(
        """(i) => { const n = window.graphtool.network;
            const p = n.canvasToDOM(n.getPositions([i])[i]);
            const r = document.getElementById('network').getBoundingClientRect();
            return {x: r.left + p.x, y: r.top + p.y}; }""",
        index,
    )
    page.mouse.click(point["x"], point["y"])


#: True once the view is centred on node ``i`` (a focus animation has ended).
CENTRED_ON = """(i) => { const n = window.graphtool.network; const view = n.getViewPosition();
    const pos = n.getPositions([i])[i];
    return Math.abs(view.x - pos.x) < 1 && Math.abs(view.y - pos.y) < 1; }"""


@pytest.mark.browser
def test_page_loads_offline_and_draws_every_organisation_and_tie(dataset, tmp_path, open_page):
    path, data = write_page(tmp_path, dataset, drive=DRIVE, suggestions=SUGGESTIONS)
    record = open_page(path)
    counts = record.page.evaluate(COUNTS)
    n_ties = build_collaboration_graph(dataset).number_of_edges()
    assert counts["nodes"] == counts["shownNodes"] == counts["drawnNodes"] == 9
    assert counts["edges"] == n_ties + 3 + 2  # ties, funding pairs, suggestions
    # suggestions are off when the page opens
    assert counts["kinds"] == {"collaboration": n_ties, "funding": 3}
    assert counts["shownEdges"] == counts["drawnEdges"] == n_ties + 3
    assert record.page.title() == "Who works with whom"
    record.assert_clean()


@pytest.mark.browser
def test_search_focuses_and_selects_the_organisation(dataset, tmp_path, open_page):
    path, _ = write_page(tmp_path, dataset)
    record = open_page(path)
    page = record.page
    page.fill("#search", "welzijn")
    page.press("#search", "Enter")
    welz = index_of(dataset, "welz")
    # the focus animation lasts 600 ms, much longer on a loaded machine: wait for its end
    page.wait_for_function(CENTRED_ON, arg=welz)
    state = page.evaluate(
        """(i) => { const n = window.graphtool.network; const view = n.getViewPosition();
            const pos = n.getPositions([i])[i];
            return {selected: n.getSelectedNodes(), dx: Math.abs(view.x - pos.x),
                    dy: Math.abs(view.y - pos.y)}; }""",
        welz,
    )
    assert state["selected"] == [welz]
    assert state["dx"] < 1 and state["dy"] < 1
    assert page.text_content("#panel h2.name") == "Welzijn Lindenwaard"
    page.fill("#search", "no such organisation")
    page.press("#search", "Enter")
    assert page.text_content("#search-message") == "No organisation called “no such organisation”"
    record.assert_clean()


@pytest.mark.browser
def test_clicking_a_flagged_organisation_shows_its_reasons(dataset, tmp_path, open_page):
    path, _ = write_page(tmp_path, dataset, drive=DRIVE, suggestions=SUGGESTIONS)
    record = open_page(path)
    page = record.page
    woco = index_of(dataset, "woco")
    click_node(record, woco)
    assert page.evaluate("window.graphtool.selected") == woco
    assert page.text_content("#panel h2.name") == "⚑ Woonstede"
    assert page.text_content("#flag") == "⚑ Flagged: keeps to its own kind"
    assert page.locator("#reasons li").all_text_contents() == DRIVE[0]["reasons"]
    suggested = page.locator("#suggested > li > button").all_text_contents()
    assert suggested == ["Welzijn Lindenwaard"]
    assert "both work with Gemeente" in page.text_content("#suggested")
    record.assert_clean()


@pytest.mark.browser
def test_filters_hide_what_they_should(dataset, tmp_path, open_page):
    path, data = write_page(tmp_path, dataset, drive=DRIVE, suggestions=SUGGESTIONS)
    record = open_page(path)
    page = record.page
    shown = "() => graphtool.nodeView.getIds().map(i => graphtool.data.organisations[i].id).sort()"
    edge_kinds = (
        "() => window.graphtool.edgeView.get().map(e => e.kind + ':' + e.from + '-' + e.to).sort()"
    )

    # year 2018: only organisations with an action running or money moving in 2018
    page.select_option("#filter-year", "2018")
    year = dataset.for_year(2018)
    active = set(year.participations["organisation_id"]) | set(year.funding["funder_id"])
    active |= set(year.funding["recipient_id"])
    assert page.evaluate(shown) == sorted(active)
    graph_2018 = build_collaboration_graph(year)
    ids = list(dataset.organisations["id"])
    expected = sorted(
        [f"collaboration:{ids.index(s)}-{ids.index(t)}" for s, t, _ in graph_2018.edges().values]
        + [f"funding:{ids.index('evil2')}-{ids.index('evil1')}"]
    )
    assert page.evaluate(edge_kinds) == expected

    # back to all years, then hide the government group: the municipality and its ties go
    page.click("#reset")
    page.uncheck("#group-0")
    gem = ids.index("gem")
    assert "gem" not in page.evaluate(shown)
    assert not [e for e in page.evaluate(edge_kinds) if re.search(rf"\b{gem}\b", e)]
    assert page.text_content("#count") == "8 of 9 shown"

    # theme and layers
    page.click("#reset")
    page.select_option("#filter-theme", label="youth")
    assert page.evaluate(shown) == ["evil1", "welz"]
    page.click("#reset")
    page.uncheck("#layer-funding")
    page.check("#layer-suggestions")
    kinds = {e.split(":")[0] for e in page.evaluate(edge_kinds)}
    assert kinds == {"collaboration", "suggestion"}
    record.assert_clean()


@pytest.mark.browser
@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-policy", "escaping-alone"])
def test_hostile_names_show_as_text_and_run_nothing(dataset, tmp_path, open_page, bypass_csp):
    path, _ = write_page(tmp_path, dataset, drive=DRIVE)
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    record = open_page(path, bypass_csp=bypass_csp)
    page = record.page
    for org_id, name in [
        ("evil1", HOSTILE_IMG),
        ("evil2", HOSTILE_SCRIPT),
        ("evil3", HOSTILE_FLAG),
        ("evil4", HOSTILE_FLAG_SCRIPT),
    ]:
        i = index_of(dataset, org_id)
        page.evaluate("(i) => { graphtool.select(i); graphtool.finishAnimation(); }", i)
        assert page.text_content("#panel h2.name") == name
        assert page.evaluate("(i) => window.graphtool.nodes.get(i).name", i) == name
        # the name drawn on the canvas is the same text, never markup
        drawn = page.evaluate(
            "(i) => graphtool.labelBoxes().filter(b => b.id === i).map(b => b.text)", i
        )
        assert drawn == [name]
        # the tooltip vis-network shows on hover is text as well
        # selecting zooms to the node; under load the animation may still run, so
        # point at the node again until the tooltip shows
        for attempt in range(6):
            page.wait_for_function(CENTRED_ON, arg=i)
            point = page.evaluate(
                """(i) => { const n = window.graphtool.network;
                    const p = n.canvasToDOM(n.getPositions([i])[i]);
                    const r = document.getElementById('network').getBoundingClientRect();
                    return {x: r.left + p.x, y: r.top + p.y}; }""",
                i,
            )
            page.mouse.move(point["x"] + 1, point["y"] + 1)
            page.mouse.move(point["x"], point["y"])
            try:
                page.wait_for_selector("div.vis-tooltip", state="visible", timeout=3000)
                break
            except PlaywrightTimeoutError:
                if attempt == 5:
                    raise
        tooltip = page.eval_on_selector(
            "div.vis-tooltip",
            "t => ({lines: t.innerText.split('\\n'),"
            " tags: [...t.querySelectorAll('*')].map(e => e.tagName)})",
        )
        # innerText turns line breaks into <br>; nothing else becomes an element
        assert set(tooltip["tags"]) <= {"BR"} and tooltip["lines"][0] == name
        page.mouse.move(1, 1)
    assert page.evaluate("window.pwned") is None
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.scripts.length") == 3  # data, vis-network, page
    record.assert_clean()


@pytest.mark.browser
def test_dutch_page_and_fast_mode(dataset, tmp_path, open_page):
    path, _ = write_page(tmp_path, dataset, lang="nl", fast_mode=True, title="Lindenwaard 2016")
    record = open_page(path)
    page = record.page
    assert page.title() == "Lindenwaard 2016"
    assert page.get_attribute("#search", "placeholder") == "Zoek een organisatie"
    assert "Groot netwerk (9 organisaties, meer dan 1.500)" in page.text_content("#notice")
    assert page.evaluate("window.graphtool.network.physics.physicsEnabled") is False
    assert page.is_disabled("#freeze")
    record.assert_clean()


@pytest.mark.browser
def test_layout_settles_then_freezes_and_can_move_again(dataset, tmp_path, open_page):
    path, _ = write_page(tmp_path, dataset)
    record = open_page(path)
    page = record.page
    assert page.evaluate("window.graphtool.frozen") is True
    assert page.evaluate("window.graphtool.network.physics.physicsEnabled") is False
    page.click("#freeze")
    assert page.evaluate("window.graphtool.network.physics.physicsEnabled") is True
    assert page.text_content("#freeze") == "Freeze layout"
    record.assert_clean()


@pytest.mark.browser
def test_bipartite_page_draws_actions_and_participations(dataset, tmp_path, open_page):
    path, data = write_page(tmp_path, dataset, bipartite=True)
    record = open_page(path)
    counts = record.page.evaluate(COUNTS)
    n_parts = len(dataset.participations.drop_duplicates(["action_id", "organisation_id"]))
    assert counts["nodes"] == 9 + 5
    assert counts["kinds"] == {"participation": n_parts, "funding": 3}
    record.assert_clean()


@pytest.mark.browser
def test_sample_municipality_page_is_complete_and_clean(tmp_path, open_page):
    from graphtool.graphs import build_funding_graph
    from graphtool.ingest import read_dataset
    from tests.conftest import SAMPLE_DATA

    dataset = read_dataset(SAMPLE_DATA / "lindenwaard")
    page, _ = network_page(dataset, lang="nl")
    path = tmp_path / "lindenwaard.html"
    path.write_text(page.html, encoding="utf-8")
    record = open_page(path)
    counts = record.page.evaluate(COUNTS)
    ties = build_collaboration_graph(dataset).number_of_edges()
    flows = build_funding_graph(dataset).amounts.nnz
    assert counts["nodes"] == counts["drawnNodes"] == len(dataset.organisations)
    # the municipality pays more than a quarter of all organisations: a background
    # funder, its money a badge in the legend and its arrows off until switched on
    background = [b["i"] for b in page.data["background"]]
    assert [page.data["organisations"][i]["id"] for i in background] == ["gem-lindenwaard"]
    from_background = sum(1 for f in page.data["funding"] if f[0] in background)
    assert counts["kinds"] == {"collaboration": ties, "funding": flows - from_background}
    assert "Gemeente Lindenwaard" in record.page.text_content("#background-funders")
    record.page.check("#layer-background")
    assert record.page.evaluate(COUNTS)["kinds"]["funding"] == flows
    record.page.uncheck("#layer-background")
    suggestions = page.data["suggestions"]
    assert suggestions  # missing links ran: their suggestions can be switched on
    record.page.check("#layer-suggestions")
    shown = record.page.evaluate(COUNTS)["kinds"]
    assert shown["suggestion"] == len(suggestions)
    first = suggestions[0]
    record.page.evaluate("(i) => graphtool.select(i)", first[0])
    assert first[3][0] in record.page.text_content("#suggested")
    record.assert_clean()


# ------------------------------------------------------- the sample municipality, real flags

#: The siloed organisations of the sample municipality (sample_data/README.md, pattern 2).
SILOED = {"wc-woongoed", "zorg-zorgkring", "fnd-lindenhout"}

LABELS = "() => graphtool.state().labelled"


@pytest.fixture(scope="module")
def lindenwaard():
    from graphtool.ingest import read_dataset
    from tests.conftest import SAMPLE_DATA

    return read_dataset(SAMPLE_DATA / "lindenwaard")


@pytest.fixture(scope="module")
def lindenwaard_pages(lindenwaard, tmp_path_factory):
    """The page of the sample municipality in both languages, analyses included."""
    folder = tmp_path_factory.mktemp("lindenwaard")
    pages = {}
    for lang in ("en", "nl"):
        page, _ = network_page(lindenwaard, lang=lang)
        path = folder / f"lindenwaard-{lang}.html"
        path.write_text(page.html, encoding="utf-8")
        pages[lang] = (path, page.data)
    return pages


@pytest.mark.browser
def test_sample_flags_stand_out_and_explain_themselves(lindenwaard, lindenwaard_pages, open_page):
    from graphtool.analyses.territorial_drive import territorial_drive

    drive = {row["id"]: row for row in territorial_drive(lindenwaard)}
    path, data = lindenwaard_pages["en"]
    ids = [o["id"] for o in data["organisations"]]
    assert {o["id"] for o in data["organisations"] if o["flagged"]} == SILOED
    record = open_page(path, width=1920, height=1080)
    page = record.page
    marks = page.evaluate(
        """() => graphtool.nodes.get({filter: n => n.kind === 'organisation'}).map(n => ({
            id: n.id, label: n.name,
            dashed: Array.isArray(n.shapeProperties.borderDashes), border: n.borderWidth,
            colour: n.color.border}))"""
    )
    flagged = {ids[m["id"]] for m in marks if m["label"].startswith("⚑ ")}
    assert flagged == SILOED
    for m in marks:
        siloed = ids[m["id"]] in SILOED
        # not by colour alone: the ⚑ in the name and a dashed ring, thick and dark red
        assert m["dashed"] == siloed and (m["border"] >= 6) == siloed
        assert (m["colour"] == "#A50021") == siloed
    legend = page.text_content("#controls")
    assert "⚑ thick dashed red ring: keeps to its own kind" in legend
    # the flagged names are written in the first view, whatever their size
    labelled = {ids[i] for i in page.evaluate(LABELS)}
    assert SILOED <= labelled

    for org in sorted(SILOED):
        i = ids.index(org)
        click_node(record, i)
        assert page.evaluate("window.graphtool.selected") == i
        assert page.text_content("#panel h2.name") == "⚑ " + drive[org]["name"]
        assert page.text_content("#flag") == "⚑ Flagged: keeps to its own kind"
        assert page.locator("#reasons li").all_text_contents() == reason_texts(
            drive[org]["reasons"], Labels(lindenwaard)
        )
        cells = page.eval_on_selector_all(
            "#drive tr:not(.head)", "rs => rs.map(r => [...r.cells].map(c => c.textContent))"
        )
        rows = {label: value for label, value, _ in cells}
        turned = {label: float(inward) for label, _, inward in cells}
        assert turned["Territorial drive score"] == pytest.approx(drive[org]["score"], abs=0.005)
        # the score is the mean of the parts turned inward, as the panel says
        parts = [v for k, v in turned.items() if k != "Territorial drive score"]
        assert sum(parts) / len(parts) == pytest.approx(drive[org]["score"], abs=0.01)
        assert "Flagged from a score of 0.65" in page.text_content("#score-scale")
        assert rows["Actions without a partner"] == f"{drive[org]['solo_share']:.0%}"
        assert rows["Actions with residents"] == f"{drive[org]['resident_reach']:.0%}"
        assert rows["Money within its own group"] == f"{drive[org]['funding_in_group_share']:.0%}"
        ei = next(v for k, v in rows.items() if k.startswith("Ties outside its group"))
        assert float(ei) == pytest.approx(drive[org]["ei_index"], abs=0.005)
        diversity = next(v for k, v in rows.items() if k.startswith("Partner diversity"))
        assert float(diversity) == pytest.approx(drive[org]["partner_diversity"], abs=0.005)
        # its own suggested partners, each with the reasons
        own = [s for s in data["suggestions"] if i in (s[0], s[1])]
        assert own, f"no suggested partner for {org}"
        names = page.locator("#suggested > li > button").all_text_contents()
        others = [data["organisations"][s[1] if s[0] == i else s[0]]["name"] for s in own]
        assert names == others[: len(names)]
        first_reasons = page.locator("#suggested > li:first-child > ul > li").all_text_contents()
        assert first_reasons == own[0][3] and first_reasons
    record.assert_clean()


@pytest.mark.browser
def test_sample_first_view_is_readable(lindenwaard_pages, open_page):
    path, data = lindenwaard_pages["en"]
    orgs = data["organisations"]
    record = open_page(path, width=1920, height=1080)
    page = record.page
    state = page.evaluate("graphtool.state()")
    labelled = state["labelled"]
    # some names, not all: the rest appear when zooming in
    assert 8 <= len(labelled) < len(orgs)
    assert state["overlappingLabels"] == 0 and state["labelsOutside"] == 0
    boxes = page.evaluate("graphtool.labelBoxes()")
    for a in range(len(boxes)):
        for b in range(a + 1, len(boxes)):
            p, q = boxes[a], boxes[b]
            overlap = (
                min(p["right"], q["right"]) - max(p["left"], q["left"]) > 1
                and min(p["bottom"], q["bottom"]) - max(p["top"], q["top"]) > 1
            )
            assert not overlap, (p["text"], q["text"])
    # names are as high on screen at every zoom (screen pixels, not world units)
    heights = {round(b["bottom"] - b["top"]) for b in boxes}
    page.evaluate("() => graphtool.network.moveTo({scale: graphtool.network.getScale() * 4})")
    page.wait_for_timeout(100)
    zoomed = page.evaluate("graphtool.state()")
    zoomed_boxes = page.evaluate("graphtool.labelBoxes()")
    assert {round(b["bottom"] - b["top"]) for b in zoomed_boxes} <= heights
    assert zoomed["overlappingLabels"] == 0 and zoomed["labelsOutside"] == 0
    # the organisation without any tie stands under the drawing, not far off to a side
    positions = page.evaluate("() => graphtool.network.getPositions()")
    alone = [i for i, o in enumerate(orgs) if o.get("isolated")]
    assert [orgs[i]["id"] for i in alone] == ["bus-supermarkt"]
    others = [positions[str(i)] for i in range(len(orgs)) if i not in alone]
    xs, ys = [p["x"] for p in others], [p["y"] for p in others]
    for i in alone:
        assert positions[str(i)]["y"] > max(ys)
        assert min(xs) <= positions[str(i)]["x"] <= max(xs)
    # the legend is on screen without scrolling
    bottom = page.evaluate(
        "() => [...document.querySelectorAll('#controls .legend-row')]"
        ".map(e => e.getBoundingClientRect().bottom)"
    )
    assert max(bottom) <= 1080
    record.assert_clean()


@pytest.mark.browser
def test_the_same_page_settles_to_the_same_picture(dataset, tmp_path, open_page):
    path, _ = write_page(tmp_path, dataset, drive=DRIVE)
    first = open_page(path).page.evaluate("() => graphtool.network.getPositions()")
    again = open_page(path).page.evaluate("() => graphtool.network.getPositions()")
    assert first == again


def english_only_fragments() -> list[str]:
    """Pieces of English page text whose Dutch differs: none may show on a Dutch page."""
    from graphtool.i18n import GROUP_NAMES, THEME_NAMES, TYPE_NAMES
    from graphtool.i18n.network_page import TEXTS

    fragments = set()
    for catalogue in (TEXTS, GROUP_NAMES, TYPE_NAMES, THEME_NAMES):
        for entry in catalogue.values():
            if entry["en"] == entry["nl"]:
                continue
            for piece in re.split(r"\{[a-z_]+\}", entry["en"]):
                piece = piece.strip(" .,:;·()“”")
                if len(piece) >= 4 and piece not in entry["nl"]:
                    fragments.add(piece)
    return sorted(fragments)


PAGE_TEXT = """() => {
  const texts = [document.body.innerText, document.title];
  document.querySelectorAll('option').forEach(o => texts.push(o.textContent));
  document.querySelectorAll('[placeholder]').forEach(e => texts.push(e.placeholder));
  document.querySelectorAll('[aria-label]').forEach(e => texts.push(e.getAttribute('aria-label')));
  graphtool.nodes.get().forEach(n => texts.push(n.title || ''));
  graphtool.edges.get().forEach(e => texts.push(e.title || ''));
  return texts.join('\\n');
}"""


@pytest.mark.browser
def test_dutch_page_is_dutch_throughout(lindenwaard, lindenwaard_pages, open_page):
    from graphtool.analyses.territorial_drive import territorial_drive

    drive = territorial_drive(lindenwaard)
    drive_nl = {
        row["id"]: {**row, "reasons": reason_texts(row["reasons"], Labels(lindenwaard, lang="nl"))}
        for row in drive
    }
    drive_en = {
        row["id"]: {**row, "reasons": reason_texts(row["reasons"], Labels(lindenwaard))}
        for row in drive
    }
    path, data = lindenwaard_pages["nl"]
    ids = [o["id"] for o in data["organisations"]]
    record = open_page(path, width=1920, height=1080)
    page = record.page
    assert page.title() == "Wie werkt met wie"
    assert page.evaluate("document.documentElement.lang") == "nl"
    controls = page.text_content("#controls")
    for dutch in (
        "Legenda",
        "Kleur: groep",
        "overheid",
        "maatschappelijke instellingen",
        "Lijnen",
        "Geld, pijl van gever naar ontvanger",
        "Filters",
        "Soort",
        "Wijk",
        "Thema",
        "Jaar",
        "Alleen gemarkeerde organisaties",
        "Filters wissen",
        "dikke gestippelde rode rand",
        "67 van 67 getoond",
    ):
        assert dutch in controls
    from graphtool.i18n import THEME_NAMES

    themes = page.locator("#filter-theme option").all_text_contents()
    expected = sorted(THEME_NAMES[t["key"]]["nl"] for t in data["themes"])
    assert themes == ["alle", *expected] and "energietransitie" in themes

    text_before = page.evaluate(PAGE_TEXT)
    org = "zorg-zorgkring"
    i = ids.index(org)
    page.evaluate("(i) => graphtool.select(i)", i)
    assert page.text_content("#flag") == "⚑ Gemarkeerd: blijft bij de eigen soort"
    assert page.locator("#reasons li").all_text_contents() == drive_nl[org]["reasons"]
    assert drive_nl[org]["reasons"] != drive_en[org]["reasons"]
    rows = page.eval_on_selector_all(
        "#drive tr:not(.head)", "rs => rs.map(r => r.cells[0].textContent)"
    )
    assert rows[0] == "Acties zonder partner" and rows[-1] == "Score territoriumdrift"
    assert "Voorgestelde partners" in page.text_content("#panel")
    # numbers the Dutch way: decimal comma, euro sign in front
    score = page.eval_on_selector("#drive tr:last-child td:last-child", "td => td.textContent")
    assert score == f"{drive_nl[org]['score']:.2f}".replace(".", ",")
    assert "€ " in page.text_content("#panel")

    text = text_before + "\n" + page.evaluate(PAGE_TEXT)
    english = [f for f in english_only_fragments() if re.search(rf"\b{re.escape(f)}\b", text)]
    assert english == []
    for reason in drive_en[org]["reasons"]:
        assert reason not in text
    record.assert_clean()


def test_page_data_carries_the_significance_of_a_flag():
    from graphtool.analyses.territorial_drive import territorial_drive
    from graphtool.ingest import read_dataset
    from tests.conftest import SAMPLE_DATA

    lindenwaard = read_dataset(SAMPLE_DATA / "lindenwaard")
    drive = territorial_drive(lindenwaard)
    data = page_data(lindenwaard, drive=drive)
    zorgkring = next(o for o in data["organisations"] if o["id"] == "zorg-zorgkring")
    row = next(r for r in drive if r["id"] == "zorg-zorgkring")
    significance = zorgkring["significance"]
    assert significance["expected_ei"] == pytest.approx(row["ei_expected"], abs=1e-4)  # rounded
    assert significance["p_value"] == row["p_value"] == 0.001
    assert significance["flag_stability"] == row["stability"] == "robust"
    assert significance["chance"] == (
        "With the groups reshuffled at random, a score this high arises in fewer than 1 in 100 "
        "reshuffles."
    )


@pytest.mark.browser
def test_side_panel_explains_a_flag_against_chance(tmp_path, open_page):
    from graphtool.analyses.territorial_drive import territorial_drive
    from graphtool.ingest import read_dataset
    from tests.conftest import SAMPLE_DATA

    lindenwaard = read_dataset(SAMPLE_DATA / "lindenwaard")
    path = tmp_path / "page.html"
    path.write_text(
        render_page(page_data(lindenwaard, drive=territorial_drive(lindenwaard))), encoding="utf-8"
    )
    record = open_page(path)
    page = record.page
    index = list(lindenwaard.organisations["id"]).index("zorg-zorgkring")
    page.evaluate("(i) => window.graphtool.select(i)", index)
    notes = page.locator("#significance li").all_text_contents()
    assert notes[0] == (
        "If it picked its partners regardless of group, about 67% of its ties would go outside "
        "its own group, given who is in this network; it has 0%."
    )
    assert notes[1].startswith(
        "With the groups reshuffled at random, a score this high arises "
        "in fewer than 1 in 100 reshuffles."
    )
    assert notes[-1].startswith("The flag is robust")
    assert "E-I" not in " ".join(notes)
    record.assert_clean()
