from django.apps import AppConfig


class AlertsConfig(AppConfig):
    """E-mail alerts: anyone may ask to hear of new case studies matching a finder view."""

    name = "alerts"
    verbose_name = "E-mail alerts"
