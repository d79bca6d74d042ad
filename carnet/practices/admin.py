from django.contrib import admin

from .models import Comment, Sheet, SheetPhoto, SheetTemplate, SheetVersion, Suggestion


@admin.register(SheetTemplate)
class SheetTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "exercise"]


class PhotoInline(admin.TabularInline):
    model = SheetPhoto
    extra = 0


@admin.register(Sheet)
class SheetAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "network", "language", "state"]
    list_filter = ["state", "network", "level"]
    search_fields = ["title"]
    readonly_fields = ["revision", "validated_version", "validated_by", "validated_at"]
    inlines = [PhotoInline]


admin.site.register(SheetVersion)
admin.site.register(Suggestion)
admin.site.register(Comment)
