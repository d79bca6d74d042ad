from django.urls import path

from . import views

app_name = "translations"

urlpatterns = [
    path("<slug:kind>/<str:language>/", views.translate, name="translate"),
]
