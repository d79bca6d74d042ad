from django.urls import path

from . import views

app_name = "vocabulary"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:kind>/add/", views.add, name="add"),
    path("terms/<int:pk>/", views.edit, name="edit"),
    path("terms/<int:pk>/move/", views.move, name="move"),
    path("terms/<int:pk>/archive/", views.archive, name="archive"),
    path("terms/<int:pk>/delete/", views.delete, name="delete"),
]
