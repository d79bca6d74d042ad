from django.utils.functional import SimpleLazyObject


def unread_notices(request):
    """The number of unread notices, for the header; counted only if a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notices": SimpleLazyObject(
            lambda: user.notices.filter(read_at__isnull=True).count()
        )
    }
