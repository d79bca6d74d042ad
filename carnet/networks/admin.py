from django.contrib import admin

from .models import Membership, MembershipReason, Network, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_published", "languages"]
    prepopulated_fields = {"slug": ["name"]}
    exclude = ["logo"]  # uploaded through /networks/new/, re-encoded by carnet.lib.uploads
    search_fields = ["name", "slug"]
    inlines = [MembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "country", "city"]
    list_filter = ["country"]
    search_fields = ["name", "short_name", "city"]


class MembershipReasonInline(admin.StackedInline):
    model = MembershipReason
    extra = 0


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["organisation", "network", "role", "joined_on", "left_on"]
    list_filter = ["network", "role"]
    inlines = [MembershipReasonInline]


@admin.register(MembershipReason)
class MembershipReasonAdmin(admin.ModelAdmin):
    list_display = ["membership", "kind", "category", "source_kind", "source"]
    list_filter = ["kind", "category", "membership__network"]
