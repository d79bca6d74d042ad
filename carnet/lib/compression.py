"""Pages compressed on the wire: Django's GZipMiddleware, for text responses only.

Django (4.2 and later) pads each compressed body with random bytes, which mitigates BREACH
on pages that carry a secret (the CSRF token). Static files never come here: WhiteNoise,
above in MIDDLEWARE, answers them itself with its own precompressed copies. What is left
alone: streaming responses (files, large exports, sent as they are read), bodies already
compressed, and anything that is not text (PDF, ZIP, images gain nothing).
"""

from django.middleware.gzip import GZipMiddleware

TEXT_TYPES = (
    "text/",
    "application/json",
    "application/javascript",
    "application/xml",
    "application/xhtml+xml",
    "application/manifest+json",
    "image/svg+xml",
)


def compressible(response):
    kind = response.get("Content-Type", "").split(";")[0].strip().lower()
    return (
        not response.streaming
        and not response.has_header("Content-Encoding")
        and kind.startswith(TEXT_TYPES)
    )


class PageCompressionMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not compressible(response):
            return response
        return super().process_response(request, response)
