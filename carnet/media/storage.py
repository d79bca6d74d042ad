"""Media on S3-compatible storage, addressed through Carnet's media view.

A field's `.url` names the media view (carnet.media.views.serve_file), like files kept on
disk: the view checks who asks, then redirects to a signed address that expires after
CARNET_S3_SIGNED_URL_SECONDS. The bucket stays private; no signed address is ever
written into a page.
"""

from django.urls import reverse
from storages.backends.s3 import S3Storage


class S3MediaStorage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        return reverse("media", kwargs={"path": name})

    def signed_url(self, name, *, cache_control=None):
        """A short-lived address of the object itself: only after the access check. S3 then
        sends the object with this Cache-Control."""
        parameters = {"ResponseCacheControl": cache_control} if cache_control else None
        return super().url(name, parameters=parameters, expire=self.querystring_expire)
