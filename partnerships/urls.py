from django.urls import path

from partnerships.views import compare, files, organisations, pages, public

app_name = "partnerships"
urlpatterns = [
    path("", pages.home, name="home"),
    path("about/", pages.about, name="about"),
    path("contact/", pages.contact, name="contact"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("privacy/", pages.privacy, name="privacy"),
    path("cookies/", pages.cookies, name="cookies"),
    path("partnerships/", public.partnership_list, name="list"),
    path("finder/options/<slug:key>/", public.facet_options, name="facet_options"),
    path("compare/", compare.compare_case_studies, name="compare"),
    path("partnerships/<slug:slug>/", public.partnership_detail, name="detail"),
    path("partnerships/<slug:slug>/report/", files.public_report, name="report"),
    path("organisations/", organisations.organisation_list, name="organisations"),
    path("organisations/<slug:slug>/", organisations.organisation_detail, name="organisation"),
]
