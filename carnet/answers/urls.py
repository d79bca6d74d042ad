from django.urls import path

from . import views

app_name = "answers"

urlpatterns = [
    path("<str:token>/", views.answer, name="answer"),
    path("<str:token>/file/", views.file, name="file"),
]
