"""The visual timeline in Debian's Chromium: marks, labelled gaps, zoom into the URL, details on
click, phones; screenshots of each page at desktop and phone sizes go to artifacts/."""

from datetime import date, timedelta
from pathlib import Path

import pytest

from timeline.tests.gap_claims import claim_more_than_a_month
from timeline.tests.test_browser import ARTIFACTS, CHROMIUM, expect
from tracker.models import Office, Precision
from tracker.tests.factories import make_contact

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def founding(transactional_db, people, norvania):
    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    Office.objects.filter(person=aldo).delete()  # the shared fixture's open-ended office: Aldo leaves here
    Office.objects.create(
        person=aldo, title="President", country=norvania, start=date(2020, 1, 1), end=date(2024, 4, 20)
    )
    make_contact(aldo, mira, on=date(2024, 2, 15), summary="A synthetic call about trade.")
    make_contact(aldo, mira, on=date(2024, 3, 18), summary="A synthetic call about water.")
    make_contact(aldo, mira, on=date(2024, 5, 1), kind="letter", date_precision=Precision.MONTH, summary="A letter.")
    for n in range(6):
        make_contact(aldo, ivo, on=date(2024, 1, 10) + timedelta(days=20 * n), kind="meeting", summary=f"Meeting {n}.")
    claim_more_than_a_month(aldo, mira, date(2024, 3, 18))
    return people


def plot_text(page) -> str:
    return page.locator(".visual-plot").inner_text()


def drawn_dates(page) -> list[str]:
    return page.evaluate(
        "() => [].concat(...document.querySelector('.visual-plot').data"
        ".filter(t => t.mode === 'markers').map(t => t.x))"
    )


def wait_drawn(page):
    page.wait_for_function("() => (document.querySelector('.visual-plot').data || []).length > 0")


def test_the_pair_timeline_draws_both_calls_with_the_gap_labelled(founding, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/pairs/aldo-varen/mira-tolsk/")
    wait_drawn(page)
    dates = drawn_dates(page)
    assert "2024-02-15" in dates and "2024-03-18" in dates
    expect(page.locator(".visual-plot")).to_contain_text("32 days")
    assert "claim: supported by the record" in plot_text(page)
    # The month-precision letter spans its month; Aldo's stretch out of office is shaded.
    spans = page.evaluate(
        "() => document.querySelector('.visual-plot').data.filter(t => t.mode === 'lines' && t.line.width > 5)"
        ".map(t => t.x)"
    )
    assert ["2024-05-01", "2024-06-01", None] in spans
    assert page.locator(".visual-plot .shapelayer path").count() >= 1
    page.screenshot(path=ARTIFACTS / "visual-pair-desktop.png", full_page=False)
    assert page.problems == []


def test_zooming_writes_start_and_end_into_the_url_and_the_list_follows(founding, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/timeline/")
    wait_drawn(page)
    expect(page.locator("#results .count")).to_contain_text("9 contacts")
    page.screenshot(path=ARTIFACTS / "visual-timeline-desktop.png", full_page=False)
    page.get_by_role("button", name="Zoom in").click()
    page.wait_for_url("**/timeline/?*start=*end=*")
    url = page.url
    start = url.split("start=")[1][:10]
    end = url.split("end=")[1][:10]
    assert page.locator("#id_start").input_value() == start
    listed = page.locator("#results li.item time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")
    assert listed and all(start <= day <= end for day in listed)
    expect(page.locator("#results .count")).not_to_contain_text("9 contacts")
    assert page.problems == []


def test_clicking_a_mark_opens_the_contact_beside_the_timeline(founding, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/pairs/aldo-varen/mira-tolsk/")
    wait_drawn(page)
    before = page.url
    point = page.locator(".visual-plot .scatterlayer .trace .points path").first
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator(".visual-plot .hoverlayer")).to_contain_text("source")
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator(".visual-detail .contact-detail")).to_be_visible()
    assert page.url == before
    assert page.problems == []


def test_the_leader_page_has_a_lane_per_counterpart(founding, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/leaders/aldo-varen/")
    wait_drawn(page)
    lanes = page.evaluate("() => document.querySelector('.visual-plot').layout.yaxis.categoryarray")
    assert lanes == ["Ivo Pell", "Mira Tolsk"]
    page.screenshot(path=ARTIFACTS / "visual-leader-desktop.png", full_page=False)
    assert page.problems == []


def test_on_a_phone_a_filter_change_leaves_the_results_in_view(founding, live_server, browser_page):
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/timeline/")
    wait_drawn(page)
    page.screenshot(path=ARTIFACTS / "visual-timeline-phone.png", full_page=False)
    page.locator("details.filter-panel summary").click()
    page.get_by_label("Meeting").check()
    page.wait_for_url("**/timeline/?kind=meeting")
    expect(page.locator("#results .count")).to_contain_text("6 contacts")
    jump = page.locator(".results-jump")
    expect(jump).to_be_in_viewport()
    expect(jump).to_contain_text("6 contacts")
    jump.click()
    expect(page.locator("#results .count")).to_be_in_viewport()
    assert page.problems == []


def test_on_a_phone_the_pair_timeline_is_on_the_first_screen(founding, live_server, browser_page):
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/pairs/aldo-varen/mira-tolsk/")
    wait_drawn(page)
    box = page.locator(".visual-plot").bounding_box()
    assert box["y"] < PHONE["height"] and box["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=ARTIFACTS / "visual-pair-phone.png", full_page=False)
    page.goto(f"{live_server.url}/leaders/aldo-varen/")
    wait_drawn(page)
    page.screenshot(path=ARTIFACTS / "visual-leader-phone.png", full_page=False)
    assert page.problems == []


PAGES = {
    "home": "/",
    "timeline": "/timeline/",
    "pair": "/pairs/aldo-varen/mira-tolsk/",
    "leader": "/leaders/aldo-varen/",
    "charts": "/charts/",
    "chart-gaps": "/charts/gaps/?pair=aldo-varen,mira-tolsk",
}


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_every_page_draws_without_errors_and_is_photographed(founding, live_server, browser_page, size):
    page = browser_page
    if size == "phone":
        page.set_viewport_size(PHONE)
    for name, path in PAGES.items():
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), name
        page.screenshot(path=ARTIFACTS / f"page-{name}-{size}.png", full_page=True)
    assert page.problems == []


def test_an_embed_fits_the_height_its_snippet_recommends(founding, live_server, browser_page):
    page = browser_page
    page.on("response", lambda r: page.problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(f"{live_server.url}/charts/gaps/?pair=aldo-varen,mira-tolsk")
    snippet = page.locator(".embed-snippet textarea").input_value()
    height = int(snippet.split('height="')[1].split('"')[0])
    page.set_viewport_size({"width": 700, "height": height})
    page.goto(f"{live_server.url}/charts/gaps/embed/?pair=aldo-varen,mira-tolsk")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollHeight") <= height
    page.screenshot(path=ARTIFACTS / "embed-gaps.png", full_page=False)
    assert page.problems == []


@pytest.fixture
def touch_page(browser_page):
    """A phone with a touch screen (hasTouch, isMobile), sharing the browser and its checks."""
    context = browser_page.context.browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: page.problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    yield page
    context.close()


def visible_range(page) -> list[str]:
    return page.evaluate("() => document.querySelector('.visual-plot')._fullLayout.xaxis.range.map(String)")


def touch(cdp, kind: str, points: list[tuple[float, float]]):
    cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [{"x": x, "y": y} for x, y in points]})


def test_on_a_touch_screen_a_pinch_zooms_a_swipe_pans_and_a_tap_opens_a_contact(founding, live_server, touch_page):
    page = touch_page
    page.goto(f"{live_server.url}/pairs/aldo-varen/mira-tolsk/")
    wait_drawn(page)
    box = page.locator(".visual-plot .nsewdrag").first.bounding_box()
    middle_x, middle_y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    cdp = page.context.new_cdp_session(page)
    before = visible_range(page)

    # Two fingers spread apart: the range narrows around their middle, and reaches the URL.
    touch(cdp, "touchStart", [(middle_x - 20, middle_y), (middle_x + 20, middle_y)])
    for step in range(1, 6):
        touch(cdp, "touchMove", [(middle_x - 20 - 12 * step, middle_y), (middle_x + 20 + 12 * step, middle_y)])
    touch(cdp, "touchEnd", [])
    page.wait_for_url("**/pairs/aldo-varen/mira-tolsk/?*start=*end=*")
    zoomed = visible_range(page)
    span = lambda r: date.fromisoformat(r[1][:10]) - date.fromisoformat(r[0][:10])  # noqa: E731
    assert span(zoomed) < span(before) / 2
    page.screenshot(path=ARTIFACTS / "visual-pair-touch-pinched.png", full_page=False)

    # One finger swipes right: earlier dates come into view. (The zoomed range may hold no
    # contact: its axis stays, with the silence's label, to move on from.)
    page.wait_for_timeout(600)  # the list's swap redraws the timeline with the new range
    page.wait_for_function(
        "() => document.querySelector('.visual-plot')._fullLayout"
        " && !document.querySelector('[data-visual-timeline]').hasAttribute('aria-busy')"
    )
    start_before = visible_range(page)[0]
    touch(cdp, "touchStart", [(middle_x - 60, middle_y)])
    for step in range(1, 8):
        touch(cdp, "touchMove", [(middle_x - 60 + 15 * step, middle_y)])
    touch(cdp, "touchEnd", [])
    page.wait_for_function(
        "before => document.querySelector('.visual-plot')._fullLayout.xaxis.range[0] < before", arg=start_before
    )
    # The list follows the swipe too: its start, in the URL, is earlier than the pinch's.
    pinched_start = page.url.split("start=")[1][:10]
    page.wait_for_function("before => new URL(location.href).searchParams.get('start') < before", arg=pinched_start)

    # A tap on the whole record's first call opens it beside the timeline.
    page.get_by_role("button", name="Whole record").tap()
    page.wait_for_url("**/pairs/aldo-varen/mira-tolsk/")
    page.wait_for_timeout(600)
    wait_drawn(page)
    expect(page.locator(".visual-note")).to_contain_text("3 contacts from 15 Feb 2024")
    point = page.locator(".visual-plot .scatterlayer .trace .points path").first
    mark = point.bounding_box()
    page.touchscreen.tap(mark["x"] + mark["width"] / 2, mark["y"] + mark["height"] / 2)
    expect(page.locator(".visual-detail .contact-detail")).to_be_visible()
    page.screenshot(path=ARTIFACTS / "visual-pair-touch-tapped.png", full_page=False)
    assert page.problems == []
