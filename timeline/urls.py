from django.urls import path

from timeline import chart_views, exports, views

app_name = "timeline"

urlpatterns = [
    path("", views.home, name="home"),
    path("timeline/", views.timeline, name="timeline"),
    path("exports/", exports.exports_doc, name="exports_doc"),
    path("timeline.<str:fmt>", exports.timeline_export, name="timeline_export"),
    path("timeline/statements.<str:fmt>", exports.statements_export, name="statements_export"),
    path("leaders/<slug:slug>/counterparts.<str:fmt>", exports.counterparts_export, name="counterparts_export"),
    path("pairs/<slug:a>/<slug:b>/contacts.<str:fmt>", exports.pair_contacts_export, name="pair_contacts_export"),
    path("pairs/<slug:a>/<slug:b>/gaps.<str:fmt>", exports.gaps_export, name="gaps_export"),
    path("pairs/<slug:a>/<slug:b>/claims.<str:fmt>", exports.claims_export, name="claims_export"),
    path("people/suggest/", views.people_suggest, name="people_suggest"),
    path("leaders/<slug:slug>/", views.leader, name="leader"),
    path("pairs/<slug:a>/<slug:b>/", views.pair, name="pair"),
    path("contacts/<int:pk>/", views.contact, name="contact"),
    path("articles/<int:pk>/", views.article, name="article"),
    path("charts/", chart_views.charts, name="charts"),
    path("charts/<slug:name>.csv", chart_views.chart_csv, name="chart_csv"),
    path("charts/<slug:name>/", chart_views.chart, name="chart"),
    path("charts/<slug:name>/embed/", chart_views.chart_embed, name="chart_embed"),
]
