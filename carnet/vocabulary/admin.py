from django.contrib import admin

from .models import Term


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["label", "kind", "key", "network", "position", "archived"]
    list_filter = ["network", "kind", "archived"]
    search_fields = ["label", "key"]
