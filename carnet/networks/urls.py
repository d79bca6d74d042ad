from django.urls import path

from . import views

app_name = "networks"

urlpatterns = [
    path("", views.detail, name="detail"),
    path("edit/", views.edit, name="edit"),
    path("publish/", views.publish, name="publish"),
    path("reasons/publish/", views.publish_reasons, name="publish_reasons"),
    path("members/<int:pk>/reasons/add/", views.reason_add, name="reason_add"),
    path("reasons/<int:pk>/edit/", views.reason_edit, name="reason_edit"),
    path("reasons/<int:pk>/delete/", views.reason_delete, name="reason_delete"),
    path("organisations/<int:pk>/", views.organisation, name="organisation"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("members/", views.members, name="members"),
    path("members/add/", views.member_add, name="member_add"),
    path("members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("members/<int:pk>/end/", views.member_end, name="member_end"),
    path("members/import/", views.members_import, name="members_import"),
    path(
        "members/import/template.<str:kind>",
        views.members_template,
        name="members_template",
    ),
]
