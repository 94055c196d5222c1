from django.contrib import admin
from django.urls import include, path

from api.api import api
from opendata.urls import sitemap_urls

urlpatterns = [
    path("", include("partnerships.urls")),
    path("", include("partnerships.urls_contribute")),
    path("moderation/", include("partnerships.urls_moderation")),
    path("themes/", include("themes.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    # Open data (issue 14): /data/, downloads, feeds, robots.txt, the sitemap and the API.
    path("", include("opendata.urls")),
    *sitemap_urls,
    path("api/v1/", api.urls),
]
