"""The living style guide (/styleguide/, staff only): every component of the design system
(carnet/static/carnet/carnet.css) as it renders, left to right and right to left."""

from types import SimpleNamespace

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

COLOURS = ["ink", "muted", "line", "accent", "accent-soft", "ok", "ok-soft", "warn", "warn-soft"]
ICONS = [
    "menu", "close", "inbox", "bell", "globe", "login", "logout", "home", "network", "arrow-up",
    "arrow-down", "back", "plus", "edit", "trash", "check", "alert", "search",
]  # fmt: skip


class SpecimenForm(forms.Form):
    title = forms.CharField(label=_("Title"), help_text=_("A few words people will recognise."))
    email = forms.EmailField(label=_("E-mail address"))


@require_safe
def styleguide(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.is_staff:
        raise PermissionDenied
    directions = [
        {"dir": "ltr", "name": _("Left to right")},
        {"dir": "rtl", "name": _("Right to left")},
    ]
    for direction in directions:  # a form sent with mistakes, to show its errors
        prefix = direction["dir"]
        invalid = {f"{prefix}-title": "", f"{prefix}-email": "not an address"}
        direction["form"] = SpecimenForm(invalid, prefix=prefix)
        direction["form"].is_valid()
    phases = [  # a step indicator: one done, one current, one to come
        SimpleNamespace(name=_("Understand the network"), status="done"),
        SimpleNamespace(name=_("Hear the partners"), status="in_progress"),
        SimpleNamespace(name=_("Publish"), status="planned"),
    ]
    for direction in directions:
        direction["phases"] = phases
    context = {"directions": directions, "colours": COLOURS, "icons": ICONS}
    return render(request, "carnet/styleguide.html", context)
