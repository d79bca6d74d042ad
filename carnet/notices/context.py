from functools import cache


def unread_notices(request):
    """The number of unread notices, for the header; counted only if a page shows it. A
    callable (templates call it), never a lazy object: plural rules such as Romanian's or
    Arabic's compute `n % 100`, which a SimpleLazyObject does not support."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notices": cache(lambda: user.notices.filter(read_at__isnull=True).count())}
