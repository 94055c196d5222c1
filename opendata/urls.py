from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from opendata import api_page, feeds, sitemaps, views

app_name = "opendata"
urlpatterns = [
    path("data/", views.data_page, name="page"),
    path("data/api/", api_page.api_page, name="api_page"),
    path("data/case-studies.csv", views.case_studies_csv, name="csv"),
    path("data/partners.csv", views.partners_csv, name="partners_csv"),
    path("data/case-studies.json", views.case_studies_json, name="json"),
    path("data/csv-metadata.json", views.csv_metadata, name="csv_metadata"),
    path("feeds/case-studies/", feeds.CaseStudyFeed(), name="feed"),
    path("feeds/themes/<slug:slug>/", feeds.ThemeFeed(), name="theme_feed"),
    path("feeds/organisations/<slug:slug>/", feeds.OrganisationFeed(), name="organisation_feed"),
    path("feeds/force-areas/<slug:slug>/", feeds.ForceAreaFeed(), name="force_area_feed"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
]

# Outside the namespace: the sitemaps framework reverses "sitemap" (its sections) by name.
sitemap_urls = [
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap_section",
    ),
]
