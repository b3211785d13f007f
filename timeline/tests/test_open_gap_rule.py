"""One open-gap rule for the pair page and the gaps chart (``timeline.pairs.pair_silence_end``)."""

from datetime import date

import pytest
from django.http import QueryDict

from timeline.charts import chart_gaps
from timeline.pairs import pair_open_gap
from tracker.models import Contact
from tracker.tests.factories import make_contact, make_country, make_person

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 24)
OPEN_BAR = "Open gap (no contact since)"


def open_bar_drawn(a, b) -> bool:
    params = QueryDict(f"pair={a.slug},{b.slug}")
    chart = chart_gaps(Contact.objects.all(), params, today=TODAY)
    return OPEN_BAR in {trace.get("name") for trace in chart.figure["data"]}


@pytest.mark.parametrize(
    ("left_on", "last_contact", "is_open"),
    [
        (None, date(2026, 10, 1), True),  # both still in office
        (date(2025, 1, 20), date(2024, 3, 18), False),  # left office after their last contact
        (date(2023, 1, 20), date(2024, 3, 18), True),  # met again after leaving: the pair page's meaning
    ],
)
def test_the_pair_page_and_the_gaps_chart_agree_on_whether_the_silence_is_open(left_on, last_contact, is_open):
    country = make_country("Norvania")
    varen = make_person("Aldo Varen", country=country, office="President", start=date(2020, 1, 1), end=left_on)
    tolsk = make_person("Mira Tolsk", country=country, office="Prime Minister", start=date(2019, 5, 1))
    make_contact(varen, tolsk, on=date(2022, 6, 1))
    make_contact(varen, tolsk, on=last_contact)
    assert pair_open_gap(varen, tolsk, TODAY).is_open is is_open
    assert open_bar_drawn(varen, tolsk) is is_open
