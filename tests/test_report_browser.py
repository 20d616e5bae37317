"""The study report in a real browser: every figure loads, nothing is fetched, phone-readable.

Uses Debian's headless Chromium (installed by `make test` through tools/ensure_chromium.sh)
driven by Playwright; skipped with a message only where Chromium cannot be installed.
"""

from __future__ import annotations

import shutil

import pytest

from territoire_lab.study import run_study

from .conftest import TEST_KEY

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium not installed and not installable here (run tools/ensure_chromium.sh as root)",
)


@pytest.fixture(scope="module")
def report(tmp_path_factory, sample):
    out = tmp_path_factory.mktemp("report")
    return run_study(out, sample=sample, key=TEST_KEY)


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_report_renders_offline_with_every_figure(report, width, height):
    import playwright.sync_api as playwright

    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        failed: list[str] = []
        page.on("requestfailed", lambda r: failed.append(r.url))
        page.goto(report.as_uri(), wait_until="load")
        n_images = page.evaluate("document.images.length")
        loaded = page.evaluate(
            "Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0).length"
        )
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        title = page.title()
        browser.close()
    assert n_images >= 6
    assert loaded == n_images
    remote = [u for u in requests if not u.startswith(("file://", "data:"))]
    assert remote == [], f"the report fetched {remote}"
    assert failed == []
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at width {width}"
    assert title.startswith("Étude comparative")
