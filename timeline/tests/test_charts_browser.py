"""The charts drawn in a real browser (Debian's Chromium) under the app's Content-Security-Policy.

Screenshots go to artifacts/ for a person to look at.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tracker.synthetic import synthetic_generate

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHARTS = ["frequency", "gaps", "network", "calendar", "comparison"]


@pytest.fixture
def browser_page(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.problems = []
        page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
        page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
        # base.html names no favicon; the browser's own request for one is not ours to judge.
        page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
        yield page
        browser.close()


@pytest.fixture
def fictional_record(transactional_db):
    synthetic_generate(leaders=12, contacts=400, statements=0, seed=7, until=date(2025, 6, 30))


def test_charts_are_drawn_and_redrawn_after_a_filter_change(live_server, fictional_record, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/charts/")
    for name in CHARTS:
        page.wait_for_selector(f"#chart-{name} .chart-figure .main-svg", timeout=20_000)
    assert page.locator(".chart-nojs").count() == 0
    page.screenshot(path=str(ARTIFACTS / "charts_page.png"), full_page=True)
    kinds_before = page.evaluate("document.querySelector('#chart-frequency .chart-figure').data.map(t => t.name)")
    assert "Phone call" in kinds_before and "Visit" in kinds_before

    page.evaluate("document.querySelector('#charts').dataset.stale = 'yes'")
    page.check("input[name=kind][value=visit]")
    page.wait_for_selector("#charts:not([data-stale]) #chart-frequency .main-svg", timeout=20_000)
    for name in CHARTS:
        page.wait_for_selector(f"#charts:not([data-stale]) #chart-{name} .main-svg", timeout=20_000)
    kinds_after = page.evaluate("document.querySelector('#chart-frequency .chart-figure').data.map(t => t.name)")
    assert kinds_after == ["Visit"]
    assert "kind=visit" in page.url  # the filter is in the address: reload and share show the same
    page.screenshot(path=str(ARTIFACTS / "charts_page_visits.png"), full_page=True)

    # A chart's own control swaps only that chart.
    page.evaluate("document.querySelector('#chart-frequency').dataset.stale = 'yes'")
    page.select_option("#chart-frequency select[name=period]", "week")
    page.wait_for_selector("#chart-frequency:not([data-stale]) .main-svg", timeout=20_000)
    title = page.evaluate("document.querySelector('#chart-frequency .chart-figure').layout.title.text")
    assert title in {"Contacts per week", "Contacts per month"}  # month when weeks would be too many
    assert page.locator("#chart-gaps .main-svg").count() >= 1

    assert page.problems == []


def test_embed_view_draws_its_chart_alone(live_server, fictional_record, browser_page):
    page = browser_page
    response = page.goto(f"{live_server.url}/charts/gaps/embed/")
    assert "frame-ancestors *" in response.headers["content-security-policy"]
    page.wait_for_selector(".main-svg", timeout=20_000)
    assert page.locator("header.site").count() == 0
    page.screenshot(path=str(ARTIFACTS / "chart_embed_gaps.png"), full_page=True)
    assert page.problems == []
