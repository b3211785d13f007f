from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from timeline.views import PAGE_SIZE
from tracker.models import Article, Contact, ContactSource, Gap, Person, Statement
from tracker.synthetic import synthetic_generate
from tracker.tests.factories import make_contact

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


@pytest.fixture
def calls(people):
    aldo, mira = people["aldo"], people["mira"]
    today = timezone.localdate()
    first = make_contact(aldo, mira, on=today - timedelta(days=100), summary="First call.")
    second = make_contact(aldo, mira, on=today - timedelta(days=40), summary="Second call.")
    third = make_contact(aldo, mira, on=today - timedelta(days=10), summary="Third call.")
    return first, second, third


def test_timeline_page_without_javascript_shows_filters_and_results(client, calls):
    response = client.get(reverse("timeline:timeline"))
    body = response.content.decode()
    assert response.status_code == 200
    assert '<form id="filters"' in body and "Third call." in body and "3 contacts" in body
    assert "HX-Request" in response["Vary"]


def test_htmx_filter_change_gets_only_the_results(client, calls):
    response = client.get(reverse("timeline:timeline"), {"q": "second"}, headers=HX)
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="results"')
    assert "Second call." in body and "Third call." not in body and "<form" not in body


def test_a_history_restore_gets_the_whole_page(client, calls):
    response = client.get(reverse("timeline:timeline"), headers={**HX, "HX-History-Restore-Request": "true"})
    assert "<html" in response.content.decode()


def test_pair_filter_shows_gap_markers_and_the_open_gap(client, calls, people):
    response = client.get(reverse("timeline:timeline"), {"pair": "aldo-varen,mira-tolsk"})
    body = " ".join(response.content.decode().split())
    assert "60 days · longest on record" in body
    assert "30 days · longest since" in body
    assert "10 days since the last contact" in body


def test_load_more_continues_after_the_cursor_without_offset(client, people):
    aldo, mira = people["aldo"], people["mira"]
    start = date(2020, 1, 1)
    for n in range(PAGE_SIZE + 5):
        make_contact(aldo, mira, on=start + timedelta(days=n), summary=f"Call number {n}.")
    first = client.get(reverse("timeline:timeline")).content.decode()
    assert f"Call number {PAGE_SIZE + 4}." in first and "Call number 4." not in first
    next_url = first.split('class="more"><a href="')[1].split('"')[0].replace("&amp;", "&")
    more = client.get(next_url, headers=HX).content.decode()
    assert more.lstrip().startswith("<li")  # the items partial only
    assert "Call number 4." in more and "Call number 0." in more and f"Call number {PAGE_SIZE + 4}." not in more
    assert 'class="more"' not in more


def test_contact_expands_to_sources_statements_and_topics(client, calls, people):
    first = calls[0]
    text = "Officials said so. Aldo Varen called Mira Tolsk on Monday. Nothing else."
    article = Article.objects.create(title="Synthetic story", publisher="Synthetic Wire", text=text)
    start = text.index("Aldo")
    ContactSource.objects.create(contact=first, article=article, start=start, end=start + 26)
    Statement.objects.create(speaker=people["aldo"], quote="A fine call", contact=first, status="confirmed")
    body = client.get(reverse("timeline:contact", args=[first.pk]), headers=HX).content.decode()
    assert "<html" not in body
    assert "<mark>Aldo Varen called Mira Tol</mark>" in body
    assert "Synthetic Wire" in body and "A fine call" in body


def test_article_page_links_each_span_to_its_item(client, calls):
    text = "Aldo Varen called <Mira> Tolsk."
    article = Article.objects.create(title="Synthetic", text=text)
    ContactSource.objects.create(contact=calls[0], article=article, start=0, end=len(text) - 1)
    body = client.get(reverse("timeline:article", args=[article.pk])).content.decode()
    assert f'href="/contacts/{calls[0].pk}/"' in body and "&lt;Mira&gt;" in body


def test_leader_page_lists_counterparts_with_the_current_gap(client, calls):
    body = " ".join(client.get(reverse("timeline:leader", args=["aldo-varen"])).content.decode().split())
    assert "Mira Tolsk" in body and "10 days since the last contact in this record" in body


def test_pair_page_shows_the_rhythm_and_timeline(client, calls):
    body = " ".join(client.get(reverse("timeline:pair", args=["aldo-varen", "mira-tolsk"])).content.decode().split())
    assert "Median gap" in body and "45 days" in body and "60 days (" in body and "First call." in body


def test_pair_page_fragment_keeps_the_pair(client, calls, people):
    make_contact(people["aldo"], people["ivo"], on=date(2001, 1, 1), summary="Other pair.")
    url = reverse("timeline:pair", args=["aldo-varen", "mira-tolsk"])
    body = client.get(url, {"q": "call"}, headers=HX).content.decode()
    assert "Other pair." not in body and "First call." in body


def test_people_suggestions_match_names(client, people):
    body = client.get(reverse("timeline:people_suggest"), {"person": "tol"}).content.decode()
    assert 'value="Mira Tolsk"' in body and "Aldo" not in body


def _queries(client, url, params, headers):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params, headers=headers).status_code == 200
    return len(ctx.captured_queries)


def test_queries_per_request_do_not_grow_with_the_record(client):
    # Synthetic, fictional record; gap markers and statements on, at two sizes.
    synthetic_generate(leaders=12, contacts=150, statements=60, seed=3, until=date(2024, 6, 1))
    busiest = Gap.objects.order_by().values_list("person_a", "person_b").first()
    slugs = ",".join(Person.objects.get(pk=pk).slug for pk in busiest)
    cases = [
        (reverse("timeline:timeline"), {"statements": "on"}, HX),
        (reverse("timeline:timeline"), {"statements": "on", "pair": slugs}, {}),
        (reverse("timeline:home"), {}, {}),
        (reverse("timeline:leader", args=[Person.objects.get(pk=busiest[0]).slug]), {}, {}),
        (reverse("timeline:pair", args=slugs.split(",")), {}, {}),
        (reverse("timeline:contact", args=[Contact.objects.first().pk]), {}, HX),
    ]
    small = [_queries(client, *case) for case in cases]
    synthetic_generate(leaders=12, contacts=1500, statements=600, seed=4, until=date(2024, 6, 1))
    large = [_queries(client, *case) for case in cases]
    assert large == small


def test_text_search_finds_contacts_by_a_participants_name_or_alias(client, people):
    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    mira.aliases = "The Admiral\nTolsky"
    mira.save()
    make_contact(aldo, mira, on=date(2024, 1, 5), summary="A call.")
    make_contact(aldo, ivo, on=date(2024, 2, 5), summary="A letter.")
    for typed in ("tolsk", "admiral"):
        response = client.get(reverse("timeline:timeline"), {"q": typed})
        assert response.context["contact_count"].n == 1 and "A call." in response.content.decode()


def test_the_result_line_counts_matching_statements_while_they_are_hidden(client, people):
    aldo, mira = people["aldo"], people["mira"]
    make_contact(aldo, mira, on=date(2024, 1, 5), summary="A call about barley.")
    for quote in ("We spoke of barley", "Barley prices are up"):
        Statement.objects.create(speaker=aldo, quote=quote, date=date(2024, 1, 6), status="confirmed")
    body = " ".join(client.get(reverse("timeline:timeline"), {"q": "barley"}).content.decode().split())
    assert "1 contact · 2 statements also match, not shown" in body and "statements=on" in body
    body = " ".join(client.get(reverse("timeline:timeline"), {"q": "prices"}).content.decode().split())
    assert "0 contacts · 1 statement also matches, not shown" in body
    shown = client.get(reverse("timeline:timeline"), {"q": "barley", "statements": "on"})
    assert shown.context["statement_count"].n == 2 and shown.context["hidden_statement_count"] is None


def test_a_history_restore_renders_the_form_from_the_url(client, calls):
    params = {"q": "second", "kind": "phone_call", "person": "mira-tolsk"}
    restore = {**HX, "HX-History-Restore-Request": "true"}
    body = client.get(reverse("timeline:timeline"), params, headers=restore).content.decode()
    assert 'name="q" id="id_q" value="second"' in body
    assert 'value="phone_call" id="id_kind_0" checked' in body
    assert 'value="mira-tolsk" checked' in body
    # No snapshot of a changed form is kept, so Back always asks the server.
    assert 'hx-history="false"' in body


def test_the_hidden_statement_count_follows_the_viewers_rule(editor_client, people):
    client = Client()  # anonymous: editor_client is the logged-in test client
    aldo = people["aldo"]
    Statement.objects.create(speaker=aldo, quote="Barley first", date=date(2024, 1, 6), status="confirmed")
    Statement.objects.create(speaker=aldo, quote="Barley again", date=date(2024, 1, 7), status="proposed")
    url = reverse("timeline:timeline")
    assert editor_client.get(url, {"q": "barley", "status": "any"}).context["hidden_statement_count"].n == 2
    assert editor_client.get(url, {"q": "barley"}).context["hidden_statement_count"].n == 1
    assert client.get(url, {"q": "barley"}).context["hidden_statement_count"].n == 1
    assert client.get(url, {"q": "barley", "status": "any"}).context["hidden_statement_count"] is None
