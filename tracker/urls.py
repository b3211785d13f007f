from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Diplomatic record: editors"
admin.site.site_title = "Diplomatic record"
admin.site.index_title = "Enter, correct and review"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("timeline.api_urls")),
    path("", include("timeline.urls")),
]
