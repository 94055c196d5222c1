from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("partnerships.urls")),
    path("", include("partnerships.urls_contribute")),
    path("moderation/", include("partnerships.urls_moderation")),
    path("themes/", include("themes.urls")),
    path("practice/", include("practice.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
