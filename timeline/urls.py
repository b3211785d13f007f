from django.urls import path

from timeline import calendar_feed, chart_views, exports, news_feeds, views, visual_views

app_name = "timeline"

urlpatterns = [
    path("", views.home, name="home"),
    path("timeline/", views.timeline, name="timeline"),
    path("timeline/visual.json", visual_views.visual_data, name="visual_data"),
    path("exports/", exports.exports_doc, name="exports_doc"),
    path("feeds/contacts.atom", news_feeds.ContactsFeed(), name="contacts_feed"),
    path("feeds/statements.atom", news_feeds.StatementsFeed(), name="statements_feed"),
    path("leaders/<slug:slug>/contacts.atom", news_feeds.LeaderContactsFeed(), name="leader_contacts_feed"),
    path("leaders/<slug:slug>/statements.atom", news_feeds.LeaderStatementsFeed(), name="leader_statements_feed"),
    path("leaders/<slug:slug>/calendar.ics", calendar_feed.leader_calendar, name="leader_calendar"),
    path("pairs/<slug:a>/<slug:b>/contacts.atom", news_feeds.PairContactsFeed(), name="pair_contacts_feed"),
    path("pairs/<slug:a>/<slug:b>/statements.atom", news_feeds.PairStatementsFeed(), name="pair_statements_feed"),
    path("pairs/<slug:a>/<slug:b>/calendar.ics", calendar_feed.pair_calendar, name="pair_calendar"),
    path("timeline.<str:fmt>", exports.timeline_export, name="timeline_export"),
    path("timeline/statements.<str:fmt>", exports.statements_export, name="statements_export"),
    path("leaders/<slug:slug>/counterparts.<str:fmt>", exports.counterparts_export, name="counterparts_export"),
    path("pairs/<slug:a>/<slug:b>/contacts.<str:fmt>", exports.pair_contacts_export, name="pair_contacts_export"),
    path("pairs/<slug:a>/<slug:b>/gaps.<str:fmt>", exports.gaps_export, name="gaps_export"),
    path("pairs/<slug:a>/<slug:b>/claims.<str:fmt>", exports.claims_export, name="claims_export"),
    path("people/suggest/", views.people_suggest, name="people_suggest"),
    path("countries/suggest/", views.countries_suggest, name="countries_suggest"),
    path("leaders/<slug:slug>/", views.leader, name="leader"),
    path("pairs/<slug:a>/<slug:b>/", views.pair, name="pair"),
    path("contacts/<int:pk>/", views.contact, name="contact"),
    path("articles/<int:pk>/", views.article, name="article"),
    path("charts/", chart_views.charts, name="charts"),
    path("charts/<slug:name>.csv", chart_views.chart_csv, name="chart_csv"),
    path("charts/<slug:name>/", chart_views.chart, name="chart"),
    path("charts/<slug:name>/embed/", chart_views.chart_embed, name="chart_embed"),
]
