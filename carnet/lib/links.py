"""Addresses for outside the site: e-mails are read far from any request, so their links
are built from the site's public address (CARNET_BASE_URL), never from a request's Host."""

from django.conf import settings


def absolute(path):
    """The full address of a path of the site, e.g. "/euromed/sheets/x/" ->
    "https://carnet.example.org/euromed/sheets/x/"."""
    return f"{settings.BASE_URL}/{path.lstrip('/')}"
