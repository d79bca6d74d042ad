from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Action, Invitation, Role, User


class RoleInline(admin.TabularInline):
    """A person's roles, one per network, each with the organisation they work for there."""

    model = Role
    fields = ["network", "kind", "organisation"]
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "email", "is_active"]
    list_filter = ["is_active", "is_staff"]
    search_fields = ["username", "display_name", "email"]
    inlines = [RoleInline]
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Carnet"), {"fields": ["display_name", "languages"]}),
    )


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["user", "network", "kind", "organisation"]
    list_filter = ["network", "kind"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["created", "actor", "verb", "object_repr", "network", "organisation"]
    list_filter = ["verb", "network"]
    search_fields = ["object_repr"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "network", "kind", "organisation", "created", "expires_at", "status"]
    list_filter = ["network", "kind"]
    search_fields = ["email"]
    readonly_fields = ["token_hash", "accepted_at", "accepted_by", "invited_by", "created"]

    def has_add_permission(self, request):
        return False  # invitations are sent from the network's people page
