from django.urls import path

from . import views

app_name = "networks"

urlpatterns = [
    path("", views.detail, name="detail"),
    path("reasons/publish/", views.publish_reasons, name="publish_reasons"),
    path("organisations/<int:pk>/", views.organisation, name="organisation"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
]
