from django.contrib import admin

from reminders.models import ReviewConfirmation, ReviewReminder


@admin.register(ReviewReminder)
class ReviewReminderAdmin(admin.ModelAdmin):
    list_display = ["partnership", "due_on", "stage", "sent_at"]
    list_filter = ["stage"]
    raw_id_fields = ["partnership"]


@admin.register(ReviewConfirmation)
class ReviewConfirmationAdmin(admin.ModelAdmin):
    list_display = ["partnership", "via", "confirmed_by", "confirmed_by_name", "created_at"]
    list_filter = ["via"]
    raw_id_fields = ["partnership", "confirmed_by"]
