"""An organisation's part in a case study (its role) and the sources a case study cites."""

from django.db import models

from partnerships.models.organisations import Organisation

ROLE_ORDER = models.Case(
    models.When(role="lead", then=0),
    models.When(role="partner", then=1),
    models.When(role="funder", then=2),
    models.When(role="evaluator", then=3),
    default=4,
)


class MemberRole(models.TextChoices):
    LEAD = "lead", "Lead"
    PARTNER = "partner", "Partner"
    FUNDER = "funder", "Funder"
    EVALUATOR = "evaluator", "Evaluator"


class MemberQuerySet(models.QuerySet):
    def get_by_natural_key(self, partnership_slug: str, organisation_slug: str):
        return self.get(partnership__slug=partnership_slug, organisation__slug=organisation_slug)


class PartnershipMember(models.Model):
    """An organisation's part in a partnership."""

    Role = MemberRole

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="members"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=MemberRole.choices, default=MemberRole.PARTNER)
    description = models.CharField(
        "what they did",
        max_length=300,
        blank=True,
        help_text="Optional: the organisation's part in a few words.",
    )

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = [ROLE_ORDER, "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"], name="member_unique_per_partnership"
            ),
            models.CheckConstraint(
                name="member_role_valid", condition=models.Q(role__in=MemberRole.values)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display().lower()}) in {self.partnership}"

    def get_absolute_url(self) -> str:
        return self.partnership.get_absolute_url()

    def natural_key(self) -> tuple[str, str]:
        return (self.partnership.slug, self.organisation.slug)

    natural_key.dependencies = ["partnerships.partnership", "partnerships.organisation"]


class SourceKind(models.TextChoices):
    EVALUATION = "evaluation", "Evaluation report"
    NEWS = "news", "News"
    GUIDANCE = "guidance", "Guidance"
    OTHER = "other", "Other"


class SourceQuerySet(models.QuerySet):
    def get_by_natural_key(self, partnership_slug: str, url: str):
        return self.get(partnership__slug=partnership_slug, url=url)


class Source(models.Model):
    Kind = SourceKind

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="sources"
    )
    title = models.CharField(max_length=300)
    url = models.URLField("web address", max_length=1000)
    kind = models.CharField(max_length=12, choices=SourceKind.choices, default=SourceKind.OTHER)
    position = models.PositiveSmallIntegerField(default=0)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "url"], name="source_unique_url"),
            models.CheckConstraint(
                name="source_kind_valid", condition=models.Q(kind__in=SourceKind.values)
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.url

    def natural_key(self) -> tuple[str, str]:
        return (self.partnership.slug, self.url)

    natural_key.dependencies = ["partnerships.partnership"]
