from django.apps import AppConfig


class RemindersConfig(AppConfig):
    """Review reminders: each published case study falls due for review 12 months after it was
    last reviewed or confirmed, and its people are asked whether it is still accurate."""

    name = "reminders"
    verbose_name = "Review reminders"
