"""Pickers by name: people, a pair and countries chosen by typing a name or alias, shown as chips,
kept in the URL as slugs and codes; the sort order of the lists and their exports."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from timeline.filter_fields import MAX_NAME, MAX_VALUES
from timeline.views import PAGE_SIZE
from tracker.models import ReviewStatus
from tracker.tests.factories import make_contact, make_country, make_person

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}
FROM_FORM = {**HX, "HX-Trigger": "filters"}  # what htmx sends for a change in the filter form
TIMELINE = "/timeline/"


@pytest.fixture
def record(people):
    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    aldo.aliases = "The Gardener"
    aldo.save()
    make_contact(aldo, mira, on=date(2024, 1, 5), summary="First call of the year.")
    make_contact(aldo, ivo, on=date(2024, 2, 10), kind="meeting", summary="A meeting in Norvania.")
    make_contact(mira, ivo, on=date(2024, 3, 15), summary="The last call.")
    return people


def summaries(response) -> list[str]:
    body = response.content.decode()
    return [s for s in ("First call of the year.", "A meeting in Norvania.", "The last call.") if s in body]


def test_a_typed_name_redirects_to_the_url_with_the_slug(client, record):
    response = client.get(TIMELINE, {"person": "aldo varen", "q": "", "status": "confirmed"})
    assert response.status_code == 302
    assert response["Location"] == f"{TIMELINE}?person=aldo-varen"
    page = client.get(response["Location"])
    assert summaries(page) == ["First call of the year.", "A meeting in Norvania."]
    html = page.content.decode()
    assert 'name="person" value="aldo-varen" checked' in html  # the chip
    assert 'id="id_person" list="people-options"' in html


def test_an_alias_or_a_surname_resolves_too(client, record):
    assert client.get(TIMELINE, {"person": "the gardener"})["Location"] == f"{TIMELINE}?person=aldo-varen"
    assert client.get(TIMELINE, {"person": "Tolsk"})["Location"] == f"{TIMELINE}?person=mira-tolsk"


def test_a_second_typed_name_adds_a_chip_beside_the_first(client, record):
    # Without JavaScript the chips are ticked checkboxes: the first comes back with the new name.
    response = client.get(TIMELINE + "?person=aldo-varen&person=Ivo+Pell")
    assert response["Location"] == f"{TIMELINE}?person=aldo-varen&person=ivo-pell"
    html = client.get(response["Location"]).content.decode()
    assert 'value="aldo-varen" checked' in html and 'value="ivo-pell" checked' in html


def test_an_htmx_change_pushes_the_canonical_url_and_sends_the_chips_out_of_band(client, record):
    response = client.get(TIMELINE + "?person=aldo-varen&person=Ivo+Pell", headers=FROM_FORM)
    assert response.status_code == 200
    assert response["HX-Push-Url"] == f"{TIMELINE}?person=aldo-varen&person=ivo-pell"
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    oob = html[html.index('<span id="people-chips"') :]
    assert 'hx-swap-oob="true"' in oob.split(">", 1)[0]
    assert 'value="aldo-varen" checked' in oob and 'value="ivo-pell" checked' in oob
    assert '<span id="country-chips" class="chips" hx-swap-oob="true">' in oob
    # The boxes are not sent again: one being typed into would lose its text.
    assert 'id="id_person"' not in html
    assert set(summaries(response)) == {"First call of the year.", "A meeting in Norvania.", "The last call."}


def test_the_charts_fragment_for_the_form_brings_the_chips_and_a_chart_slot_does_not(client, record):
    html = client.get("/charts/?person=Ivo+Pell", headers=FROM_FORM).content.decode()
    assert '<span id="people-chips" class="chips" hx-swap-oob="true">' in html and 'value="ivo-pell" checked' in html
    slot = client.get("/charts/gaps/?pair=aldo-varen,mira-tolsk", headers=HX).content.decode()
    assert 'id="people-chips"' not in slot
    loaded_more = client.get(TIMELINE + "?after=2024-03-15_c999999", headers=FROM_FORM).content.decode()
    assert 'id="people-chips"' not in loaded_more


def test_an_htmx_request_already_in_slugs_pushes_nothing_new(client, record):
    response = client.get(TIMELINE + "?person=aldo-varen", headers=HX)
    assert "HX-Push-Url" not in response


def test_an_ambiguous_name_asks_which_and_shows_nothing(client, record):
    make_person("Aldo Brisk", slug="aldo-brisk", country=record["aldo"].country)
    response = client.get(TIMELINE + "?person=mira-tolsk&person=Aldo")
    assert response.status_code == 200  # a page with errors is not redirected
    html = response.content.decode()
    assert "could mean more than one person" in html and "Nothing matches these filters." in html
    assert summaries(response) == []
    assert f'<a href="{TIMELINE}?person=mira-tolsk&amp;person=aldo-brisk">Aldo Brisk</a>' in html
    assert f'<a href="{TIMELINE}?person=mira-tolsk&amp;person=aldo-varen">Aldo Varen</a>' in html
    assert client.get(TIMELINE + "?person=mira-tolsk&person=aldo-varen").status_code == 200


def test_an_unknown_name_is_an_error_not_everything(client, record):
    response = client.get(TIMELINE, {"person": "Nobody Atall"}, headers=HX)
    assert response.status_code == 400
    assert "Unknown person: Nobody Atall." in response.content.decode() and summaries(response) == []


def test_the_public_cannot_pick_a_person_under_review(editor_client, record):
    make_person("Zora Pending", slug="zora-pending", status=ReviewStatus.PROPOSED)
    public = Client()
    assert "Unknown person: Zora Pending." in public.get(TIMELINE, {"person": "Zora Pending"}).content.decode()
    assert public.get(reverse("timeline:people_suggest"), {"person": "Zora"}).content.decode().strip() == ""
    assert editor_client.get(TIMELINE, {"person": "Zora Pending"})["Location"] == f"{TIMELINE}?person=zora-pending"


@pytest.mark.parametrize(
    "params",
    [
        {"person": "x" * (MAX_NAME + 1)},
        {"person": [f"Name {n}" for n in range(MAX_VALUES + 1)]},
        {"country": "y" * (MAX_NAME + 1)},
        {"pair": "a" * (MAX_NAME + 1) + ",Mira Tolsk"},
    ],
)
def test_names_are_bounded_like_every_filter(client, record, params):
    response = client.get(TIMELINE, params, headers=HX)
    assert response.status_code == 400 and summaries(response) == []


def test_a_pair_by_typed_names_shows_their_contacts_and_keeps_the_names_in_the_box(client, record):
    response = client.get(TIMELINE, {"pair": "Aldo Varen, tolsk"})
    assert response["Location"] == f"{TIMELINE}?pair=aldo-varen%2Cmira-tolsk"
    page = client.get(response["Location"])
    assert summaries(page) == ["First call of the year."]
    assert 'value="Aldo Varen, Mira Tolsk"' in page.content.decode()


def test_a_pair_of_one_person_twice_is_refused(client, record):
    response = client.get(TIMELINE, {"pair": "aldo-varen,The Gardener"}, headers=HX)
    assert response.status_code == 400 and "one person" in response.content.decode()


def test_countries_are_picked_by_name_alias_or_code_and_shown_as_chips(client, record):
    ostrelia = make_country("Ostrelia")
    ostrelia.aliases = "Ostrelian Republic"
    ostrelia.save()
    for typed in ("ostrelia", "Ostrelian Republic", "xo"):
        assert client.get(TIMELINE, {"country": typed})["Location"] == f"{TIMELINE}?country=XO", typed
    norvania = record["aldo"].country
    page = client.get(f"{TIMELINE}?country=XO&country={norvania.pk}")
    html = page.content.decode()
    assert f'name="country" value="{norvania.pk}" checked' in html and 'name="country" value="XO" checked' in html
    assert '<select name="country"' not in html


def test_an_ambiguous_country_lists_the_candidates(client, record):
    make_country("Norvania Minor")
    html = client.get(TIMELINE, {"country": "norv"}).content.decode()
    assert "could mean more than one country" in html
    assert ">Norvania</a>" in html and ">Norvania Minor</a>" in html


def test_suggestions_are_names_for_people_pairs_and_countries(client, record):
    body = client.get(reverse("timeline:people_suggest"), {"person": "garden"}).content.decode()
    assert '<option value="Aldo Varen">' in body
    body = client.get(reverse("timeline:people_suggest"), {"pair": "Aldo Varen, tol"}).content.decode()
    assert '<option value="Aldo Varen, Mira Tolsk">' in body
    body = client.get(reverse("timeline:countries_suggest"), {"country": "ostr"}).content.decode()
    assert '<option value="Ostrelia">XO</option>' in body
    assert client.get(reverse("timeline:countries_suggest"), {"country": "z" * 500}).content.decode().strip() == ""


def test_facet_links_and_export_links_carry_the_slugs_not_the_typed_names(client, record):
    html = client.get(f"{TIMELINE}?person=aldo-varen&sort=oldest").content.decode()
    assert "person=aldo-varen&amp;sort=oldest" in html  # exports
    assert "Gardener" not in html.split('class="facets"', 1)[1]


# --- Sort order -------------------------------------------------------------------------------


def test_oldest_first_reverses_the_timeline(client, record):
    texts = summaries(client.get(TIMELINE))
    newest, page = client.get(TIMELINE).content.decode(), client.get(TIMELINE, {"sort": "oldest"}).content.decode()
    in_newest = sorted(texts, key=newest.index)
    assert sorted(texts, key=page.index) == in_newest[::-1] and in_newest[0] == "The last call."
    assert '<option value="oldest" selected>' in page


def test_the_default_order_is_left_out_of_the_url(client, record):
    assert (
        client.get(TIMELINE, {"sort": "newest", "person": "aldo-varen"})["Location"] == f"{TIMELINE}?person=aldo-varen"
    )


def test_an_unknown_sort_is_an_error(client, record):
    response = client.get(TIMELINE, {"sort": "sideways"}, headers=HX)
    assert response.status_code == 400 and summaries(response) == []


def test_oldest_first_pages_through_every_item_once_with_statements(client, people):
    from tracker.models import Statement

    aldo, mira = people["aldo"], people["mira"]
    start = date(2023, 1, 1)
    contacts = [make_contact(aldo, mira, on=start + timedelta(days=n // 2)) for n in range(PAGE_SIZE + 7)]
    for n, contact in enumerate(contacts[::3]):
        Statement.objects.create(
            speaker=aldo, quote=f"Quote {n}.", date=contact.date, contact=contact, status=ReviewStatus.CONFIRMED
        )
    seen, url = [], f"{TIMELINE}?sort=oldest&statements=on"
    while url:
        body = client.get(url, headers=HX if seen else {}).content.decode()
        ids = [chunk.split('"', 1)[0] for chunk in body.split('class="item ')[1:]]
        days = [chunk.split('"', 1)[0] for chunk in body.split('<time datetime="')[1:]]
        assert days == sorted(days)
        seen += [chunk.split('id="', 1)[1].split('"', 1)[0] for chunk in body.split('class="item ')[1:]]
        assert len(ids) <= PAGE_SIZE
        nxt = body.split('<li class="more"><a href="', 1)
        url = nxt[1].split('"', 1)[0].replace("&amp;", "&") if len(nxt) > 1 else None
    expected = {f"c{c.pk}" for c in contacts} | {f"s{s.pk}" for s in Statement.objects.all()}
    assert len(seen) == len(expected) and set(seen) == expected


def test_exports_follow_the_sort_order(client, record):
    newest = list(csv.DictReader(io.StringIO(b"".join(client.get("/timeline.csv").streaming_content).decode())))
    oldest = list(
        csv.DictReader(io.StringIO(b"".join(client.get("/timeline.csv?sort=oldest").streaming_content).decode()))
    )
    assert [r["id"] for r in oldest] == [r["id"] for r in reversed(newest)]
    assert [r["participants"] for r in oldest] == [r["participants"] for r in reversed(newest)]
    body = client.get("/timeline/statements.json?sort=oldest")
    assert body.status_code == 200
