from django.urls import path

from . import views

app_name = "practices"

urlpatterns = [
    path("", views.sheet_list, name="list"),
    path("new/", views.sheet_new, name="new"),
    path("import/", views.sheet_import, name="import"),
    path("template/", views.sheet_template, name="template"),
    path("<slug:slug>/", views.sheet_detail, name="detail"),
    path("<slug:slug>/edit/", views.sheet_edit, name="edit"),
    path("<slug:slug>/preview/", views.sheet_preview, name="preview"),
    path("<slug:slug>/state/", views.sheet_state, name="state"),
    path("<slug:slug>/peers/", views.sheet_peers, name="peers"),
    path("<slug:slug>/suggest/", views.sheet_suggest, name="suggest"),
    path("<slug:slug>/suggestions/", views.suggestions_all, name="suggestions_all"),
    path("<slug:slug>/suggestions/<int:pk>/", views.suggestion_decide, name="suggestion"),
    path("<slug:slug>/comments/", views.sheet_comment, name="comment"),
    path("<slug:slug>/comments/<int:pk>/resolve/", views.comment_resolve, name="resolve"),
    path("<slug:slug>/versions/", views.sheet_versions, name="versions"),
    path("<slug:slug>/versions/<int:number>/restore/", views.version_restore, name="restore"),
    path("<slug:slug>/photos/", views.sheet_photo, name="photo"),
    path("<slug:slug>/consent/", views.sheet_consent, name="consent"),
    path("<slug:slug>/translate/", views.sheet_translate, name="translate"),
    path("<slug:slug>/sheet.pdf", views.sheet_pdf, name="pdf"),
    path("<slug:slug>/sheet.docx", views.sheet_docx, name="docx"),
]
