"""An article written to attack its readers stays inert on every public page: its title, quotes,
speakers' names, topics and addresses carry <script>, onerror=, javascript: and <a href>
payloads; in Debian's Chromium nothing runs, nothing logs an error, no off-site link appears."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from tracker.models import Article, Topic
from tracker.services.ingest import article_ingest
from tracker.tests.factories import an_extraction, call_item, make_country, make_person, statement_item

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]

SCRIPT = '<script>alert("script")</script>'
IMAGE = "<img src=x onerror=alert('onerror')>"
LINK = '<a href="https://evil.example/">click</a>'
SCRIPT_URL = "javascript:alert('url')"
SPEAKER = f"Aldo {IMAGE} Varen"
OTHER = f"Mira {LINK} Kost"
QUOTE = f"We agreed {SCRIPT} and {LINK} and {IMAGE} on everything"
TEXT = (
    f"President {SPEAKER} of Norvania spoke by phone today with Prime Minister {OTHER} of Valdoria. "
    f'Varen said "{QUOTE}." Visit {SCRIPT_URL} for more.'
)

# Links that leave the site: to the attacker's host, or to a script.
OFF_SITE = """[...document.querySelectorAll('a, area, [href], [xlink\\\\:href]')].filter(a => {
    const href = (a.getAttribute('href') || '') + (a.getAttribute('xlink:href') || '');
    return href.includes('evil.example') || href.trim().toLowerCase().startsWith('javascript:');
}).map(a => a.outerHTML)"""
# Elements the payloads would have made had they been read as markup.
INJECTED = """[...document.querySelectorAll('img[src="x"], [onerror], script:not([src])')]
    .filter(e => !(e.tagName === 'SCRIPT' && e.type === 'application/json')).map(e => e.outerHTML)"""


@pytest.fixture
def hostile_article(transactional_db):
    speaker = make_person(
        SPEAKER, slug="aldo-varen", country=make_country("Norvania"), office="President", start=date(2020, 1, 1)
    )
    other = make_person(
        OTHER, slug="mira-kost", country=make_country("Valdoria"), office="Prime Minister", start=date(2020, 1, 1)
    )
    topic = Topic.objects.create(name=f"Grain {IMAGE}", slug="grain", keywords="grain")
    calls = [call_item(TEXT, TEXT.split(". ")[0], [speaker, other], date(2024, 3, 18))]
    statements = [statement_item(TEXT, QUOTE, speaker, said="Varen said", day=date(2024, 3, 18))]
    result = article_ingest(
        text=TEXT,
        published=date(2024, 3, 18),
        title=f"Readout {SCRIPT} {LINK}",
        url=SCRIPT_URL,
        publisher=f"Presidency {IMAGE}",
        confirm=True,
        extraction=an_extraction(TEXT, contacts=calls, statements=statements, topics=[topic.name]),
    )
    assert result.status == "new", result.reason
    article = Article.objects.get(pk=result.article.pk)
    assert article.url is None  # the script address is not stored at all
    contact = article.contact_sources.get().contact
    assert article.statements.count() == 1 and list(contact.topics.all()) == [topic]
    return article, contact


@pytest.fixture
def browser_page(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.problems = []
        page.dialogs = []
        page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
        page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
        # A payload that fetched its image would ask for /x: count it as something that ran.
        page.on("request", lambda r: r.url.endswith("/x") and page.problems.append(f"payload fetched {r.url}"))
        yield page
        browser.close()


def test_an_article_full_of_payloads_is_inert_on_every_public_page(live_server, hostile_article, browser_page):
    article, contact = hostile_article
    page = browser_page
    pages = [
        f"/articles/{article.pk}/",
        f"/contacts/{contact.pk}/",
        "/leaders/aldo-varen/",
        "/leaders/mira-kost/",
        "/pairs/aldo-varen/mira-kost/",
        "/timeline/",
        "/timeline/?q=agreed",
        "/",
        "/charts/network/",
        "/charts/frequency/",
        "/charts/gaps/?pair=aldo-varen,mira-kost",
        "/charts/comparison/?compare=aldo-varen,mira-kost",
        "/charts/network/embed/",
        "/charts/gaps/embed/?pair=aldo-varen,mira-kost",
    ]
    for path in pages:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        if path.startswith("/charts/"):
            page.wait_for_selector(".chart-figure .main-svg", timeout=20_000)
        else:
            page.wait_for_load_state("networkidle")
        assert page.evaluate(OFF_SITE) == [], path
        assert page.evaluate(INJECTED) == [], path
        assert page.dialogs == [] and page.problems == [], (path, page.dialogs, page.problems)
    # The payloads are on the pages, as the text they are.
    page.goto(f"{live_server.url}/articles/{article.pk}/")
    body = page.locator("body").inner_text()
    assert SCRIPT in body and IMAGE in body and "javascript:alert" in body
