"""A real headless Chromium (the system's, driven by Playwright) with the network blocked.

``open_page`` opens a file in a fresh page whose every request other than
``file:``, ``data:``, ``blob:`` and ``about:`` is aborted and recorded, and which
records console errors, page errors and dialogs, so a test can assert that none
happened. In CI (``CI=true``) a missing browser fails the test instead of skipping it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def chromium_path() -> str | None:
    """The system Chromium: ``$CHROMIUM`` or the first of chromium / chromium-browser on PATH."""
    for candidate in (
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        "chromium",
        "chromium-browser",
    ):
        if candidate and (found := shutil.which(candidate)):
            return found
    return None


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"headless browser needed in CI: {reason}")
    pytest.skip(reason)


@dataclass
class PageRecord:
    """What happened in a page: blocked requests, console errors, page errors, dialogs."""

    page: Any
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.requests == [], f"network requests attempted: {self.requests}"
        assert self.console_errors == [], f"console errors: {self.console_errors}"
        assert self.page_errors == [], f"page errors: {self.page_errors}"
        assert self.dialogs == [], f"dialogs opened: {self.dialogs}"


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """A headless system Chromium for the whole test session."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        _unavailable("the Python package playwright is not installed")
    path = chromium_path()
    if path is None:
        _unavailable("no Chromium found (apt-get install chromium, or set $CHROMIUM)")
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        except Error as exc:
            _unavailable(f"Chromium at {path} does not start: {exc}")
        yield browser
        browser.close()


@pytest.fixture
def open_page(chromium) -> Iterator[Any]:
    """``open_page(path) -> PageRecord``: load a file with the network blocked and recorded."""
    contexts = []

    def open_(
        path: Path,
        *,
        width: int = 1600,
        height: int = 1000,
        wait_ready: bool = True,
        bypass_csp: bool = False,
    ) -> PageRecord:
        context = chromium.new_context(
            viewport={"width": width, "height": height}, bypass_csp=bypass_csp
        )
        contexts.append(context)
        page = context.new_page()
        record = PageRecord(page)

        def route(route_, request) -> None:
            if request.url.startswith(LOCAL_SCHEMES):
                route_.continue_()
            else:
                record.requests.append(request.url)
                route_.abort()

        context.route("**/*", route)
        page.on("console", lambda m: m.type == "error" and record.console_errors.append(m.text))
        page.on("pageerror", lambda e: record.page_errors.append(str(e)))

        def dialog(d) -> None:
            record.dialogs.append(f"{d.type}: {d.message}")
            d.dismiss()

        page.on("dialog", dialog)
        page.goto(Path(path).resolve().as_uri())
        if wait_ready:
            # a selector, not wait_for_function: the page's policy forbids the eval that polls
            page.wait_for_selector("body[data-ready=true]", state="attached", timeout=60_000)
        return record

    yield open_
    for context in contexts:
        context.close()
