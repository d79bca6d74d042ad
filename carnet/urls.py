from django.contrib import admin
from django.urls import include, path, re_path

from carnet import styleguide
from carnet.accounts import language
from carnet.media import views as media_views
from carnet.networks import views as network_views
from carnet.timeline import views as timeline_views
from carnet.translations import views as translation_views

urlpatterns = [
    path("", network_views.home, name="home"),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", language.set_language, name="set_language"),
    path("accounts/", include("carnet.accounts.urls")),
    path("networks/new/", network_views.create, name="network_create"),
    path("notices/", include("carnet.notices.urls")),
    path("answer/", include("carnet.answers.urls")),
    path("networks/creators/", network_views.creators, name="network_creators"),
    path(
        "networks/creators/<int:pk>/revoke/",
        network_views.creator_revoke,
        name="network_creator_revoke",
    ),
    path("downloads/", include("carnet.downloads.urls")),
    path("library/", include("carnet.commons.urls")),
    path("styleguide/", styleguide.styleguide, name="styleguide"),
    # Uploaded files, after the rules of the object each belongs to (carnet.media).
    re_path(r"^media/(?P<path>.+)$", media_views.serve_file, name="media"),
]

# Everything of a network lives under its slug; keep these last.
urlpatterns += [
    path("<slug:network>/", include("carnet.networks.urls")),
    path("<slug:network>/", include("carnet.accounts.network_urls")),
    path("<slug:network>/safeguarding/", include("carnet.safeguarding.urls")),
    path("<slug:network>/", include("carnet.capitalisation.urls")),
    path("<slug:network>/", include("carnet.library.urls")),
    path("<slug:network>/timeline/", include("carnet.timeline.urls")),
    path("<slug:network>/timeline.json", timeline_views.timeline_json, name="timeline_json"),
    path("<slug:network>/timeline.csv", timeline_views.timeline_csv, name="timeline_csv"),
    path(
        "<slug:network>/translations/",
        translation_views.status,
        name="translation_status",
    ),
    path("<slug:network>/translations/", include("carnet.translations.urls")),
    path("<slug:network>/sheets/", include("carnet.practices.urls")),
    path("<slug:network>/", include("carnet.reports.urls")),
    path("<slug:network>/vocabulary/", include("carnet.vocabulary.urls")),
    path("<slug:network>/downloads/", include("carnet.downloads.network_urls")),
    path("<slug:network>/search/", include("carnet.search.urls")),
]

handler400 = "carnet.errors.bad_request"
handler403 = "carnet.errors.permission_denied"
handler404 = "carnet.errors.page_not_found"
handler500 = "carnet.errors.server_error"
