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


@pytest.fixture
def hostile_names(transactional_db):
    from tracker.models import Country, Person, ReviewStatus
    from tracker.services.contacts import contact_create

    norvania = Country.objects.create(name="Norvania")
    linker = Person.objects.create(name='<a href="https://evil.example/">x</a>', slug="linker", country=norvania)
    scripter = Person.objects.create(name="<script>alert(1)</script><b>bold</b>", slug="scripter", country=norvania)
    plain = Person.objects.create(name="Aldo Varen", slug="aldo-varen", country=norvania)
    for day in [date(2024, 1, 5), date(2024, 2, 9), date(2024, 5, 1)]:
        contact_create(kind="phone_call", date=day, participants=[linker, scripter], status=ReviewStatus.CONFIRMED)
        contact_create(kind="meeting", date=day, participants=[linker, plain], status=ReviewStatus.CONFIRMED)


OFF_SITE_LINKS = """[...document.querySelectorAll('a')].filter(a =>
    ((a.getAttribute('href') || '') + (a.getAttribute('xlink:href') || '')).includes('evil.example')).length"""


@pytest.mark.parametrize(
    "path",
    [
        "/charts/network/",
        "/charts/network/?network=matrix",
        "/charts/gaps/?pair=linker,scripter",
        "/charts/comparison/?compare=linker,scripter&compare=linker,aldo-varen",
    ],
)
def test_names_with_markup_are_drawn_as_plain_text(live_server, hostile_names, browser_page, path):
    page = browser_page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for url in [path, path.replace("/?", "/embed/?") if "?" in path else f"{path}embed/"]:
        page.goto(f"{live_server.url}{url}")
        page.wait_for_selector(".chart-figure .main-svg", timeout=20_000)
        assert page.evaluate(OFF_SITE_LINKS) == 0, url
        assert page.locator(".chart-figure b").count() == 0, url
        # The names show as the characters they are, markup and all.
        assert "evil.example" in page.locator(".chart-figure").first.text_content(), url
    assert dialogs == [] and page.problems == []


def test_a_backwards_range_shows_its_message_after_an_htmx_swap(live_server, fictional_record, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/charts/")
    page.wait_for_selector("#chart-frequency .main-svg", timeout=20_000)
    page.evaluate("document.querySelector('#charts').dataset.stale = 'yes'")
    page.fill(".chart-filters input[name=end]", "2023-01-01")
    page.fill(".chart-filters input[name=start]", "2024-01-01")
    page.wait_for_selector("#charts:not([data-stale]) .chart-errors", timeout=20_000)
    assert "The range ends before it starts" in page.locator("#charts .chart-errors").first.text_content()
