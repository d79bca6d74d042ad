from django.urls import path

from . import views

app_name = "timeline"

urlpatterns = [
    path("", views.public, name="public"),
    path("embed/", views.embed, name="embed"),
    path("embed/builder/", views.embed_builder, name="embed_builder"),
    path("download/", views.download, name="download"),
    path("moments/", views.moments, name="moments"),
    path("moments/new/", views.propose, name="propose"),
    path("moments/tally/", views.tally, name="tally"),
    path("moments/round/", views.open_round, name="open_round"),
    path("moments/round/close/", views.close_round, name="close_round"),
    path("moments/import/", views.import_view, name="import"),
    path("eras/", views.eras, name="eras"),
    path("sources/", views.sources_view, name="sources"),
    path("sources/<int:pk>/", views.source_view, name="source"),
    path("sources/<int:pk>/fetch/", views.source_fetch, name="source_fetch"),
    path("sources/<int:pk>/apply/", views.source_apply, name="source_apply"),
    path("moments/<slug:slug>/", views.moment, name="moment"),
    path("moments/<slug:slug>/edit/", views.edit, name="edit"),
    path("moments/<slug:slug>/media/", views.media, name="media"),
    path("moments/<slug:slug>/translate/<str:language>/", views.translate, name="translate"),
    path("moments/<slug:slug>/vote/", views.vote, name="vote"),
    path("moments/<slug:slug>/state/", views.set_state, name="state"),
    path("moments/<slug:slug>/merge/", views.merge, name="merge"),
]
