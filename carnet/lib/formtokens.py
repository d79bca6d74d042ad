"""Creation forms are sent once: a double click, a resent page or two tabs make one thing.

Each creation form carries a one-time token, issued when the form is rendered:

    <form method="post">{% csrf_token %}{% form_token %} …

and its view is decorated with @sent_once. The first POST of a token runs the view; when
the view answers with a redirect (it made something, or said why not), the session keeps
token -> that address. A later POST of the same token runs nothing: it is redirected there,
with a message. The check, the view and the record run in one transaction holding the
session's row (SELECT … FOR UPDATE on PostgreSQL; on SQLite, the IMMEDIATE transaction
holds the write lock), so a second POST sent while the first runs waits, then finds its
address. Sessions always live in the database here (db or cached_db: see settings).

A POST without a token (a script; the permission matrix's empty POST) is handled as it
always was: an empty form still answers 200 with its errors.
"""

import secrets
from functools import wraps

from django import template
from django.contrib import messages
from django.contrib.sessions.models import Session
from django.db import transaction
from django.shortcuts import redirect
from django.utils.html import format_html
from django.utils.translation import gettext as _

FIELD = "form_token"
SESSION_KEY = "sent_forms"  # token -> the address the first sending was redirected to
KEPT = 50  # tokens remembered per session, the newest

register = template.Library()


@register.simple_tag
def form_token():
    """The hidden field of a new token (a built-in tag: see TEMPLATES in settings)."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, secrets.token_urlsafe())


def sent_once(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        token = request.POST.get(FIELD, "") if request.method == "POST" else ""
        key = request.session.session_key
        if not token or len(token) > 64 or not key:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            stored = (
                Session.objects.select_for_update()
                .filter(session_key=key)
                .values_list("session_data", flat=True)
                .first()
            )
            if stored is None:  # no session saved yet: nothing was sent with it
                return view(request, *args, **kwargs)
            sent = request.session.decode(stored).get(SESSION_KEY, {})
            if token in sent:
                messages.info(request, _("This form was already sent: nothing was made twice."))
                return redirect(sent[token])
            response = view(request, *args, **kwargs)
            if response.status_code in (301, 302, 303):
                sent[token] = response["Location"]
                request.session[SESSION_KEY] = dict(list(sent.items())[-KEPT:])
                request.session.save()  # inside the transaction, before the lock is let go
            return response

    wrapper.sent_once = True
    return wrapper
