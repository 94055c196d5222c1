from django.contrib import admin

from contact_relay.models import MessageCount


@admin.register(MessageCount)
class MessageCountAdmin(admin.ModelAdmin):
    list_display = ["partnership", "count"]
    search_fields = ["partnership__title"]
    raw_id_fields = ["partnership"]

    def has_add_permission(self, request) -> bool:
        return False  # counted by the relay
