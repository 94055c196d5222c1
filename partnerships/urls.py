from django.urls import path

from partnerships.views import files, organisations, pages, public

app_name = "partnerships"
urlpatterns = [
    path("", pages.home, name="home"),
    path("about/", pages.about, name="about"),
    path("contact/", pages.contact, name="contact"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("privacy/", pages.privacy, name="privacy"),
    path("cookies/", pages.cookies, name="cookies"),
    path("partnerships/", public.partnership_list, name="list"),
    path("partnerships/<slug:slug>/", public.partnership_detail, name="detail"),
    path("partnerships/<slug:slug>/report/", files.public_report, name="report"),
    path("organisations/", organisations.organisation_list, name="organisations"),
    path("organisations/<slug:slug>/", organisations.organisation_detail, name="organisation"),
]
