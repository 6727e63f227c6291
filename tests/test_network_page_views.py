"""The network page's views for the room: legible names, focus, group view, background
funders, story mode, what-if, corrections and the poster.

Browser tests run in the real headless Chromium of ``tests/plugins/browser.py``, with
every non-local request aborted and recorded; ``record.assert_clean()`` fails a test
on any request, console error, page error or dialog.
"""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from graphtool.cli import main
from graphtool.errors import ConfigError, DatasetError
from graphtool.ingest import read_dataset
from graphtool.present.network_page import background_funders, network_page, page_data
from tests.conftest import SAMPLE_DATA
from tests.plugins.datasets import write_dataset

SIZES = [(1366, 768), (1920, 1080)]
HOSTILE = '<img src=x onerror="window.pwned=1">'


def clean_labels(page) -> dict:
    """The test hook after any animation: no name overlaps another or leaves the canvas."""
    page.evaluate("graphtool.finishAnimation()")
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    state = page.evaluate("graphtool.state()")
    assert state["ready"] is True
    assert state["overlappingLabels"] == 0, state
    assert state["labelsOutside"] == 0, state
    # the hook's count, checked against the boxes themselves and the canvas size
    boxes = page.evaluate("graphtool.labelBoxes()")
    width, height = page.evaluate(
        "[document.getElementById('network').clientWidth,"
        " document.getElementById('network').clientHeight]"
    )
    for b in boxes:
        assert 0 <= b["left"] and b["right"] <= width and 0 <= b["top"] and b["bottom"] <= height
    for k, p in enumerate(boxes):
        for q in boxes[k + 1 :]:
            assert not (
                min(p["right"], q["right"]) - max(p["left"], q["left"]) > 0.5
                and min(p["bottom"], q["bottom"]) - max(p["top"], q["top"]) > 0.5
            ), (p["text"], q["text"])
    return state


@pytest.fixture(scope="module")
def lindenwaard():
    return read_dataset(SAMPLE_DATA / "lindenwaard")


@pytest.fixture(scope="module")
def lindenwaard_page(lindenwaard, tmp_path_factory):
    page, _ = network_page(lindenwaard, compare_years=(2016, 2019))
    path = tmp_path_factory.mktemp("views") / "lindenwaard.html"
    path.write_text(page.html, encoding="utf-8")
    return path, page.data


# ------------------------------------------------------------------------ page data


def test_background_funders_pay_more_than_the_share():
    import numpy as np

    funders = np.array([0, 0, 0, 1, 2])
    recipients = np.array([1, 2, 3, 2, 2])  # 2 pays itself: not counted
    amounts = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    assert background_funders(funders, recipients, amounts, 8) == [
        {"i": 0, "total": 6.0, "recipients": 3}
    ]
    assert background_funders(funders, recipients, amounts, 8, share=0.5) == []
    with pytest.raises(ConfigError, match="between 0 and 1"):
        background_funders(funders, recipients, amounts, 8, share=1.5)


def test_places_and_programmes_stand_in_for_neighbourhoods_and_themes(make_dataset):
    # as EU projects imported from CORDIS: a country per organisation, a programme
    # per project, no neighbourhoods and no themes
    ds = make_dataset(
        organisations="id,name,type,country\na,A,business,NL\nb,B,business,BE\nc,C,other,NL\n",
        joint_actions="id,name,programme\np1,P1,SWAFS\np2,P2,SC5\n",
        participations="action_id,organisation_id\np1,a\np1,b\np2,b\np2,c\n",
    )
    data = page_data(ds)
    assert [h["name"] for h in data["neighbourhoods"]] == ["BE", "NL"]
    assert data["meta"]["placeColumn"] == "country"
    assert [t["key"] for t in data["themes"]] == ["SC5", "SWAFS"]
    names = {
        o["id"]: [data["neighbourhoods"][h]["name"] for h in o["neighbourhoods"]]
        for o in data["organisations"]
    }
    assert names == {"a": ["NL"], "b": ["BE"], "c": ["NL"]}
    assert [data["themes"][a["theme"]]["key"] for a in data["actions"]] == ["SWAFS", "SC5"]


def test_significance_fields_reach_the_page_when_present(make_dataset):
    ds = make_dataset(
        organisations="id,name,type\na,A,business\nb,B,business\n",
        joint_actions="id,name\nx,X\n",
        participations="action_id,organisation_id\nx,a\nx,b\n",
    )
    drive = [
        {
            "id": "a",
            "score": 0.9,
            "flagged": True,
            "reasons": [],
            "ei_index": -1.0,
            "ei_expected": -0.2,
            "p_value": 0.03,
            "q_value": 0.08,
            "stability": "robust",
        },
        {"id": "b", "score": 0.9, "flagged": True, "reasons": []},
    ]
    orgs = page_data(ds, drive=drive)["organisations"]
    assert orgs[0]["significance"] == {
        "expected_ei": -0.2,
        "p_value": 0.03,
        "q_value": 0.08,
        "flag_stability": "robust",
    }
    assert "significance" not in orgs[1]


# ---------------------------------------------------------------- legible names


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES, ids=["1366x768", "1920x1080"])
def test_names_never_overlap_nor_leave_the_canvas(lindenwaard_page, open_page, size):
    path, data = lindenwaard_page
    record = open_page(path, width=size[0], height=size[1])
    page = record.page
    first = clean_labels(page)
    flagged = {i for i, o in enumerate(data["organisations"]) if o["flagged"]}
    assert flagged <= set(first["labelled"]), "every flagged name is written in the first view"

    # search: lands on the organisation, zoomed in, with its name and partners written
    page.fill("#search", "schakel")
    page.press("#search", "Enter")
    state = clean_labels(page)
    i = next(k for k, o in enumerate(data["organisations"]) if "Schakel" in o["name"])
    assert state["selected"] == i and state["labelled"][0] == i
    assert state["scale"] > first["scale"] * 1.5
    assert len(state["labelled"]) >= 10

    # focus, one and two steps, and back
    page.click("#focus")
    state = clean_labels(page)
    assert state["view"] == "focus" and state["focus"]["depth"] == 1
    partners = {
        j
        for j, o in enumerate(data["organisations"])
        if j != i and set(o["actions"]) & set(data["organisations"][i]["actions"])
    }
    assert state["shown"] == len(partners) + 1
    page.click("#focus-depth")
    assert clean_labels(page)["focus"]["depth"] == 2
    page.click("#focus-back")
    assert clean_labels(page)["view"] == "organisations"

    # filters, then "only flagged": the flags keep their ⚑ and their names
    for select, label in [
        ("#filter-theme", "energy transition"),
        ("#filter-type", "welfare organisation"),
    ]:
        page.click("#reset")
        page.select_option(select, label=label)
        clean_labels(page)
    page.click("#reset")
    page.check("#filter-flagged")
    state = clean_labels(page)
    assert state["shown"] == len(flagged) and set(state["labelled"]) == flagged
    texts = [b["text"] for b in page.evaluate("graphtool.labelBoxes()")]
    assert all(text.startswith("⚑ ") for text in texts)
    page.click("#reset")

    # story mode, every step, by the arrow keys
    page.click("#story-button")
    steps = page.evaluate("graphtool.state().story.steps")
    keys = []
    for step in range(steps):
        state = clean_labels(page)
        assert state["story"]["step"] == step
        keys.append(state["story"]["key"])
        heading = page.text_content("#story h2")
        sentences = page.locator("#story p").all_text_contents()
        assert heading and 1 <= len(sentences) <= 2 and all(s.strip() for s in sentences)
        page.keyboard.press("ArrowRight")
    assert keys[0] == "whole" and {"flagged", "suggestion", "compare", "scan"} <= set(keys)
    page.keyboard.press("Escape")
    assert page.evaluate("graphtool.state().story") is None
    record.assert_clean()


@pytest.mark.browser
def test_search_animation_is_short_and_skippable(lindenwaard_page, open_page):
    path, data = lindenwaard_page
    record = open_page(path, width=1366, height=768)
    page = record.page
    # the animation runs by the clock: a search has landed within a second, busy or not
    # a search starts the animation; any key ends it at once, at its destination
    during, after = page.evaluate(
        """() => { graphtool.search('schakel'); const during = graphtool.state().animating;
            document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Shift'}));
            return [during, graphtool.state().animating]; }"""
    )
    assert during is True and after is False
    view = page.evaluate(
        "(() => { const n = graphtool.network, p = n.getViewPosition(),"
        " q = n.getPositions([graphtool.selected])[graphtool.selected];"
        " return [Math.abs(p.x - q.x), Math.abs(p.y - q.y)]; })()"
    )
    assert max(view) < 1
    page.fill("#search", "GGD")
    page.press("#search", "Enter")
    page.wait_for_timeout(1000)
    assert page.evaluate("graphtool.state().animating") is False
    record.assert_clean()


# ------------------------------------------------------------ large networks


@pytest.fixture(scope="module")
def eu_like_page(tmp_path_factory):
    """2,000 generated organisations and one funder that pays every one of them."""
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root / "benchmarks"))
    try:
        from generate import add_funder_of_everyone, generate, write
    finally:
        sys.path.pop(0)
    folder = tmp_path_factory.mktemp("eu")
    write(add_funder_of_everyone(generate(2000, seed=3)), folder / "ds")
    dataset = read_dataset(folder / "ds")
    page, _ = network_page(dataset)
    path = folder / "page.html"
    path.write_text(page.html, encoding="utf-8")
    return path, page.data


@pytest.mark.browser
def test_large_network_opens_in_group_view_with_the_funder_as_a_badge(eu_like_page, open_page):
    path, data = eu_like_page
    ids = [o["id"] for o in data["organisations"]]
    ec = ids.index("EC")
    assert [b["i"] for b in data["background"]] == [ec]
    assert data["background"][0]["recipients"] == 2000
    record = open_page(path, width=1366, height=768)
    page = record.page
    state = clean_labels(page)
    assert state["view"] == "groups" and state["shown"] == 0
    assert state["groupsShown"] == len({o["group"] for o in data["organisations"]})
    # every group is named, with its number of organisations
    assert len([i for i in state["labelled"] if i.startswith("g:")]) == state["groupsShown"]
    badge = page.text_content("#background-funders")
    assert "European Commission" in badge and "2,000 organisations" in badge
    total = data["background"][0]["total"]
    assert f"€{total:,.0f}" in badge
    # no money arrow of the funder is drawn, in any view, until switched on
    arrows = "graphtool.edgeView.get().filter(e => e.kind === 'funding' && e.from === %d).length"
    page.select_option("#view", "organisations")
    assert page.evaluate(arrows % ec) == 0
    assert page.evaluate(f"graphtool.nodeView.get({ec})") is None
    page.check("#layer-background")
    assert page.evaluate(arrows % ec) == 2000
    page.uncheck("#layer-background")

    # drill into a group from the group view
    page.select_option("#view", "group")
    group = max(
        range(len(data["groups"])),
        key=lambda k: sum(o["group"] == k for o in data["organisations"]),
    )
    members = sum(1 for i, o in enumerate(data["organisations"]) if o["group"] == group and i != ec)
    page.evaluate(f"graphtool.drill('group', {group})")
    state = clean_labels(page)
    assert state["view"] == "organisations" and state["shown"] == members
    page.click("#drill-back")
    assert clean_labels(page)["view"] == "groups"

    # communities: one circle per community
    page.select_option("#view", "community")
    state = clean_labels(page)
    assert state["grouping"] == "community" and state["groupsShown"] >= 5
    record.assert_clean()


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES, ids=["1366x768", "1920x1080"])
def test_focus_opens_from_the_address(eu_like_page, open_page, size):
    path, data = eu_like_page
    orgs = data["organisations"]
    hub = max(range(len(orgs)), key=lambda i: orgs[i]["partners"] if orgs[i]["id"] != "EC" else -1)
    target = path.with_name(path.name)
    record = open_page(target, width=size[0], height=size[1], wait_ready=False)
    page = record.page
    page.goto(target.resolve().as_uri() + "#focus=" + orgs[hub]["id"])
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=60_000)
    state = clean_labels(page)
    assert state["view"] == "focus" and state["focus"] == {"id": orgs[hub]["id"], "depth": 1}
    assert state["shown"] == orgs[hub]["partners"] + 1
    assert state["selected"] == hub and state["labelled"][0] == hub
    assert page.text_content("#panel h2.name").endswith(orgs[hub]["name"])
    page.keyboard.press("Escape")
    assert clean_labels(page)["view"] == "groups"
    record.assert_clean()


# --------------------------------------------------------------------- what if


def with_action(dataset, a: str, b: str):
    """The dataset with one more joint action of ``a`` and ``b`` (a real read, validated)."""
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp()) / "ds"
    tables = {name: frame.copy() for name, frame in dataset.tables().items()}
    tables["joint_actions"].loc[len(tables["joint_actions"]), ["id", "name"]] = ["what-if", "W"]
    parts = tables["participations"]
    for org in (a, b):
        parts.loc[len(parts), ["action_id", "organisation_id"]] = ["what-if", org]
    folder.mkdir(parents=True)
    for name, frame in tables.items():
        frame.drop(columns=["sector"], errors="ignore").to_csv(folder / f"{name}.csv", index=False)
    return read_dataset(folder)


@pytest.mark.browser
def test_what_if_numbers_equal_the_analysis_with_that_action(
    lindenwaard, lindenwaard_page, open_page
):
    from graphtool.analyses.territorial_drive import COMPONENTS, territorial_drive

    path, data = lindenwaard_page
    ids = [o["id"] for o in data["organisations"]]
    before = {row["id"]: row for row in territorial_drive(lindenwaard)}
    # a flagged organisation and a residents' organisation; the pair whose flag
    # lifts is found by the analysis itself, so the test covers a lifted flag
    pairs = []
    residents = [o["id"] for o in data["organisations"] if o.get("resident")]
    for org in sorted(i for i in before if before[i]["flagged"]):
        for other in residents[:8]:
            after = {r["id"]: r for r in territorial_drive(with_action(lindenwaard, org, other))}
            pairs.append((org, other, after))
            if not after[org]["flagged"]:
                break
        if not pairs[-1][2][org]["flagged"]:
            break
    lifted = [p for p in pairs if not p[2][p[0]]["flagged"]]
    assert lifted, "no residents' partner lifts a flag in the sample: choose another case"
    cases = [lifted[0], pairs[0]] if pairs[0] is not lifted[0] else [lifted[0]]
    record = open_page(path, width=1366, height=768)
    page = record.page
    for org, other, after in cases:
        i, j = ids.index(org), ids.index(other)
        page.evaluate("(i) => graphtool.select(i)", i)
        page.select_option("#pair-other", str(j))
        page.click("#whatif")
        result = page.evaluate("graphtool.lastWhatIf")
        for entry in result["organisations"]:
            row, was = after[entry["id"]], before[entry["id"]]
            for part in COMPONENTS:
                js = entry["after"]["components"].get(part)
                if row[part] is None:
                    assert js is None, (entry["id"], part)
                else:
                    assert js == pytest.approx(row[part], abs=1e-9), (entry["id"], part)
                old = entry["before"]["components"].get(part)
                assert (old is None) == (was[part] is None)
            assert entry["after"]["score"] == pytest.approx(row["score"], abs=1e-9)
            assert entry["before"]["score"] == pytest.approx(was["score"], abs=1e-9)
            assert entry["after"]["flagged"] == row["flagged"]
            assert entry["lifted"] == (was["flagged"] and not row["flagged"])
        verdicts = page.locator("#whatif-result .whatif-verdict").all_text_contents()
        assert ("The flag would lift." in verdicts) == (not after[org]["flagged"])
        state = clean_labels(page)
        assert {i, j} <= set(state["labelled"])
    record.assert_clean()


# ----------------------------------------------------------------- corrections


@pytest.mark.browser
def test_corrections_round_trip_through_the_page_and_the_command(
    lindenwaard, tmp_path, lindenwaard_page, open_page
):
    path, data = lindenwaard_page
    ids = [o["id"] for o in data["organisations"]]
    record = open_page(path, width=1366, height=768)
    page = record.page
    a, b = ids.index("wc-woongoed"), ids.index("bi-moestuin")
    # by clicking: search, choose the other organisation, mark, note
    page.fill("#search", data["organisations"][a]["name"])
    page.press("#search", "Enter")
    page.select_option("#pair-other", str(b))
    page.fill("#pair-note", 'seen at the "market", 2024')
    page.click("#correct-together")
    partner = next(
        j
        for j, o in enumerate(data["organisations"])
        if j != a and set(o["actions"]) & set(data["organisations"][a]["actions"])
    )
    page.select_option("#pair-other", str(partner))
    page.click("#correct-wrong")
    page.fill("#missing-name", "Buurtcafé De Hoek")
    page.select_option("#missing-type", "business")
    page.fill("#missing-note", "runs the Friday meal")
    page.click("#missing-add")
    assert page.locator("#corrections li").count() == 3
    with page.expect_download() as info:
        page.click("#corrections-download")
    download = info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.name == "corrections-lindenwaard.csv"
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert [r["kind"] for r in rows] == ["works_together", "tie_wrong", "missing_organisation"]
    assert rows[0]["note"] == 'seen at the "market", 2024'
    record.assert_clean()  # the download made no network request

    out = tmp_path / "corrected"
    result = CliRunner().invoke(
        main, ["corrections", "apply", str(SAMPLE_DATA / "lindenwaard"), str(saved), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "3 correction(s), 3 applied" in result.output
    corrected = read_dataset(out)
    parts = corrected.participations
    together = set(parts[parts["organisation_id"] == "wc-woongoed"]["action_id"]) & set(
        parts[parts["organisation_id"] == "bi-moestuin"]["action_id"]
    )
    assert together
    other = ids[partner]
    assert not set(parts[parts["organisation_id"] == "wc-woongoed"]["action_id"]) & set(
        parts[parts["organisation_id"] == other]["action_id"]
    )
    new = corrected.organisations[corrected.organisations["name"] == "Buurtcafé De Hoek"]
    assert list(new["type"]) == ["business"] and list(new["sector"]) == ["market"]
    assert len(corrected.organisations) == len(lindenwaard.organisations) + 1


def test_corrections_apply_refuses_bad_rows_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "kind,organisation_id,other_id,name,type\n"
        "works_together,gem-lindenwaard,nobody,,\n"
        "moved,gem-lindenwaard,wc-woongoed,,\n"
        "missing_organisation,,,Café,pub\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["corrections", "apply", str(SAMPLE_DATA / "lindenwaard"), str(bad), "-o", str(out)]
    )
    assert result.exit_code == 1
    for expected in (
        "line 2, column 'other_id'",
        "'nobody'",
        "line 3, column 'kind'",
        "'moved'",
        "line 4, column 'type'",
        "'pub'",
    ):
        assert expected in result.output
    assert not out.exists()


def test_corrections_reports_what_did_not_change(tmp_path, make_dataset):
    folder = write_dataset(
        tmp_path / "ds",
        {
            "organisations": "id,name,type\na,A,business\nb,B,welfare\nc,C,welfare\n",
            "joint_actions": "id,name\nx,X\n",
            "participations": "action_id,organisation_id\nx,a\nx,b\n",
        },
    )
    file = tmp_path / "c.csv"
    file.write_text(
        "kind,organisation_id,other_id\nworks_together,a,b\ntie_wrong,a,c\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        main, ["corrections", "apply", str(folder), str(file), "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    assert "unchanged: line 2: A and B already share 1 joint action(s)" in result.output
    assert "unchanged: line 3: A and C share no joint action" in result.output
    with pytest.raises(DatasetError):
        from graphtool.ingest.corrections import read_corrections

        (tmp_path / "d.csv").write_text("kind\nworks_together\n", encoding="utf-8")
        read_corrections(tmp_path / "d.csv", read_dataset(folder))


# ---------------------------------------------------------------------- poster


@pytest.mark.browser
def test_poster_is_an_a3_png_with_the_view(lindenwaard_page, open_page):
    path, _ = lindenwaard_page
    record = open_page(path, width=1366, height=768)
    page = record.page
    before = page.evaluate("[graphtool.network.getScale(), graphtool.state().labels]")
    with page.expect_download() as info:
        page.click("#poster-button")
    download = info.value
    assert download.suggested_filename == "poster-lindenwaard.png"
    png = open(download.path(), "rb").read()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (2480, 1754)  # A3 landscape at 150 dots per inch
    # the page is back as it was
    assert page.evaluate("graphtool.network.getScale()") == pytest.approx(before[0])
    clean_labels(page)
    record.assert_clean()


# ----------------------------------------------------------------- hostile names


@pytest.mark.browser
def test_hostile_names_stay_text_in_every_new_view(make_dataset, tmp_path, open_page):
    ds = make_dataset(
        organisations=(
            "id,name,type\n"
            f'evil,"{HOSTILE.replace(chr(34), chr(34) * 2)}",business\n'
            "gem,Gemeente,municipality\nwoco,Woonstede,housing_association\n"
            "bew,Bewoners,residents_association\n"
            "evil2,</script><script>window.pwned=2</script>,welfare\n"
        ),
        joint_actions="id,name\na1,A1\na2,A2\na3,A3\na4,<b>x</b>\n",
        participations=(
            "action_id,organisation_id\na1,evil\na1,gem\na2,evil\na2,woco\na3,evil\na3,evil2\n"
            "a4,gem\na4,bew\n"
        ),
    )
    page_obj, _ = network_page(ds)
    path = tmp_path / "page.html"
    path.write_text(page_obj.html, encoding="utf-8")
    record = open_page(path, width=1366, height=768)
    page = record.page
    page.evaluate("graphtool.showGroups('community')")
    names = page.evaluate("graphtool.labelBoxes().map(b => b.text)")
    assert any(HOSTILE in n for n in names), names
    page.evaluate("graphtool.focus(0, 2)")
    page.evaluate("graphtool.select(0)")
    assert page.text_content("#panel h2.name").endswith(HOSTILE)
    page.select_option("#pair-other", "4")
    page.click("#whatif")
    assert HOSTILE in page.text_content("#whatif-result")
    page.click("#close")
    page.evaluate("graphtool.select(0)")
    page.select_option("#pair-other", "4")
    page.click("#correct-together")
    assert HOSTILE in page.text_content("#corrections")
    page.fill("#missing-name", HOSTILE)
    page.click("#missing-add")
    page.click("#story-button")
    for _ in range(8):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Escape")
    texts = page.evaluate("graphtool.labelBoxes().map(b => b.text)")
    assert all(
        "<" not in t or t in (HOSTILE, "</script><script>window.pwned=2</script>") for t in texts
    )
    assert page.evaluate("window.pwned") is None
    assert page.evaluate("document.querySelectorAll('img, b').length") == 0
    assert page.evaluate("document.scripts.length") == 3
    record.assert_clean()


@pytest.mark.browser
def test_panel_says_the_significance_test_in_plain_words(make_dataset, tmp_path, open_page):
    ds = make_dataset(
        organisations="id,name,type\na,A,business\nb,B,business\nc,C,welfare\n",
        joint_actions="id,name\nx,X\ny,Y\nz,Z\n",
        participations="action_id,organisation_id\nx,a\nx,b\ny,a\ny,b\nz,a\n",
    )
    drive = [
        {
            "id": "a",
            "score": 0.8,
            "flagged": True,
            "reasons": ["r"],
            "solo_share": 1 / 3,
            "ei_index": -1.0,
            "ei_expected": -0.2,
            "p_value": 0.03,
            "q_value": 0.08,
            "stability": "fragile",
        },
    ]
    path = tmp_path / "page.html"
    from graphtool.present.network_page import render_page

    path.write_text(render_page(page_data(ds, drive=drive)), encoding="utf-8")
    record = open_page(path, width=1366, height=768)
    page = record.page
    page.evaluate("graphtool.select(0)")
    notes = page.locator("#significance li").all_text_contents()
    # E-I -1.00 = no tie outside its group; an expected E-I of -0.20 = 40% outside
    assert notes == [
        "If it picked its partners regardless of group, about 40% of its ties would go "
        "outside its own group, given who is in this network; it has 0%.",
        "With the groups reshuffled at random, a score this high comes up in 3% of the "
        "reshuffles (p = 0.03).",
        "Corrected for testing every organisation: q = 0.08.",
        "The flag is fragile: weigh the parts of the score a little differently and it can "
        "disappear.",
    ]
    page.evaluate("graphtool.select(1)")
    assert page.locator("#significance").count() == 0
    record.assert_clean()
