from django.apps import AppConfig


class OpendataConfig(AppConfig):
    """Open data and reuse: downloads of any finder view, /data/, feeds, sitemap, robots.txt."""

    name = "opendata"
    verbose_name = "Open data"
