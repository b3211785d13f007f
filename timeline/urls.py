from django.urls import path

from timeline import calendar_feed, chart_views, exports, news_feeds, views, visual_views
from timeline.merged_people import follows_merged_people

app_name = "timeline"


def person_path(route: str, view, name: str):
    """A page addressed by person slugs: a merged-away person's address redirects (301)."""
    return path(route, follows_merged_people(view), name=name)


urlpatterns = [
    path("", views.home, name="home"),
    path("timeline/", views.timeline, name="timeline"),
    path("timeline/visual.json", visual_views.visual_data, name="visual_data"),
    path("exports/", exports.exports_doc, name="exports_doc"),
    path("feeds/contacts.atom", news_feeds.ContactsFeed(), name="contacts_feed"),
    path("feeds/statements.atom", news_feeds.StatementsFeed(), name="statements_feed"),
    person_path("leaders/<slug:slug>/contacts.atom", news_feeds.LeaderContactsFeed(), "leader_contacts_feed"),
    person_path("leaders/<slug:slug>/statements.atom", news_feeds.LeaderStatementsFeed(), "leader_statements_feed"),
    person_path("leaders/<slug:slug>/calendar.ics", calendar_feed.leader_calendar, "leader_calendar"),
    person_path("pairs/<slug:a>/<slug:b>/contacts.atom", news_feeds.PairContactsFeed(), "pair_contacts_feed"),
    person_path("pairs/<slug:a>/<slug:b>/statements.atom", news_feeds.PairStatementsFeed(), "pair_statements_feed"),
    person_path("pairs/<slug:a>/<slug:b>/calendar.ics", calendar_feed.pair_calendar, "pair_calendar"),
    path("timeline.<str:fmt>", exports.timeline_export, name="timeline_export"),
    path("timeline/statements.<str:fmt>", exports.statements_export, name="statements_export"),
    person_path("leaders/<slug:slug>/counterparts.<str:fmt>", exports.counterparts_export, "counterparts_export"),
    person_path("pairs/<slug:a>/<slug:b>/contacts.<str:fmt>", exports.pair_contacts_export, "pair_contacts_export"),
    person_path("pairs/<slug:a>/<slug:b>/gaps.<str:fmt>", exports.gaps_export, "gaps_export"),
    person_path("pairs/<slug:a>/<slug:b>/claims.<str:fmt>", exports.claims_export, "claims_export"),
    path("people/suggest/", views.people_suggest, name="people_suggest"),
    person_path("leaders/<slug:slug>/", views.leader, "leader"),
    person_path("pairs/<slug:a>/<slug:b>/", views.pair, "pair"),
    path("contacts/<int:pk>/", views.contact, name="contact"),
    path("articles/<int:pk>/", views.article, name="article"),
    path("charts/", chart_views.charts, name="charts"),
    path("charts/<slug:name>.csv", chart_views.chart_csv, name="chart_csv"),
    path("charts/<slug:name>/", chart_views.chart, name="chart"),
    path("charts/<slug:name>/embed/", chart_views.chart_embed, name="chart_embed"),
]
