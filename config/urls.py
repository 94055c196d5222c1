from django.contrib import admin
from django.urls import include, path

from api.api import api
from opendata.urls import sitemap_urls

urlpatterns = [
    path("", include("partnerships.urls")),
    path("", include("partnerships.urls_contribute")),
    path("moderation/", include("partnerships.urls_moderation")),
    path("themes/", include("themes.urls")),
    path("alerts/", include("alerts.urls")),
    path("", include("reminders.urls")),
    path("", include("feedback.urls")),
    path("", include("contact_relay.urls")),
    path("practice/", include("practice.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    # Open data (issue 14): /data/, downloads, feeds, robots.txt, the sitemap and the API.
    path("", include("opendata.urls")),
    *sitemap_urls,
    path("api/v1/", api.urls),
]

# GOV.UK error pages (partnerships/views/errors.py); 404 is Django's own, with templates/404.html.
handler400 = "partnerships.views.errors.bad_request"
handler403 = "partnerships.views.errors.permission_denied"
handler500 = "partnerships.views.errors.server_error"
