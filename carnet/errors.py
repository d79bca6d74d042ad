"""The site's error pages (400, 403, 404, 500; 410 and 429 are rendered by the views that
refuse so): each says what happened in plain words and offers a way back — home, the
network's page when the address names a network the visitor may see, and "Waiting for you"
for people logged in. 500 renders without the database and without context processors."""

from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import requires_csrf_token

from carnet.networks.models import Network


def network_of(request):
    """The network named by the address, if the visitor may see it; else None (a 404 must
    not tell that a hidden network exists)."""
    try:
        slug = resolve(request.path_info).kwargs.get("network")
    except Resolver404:
        first = request.path_info.strip("/").split("/")[0]
        slug = first or None
    if not slug:
        return None
    user = getattr(request, "user", None)
    if user is None:
        return None
    return Network.objects.visible_to(user).filter(slug=slug).first()


def error_page(request, status, context=None):
    """The styled page of an error status, for handlers and for views that refuse (410, 429)."""
    context = {"network": network_of(request), **(context or {})}
    body = loader.get_template(f"{status}.html").render(context, request)
    return HttpResponse(body, status=status)


@requires_csrf_token
def bad_request(request, exception):
    return error_page(request, 400)


@requires_csrf_token
def permission_denied(request, exception):
    return error_page(request, 403)


@requires_csrf_token
def page_not_found(request, exception):
    return error_page(request, 404)


@requires_csrf_token
def server_error(request):
    """Nothing that may have failed: no database, no context processors."""
    return HttpResponseServerError(loader.get_template("500.html").render())
