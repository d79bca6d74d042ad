from django.contrib import admin

from .models import Era, Milestone, MilestoneTranslation, Vote


class TranslationInline(admin.StackedInline):
    model = MilestoneTranslation
    extra = 0


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "start_date", "state", "organisation"]
    list_filter = ["network", "state"]
    search_fields = ["title", "slug"]
    inlines = [TranslationInline]


@admin.register(Era)
class EraAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "start", "end"]


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    list_display = ["milestone", "organisation", "weight"]
