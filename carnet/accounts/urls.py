"""Accounts pages outside any network: log in and out, password reset, invitations."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .forms import PasswordResetForm

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/link/", views.login_link, name="login_link"),
    path("login/link/<str:token>/", views.login_link_use, name="login_link_use"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(form_class=PasswordResetForm),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("waiting/", views.waiting, name="waiting"),
    path("invitation/<str:token>/", views.accept_invitation, name="invitation_accept"),
]
