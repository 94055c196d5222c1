from django.contrib import admin

from feedback.models import PageFeedback, ProblemReport


@admin.register(PageFeedback)
class PageFeedbackAdmin(admin.ModelAdmin):
    list_display = ["page", "useful", "comment", "created_on"]
    list_filter = ["useful", "created_on"]
    search_fields = ["page", "comment"]


@admin.register(ProblemReport)
class ProblemReportAdmin(admin.ModelAdmin):
    list_display = ["partnership", "created_at", "resolved"]
    list_filter = ["resolved"]
    search_fields = ["problem", "partnership__title"]
    raw_id_fields = ["partnership"]
