"""The API's URLs, included by the project's URLconf under /api/ (docs at /api/docs)."""

from django.urls import path

from timeline.api import api

urlpatterns = [path("", api.urls)]
