"""The page a one-click link opens: what it is about, the file to read, the answers to give.
Nobody is logged in by it; it acts once, as the link's person, on the link's object only."""

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from carnet.media.views import send

from . import domain
from .registry import answerable_for

REFUSED = {
    "unknown": (404, gettext_lazy("This link is not known. Check that it was copied whole.")),
    "expired": (410, gettext_lazy("This link has expired. Log in to answer.")),
    "used": (410, gettext_lazy("This link has already been used: an answer was given with it.")),
    "not_allowed": (
        403,
        gettext_lazy("You can no longer answer for this: log in to see what you may do."),
    ),
    "changed": (
        409,
        gettext_lazy(
            "This has changed since the link was sent to you: log in to see it as it is now."
        ),
    ),
}


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=gettext_lazy("Your answer"), widget=forms.RadioSelect)
    note = forms.CharField(
        label=gettext_lazy("A note for the organisers (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].choices = choices


def refused(request, exc):
    status, message = REFUSED[exc.reason]
    context = {"message": message, "status": status}
    return render(request, "answers/refused.html", context, status=status)


def private(response):
    # The token is in the address: never sent to another host. (Not "no-referrer": a browser
    # then sends `Origin: null` with the page's own form, which the CSRF check refuses.)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request, token):
    try:
        link = domain.find(token)
    except domain.LinkRefused as exc:
        return private(refused(request, exc))
    answerable = answerable_for(link.target)
    form = AnswerForm(request.POST or None, choices=answerable.choices())
    if request.method == "POST" and form.is_valid():
        try:
            domain.use(token, form.cleaned_data["answer"], form.cleaned_data["note"])
        except domain.LinkRefused as exc:
            return private(refused(request, exc))
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            given = dict(answerable.choices())[form.cleaned_data["answer"]]
            return private(render(request, "answers/done.html", {"link": link, "given": given}))
    about = answerable.describe(link.target)
    context = {"link": link, "about": about, "form": form, "token": token}
    return private(render(request, "answers/answer.html", context))


@never_cache
@require_safe
def file(request, token):
    """The one file the link is about (the report version's PDF, the image to validate), while
    the link is usable, sent as the media view sends files, never cached."""
    try:
        link = domain.find(token)
    except domain.LinkRefused:
        raise Http404 from None
    document = answerable_for(link.target).describe(link.target).get("file")
    if not document:
        raise Http404
    return private(send(request, document.name, "private, no-store"))
