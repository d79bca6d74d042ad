"""How every view fetches what it shows: one place decides 302, 403 or 404.

- an object the person may not see: 404 (anonymous: the login page, except for a
  whole network, which stays 404 so that an unpublished network stays unknown);
- an object they may see but not change in the way asked: 403 (anonymous: login).
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404


class NeedsLogin(Exception):
    """Raised for anonymous visitors; LoginRedirectMiddleware sends them to log in."""


def view_perm(obj_or_model):
    meta = obj_or_model._meta
    return f"{meta.app_label}.view_{meta.model_name}"


def check(request, obj, perm=None):
    """Return obj if the person may see it and, when perm is given, do perm to it."""
    user = request.user
    if not user.has_perm(view_perm(obj), obj):
        if not user.is_authenticated:
            raise NeedsLogin
        raise Http404
    if perm and not user.has_perm(perm, obj):
        if not user.is_authenticated:
            raise NeedsLogin
        raise PermissionDenied
    return obj


def fetch(request, queryset, perm=None, **lookup):
    """get_object_or_404, then check()."""
    return check(request, get_object_or_404(queryset, **lookup), perm)


class LoginRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NeedsLogin):
            return redirect_to_login(request.get_full_path())
        return None
