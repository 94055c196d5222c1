from django.contrib import admin

from jobs.models import SentEmail


@admin.register(SentEmail)
class SentEmailAdmin(admin.ModelAdmin):
    list_display = ["key", "sent_at"]
    search_fields = ["key"]
    readonly_fields = ["key", "sent_at"]

    def has_add_permission(self, request) -> bool:
        return False  # written only by the jobs that send
