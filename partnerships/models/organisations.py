"""Regions and the organisations that take part in partnerships."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.urls import reverse

from partnerships.addresses import address
from themes.models import SlugQuerySet


class Region(models.Model):
    """The nine English regions and Wales (ONS codes)."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    ons_code = models.CharField("ONS code", max_length=9, unique=True)
    position = models.PositiveSmallIntegerField(default=100)

    objects = SlugQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:organisations") + f"?region={self.slug}"

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


# 360Giving's org-id style (a list code such as GB-CHC, GB-COH, GB-NHS, GB-LAE, then the
# organisation's identifier in that list), or an ONS code such as a police force area's E23000036.
EXTERNAL_ID_VALIDATOR = RegexValidator(
    r"^(?:[A-Z]{2}-[A-Z0-9]{2,10}-[A-Za-z0-9][A-Za-z0-9./-]*|[EWSN][0-9]{8})$",
    "Enter an identifier in org-id style, like GB-CHC-1234567 or GB-COH-01234567, or an ONS "
    "code like E23000036",
)


class OrganisationQuerySet(SlugQuerySet):
    def police_forces(self):
        return self.filter(kind=Organisation.Kind.POLICE_FORCE)


class OrganisationKind(models.TextChoices):
    POLICE_FORCE = "police_force", "Territorial police force"
    POLICE_OTHER = "police_other", "Other police body"
    PCC_OFFICE = "pcc_office", "Police and crime commissioner's office"
    LA_PUBLIC_HEALTH = "la_public_health", "Local authority public health"
    LA_OTHER = "la_other", "Other local authority service"
    NHS_PROVIDER = "nhs_provider", "NHS provider trust"
    NHS_COMMISSIONER = "nhs_commissioner", "NHS commissioner, ICB or health board"
    NATIONAL_PUBLIC_HEALTH = "national_public_health", "National public health body"
    NATIONAL_GOVERNMENT = "national_government", "National government"
    FIRE_RESCUE = "fire_rescue", "Fire and rescue"
    VRU = "vru", "Violence reduction unit"
    PROBATION_YOUTH_JUSTICE = "probation_youth_justice", "Probation and youth justice"
    EDUCATION = "education", "Education"
    UNIVERSITY_RESEARCH = "university_research", "University or research body"
    VOLUNTARY_COMMUNITY = "voluntary_community", "Voluntary and community sector"
    OTHER = "other", "Other"


class Organisation(models.Model):
    Kind = OrganisationKind

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in web addresses.")
    kind = models.CharField(max_length=30, choices=OrganisationKind.choices)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        help_text="Leave empty for national bodies that work across England and Wales.",
    )
    website = models.URLField(max_length=500, blank=True)
    pfa_code = models.CharField(
        "police force area code",
        max_length=9,
        blank=True,
        help_text="ONS code of the police force area, for territorial police forces only "
        "(e.g. E23000036).",
    )
    external_id = models.CharField(
        "external identifier",
        max_length=100,
        blank=True,
        validators=[EXTERNAL_ID_VALIDATOR],
        help_text="Optional. The organisation's identifier in an official register, written as "
        "360Giving's org-id does: GB-CHC-… for a charity, GB-COH-… for a company, GB-NHS-… for "
        "an NHS body, GB-LAE-…, GB-LAS-… or GB-PLA-… for a council, or the ONS code of a police "
        "force area. Published in the open data.",
    )
    is_confirmed = models.BooleanField(
        default=True,
        help_text="Organisations added by contributors stay unconfirmed until an editor "
        "checks them.",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations_added",
        help_text="The contributor who added it, while it is unconfirmed. Another contributor "
        "typing the same name gets an organisation of their own; editors merge duplicates.",
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="organisation_kind_valid", condition=models.Q(kind__in=OrganisationKind.values)
            ),
            # A police force area code belongs to exactly one force.
            models.UniqueConstraint(
                fields=["pfa_code"],
                condition=~models.Q(pfa_code=""),
                name="organisation_pfa_code_unique",
            ),
            # An external identifier names one organisation.
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="organisation_external_id_unique",
            ),
            models.CheckConstraint(
                name="organisation_pfa_code_only_for_forces",
                condition=models.Q(pfa_code="") | models.Q(kind=OrganisationKind.POLICE_FORCE),
            ),
        ]
        indexes = [
            # The organisations page groups and filters by kind and region.
            models.Index(fields=["kind", "name"], name="organisation_kind_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return address("partnerships:organisation", self.slug)

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def merge_into(self, target: "Organisation") -> None:
        """An editor found that this unconfirmed organisation is `target` under another name:
        its memberships move to `target` (or go, where `target` is already a partner) and it
        is deleted."""
        if self.is_confirmed or target.pk == self.pk:
            raise ValueError("Only an unconfirmed organisation can be merged into another.")
        with transaction.atomic():
            for member in self.memberships.all():
                if target.memberships.filter(partnership_id=member.partnership_id).exists():
                    member.delete()
                else:
                    member.organisation = target
                    member.save(update_fields=["organisation"])
            self.delete()
