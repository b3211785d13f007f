"""What a reader sees of each chart at desktop and phone widths, measured in Debian's Chromium:
plotly's mode bar never covers a title, labels never cover each other (tied gaps side by side,
the network's names, the matrix's rows), and each figure is photographed into artifacts/."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from timeline.tests.test_browser import ARTIFACTS, CHROMIUM
from tracker.synthetic import synthetic_generate
from tracker.tests.factories import make_contact

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]
SIZES = {"desktop": {"width": 1200, "height": 900}, "phone": {"width": 390, "height": 844}}
CHARTS = ["frequency", "gaps", "network", "calendar", "comparison"]


@pytest.fixture
def crowded(transactional_db, people, plain_static_files):
    """Forty fictional leaders (too many for a circle) and a pair whose gaps all tie at 20 days."""
    synthetic_generate(leaders=40, contacts=500, statements=0, seed=3, until=date(2024, 12, 31))
    for n in range(7):
        make_contact(people["aldo"], people["ivo"], on=date(2024, 1, 10) + timedelta(days=20 * n), kind="meeting")
    return people


# The boxes on screen of what must not overlap, for one figure: its title, the mode bar, the
# labels (annotations) plotly shows, the names written beside points and the axes' tick labels.
BOXES = """el => {
  const box = n => { const r = n.getBoundingClientRect(); return {l: r.left, r: r.right, t: r.top, b: r.bottom}; };
  const shown = n => { const r = n.getBoundingClientRect(); return r.width > 0 && r.height > 0
      && getComputedStyle(n).visibility !== 'hidden' && n.textContent.trim() !== ''; };
  const all = sel => [...el.querySelectorAll(sel)].filter(shown).map(box);
  return {
    title: all('.gtitle'),
    modebar: [...el.querySelectorAll('.modebar')].map(box).filter(b => b.r > b.l),
    notes: all('.annotation .annotation-text-g'),
    axes: all('.gtitle, .ytick text, .xtick text, .g-ytitle, .g-xtitle, .legend'),
    points: all('.scatterlayer .textpoint'),
    xticks: all('.xtick text'),
    yticks: all('.ytick text'),
  };
}"""


def overlapping(boxes: list[dict], slack: float = 1.5) -> list[tuple[dict, dict]]:
    # Glyph boxes include side bearings: two labels set edge to edge touch by a pixel or so.
    return [
        (a, b)
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["l"] + slack < b["r"] and b["l"] + slack < a["r"] and a["t"] + slack < b["b"] and b["t"] + slack < a["b"]
    ]


def figures_drawn(page):
    page.wait_for_function(
        "() => { const f = [...document.querySelectorAll('[data-chart-figure]')];"
        " return f.length && f.every(e => (e.querySelector('.main-svg') || e.querySelector('.chart-empty'))"
        " && !e.hasAttribute('data-chart-busy')); }",
        timeout=30_000,
    )


def check_figure(page, selector: str) -> dict:
    figure = page.locator(selector)
    figure.scroll_into_view_if_needed()
    figure.hover(position={"x": 5, "y": 5})  # the mode bar shows while the pointer is over the figure
    boxes = figure.evaluate(BOXES)
    assert boxes["title"], selector
    assert not overlapping(boxes["title"] + boxes["modebar"]), f"{selector}: the mode bar covers the title"
    assert not overlapping(boxes["notes"]), f"{selector}: labels cover each other"
    for note in boxes["notes"]:
        assert all(not overlapping([note, axis]) for axis in boxes["axes"]), f"{selector}: a label covers an axis"
    assert not overlapping(boxes["points"]), f"{selector}: names cover each other"
    assert not overlapping(boxes["xticks"]) and not overlapping(boxes["yticks"]), f"{selector}: tick labels"
    return boxes


@pytest.mark.parametrize("size", list(SIZES))
def test_no_chart_has_its_title_or_labels_covered(crowded, live_server, browser_page, size):
    page = browser_page
    page.set_viewport_size(SIZES[size])
    page.goto(f"{live_server.url}/charts/")
    figures_drawn(page)
    for name in CHARTS:
        check_figure(page, f"#chart-{name} .chart-figure")
        page.locator(f"#chart-{name}").screenshot(path=ARTIFACTS / f"chart-{name}-crowded-{size}.png")
    assert page.evaluate("document.querySelector('#chart-network .chart-figure').data[0].type") == "heatmap"
    page.screenshot(path=ARTIFACTS / f"charts-crowded-{size}.png", full_page=True)

    # Tied gaps side by side: each label clear of the others, the longest ones kept.
    page.goto(f"{live_server.url}/charts/gaps/?pair=aldo-varen,ivo-pell")
    figures_drawn(page)
    boxes = check_figure(page, "#chart-gaps .chart-figure")
    assert boxes["notes"], "at least the first tied gap keeps its label"
    page.locator("#chart-gaps").screenshot(path=ARTIFACTS / f"chart-gaps-tied-{size}.png")

    # The circle, asked for with many people, names its busiest ones without overlaps.
    page.goto(f"{live_server.url}/charts/network/?network=circle")
    figures_drawn(page)
    boxes = check_figure(page, "#chart-network .chart-figure")
    assert len(boxes["points"]) >= 10
    page.locator("#chart-network").screenshot(path=ARTIFACTS / f"chart-network-circle-{size}.png")
    page.goto(f"{live_server.url}/charts/network/")
    figures_drawn(page)
    page.locator("#chart-network").screenshot(path=ARTIFACTS / f"chart-network-matrix-{size}.png")
    assert page.problems == []


def test_labels_spread_again_when_the_width_changes(crowded, live_server, browser_page):
    page = browser_page
    page.set_viewport_size(SIZES["desktop"])
    page.goto(f"{live_server.url}/charts/gaps/?pair=aldo-varen,ivo-pell")
    figures_drawn(page)
    wide = len(check_figure(page, "#chart-gaps .chart-figure")["notes"])
    page.set_viewport_size(SIZES["phone"])
    page.wait_for_timeout(400)  # the redraw after a resize waits 200 ms for the resizing to settle
    figures_drawn(page)
    narrow = check_figure(page, "#chart-gaps .chart-figure")["notes"]
    assert 1 <= len(narrow) <= wide
    assert page.problems == []
