from django.urls import path

from timeline import views

app_name = "timeline"

urlpatterns = [
    path("", views.home, name="home"),
    path("leaders/<slug:slug>/", views.leader, name="leader"),
    path("contacts/<int:pk>/", views.contact, name="contact"),
    path("articles/<int:pk>/", views.article, name="article"),
]
