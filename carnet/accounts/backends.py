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
