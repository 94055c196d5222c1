"""A partnership case study, its partners and its sources (what the public sees, and the
scopes views read through, are in querysets.py)."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from partnerships.addresses import address
from partnerships.models.choices import (
    EVIDENCE_LEVELS,
    PREVENTION_LEVEL_HINTS,
    ConflictOfInterest,
    CostBand,
    PartnershipEvaluationType,
    PartnershipEvidenceRating,
    PartnershipFinding,
    PartnershipScale,
    PartnershipWorkState,
    PreventionLevel,
)
from partnerships.models.members import PartnershipMember, Source
from partnerships.models.moderation import (
    EDITABLE_STATUSES,
    OPEN_STATUSES,
    ModerationMixin,
    PartnershipStatus,
)
from partnerships.models.organisations import Organisation
from partnerships.models.querysets import PartnershipQuerySet
from partnerships.uploads import report_upload_to

__all__ = ["Partnership", "PartnershipMember", "Source", "EVIDENCE_LEVELS"]


# The facts someone replicating the work needs (submission section "replication").
REPLICATION_FIELDS = (
    "funding",
    "cost_band",
    "staffing",
    "prevention_level",
    "referral_route",
    "replication_needs",
)


class Partnership(ModerationMixin, models.Model):
    Status = PartnershipStatus
    Conflict = ConflictOfInterest
    WorkState = PartnershipWorkState
    Scale = PartnershipScale
    EvaluationType = PartnershipEvaluationType
    Finding = PartnershipFinding
    EvidenceRating = PartnershipEvidenceRating
    CostBand = CostBand
    PreventionLevel = PreventionLevel

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in the web address.")
    summary = models.CharField(
        max_length=300,
        help_text="At most 300 characters: what the partnership does and for whom. Shown in "
        "lists and search results.",
    )
    problem = models.TextField("the problem it addressed", blank=True)
    approach = models.TextField("what was done", blank=True)
    outcomes = models.TextField(blank=True)
    learning = models.TextField(
        "learning for others", blank=True, help_text="What someone replicating it should know."
    )
    # What someone replicating the work needs to know (all optional).
    funding = models.TextField(
        blank=True, help_text="Who funds the work, and the amount if it is public."
    )
    cost_band = models.CharField(
        "cost a year",
        max_length=10,
        choices=CostBand.choices,
        blank=True,
        help_text="Roughly what the work costs a year. Empty until answered.",
    )
    staffing = models.TextField(blank=True, help_text="Roles and numbers of staff, in plain words.")
    prevention_level = models.CharField(
        "level of prevention",
        max_length=10,
        choices=PreventionLevel.choices,
        blank=True,
        help_text="Primary (before harm), secondary (early response) or tertiary (after harm).",
    )
    referral_route = models.TextField(
        "how people are referred or found",
        blank=True,
        help_text="Who refers people to the work, or how it finds them.",
    )
    replication_needs = models.TextField(
        "what you would need to replicate it",
        blank=True,
        help_text="The people, agreements, data sharing, money or training someone would need.",
    )
    start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Leave empty if the work is still going on."
    )
    work_state = models.CharField(
        "state of the work", max_length=10, choices=WorkState.choices, default=WorkState.ONGOING
    )
    scale = models.CharField(max_length=10, choices=Scale.choices, default=Scale.LOCAL)

    police_force_areas = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="partnerships_in_area",
        limit_choices_to={"kind": Organisation.Kind.POLICE_FORCE},
        help_text="The territorial police force areas the work covers.",
    )
    themes = models.ManyToManyField("themes.Theme", blank=True, related_name="partnerships")
    population_groups = models.ManyToManyField(
        "themes.PopulationGroup", blank=True, related_name="partnerships"
    )
    organisations = models.ManyToManyField(
        Organisation, through="PartnershipMember", related_name="partnerships"
    )

    evaluation_type = models.CharField(
        "evaluation (as reported by the partnership)",
        max_length=20,
        choices=EvaluationType.choices,
        default=EvaluationType.NOT_EVALUATED,
    )
    evidence_rating = models.PositiveSmallIntegerField(
        "evidence rating (checked by editors)",
        choices=EvidenceRating.choices,
        default=0,
        help_text="Maryland Scientific Methods Scale level of the strongest evaluation, as "
        "checked by an editor. 0 means not rated.",
    )
    evaluation_finding = models.CharField(
        "what the evaluation found",
        max_length=10,
        choices=Finding.choices,
        blank=True,
        help_text="Leave empty when there is no evaluation.",
    )
    contested_note = models.TextField(
        blank=True,
        help_text="Neutral note on what is contested about this work and by whom, if anything.",
    )

    contact_name = models.CharField(max_length=150, blank=True)
    contact_role = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_consent = models.BooleanField(
        "the contact agreed to be shown",
        default=False,
        help_text="The contact is shown on the public page only when this is ticked.",
    )
    no_personal_data = models.BooleanField(
        "declared to hold no personal data about service users", default=False
    )
    conflict_of_interest = models.CharField(
        "conflicts of interest",
        max_length=10,
        choices=ConflictOfInterest.choices,
        blank=True,
        help_text="Whether the contributor declared a conflict of interest. Empty until answered.",
    )
    conflict_details = models.TextField("the conflicts of interest declared", blank=True)
    evaluation_report = models.FileField(
        upload_to=report_upload_to,
        max_length=200,
        blank=True,
        help_text="A PDF evaluation report uploaded by the contributor (at most 10 MB).",
    )

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_partnerships",
    )
    revision_of = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="revisions",
        help_text="Set on a revision: the published case study these changes are for. A "
        "revision is never public; publishing it copies it onto the published case study.",
    )
    submitted_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was last submitted for review."
    )
    published_at = models.DateTimeField(null=True, blank=True)
    last_reviewed_at = models.DateTimeField(
        null=True, blank=True, help_text="When an editor last checked the entry."
    )
    review_due_on = models.DateField(
        "review due",
        null=True,
        blank=True,
        help_text="When the case study is next due for review. Empty: 12 months after it was "
        "last reviewed or confirmed (reminders.schedule).",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = [models.F("published_at").desc(nulls_last=True), "title"]
        constraints = [
            models.CheckConstraint(
                name="partnership_status_valid",
                condition=models.Q(status__in=PartnershipStatus.values),
            ),
            models.CheckConstraint(
                name="partnership_published_has_date",
                condition=~models.Q(status=PartnershipStatus.PUBLISHED)
                | models.Q(published_at__isnull=False),
            ),
            models.CheckConstraint(
                name="partnership_work_state_valid",
                condition=models.Q(work_state__in=PartnershipWorkState.values),
            ),
            models.CheckConstraint(
                name="partnership_scale_valid",
                condition=models.Q(scale__in=PartnershipScale.values),
            ),
            models.CheckConstraint(
                name="partnership_evaluation_type_valid",
                condition=models.Q(evaluation_type__in=PartnershipEvaluationType.values),
            ),
            models.CheckConstraint(
                name="partnership_finding_valid",
                condition=models.Q(evaluation_finding__in=[*PartnershipFinding.values, ""]),
            ),
            models.CheckConstraint(
                name="partnership_evidence_rating_0_to_5",
                condition=models.Q(evidence_rating__gte=0, evidence_rating__lte=5),
            ),
            models.CheckConstraint(
                name="partnership_summary_max_300",
                condition=LessThanOrEqual(Length("summary"), 300),
            ),
            models.CheckConstraint(
                name="partnership_years_plausible",
                condition=(
                    models.Q(start_year__isnull=True)
                    | models.Q(start_year__gte=1950, start_year__lte=2100)
                )
                & (
                    models.Q(end_year__isnull=True)
                    | models.Q(end_year__gte=1950, end_year__lte=2100)
                ),
            ),
            models.CheckConstraint(
                name="partnership_conflict_valid",
                condition=models.Q(conflict_of_interest__in=[*ConflictOfInterest.values, ""]),
            ),
            models.CheckConstraint(
                name="partnership_cost_band_valid",
                condition=models.Q(cost_band__in=[*CostBand.values, ""]),
            ),
            models.CheckConstraint(
                name="partnership_prevention_level_valid",
                condition=models.Q(prevention_level__in=[*PreventionLevel.values, ""]),
            ),
            # A revision is applied to its live case study, never published itself.
            models.CheckConstraint(
                name="partnership_revision_never_published",
                condition=models.Q(revision_of__isnull=True)
                | ~models.Q(status=PartnershipStatus.PUBLISHED),
            ),
            # At most one revision in progress for each published case study.
            models.UniqueConstraint(
                fields=["revision_of"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="partnership_one_open_revision",
            ),
            models.CheckConstraint(
                name="partnership_end_not_before_start",
                condition=models.Q(start_year__isnull=True)
                | models.Q(end_year__isnull=True)
                | models.Q(end_year__gte=models.F("start_year")),
            ),
        ]
        indexes = [
            # Public list, newest first: WHERE status = 'published' ORDER BY published_at DESC.
            models.Index(fields=["status", "-published_at"], name="partnership_status_pub_idx"),
            # Public list sorted by title.
            models.Index(fields=["status", "title"], name="partnership_status_title_idx"),
            # The editors' queue: WHERE status = 'submitted' ORDER BY submitted_at.
            models.Index(fields=["status", "submitted_at"], name="partnership_queue_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return address("partnerships:detail", self.slug)

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    @property
    def is_revision(self) -> bool:
        return self.revision_of_id is not None

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def display_title(self) -> str:
        return self.title or "Untitled case study"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def shows_contact(self) -> bool:
        return self.contact_consent and bool(self.contact_name or self.contact_email)

    @property
    def prevention_level_hint(self) -> str:
        return PREVENTION_LEVEL_HINTS.get(self.prevention_level, "")

    @property
    def has_replication_facts(self) -> bool:
        return any(getattr(self, name) for name in REPLICATION_FIELDS)

    @property
    def evidence_level_description(self) -> str:
        return EVIDENCE_LEVELS[self.evidence_rating][1]

    @property
    def years(self) -> str:
        if self.start_year and self.end_year:
            return (
                str(self.start_year)
                if self.start_year == self.end_year
                else (f"{self.start_year} to {self.end_year}")
            )
        if self.start_year:
            return f"Since {self.start_year}"
        return "Not known"
