from django.urls import path

from themes import views

app_name = "themes"
urlpatterns = [
    path("", views.theme_list, name="list"),
    path("<slug:slug>/", views.theme_detail, name="detail"),
]
