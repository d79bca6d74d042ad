from django.urls import path

from . import views

app_name = "downloads"

urlpatterns = [
    path("backups/", views.backups, name="backups"),
    path("backups/new/", views.backup_request, name="backup_request"),
    path("<int:pk>/", views.detail, name="detail"),
]
