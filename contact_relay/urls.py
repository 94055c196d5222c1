from django.urls import path

from contact_relay import views

app_name = "contact_relay"
urlpatterns = [
    path("partnerships/<slug:slug>/contact/", views.contact, name="contact"),
]
