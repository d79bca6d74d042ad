"""The header's "Waiting for you (N)": counted only for people logged in, and only when a
page shows it (the lines of "Waiting for you", counted and cached: see
carnet.accounts.waiting.count_for)."""

from functools import cache

from .waiting import count_for


def waiting(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"waiting_count": cache(lambda: count_for(user))}
