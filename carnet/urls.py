from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from carnet.networks import views as network_views

urlpatterns = [
    path("", network_views.home, name="home"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Everything of a network lives under its slug; keep this last.
    path("<slug:network>/", include("carnet.networks.urls")),
]
