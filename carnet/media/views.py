"""The one view that serves uploaded files, after the rules of the object they belong to.

- a file anyone may read (published, with consent, in a published network): 200 with
  `Cache-Control: public`;
- a file this person may read: 200 with `Cache-Control: private, no-store`;
- anything else, a missing file and a malformed address: 404 for everyone, anonymous
  visitors included (a login page would confirm that the file exists);
- GET and HEAD only (405 otherwise).

The bytes are sent by Django, by nginx (CARNET_MEDIA_ACCEL=nginx: X-Accel-Redirect to the
internal location MEDIA_ACCEL_LOCATION) or by the web server's X-Sendfile
(CARNET_MEDIA_ACCEL=sendfile); on S3-compatible storage, by a redirect to a signed address
that expires (see carnet.media.storage).
"""

import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils._os import safe_join
from django.views.decorators.http import require_safe
from django.views.static import serve

from . import registry


@require_safe
def serve_file(request, path):
    found = registry.find(path)
    if found is None:
        raise Http404
    kind, owner = found
    if registry.is_public(kind, owner):
        cache_control = f"public, max-age={settings.MEDIA_PUBLIC_MAX_AGE}"
    elif registry.may_read(request.user, kind, owner):
        cache_control = "private, no-store"
    else:
        raise Http404
    response = send(request, path, cache_control)
    if kind.served is not None and request.method == "GET" and response.status_code < 400:
        kind.served(request.user, owner)
    return response


def send(request, name, cache_control):
    storage = storages["default"]
    if hasattr(storage, "signed_url"):
        # The object is sent with the same Cache-Control; the redirect itself must not be
        # kept longer than the signed address lives.
        response = HttpResponseRedirect(storage.signed_url(name, cache_control=cache_control))
        if cache_control.startswith("public"):
            lifetime = min(settings.MEDIA_PUBLIC_MAX_AGE, storage.querystring_expire // 2)
            cache_control = f"public, max-age={lifetime}"
        response["Cache-Control"] = cache_control
        return response
    response = sent_bytes(request, storage, name)
    response["Cache-Control"] = cache_control
    return response


def sent_bytes(request, storage, name):
    if not isinstance(storage, FileSystemStorage):
        if not storage.exists(name):
            raise Http404
        return FileResponse(storage.open(name, "rb"), content_type=content_type(name))
    try:
        full_path = safe_join(storage.location, name)
    except SuspiciousFileOperation:  # outside the media folder
        raise Http404 from None
    if settings.MEDIA_ACCEL:
        if not storage.exists(name):
            raise Http404
        response = HttpResponse(content_type=content_type(name))
        if settings.MEDIA_ACCEL == "nginx":
            response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_LOCATION + quote(name)
        else:
            response["X-Sendfile"] = full_path
        return response
    return serve(request, name, document_root=storage.location)


def content_type(name):
    guessed, encoding = mimetypes.guess_type(name)
    return guessed if guessed and not encoding else "application/octet-stream"
