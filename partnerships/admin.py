from django.contrib import admin
from django.db.models import Count

from partnerships.models import (
    ModerationEvent,
    Organisation,
    Partnership,
    PartnershipMember,
    Region,
    Source,
)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "ons_code", "position"]
    search_fields = ["name", "ons_code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "region",
        "pfa_code",
        "external_id",
        "is_confirmed",
        "partnership_count",
    ]
    list_filter = ["is_confirmed", "kind", "region"]
    search_fields = ["name", "slug", "pfa_code", "external_id"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["region"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(partnership_total=Count("memberships"))

    @admin.display(description="Case studies", ordering="partnership_total")
    def partnership_count(self, obj: Organisation) -> int:
        return obj.partnership_total


class MemberInline(admin.TabularInline):
    model = PartnershipMember
    extra = 1
    autocomplete_fields = ["organisation"]


class SourceInline(admin.TabularInline):
    model = Source
    extra = 1


class ModerationEventInline(admin.TabularInline):
    """The history, read-only: decisions are made on the moderation pages, which e-mail people."""

    model = ModerationEvent
    fields = ["created_at", "actor", "from_status", "to_status", "comment", "is_revision"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "status",
        "evaluation_type",
        "evidence_rating",
        "published_at",
        "review_due_on",
    ]
    list_select_related = ["revision_of"]
    list_filter = [
        "status",
        "themes",
        "work_state",
        "scale",
        "evaluation_type",
        "evidence_rating",
        "evaluation_finding",
        "cost_band",
        "prevention_level",
    ]
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "created_at"
    filter_horizontal = ["themes", "population_groups", "police_force_areas"]
    # The workflow (status and its dates) moves only through the moderation pages, which check
    # each step, record it and send the e-mails.
    readonly_fields = [
        "status",
        "submitted_by",
        "revision_of",
        "submitted_at",
        "published_at",
        "last_reviewed_at",
        "created_at",
        "updated_at",
    ]
    raw_id_fields = ["submitted_by", "revision_of"]
    inlines = [MemberInline, SourceInline, ModerationEventInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary"]}),
        ("The work", {"fields": ["problem", "approach", "outcomes", "learning"]}),
        (
            "When and where",
            {"fields": ["start_year", "end_year", "work_state", "scale", "police_force_areas"]},
        ),
        ("Tags", {"fields": ["themes", "population_groups"]}),
        (
            "Cost and replication",
            {
                "fields": [
                    "funding",
                    "cost_band",
                    "staffing",
                    "prevention_level",
                    "referral_route",
                    "replication_needs",
                ]
            },
        ),
        (
            "Evidence",
            {
                "fields": [
                    "evaluation_type",
                    "evaluation_finding",
                    "evidence_rating",
                    "contested_note",
                ]
            },
        ),
        (
            "Contact",
            {"fields": ["contact_name", "contact_role", "contact_email", "contact_consent"]},
        ),
        (
            "Declarations and report",
            {
                "fields": [
                    "no_personal_data",
                    "conflict_of_interest",
                    "conflict_details",
                    "evaluation_report",
                ]
            },
        ),
        (
            "Moderation",
            {
                "fields": [
                    "status",
                    "submitted_by",
                    "revision_of",
                    "submitted_at",
                    "published_at",
                    "last_reviewed_at",
                    "review_due_on",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]
