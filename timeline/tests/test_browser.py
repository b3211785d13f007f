"""The timeline in Debian's Chromium: HTMX swaps, the URL as state, expansion, no console errors."""

import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from tracker.tests.factories import make_contact

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]


@pytest.fixture
def record(transactional_db, people):
    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    start = date(2024, 1, 1)
    for n in range(60):
        make_contact(aldo, mira, on=start + timedelta(days=3 * n), summary=f"Synthetic call number {n}.")
    make_contact(aldo, ivo, on=date(2024, 2, 10), kind="meeting", summary="A synthetic meeting in Norvania.")
    return people


@pytest.fixture
def browser_page(live_server):
    # Playwright's sync API runs an event loop in this thread; the test's own DB work is done
    # before it starts, the live server answers from its own thread.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        problems = []
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        # A request the browser cancelled (a fetch cut short by leaving the page, or superseded) is
        # no failure of the app; any other failure is.
        page.on(
            "requestfailed",
            lambda r: (
                None if r.failure == "net::ERR_ABORTED" else problems.append(f"failed request: {r.url} ({r.failure})")
            ),
        )
        page.problems = problems
        yield page
        browser.close()


def wait_until_drawn(page):
    """The page's requests are done and its visual timeline is drawn: plotly's drawing changes the
    height of what is below it, so a click aimed before it ends can land elsewhere."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('[data-visual-timeline]')).every(r => !r.hasAttribute('aria-busy'))"
    )


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def test_filters_swap_results_update_the_url_and_back_restores(record, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/timeline/")
    assert page.evaluate("typeof htmx") == "object", "htmx.min.js did not load"
    page.evaluate("window.__notReloaded = true")
    assert "61 contacts" in page.locator("#results .count").inner_text()
    page.screenshot(path=ARTIFACTS / "timeline-desktop.png", full_page=False)
    assert page.locator("details.filter-panel").evaluate("d => d.open"), "filters start collapsed on a wide screen"

    page.get_by_label("Meeting").check()
    page.wait_for_url("**/timeline/?kind=meeting")
    expect(page.locator("#results .count")).to_contain_text("1 contact")
    assert page.evaluate("window.__notReloaded") is True, "the whole page reloaded"
    assert "A synthetic meeting" in page.locator("#results").inner_text()
    expect(page.locator("#result-status")).to_contain_text("1 contact")

    page.go_back()
    page.wait_for_url(f"{live_server.url}/timeline/")
    expect(page.locator("#results .count")).to_contain_text("61 contacts")
    assert not page.get_by_label("Meeting").is_checked()
    assert page.problems == []


def test_a_pasted_filtered_url_shows_the_same_view(record, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/timeline/?pair=aldo-varen,mira-tolsk&q=number+5")
    text = page.locator("#results").inner_text()
    assert "Synthetic call number 5." in text and "A synthetic meeting" not in text
    assert page.locator("#id_q").input_value() == "number 5"
    assert page.problems == []


def test_an_item_expands_in_place_and_load_more_appends(record, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/timeline/?pair=aldo-varen,mira-tolsk")
    first = page.locator("li.item.contact details").first
    first.locator("summary").click()
    first.locator(".contact-detail").wait_for()
    assert "Sources" in first.inner_text() and "Topics" in first.inner_text()
    assert "3 days" in page.locator("li.gap").first.inner_text()
    page.screenshot(path=ARTIFACTS / "timeline-expanded.png", full_page=False)

    assert page.locator("li.item").count() == 50
    page.locator("li.more").scroll_into_view_if_needed()
    expect(page.locator("li.item")).to_have_count(60)
    assert page.locator("li.more").count() == 0
    assert page.problems == []


def test_the_timeline_reads_on_a_phone(record, live_server, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/timeline/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=ARTIFACTS / "timeline-phone.png", full_page=False)
    page.goto(f"{live_server.url}/pairs/aldo-varen/mira-tolsk/")
    page.screenshot(path=ARTIFACTS / "pair-phone.png", full_page=True)
    assert page.problems == []


def test_on_a_phone_the_filters_fold_away_and_open_from_the_keyboard(record, live_server, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/timeline/")
    panel = page.locator("details.filter-panel")
    assert not panel.evaluate("d => d.open")
    expect(page.get_by_label("Meeting")).to_be_hidden()
    # The first results are on the first screen, not below the form.
    assert page.locator("#results li.item").first.bounding_box()["y"] < 844

    summary = panel.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Meeting")).to_be_visible()
    assert summary.evaluate("s => getComputedStyle(s).display") != "none"
    page.screenshot(path=ARTIFACTS / "timeline-phone-filters-open.png", full_page=False)
    page.get_by_label("Meeting").check()
    page.wait_for_url("**/timeline/?kind=meeting")
    expect(page.locator("#results .count")).to_contain_text("1 contact")
    assert page.problems == []


def test_a_late_answer_for_earlier_filters_is_not_drawn_over_the_latest(record, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/timeline/")
    wait_until_drawn(page)

    def slow_for_meetings(route):
        if "kind=meeting" in route.request.url:
            page.wait_for_timeout(1500)
        route.continue_()

    page.route("**/timeline/visual.json*", slow_for_meetings)
    page.get_by_label("Meeting").check()
    page.wait_for_url("**/timeline/?kind=meeting")
    page.get_by_label("Meeting").uncheck()
    page.wait_for_url(f"{live_server.url}/timeline/")
    page.wait_for_timeout(2000)  # the meetings' answer has come back by now
    wait_until_drawn(page)
    expect(page.locator(".visual-note")).to_contain_text("61 contacts")
    assert page.problems == []
