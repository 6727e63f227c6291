"""Screenshot of the network page of a dataset, taken in headless Chromium.

Regenerates the pictures in ``visualisations/`` (see ``visualisations/README.md``)::

    python scripts/screenshot_network_page.py sample_data/lindenwaard \\
        -o visualisations/lindenwaard.png --html visualisations/lindenwaard.html
    python scripts/screenshot_network_page.py sample_data/lindenwaard --width 1366 \\
        --height 768 --action search:schakel -o visualisations/lindenwaard-search.png

The page is built exactly as ``graphtool visualise`` builds it (analyses included
when available). Without ``--action`` the organisation with the highest
territorial-drive score among the flagged ones is selected so the side panel
shows its reasons, otherwise the most active organisation. ``--action`` instead:
``search:TEXT``, ``groups`` or ``communities`` (the group view), ``focus:ID`` or
``focus2:ID`` (the focus view, one or two steps), ``story:N`` (story step N,
from 1), ``whatif:ID,ID`` (what if the two start a joint action). The network is
blocked while the page is open; the script fails if a name overlaps another or
leaves the canvas, or the page logs an error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphtool.ingest import read_dataset  # noqa: E402
from graphtool.present.network_page import network_page  # noqa: E402
from tests.plugins.browser import CHROMIUM_ARGS, LOCAL_SCHEMES, chromium_path  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True, help="PNG file")
    parser.add_argument("--html", type=Path, default=None, help="also keep the page here")
    parser.add_argument("--lang", default="en", choices=["en", "nl"])
    parser.add_argument("--title", default=None)
    parser.add_argument("--width", type=int, default=1920)
    parser.add_argument("--height", type=int, default=1080)
    parser.add_argument("--action", default=None, help="search:TEXT, groups, focus:ID, ...")
    parser.add_argument("--compare", nargs=2, type=int, default=None, metavar=("A", "B"))
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    page_obj, notes = network_page(
        read_dataset(args.dataset),
        lang=args.lang,
        title=args.title,
        compare_years=tuple(args.compare) if args.compare else None,
    )
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    html_path = args.html or args.output.with_suffix(".html")
    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(page_obj.html, encoding="utf-8")
    orgs = page_obj.data["organisations"]
    flagged = [i for i, o in enumerate(orgs) if o["flagged"]]
    if flagged:
        chosen = max(flagged, key=lambda i: orgs[i]["score"] or 0)
    else:
        chosen = max(range(len(orgs)), key=lambda i: len(orgs[i]["actions"]))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": args.width, "height": args.height})
        context.route(
            "**/*",
            lambda route, request: (
                route.continue_() if request.url.startswith(LOCAL_SCHEMES) else route.abort()
            ),
        )
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(html_path.resolve().as_uri())
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=120_000)
        if args.action is None:
            page.evaluate("(i) => { graphtool.select(i); }", chosen)
            page.evaluate("() => graphtool.showAll(false)")
        else:
            act(page, args.action, [o["id"] for o in orgs])
        page.wait_for_timeout(800)
        page.evaluate("graphtool.finishAnimation()")
        state = page.evaluate("graphtool.state()")
        if errors or state["overlappingLabels"] or state["labelsOutside"]:
            raise SystemExit(f"page errors {errors} or names badly placed: {state}")
        args.output.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.output))
        browser.close()
    print(f"wrote {args.output} and {html_path}")
    return 0


def act(page, action: str, ids: list[str]) -> None:
    """Bring the page into the view ``action`` names (see the module docstring)."""
    kind, _, arg = action.partition(":")
    if kind == "search":
        page.fill("#search", arg)
        page.press("#search", "Enter")
    elif kind in ("groups", "communities"):
        page.select_option("#view", "group" if kind == "groups" else "community")
    elif kind in ("focus", "focus2"):
        page.evaluate(
            "([i, d]) => { graphtool.focus(i, d); graphtool.select(i); }",
            [ids.index(arg), 2 if kind == "focus2" else 1],
        )
    elif kind == "story":
        page.click("#story-button")
        for _ in range(int(arg) - 1):
            page.keyboard.press("ArrowRight")
    elif kind == "whatif":
        a, b = (ids.index(x) for x in arg.split(","))
        page.evaluate("(i) => graphtool.select(i)", a)
        page.select_option("#pair-other", str(b))
        page.click("#whatif")
    else:
        raise SystemExit(f"unknown action {action!r}")


if __name__ == "__main__":
    sys.exit(main())
