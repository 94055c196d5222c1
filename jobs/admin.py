from django.contrib import admin

from jobs.models import SentEmail


@admin.register(SentEmail)
class SentEmailAdmin(admin.ModelAdmin):
    list_display = ["key", "sent_at"]
    search_fields = ["key"]
    readonly_fields = ["key", "sent_at"]
