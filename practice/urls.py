from django.urls import path

from practice import views

app_name = "practice"
urlpatterns = [
    path("", views.practice_page, name="page"),
    path("<slug:table>.csv", views.table_csv, name="csv"),
    path("areas/<slug:slug>/", views.area_page, name="area"),
]
