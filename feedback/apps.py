from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """Page feedback ("Is this page useful?") and problem reports about case studies."""

    name = "feedback"
    verbose_name = "Feedback"
