from django.apps import AppConfig


class PracticeConfig(AppConfig):
    """/practice/: a picture of current practice (map and coverage tables) and force-area pages."""

    name = "practice"
    verbose_name = "Current practice"
