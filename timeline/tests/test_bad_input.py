"""Bad input to a public URL gets a clear message: a form error on a page, a 400 from a fragment,
a CSV or an embed, a 404 for a pair of one person; never a crash and never the whole record."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tracker.tests.factories import make_contact

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}
BACKWARDS = {"start": "2024-03-01", "end": "2024-01-01"}
RANGE_ERROR = "The range ends before it starts"


@pytest.fixture
def calls(people):
    aldo, mira = people["aldo"], people["mira"]
    return [
        make_contact(aldo, mira, summary="First call.", on=date(2024, 1, 5)),
        make_contact(aldo, mira, summary="Second call.", on=date(2024, 2, 9)),
    ]


def test_a_pair_of_a_person_with_themselves_is_not_found(client, calls):
    assert client.get(reverse("timeline:pair", args=["aldo-varen", "aldo-varen"])).status_code == 404
    assert client.get(reverse("timeline:pair", args=["aldo-varen", "mira-tolsk"])).status_code == 200


def test_a_backwards_date_range_is_a_form_error_on_the_timeline_page(client, calls):
    response = client.get(reverse("timeline:timeline"), BACKWARDS)
    body = response.content.decode()
    assert response.status_code == 200
    assert RANGE_ERROR in body
    assert "First call." not in body and "Second call." not in body


def test_a_backwards_date_range_is_a_400_with_its_message_from_fragments_and_csvs(client, calls):
    for url in [reverse("timeline:timeline"), reverse("timeline:pair", args=["aldo-varen", "mira-tolsk"])]:
        response = client.get(url, BACKWARDS, headers=HX)
        assert response.status_code == 400 and RANGE_ERROR in response.content.decode(), url
    for name in ["frequency", "gaps", "comparison"]:
        csv = client.get(reverse("timeline:chart_csv", args=[name]), BACKWARDS)
        assert csv.status_code == 400 and RANGE_ERROR in csv.content.decode(), name
        fragment = client.get(reverse("timeline:chart", args=[name]), BACKWARDS, headers=HX)
        assert fragment.status_code == 400 and RANGE_ERROR in fragment.content.decode(), name
        embed = client.get(reverse("timeline:chart_embed", args=[name]), BACKWARDS)
        assert embed.status_code == 400 and RANGE_ERROR in embed.content.decode(), name


def test_a_backwards_date_range_is_a_form_error_on_the_chart_page(client, calls):
    response = client.get(reverse("timeline:chart", args=["gaps"]), BACKWARDS)
    assert response.status_code == 200 and RANGE_ERROR in response.content.decode()


def test_an_overlong_country_id_is_a_form_error_not_the_whole_record(client, calls):
    response = client.get(reverse("timeline:timeline"), {"country": "9" * 40})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Unknown country" in body and "First call." not in body
    assert client.get(reverse("timeline:chart_csv", args=["network"]), {"country": "9" * 5000}).status_code == 400


@pytest.mark.parametrize("day", ["9999-12-31", "1899-12-31", "2101-01-01"])
def test_dates_outside_the_bounds_are_refused(client, calls, day):
    for key in ["start", "end"]:
        page = client.get(reverse("timeline:timeline"), {key: day}).content.decode()
        assert "First call." not in page and "Ensure this value is" in page
        assert client.get(reverse("timeline:chart_csv", args=["frequency"]), {key: day}).status_code == 400


@pytest.mark.parametrize("year", ["-1", "0", "99999", "9" * 30, "1899", "2101"])
def test_a_calendar_year_outside_the_bounds_is_refused_with_a_message(client, calls, year):
    page = client.get(reverse("timeline:chart", args=["calendar"]), {"year": year})
    assert page.status_code == 200 and "Year: Ensure this value is" in page.content.decode()
    fragment = client.get(reverse("timeline:chart", args=["calendar"]), {"year": year}, headers=HX)
    assert fragment.status_code == 400 and "Year: Ensure this value is" in fragment.content.decode()
    assert client.get(reverse("timeline:chart_csv", args=["calendar"]), {"year": year}).status_code == 400


def test_an_unknown_period_is_refused_not_read_as_month(client, calls):
    csv = client.get(reverse("timeline:chart_csv", args=["frequency"]), {"period": "fortnight"})
    assert csv.status_code == 400 and "Count per" in csv.content.decode()


def test_more_people_than_the_cap_is_a_form_error(client, calls):
    response = client.get(reverse("timeline:timeline"), {"person": ["aldo-varen"] * 21})
    assert "At most 20 values" in response.content.decode()
    assert "First call." not in response.content.decode()


def test_an_overlong_cursor_id_is_read_as_no_cursor(client, calls):
    response = client.get(reverse("timeline:timeline"), {"after": "2024-12-31_c" + "9" * 40}, headers=HX)
    assert response.status_code == 200
