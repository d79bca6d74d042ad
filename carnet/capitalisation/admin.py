from django.contrib import admin

from .models import Exercise, Phase


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "created"]
    list_filter = ["network"]
    inlines = [PhaseInline]


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["exercise", "number", "name", "status", "actual_start", "actual_end"]
    list_filter = ["status", "exercise__network"]
