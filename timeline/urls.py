from django.urls import path

from timeline import views

app_name = "timeline"

urlpatterns = [
    path("", views.home, name="home"),
    path("timeline/", views.timeline, name="timeline"),
    path("people/suggest/", views.people_suggest, name="people_suggest"),
    path("leaders/<slug:slug>/", views.leader, name="leader"),
    path("pairs/<slug:a>/<slug:b>/", views.pair, name="pair"),
    path("contacts/<int:pk>/", views.contact, name="contact"),
    path("articles/<int:pk>/", views.article, name="article"),
]
