from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Background work: e-mail sent from tasks, recorded so that it is sent once, and the
    periodic jobs (alert digests, review reminders, clean-up) run by one management command."""

    name = "jobs"
    verbose_name = "Background jobs"
