"""Accounts pages of a network: people and invitations, the action log."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("people/", views.people, name="people"),
    path("people/invite/", views.invite, name="invite"),
    path(
        "people/invitations/<int:pk>/revoke/",
        views.revoke_invitation,
        name="revoke_invitation",
    ),
    path("people/<int:pk>/role/", views.change_role, name="change_role"),
    path("people/<int:pk>/remove/", views.remove_role, name="remove_role"),
    path("log/", views.log, name="log"),
]
