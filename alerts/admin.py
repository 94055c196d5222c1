from django.contrib import admin

from alerts.models import Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["email", "description", "frequency", "created_at", "confirmed_at"]
    list_filter = ["frequency", "confirmed_at"]
    search_fields = ["email", "description"]
    readonly_fields = ["created_at", "confirmed_at"]
