"""The one confirmation step before a publishing or destructive action.

`confirmation()` renders `carnet/confirm.html` (without JavaScript the page itself, with it a
`<dialog>`: carnet/carnet.js). Its form posts back to the same address with `confirmed=1`;
`confirmed(request)` says whether the request is that answer. Views that act on a POST which
may come from elsewhere (a state form's "Publish" button) act only when `confirmed()`.
"""

from django.shortcuts import render

CONFIRMED = ("confirmed", "1")


def confirmed(request):
    """Whether this request is the answer of the confirmation page."""
    return request.method == "POST" and request.POST.get(CONFIRMED[0]) == CONFIRMED[1]


def confirmation(
    request, network, *, title, what, button="", cancel="", fields=(), status=200, **context
):
    """The confirmation page: `what` is the list of sentences saying what will happen (empty
    ones are left out); `fields` are hidden (name, value) pairs posted back with `confirmed=1`;
    other context as `carnet/confirm.html` says (missing…, form, token, done)."""
    return render(
        request,
        "carnet/confirm.html",
        {
            "network": network,
            "title": title,
            "what": [sentence for sentence in what if sentence],
            "action": request.path,
            "fields": [*fields, CONFIRMED],
            "button": button,
            "cancel": cancel,
            **context,
        },
        status=status,
    )
