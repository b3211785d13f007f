from django.urls import path

from timeline import chart_views, views, visual_views

app_name = "timeline"

urlpatterns = [
    path("", views.home, name="home"),
    path("timeline/", views.timeline, name="timeline"),
    path("timeline/visual.json", visual_views.visual_data, name="visual_data"),
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
