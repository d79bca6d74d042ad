from axes.backends import AxesStandaloneBackend


class RateLimitBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for logins that come with a request.

    authenticate() without a request (Django's test client login(), management
    commands) cannot be tied to an address: it is left to the next backend
    instead of failing, as django-axes would.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_address(request):
    """The visitor's address, for the login lockout.

    Behind CARNET_PROXY_COUNT trusted reverse proxies, each of which appends the address
    it saw to X-Forwarded-For, the visitor is that many entries from the right; what a
    visitor writes into the header themselves is further left and is never used.
    """
    from django.conf import settings

    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.CARNET_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    return forwarded[-count] if len(forwarded) >= count else remote
