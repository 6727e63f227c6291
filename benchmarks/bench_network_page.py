"""How quickly the network page opens and becomes usable, in headless Chromium.

For each size a synthetic dataset (``benchmarks/generate.py``) is turned into a
page; the script measures, in this process:

- ``build``: seconds to compute the page data and HTML in Python (layout included);
- ``ready``: seconds from navigation until the network is drawn and usable: the
  physics has stabilised (normal mode) or the first frame is drawn (fast mode);
- ``usable``: seconds from navigation until the first view answers a click: from
  400 organisations on that is the group view (checked), with the background
  funder as a legend badge (checked);
- ``search``: seconds for a search that selects and focuses an organisation;
- ``filter``: seconds to apply a year filter and redraw;
- the HTML size and the peak resident memory of this Python process.

Ratios are against the smallest size run in the same process. The network is
blocked as in the tests. Usage::

    python benchmarks/bench_network_page.py                 # 500, 2000, 5000 organisations
    python benchmarks/bench_network_page.py --sizes 1500 --physics   # force physics on
    python benchmarks/bench_network_page.py --shape neighbourhood    # the municipal generator

The default shape is ``generate_real``: EU-project consortia with one funder of
everyone (the European Commission), the case the group view and background
funders are for. The pages are made as ``graphtool visualise`` makes them,
analyses included.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate, generate_real, write  # noqa: E402
from graphtool.ingest import read_dataset  # noqa: E402
from graphtool.present.network_page import network_page  # noqa: E402
from tests.plugins.browser import CHROMIUM_ARGS, LOCAL_SCHEMES, chromium_path  # noqa: E402


def measure(browser, path: Path) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    blocked: list[str] = []
    context.route(
        "**/*",
        lambda route, request: (
            route.continue_()
            if request.url.startswith(LOCAL_SCHEMES)
            else (blocked.append(request.url), route.abort())
        ),
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    start = time.perf_counter()
    page.goto(path.as_uri(), timeout=600_000)
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=600_000)
    ready = time.perf_counter() - start
    # usable: the first view answers (a state read and one more frame drawn)
    first = page.evaluate("new Promise(r => requestAnimationFrame(() => r(graphtool.state())))")
    usable = time.perf_counter() - start
    badges = page.locator("#background-funders .badge").count()
    name = page.evaluate(
        "graphtool.data.organisations[Math.floor(graphtool.data.organisations.length / 2)].name"
    )
    start = time.perf_counter()
    page.fill("#search", name)
    page.press("#search", "Enter")
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    search = time.perf_counter() - start
    years = page.evaluate("graphtool.data.years")
    start = time.perf_counter()
    if years:
        page.select_option("#filter-year", str(years[len(years) // 2]))
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    filtered = time.perf_counter() - start
    in_page = page.evaluate("graphtool.timings")
    context.close()
    if blocked or errors:
        raise SystemExit(f"page made requests {blocked} or raised {errors}")
    return {
        "view": first["view"],
        "overlapping": first["overlappingLabels"],
        "badges": badges,
        "usable": usable,
        "ready": ready,
        "search": search,
        "filter": filtered,
        "script_ready": in_page["ready"] / 1000,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,2000,5000")
    parser.add_argument("--shape", choices=["real", "neighbourhood"], default="real")
    parser.add_argument("--physics", action="store_true", help="force physics (no fast mode)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for n in sizes:
            make = generate_real if args.shape == "real" else generate
            folder = write(make(n, seed=args.seed), Path(tmp) / f"ds{n}")
            dataset = read_dataset(folder)
            start = time.perf_counter()
            page_obj, _ = network_page(dataset, fast_mode=False if args.physics else None)
            data, html = page_obj.data, page_obj.html
            build = time.perf_counter() - start
            path = Path(tmp) / f"page{n}.html"
            path.write_text(html, encoding="utf-8")
            result = measure(browser, path)
            rows.append(
                {
                    "organisations": n,
                    "ties": len(data["collaboration"]),
                    "flows": len(data["funding"]),
                    "mode": "fast" if data["meta"]["fastMode"] else "physics",
                    "html_mb": len(html.encode()) / 1e6,
                    "build": build,
                    **result,
                }
            )
            print(f"done {n}: {rows[-1]}", file=sys.stderr)
        browser.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    base = rows[0]
    print(
        "organisations  ties    flows  mode     first view     html MB  build s  usable s"
        "  (x base)  search s  filter s"
    )
    for r in rows:
        first = r["view"] + (f" +{r['badges']} badge" if r["badges"] else "")
        print(
            f"{r['organisations']:>13,}  {r['ties']:>6,}  {r['flows']:>5,}  {r['mode']:<7}  "
            f"{first:<13}  {r['html_mb']:>7.2f}  {r['build']:>7.2f}  {r['usable']:>8.2f}  "
            f"{r['usable'] / base['usable']:>8.1f}  {r['search']:>8.2f}  {r['filter']:>8.2f}"
        )
        if r["overlapping"]:
            print(f"  warning: {r['overlapping']} overlapping names in the first view")
    print(f"peak memory of the Python process: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
