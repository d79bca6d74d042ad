from django.urls import path

from . import views

app_name = "safeguarding"

urlpatterns = [
    path("", views.review, name="review"),
    path("flags/<int:pk>/confirm/", views.confirm_flag, name="confirm"),
]
