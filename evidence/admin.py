from django.contrib import admin

from evidence.models import EvidenceResource


@admin.register(EvidenceResource)
class EvidenceResourceAdmin(admin.ModelAdmin):
    list_display = ["name", "publisher", "rating", "date_read"]
    list_filter = ["publisher", "themes"]
    search_fields = ["name", "publisher", "covers", "rating"]
    filter_horizontal = ["themes"]
    autocomplete_fields = ["partnerships"]
    fieldsets = [
        (None, {"fields": ["name", "publisher", "url", "covers"]}),
        (
            "The publisher's rating",
            {"fields": ["rating", "rating_explained", "date_read", "page_date"]},
        ),
        ("Linked to", {"fields": ["themes", "partnerships"]}),
    ]
