from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("report/", views.compose, name="compose"),
    path("report/create/", views.create, name="create"),
    path("report/preview/", views.preview, name="preview"),
    path("report/build/", views.build, name="build"),
    path("report/chapters/add/", views.chapter_add, name="chapter_add"),
    path("report/chapters/<int:pk>/", views.chapter_edit, name="chapter_edit"),
    path("report/chapters/<int:pk>/move/", views.chapter_move, name="chapter_move"),
    path("report/chapters/<int:pk>/delete/", views.chapter_delete, name="chapter_delete"),
    path("report/v/<int:number>/", views.version, name="version"),
    path("report/v/<int:number>/file/<str:fmt>/", views.version_file, name="version_file"),
    path("report/v/<int:number>/send/", views.send, name="send"),
    path("report/v/<int:number>/feedback/", views.feedback, name="feedback"),
    path("report/v/<int:number>/decide/", views.decide, name="decide"),
    path("report/v/<int:number>/remind/", views.remind, name="remind"),
    path("report/v/<int:number>/publish/", views.publish, name="publish"),
    path("validations/", views.validations, name="validations"),
    path("validations/ask/", views.validation_round, name="validation_round"),
    path(
        "validations/<int:content_type>/<str:object_id>/",
        views.validate_item,
        name="validate_item",
    ),
]
