from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("partnerships.urls")),
    path("themes/", include("themes.urls")),
    path("admin/", admin.site.urls),
]
