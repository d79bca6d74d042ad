"""Browser tests' way in: a session cookie instead of the login page.

Tests about logging in use the login page; every other browser test starts already logged
in, with `log_in(context_or_page, live_server, user)`.
"""

from django.conf import settings
from django.test import Client


def session_cookie(user, live_server):
    """The cookie of a new session of `user` on the live server."""
    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": live_server.url}


def log_in(context, live_server, user):
    """Log `user` in, in a browser context (or a page's context)."""
    context = getattr(context, "context", context)  # a Page gives its BrowserContext
    context.add_cookies([session_cookie(user, live_server)])


def wait_until(page, expression, timeout=10_000):
    """Wait until the JavaScript `expression` is true in `page`.

    Not `page.wait_for_function`: after its first check it polls by `eval` inside the page,
    which Carnet's Content-Security-Policy (script-src 'self', no 'unsafe-eval') refuses, so it
    fails whenever the expression is not already true. Each `page.evaluate` here is run by
    the browser's debugging protocol, which the policy does not govern.
    """
    waited = 0
    while not page.evaluate(expression):
        if waited >= timeout:
            raise AssertionError(f"still false after {timeout} ms: {expression}")
        page.wait_for_timeout(50)
        waited += 50
