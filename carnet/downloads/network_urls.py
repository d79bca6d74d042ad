"""A network's downloads, under its slug."""

from django.urls import path

from . import views

app_name = "network_downloads"

urlpatterns = [
    path("", views.network_downloads, name="list"),
    path("new/<str:kind>/", views.network_request, name="request"),
]
