from django.urls import path

from . import views

app_name = "library"

# The library's pages keep the addresses they had inside the capitalisation's pages.
D = "capitalisation/documents/"

urlpatterns = [
    path(D, views.documents, name="documents"),
    path(f"{D}new/", views.document_add, name="document_add"),
    path(f"{D}<int:pk>/", views.document, name="document"),
    path(f"{D}<int:pk>/edit/", views.document_edit, name="document_edit"),
    path(f"{D}<int:pk>/extract/", views.document_extract, name="document_extract"),
]
