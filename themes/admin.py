from django.contrib import admin

from themes.models import PopulationGroup, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "is_priority", "position", "summary"]
    list_editable = ["position"]
    list_filter = ["is_priority"]
    search_fields = ["name", "summary", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(PopulationGroup)
class PopulationGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
