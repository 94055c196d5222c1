"""E-mail alerts for a finder view, and the record of what each has been sent.

Privacy: a subscription holds only the address, the search (the finder page and its filters),
the frequency and dates. Unsubscribing deletes it (and its deliveries, by cascade); one not
confirmed within UNCONFIRMED_DAYS is deleted by the periodic job.
"""

from django.db import models
from django.utils import timezone

UNCONFIRMED_DAYS = 7


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "As they are published"
    WEEKLY = "weekly", "A weekly summary"


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def for_address(self, email: str):
        return self.filter(email__iexact=email.strip())


class Subscription(models.Model):
    """One saved search someone has asked to be e-mailed about."""

    email = models.EmailField(max_length=254)
    page = models.CharField(
        max_length=300, help_text="The finder page the search was made on, e.g. /themes/x/."
    )
    params = models.CharField(
        max_length=2000, blank=True, help_text="The finder's filters and words, as a query string."
    )
    scope = models.CharField(
        max_length=300,
        blank=True,
        help_text="The facet the page fixes, as key:value (a theme's page: theme:<slug>).",
    )
    description = models.CharField(max_length=1000, help_text="The search in words.")
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="alert_frequency_valid", condition=models.Q(frequency__in=Frequency.values)
            ),
        ]
        indexes = [models.Index(fields=["email"], name="alert_email_idx")]

    def __str__(self) -> str:
        return f"{self.description} ({self.get_frequency_display().lower()})"

    @property
    def scope_pair(self) -> tuple[str, str] | None:
        if not self.scope:
            return None
        key, _, value = self.scope.partition(":")
        return key, value

    @property
    def results_url(self) -> str:
        return self.page + (f"?{self.params}" if self.params else "")

    def confirm(self) -> "Subscription":
        """Confirm this subscription (double opt-in done). If the same address already has the
        same search confirmed, that one is kept with this frequency and this one is deleted."""
        same = (
            Subscription.objects.confirmed()
            .for_address(self.email)
            .filter(page=self.page, params=self.params, scope=self.scope)
            .exclude(pk=self.pk)
            .first()
        )
        if same:
            same.frequency = self.frequency
            same.save(update_fields=["frequency"])
            self.delete()
            return same
        self.confirmed_at = timezone.now()
        self.save(update_fields=["confirmed_at"])
        return self


class AlertDelivery(models.Model):
    """A case study that has been e-mailed to a subscription. The unique constraint is what
    keeps two workers (or two runs) from sending it twice."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="sent")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscription", "partnership"], name="alert_sent_once"),
        ]

    def __str__(self) -> str:
        return f"{self.partnership_id} to subscription {self.subscription_id}"
