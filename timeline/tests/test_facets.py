from datetime import date

import pytest

from timeline.facets import timeline_facets
from tracker.models import Article, Contact, ContactSource, Country, Office, Topic
from tracker.tests.factories import make_contact, make_country
from tracker.text_search import ESTIMATE

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(people):
    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    Office.objects.create(person=ivo, title="Envoy", country=make_country("Ostrelia"), start=date(2024, 6, 1))
    make_country("Vastmark", iso_alpha2="XV")  # nobody's country: never offered
    trade = Topic.objects.create(name="Trade")
    post = Article.objects.create(title="A", publisher="Norvania Post", text="one", published=date(2024, 3, 2))
    wire = Article.objects.create(title="B", publisher="Ostrelia Wire", text="two", published=date(2024, 5, 2))
    first = make_contact(aldo, mira, on=date(2024, 3, 1), summary="A call.")
    first.topics.add(trade)
    ContactSource.objects.create(contact=first, article=post)
    ContactSource.objects.create(contact=first, article=wire)
    second = make_contact(aldo, mira, on=date(2024, 5, 1), kind=Contact.Kind.MEETING)
    ContactSource.objects.create(contact=second, article=wire)
    make_contact(aldo, ivo, on=date(2024, 5, 20), kind=Contact.Kind.VISIT)
    make_contact(aldo, ivo, on=date(2024, 7, 1), kind=Contact.Kind.LETTER)


@pytest.mark.parametrize(
    "query",
    ["", "kind=meeting", "person=ivo-pell", "topic=trade", "country=XO", "publisher=Ostrelia+Wire", "start=2024-04-01"]
    + ["pair=aldo-varen,mira-tolsk", "pair=aldo-varen,mira-tolsk&kind=meeting"]
    + ["q=call", "q=call&kind=phone_call", "q=call&topic=trade&publisher=Ostrelia+Wire"],
)
def test_every_facet_count_equals_the_rows_its_link_shows(client, record, query):
    page = client.get(f"/timeline/?{query}")
    facets = page.context["facets"]
    assert {f.key for f in facets} >= {"kind", "person"}
    for facet in facets:
        for value in facet.values:
            shown = client.get(value.url).context["contact_count"].n
            assert value.count == shown, (facet.key, value.value, value.url)


def test_facets_offer_only_values_with_contacts(client, record):
    from django.http import QueryDict

    facets = {f.key: f for f in timeline_facets(QueryDict(""), "/timeline/")}
    assert [v.value for v in facets["country"].values if v.value == "XV"] == []
    assert {v.label: v.count for v in facets["kind"].values} == {"Phone call": 1, "Meeting": 1, "Visit": 1, "Letter": 1}
    assert {v.label: v.count for v in facets["publisher"].values} == {"Ostrelia Wire": 2, "Norvania Post": 1}
    # Ivo held an Ostrelian office from June: the July letter counts for Ostrelia, the May visit does not.
    countries = {v.label: v.count for v in facets["country"].values}
    assert countries["Ostrelia"] == 3 and countries["Norvania"] == 4


def test_facets_are_links_on_the_page_and_bad_filters_get_none(client, record):
    body = client.get("/timeline/").content.decode()
    assert 'class="facets"' in body and 'href="/timeline/?kind=meeting"' in body
    assert client.get("/timeline/?start=nonsense").context["facets"] == []


def test_a_country_counts_only_for_confirmed_offices_held_on_the_day(client, record, people):
    from tracker.models import ReviewStatus

    vastmark = make_country("Vastmark")
    Office.objects.create(
        person=people["ivo"], title="Envoy", country=vastmark, start=date(2024, 5, 10), end=date(2024, 6, 1)
    )
    Office.objects.create(
        person=people["mira"], title="Envoy", country=vastmark, start=date(2024, 1, 1), status=ReviewStatus.PROPOSED
    )
    facet = {f.key: f for f in client.get("/timeline/").context["facets"]}["country"]
    [value] = [v for v in facet.values if v.value == "XV"]
    assert value.count == 1  # the May visit; not the July letter, nor Mira's calls (an office under review)
    assert client.get(value.url).context["contact_count"].n == 1


def test_a_country_counts_an_office_holder_of_no_nationality_on_the_day_and_its_nationals_every_day(client, record):
    # The count reads offices held abroad apart from the nationals: an office of no one's own
    # country (its holder has no nationality) counts on its days only, and an office of the holder's
    # own country that ended does not stop the holder counting for it as a national.
    from tracker.tests.factories import make_person

    vastmark = make_country("Vastmark")
    sela = make_person("Sela Dorn", slug="sela-dorn")  # no nationality
    Office.objects.create(person=sela, title="Envoy", country=vastmark, start=date(2024, 1, 1), end=date(2024, 2, 1))
    kessa = make_person("Kessa Rund", slug="kessa-rund", country=vastmark)
    Office.objects.create(person=kessa, title="Consul", country=vastmark, start=date(2024, 1, 1), end=date(2024, 2, 1))
    tam = make_person("Tam Olver", slug="tam-olver")
    make_contact(sela, tam, on=date(2024, 1, 10))  # Sela in office
    make_contact(sela, tam, on=date(2024, 3, 10))  # out of office: not Vastmark's
    make_contact(kessa, tam, on=date(2024, 4, 10))  # Kessa out of office, but a national
    facet = {f.key: f for f in client.get("/timeline/").context["facets"]}["country"]
    [value] = [v for v in facet.values if v.value == "XV"]
    assert value.count == 2  # January's and April's; not March's
    assert client.get(value.url).context["contact_count"].n == 2


def test_a_pairs_kinds_read_from_its_tallies_are_the_kinds_of_its_contacts(client, record, people):
    from django.http import QueryDict

    from timeline.filters import ContactFilter

    make_contact(people["aldo"], people["mira"], on=date(2024, 8, 1), kind=Contact.Kind.MEETING, planned=True)
    make_contact(people["aldo"], people["mira"], on=date(2024, 9, 1), status="proposed")
    data = QueryDict("pair=aldo-varen,mira-tolsk")
    assert ContactFilter(data, queryset=Contact.objects.all()).pair_kinds_from_tallies() is not None
    facets = {f.key: f for f in timeline_facets(data, "/timeline/")}
    contacts = Contact.objects.confirmed().involving_all(people["aldo"], people["mira"])
    expected = {kind: contacts.filter(kind=kind).count() for kind in contacts.values_list("kind", flat=True)}
    assert {v.value: v.count for v in facets["kind"].values} == expected == {"phone_call": 1, "meeting": 2}


@pytest.mark.parametrize(
    "query",
    ["", "start=2024-05-01&end=2024-07-01", "status=any", "status=proposed"]
    + ["person=ivo-pell", "person=aldo-varen&status=any", "person=aldo-varen&status=proposed"],
)
def test_kinds_read_from_the_day_or_one_persons_month_tally_are_the_kinds_of_the_contacts(record, people, query):
    from django.http import QueryDict

    from timeline.facets import kinds_from_tallies
    from timeline.filters import ContactFilter
    from tracker.tests.factories import an_editor_request

    make_contact(people["aldo"], people["mira"], on=date(2024, 6, 1), kind=Contact.Kind.MEETING, planned=True)
    make_contact(people["aldo"], people["ivo"], on=date(2024, 6, 2), status="proposed")
    request = an_editor_request()
    selection = ContactFilter(QueryDict(query), queryset=Contact.objects.all(), request=request)
    tallied = kinds_from_tallies(selection)
    assert tallied is not None
    facets = {f.key: f for f in timeline_facets(QueryDict(query), "/timeline/", request=request)}
    counted = {kind: selection.qs.filter(kind=kind).count() for kind in selection.qs.values_list("kind", flat=True)}
    assert {v.value: v.count for v in facets["kind"].values} == tallied == counted


def test_several_people_count_their_kinds_from_the_contacts(record):
    from django.http import QueryDict

    from timeline.facets import kinds_from_tallies
    from timeline.filters import ContactFilter

    selection = ContactFilter(QueryDict("person=ivo-pell&person=mira-tolsk"), queryset=Contact.objects.all())
    assert kinds_from_tallies(selection) is None


@pytest.mark.parametrize("query", ["", "person=ivo-pell", "kind=meeting&kind=visit", "status=any", "status=proposed"])
def test_the_people_facet_read_from_the_person_tallies_counts_each_ones_contacts(record, people, query):
    from django.http import QueryDict

    from timeline.filters import ContactFilter
    from tracker.tests.factories import an_editor_request

    make_contact(people["aldo"], people["mira"], people["ivo"], on=date(2024, 6, 1), kind=Contact.Kind.MEETING)
    make_contact(people["aldo"], people["ivo"], on=date(2024, 6, 2), status="proposed", planned=True)
    request = an_editor_request()
    whole = QueryDict(query, mutable=True)
    whole.pop("person", None)
    selection = ContactFilter(whole, queryset=Contact.objects.all(), request=request)
    assert selection.record_facet_tallies("person") is not None
    facets = {f.key: f for f in timeline_facets(QueryDict(query), "/timeline/", request=request)}
    rows = selection.qs
    counted = {p.slug: rows.filter(participants=p).count() for p in people.values()}
    assert {v.value: v.count for v in facets["person"].values} == {k: n for k, n in counted.items() if n}


def test_any_other_filter_counts_the_people_facet_from_the_contacts(record):
    from django.http import QueryDict

    from timeline.filters import ContactFilter

    for query in ["topic=trade", "start=2024-04-01", "pair=aldo-varen,mira-tolsk", "country=XO", "q=call"]:
        assert ContactFilter(QueryDict(query), queryset=Contact.objects.all()).record_facet_tallies("person") is None


@pytest.mark.parametrize("query", ["q=zircon", "q=zircon&kind=meeting", "pair=aldo-varen,mira-tolsk&q=zircon"])
def test_a_text_search_is_read_once_for_every_facet_it_does_not_choose(record, people, query):
    from django.db import connection
    from django.http import QueryDict
    from django.test.utils import CaptureQueriesContext

    make_contact(people["aldo"], people["mira"], on=date(2024, 8, 1), summary="Zircon exports.")
    with CaptureQueriesContext(connection) as ctx:
        facets = {f.key: f for f in timeline_facets(QueryDict(query), "/timeline/")}
    # The people the text names are looked up on their own (a read of the people alone).
    sql = [q["sql"] for q in ctx.captured_queries]
    searched = [s for s in sql if "zircon" in s.lower() and "tracker_contact" in s and ESTIMATE not in s]
    # One statement for all the facets whose key is not chosen, one more for a chosen key's own.
    assert len(searched) == 1 + ("kind=" in query)
    assert {v.label: v.count for v in facets["kind"].values} == {"Phone call": 1}
    if "kind=" not in query:  # the zircon contact is a call, not a meeting
        assert {v.value: v.count for v in facets["person"].values} == {"aldo-varen": 1, "mira-tolsk": 1}


def test_the_pair_page_reads_its_facets_from_the_pairs_tallies(client, record, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Country, topic, person and publisher each a read of the pair's tally rows (four short index
    # reads), not a count over the pair's contacts (one statement over them, 39 queries in all, before).
    with django_assert_max_num_queries(41), CaptureQueriesContext(connection) as queries:
        page = client.get("/pairs/aldo-varen/mira-tolsk/")
    assert not any("facet_selection" in q["sql"] for q in queries.captured_queries)
    facets = {f.key: {v.value: v.count for v in f.values} for f in page.context["facets"]}
    assert facets["kind"] == {"phone_call": 1, "meeting": 1}
    assert facets["topic"] == {"trade": 1} and facets["publisher"] == {"Ostrelia Wire": 2, "Norvania Post": 1}
    assert facets["person"] == {"aldo-varen": 2, "mira-tolsk": 2}


@pytest.fixture
def summits(record, people):
    """Aldo's contacts of three and four people and one he alone is recorded in, of several kinds,
    statuses, topics, reports and countries (Wendel an Ostmark national holding a Norvanian
    office from 2024-06)."""
    from tracker.tests.factories import make_person

    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    ostmark = make_country("Ostmark", iso_alpha2="XK")
    wendel = make_person("Wendel Harrow", slug="wendel-harrow", country=ostmark)
    Office.objects.create(person=wendel, title="Envoy", country=aldo.country, start=date(2024, 6, 1))
    trade, fish = Topic.objects.get(name="Trade"), Topic.objects.create(name="Fisheries")
    wire = Article.objects.get(publisher="Ostrelia Wire")
    gazette = Article.objects.create(title="C", publisher="Ostmark Gazette", text="three", published=date(2024, 8, 2))
    three = make_contact(aldo, mira, ivo, on=date(2024, 5, 5), kind=Contact.Kind.MEETING)
    three.topics.add(trade, fish)
    ContactSource.objects.create(contact=three, article=wire)
    four = make_contact(aldo, mira, ivo, wendel, on=date(2024, 8, 1), kind=Contact.Kind.MEETING)
    four.topics.add(fish)
    ContactSource.objects.create(contact=four, article=gazette)
    make_contact(aldo, ivo, wendel, on=date(2024, 9, 1), kind=Contact.Kind.VISIT, status="proposed")
    make_contact(aldo, wendel, on=date(2024, 9, 2), kind=Contact.Kind.PHONE_CALL, planned=True)
    alone = make_contact(aldo, mira, on=date(2024, 9, 3), kind=Contact.Kind.LETTER)
    alone.participants.remove(mira)  # a contact Aldo alone is recorded in, which no pair counts
    alone.topics.add(trade)
    return people


@pytest.mark.parametrize("query", ["person=aldo-varen", "person=aldo-varen&kind=meeting", "person=wendel-harrow"])
def test_one_persons_facets_from_their_pairs_tallies_equal_the_rows_their_links_show(client, summits, query):
    assert Contact.objects.filter(participant_count__gte=3).count() == 3
    assert Contact.objects.filter(participant_count=1).count() == 1
    facets = client.get(f"/timeline/?{query}").context["facets"]
    assert {f.key for f in facets} >= {"country", "topic", "publisher"}
    for facet in facets:
        for value in facet.values:
            assert value.count == client.get(value.url).context["contact_count"].n, (facet.key, value.url)


@pytest.mark.parametrize("query", ["person=aldo-varen", "person=aldo-varen&status=any", "person=ivo-pell&kind=visit"])
def test_one_persons_facets_are_counted_from_tallies_as_the_contacts_count_them(summits, query):
    from django.http import QueryDict

    from timeline.facets import person_facet_counts
    from timeline.filters import ContactFilter
    from timeline.visibility import visible
    from tracker.tests.factories import an_editor_request

    editor = an_editor_request()
    sources = visible(editor, ContactSource.objects.all())
    chosen = ContactFilter(QueryDict(query), queryset=Contact.objects.all(), request=editor)
    tallied = person_facet_counts(chosen, ["country", "topic"], sources)
    # A date before every contact narrows nothing, but no tally stands for it: counted from the contacts.
    counted = {
        f.key: {v.value: v.count for v in f.values}
        for f in timeline_facets(QueryDict(f"{query}&start=2000-01-01"), "/timeline/", request=editor)
    }
    countries = {str(c.pk): c.iso_alpha2 or str(c.pk) for c in Country.objects.all()}
    assert {countries[str(pk)]: n for pk, n in tallied["country"].items()} == counted["country"]
    assert {Topic.objects.get(pk=pk).slug: n for pk, n in tallied["topic"].items()} == counted.get("topic", {})


def test_several_people_or_another_filter_count_their_facets_from_the_contacts(summits):
    from django.http import QueryDict

    from timeline.facets import person_facet_counts
    from timeline.filters import ContactFilter

    for query in ["person=aldo-varen&person=ivo-pell", "person=aldo-varen&topic=trade", "pair=aldo-varen,ivo-pell"]:
        chosen = ContactFilter(QueryDict(query), queryset=Contact.objects.all())
        assert person_facet_counts(chosen, ["country"], ContactSource.objects.all()) is None


def test_a_search_matching_more_than_the_count_cap_counts_its_facets_among_its_newest_matches(
    client, people, monkeypatch
):
    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    make_contact(aldo, ivo, on=date(2024, 1, 5), kind=Contact.Kind.VISIT, summary="Grain talks.")
    make_contact(aldo, ivo, on=date(2024, 1, 9), kind=Contact.Kind.VISIT, summary="Grain talks.")
    for day in (2, 3, 4):
        make_contact(aldo, mira, on=date(2024, 2, day), kind=Contact.Kind.MEETING, summary="Grain talks.")
    monkeypatch.setattr("timeline.views.COUNT_CAP", 3)
    page = client.get("/timeline/?q=grain")
    assert str(page.context["contact_count"]) == "3+"
    kinds = {v.label: v.count for f in page.context["facets"] if f.key == "kind" for v in f.values}
    assert kinds == {"Meeting": 3}  # the two older visits are past the newest three
    assert "Counted among the newest 3 matches." in page.content.decode()
    monkeypatch.setattr("timeline.views.COUNT_CAP", 10)
    page = client.get("/timeline/?q=grain")
    kinds = {v.label: v.count for f in page.context["facets"] if f.key == "kind" for v in f.values}
    assert kinds == {"Meeting": 3, "Visit": 2}
    assert "Counted among the newest" not in page.content.decode()
