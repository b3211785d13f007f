"""The pickers in Debian's Chromium: type a name, add a second person, use a facet, press back
twice, remove a chip, change the order, export: the file holds what the page shows."""

import csv
import io
from datetime import date

import pytest

from timeline.tests.test_browser import ARTIFACTS, CHROMIUM, expect, wait_until_drawn
from tracker.tests.factories import make_contact

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]


@pytest.fixture
def record(transactional_db, people):
    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    aldo.aliases = "The Gardener"
    aldo.save()
    for n, day in enumerate([date(2024, 1, 3), date(2024, 2, 7), date(2024, 3, 12)]):
        make_contact(aldo, mira, on=day, summary=f"Aldo and Mira, call {n}.")
    make_contact(aldo, ivo, on=date(2024, 2, 20), kind="meeting", summary="Aldo meets Ivo.")
    make_contact(aldo, ivo, on=date(2024, 4, 1), summary="Aldo calls Ivo.")
    make_contact(mira, ivo, on=date(2024, 4, 15), summary="Mira calls Ivo.")
    return people


def chips(page) -> list[str]:
    return [c.strip() for c in page.locator("#pickers fieldset.people label.chip").all_inner_texts()]


def shown_ids(page) -> list[str]:
    return [
        i.removeprefix("c") for i in page.locator("#results li.item.contact").evaluate_all("els => els.map(e => e.id)")
    ]


def add_person(page, typed: str, hint: str):
    box = page.locator("#id_person")
    box.fill(typed[:4])
    # The server's suggestions arrive in the datalist, by name.
    expect(page.locator(f'#people-options option[value="{hint}"]')).to_have_count(1)
    box.fill(typed)
    box.press("Enter")


def test_pick_people_by_name_use_a_facet_go_back_and_export_what_is_shown(record, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/timeline/")
    expect(page.locator("#results .count")).to_contain_text("6 contacts")

    add_person(page, "The Gardener", "Aldo Varen")  # an alias resolves
    page.wait_for_url("**/timeline/?person=aldo-varen")
    expect(page.locator("#results .count")).to_contain_text("5 contacts")
    assert chips(page) == ["Aldo Varen"] and page.locator("#id_person").input_value() == ""

    add_person(page, "Ivo Pell", "Ivo Pell")
    page.wait_for_url("**/timeline/?person=aldo-varen&person=ivo-pell")
    expect(page.locator("#results .count")).to_contain_text("6 contacts")
    assert chips(page) == ["Aldo Varen", "Ivo Pell"]
    page.screenshot(path=ARTIFACTS / "timeline-pickers.png", full_page=False)

    # The visual timeline fetches and draws after each change: let it finish before clicking below it.
    wait_until_drawn(page)
    page.locator("nav.facets a", has_text="Meeting").click()
    page.wait_for_url("**/timeline/?person=aldo-varen&person=ivo-pell&kind=meeting")
    expect(page.locator("#results .count")).to_contain_text("1 contact")

    page.go_back()
    page.wait_for_url("**/timeline/?person=aldo-varen&person=ivo-pell")
    page.go_back()
    page.wait_for_url("**/timeline/?person=aldo-varen")
    expect(page.locator("#results .count")).to_contain_text("5 contacts")
    expect(page.locator("#pickers fieldset.people label.chip")).to_have_count(1)
    assert chips(page) == ["Aldo Varen"]

    # A second person again, then the first removed by unticking its chip.
    add_person(page, "Mira Tolsk", "Mira Tolsk")
    page.wait_for_url("**/timeline/?person=aldo-varen&person=mira-tolsk")
    page.get_by_label("Aldo Varen (untick to remove)").uncheck()
    page.wait_for_url("**/timeline/?person=mira-tolsk")
    expect(page.locator("#pickers fieldset.people label.chip")).to_have_count(1)
    assert chips(page) == ["Mira Tolsk"]

    page.get_by_label("Order").select_option("oldest")
    page.wait_for_url("**/timeline/?person=mira-tolsk&sort=oldest")
    expect(page.locator("#results .count")).to_contain_text("4 contacts")
    shown = shown_ids(page)
    assert len(shown) == 4

    with page.expect_download() as download:
        page.locator("#results p.exports a", has_text="CSV").first.click()
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    assert [r["id"] for r in rows] == shown, "the export holds other rows, or in another order"
    assert all("mira-tolsk" in r["participants"] for r in rows)
    assert page.problems == []


def test_an_ambiguous_name_offers_the_candidates_and_a_pick_resolves_it(record, live_server, browser_page):
    from tracker.tests.factories import make_person

    make_person("Ivo Darro", slug="ivo-darro")
    page = browser_page
    page.goto(f"{live_server.url}/timeline/")
    box = page.locator("#id_person")
    box.fill("Ivo")
    box.press("Enter")
    expect(page.locator("#results .which")).to_contain_text("Which “Ivo”?")
    expect(page.locator("#results .count")).to_contain_text("0 contacts")
    page.locator("#results .which a", has_text="Ivo Pell").click()
    page.wait_for_url("**/timeline/?person=ivo-pell")
    assert chips(page) == ["Ivo Pell"]
    expect(page.locator("#results .count")).to_contain_text("3 contacts")
    # While the name is unread the visual timeline's JSON answers 400 (as every export does), and
    # following the link leaves the page with a suggestion request in flight: nothing else.
    failed_loads = [p for p in page.problems if p.startswith("console error: Failed to load resource")]
    assert all("the server responded with a status of 400" in p for p in failed_loads)
    assert [p for p in page.problems if p not in failed_loads and not p.startswith("failed request: ")] == []


def test_a_country_is_picked_by_name_and_shown_as_a_chip(record, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/timeline/")
    box = page.locator("#id_country")
    box.fill("Ostr")
    expect(page.locator('#country-options option[value="Ostrelia"]')).to_have_count(1)
    box.fill("Ostrelia")
    box.press("Enter")
    page.wait_for_url("**/timeline/?country=XO")
    expect(page.locator("#pickers fieldset.countries label.chip")).to_have_text(["Ostrelia"])
    expect(page.locator("#results .count")).to_contain_text("4 contacts")
    assert page.problems == []
