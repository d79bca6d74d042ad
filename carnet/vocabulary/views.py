from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from carnet.lib.formtokens import sent_once
from carnet.networks.access import network_for

from . import domain
from .enums import TermKind
from .forms import TermForm
from .models import Term

VIEW = "vocabulary.view_vocabulary"
CHANGE = "vocabulary.change_vocabulary"


def _term(request, network, pk):
    network = network_for(request, network, perm=CHANGE)
    return get_object_or_404(Term.objects.select_related("network"), network=network, pk=pk)


def _back(term):
    return redirect(f"{_index_url(term.network)}#{term.kind}")


def _index_url(network):
    from django.urls import reverse

    return reverse("vocabulary:index", kwargs={"network": network.slug})


def _index(request, network, *, errors=None, status=200):
    terms = list(Term.objects.filter(network=network))
    errors = errors or {}
    lists = [
        {
            "kind": kind,
            "label": kind.label,
            "terms": [t for t in terms if t.kind == kind],
            "form": errors.get(kind) or TermForm(prefix=kind),
        }
        for kind in TermKind
    ]
    context = {
        "network": network,
        "lists": lists,
        "can_change": request.user.has_perm(CHANGE, network),
    }
    return render(request, "vocabulary/index.html", context, status=status)


@require_safe
def index(request, network):
    """The network's words, per kind: members read them, coordinators change them."""
    network = network_for(request, network, perm=VIEW)
    return _index(request, network)


@require_POST
@sent_once
def add(request, network, kind):
    network = network_for(request, network, perm=CHANGE)
    if kind not in TermKind.values:
        raise Http404
    form = TermForm(request.POST, prefix=kind)
    if form.is_valid():
        try:
            term = domain.add_term(network, kind, form.cleaned_data["label"], by=request.user)
        except ValidationError as exc:
            form.add_error("label", exc)
        else:
            messages.success(request, _("“%(label)s” is added.") % {"label": term.label})
            return _back(term)
    return _index(request, network, errors={kind: form})


@require_http_methods(["GET", "POST"])
def edit(request, network, pk):
    """Rename a term: every item that uses it shows the new label."""
    term = _term(request, network, pk)
    form = TermForm(request.POST or None, initial={"label": term.label})
    if request.method == "POST" and form.is_valid():
        try:
            domain.rename_term(term, form.cleaned_data["label"], by=request.user)
        except ValidationError as exc:
            form.add_error("label", exc)
        else:
            messages.success(request, _("The term is renamed."))
            return _back(term)
    context = {"network": term.network, "term": term, "form": form, "used": domain.usage(term)}
    return render(request, "vocabulary/edit.html", context)


@require_POST
def move(request, network, pk):
    term = _term(request, network, pk)
    offset = {"up": -1, "down": 1}.get(request.POST.get("direction"))
    if offset:
        domain.move_term(term, offset, by=request.user)
    return _back(term)


@require_POST
def archive(request, network, pk):
    """Archive a term (kept on the items that use it, no longer offered), or restore it."""
    term = _term(request, network, pk)
    archived = request.POST.get("restore") != "1"
    domain.set_archived(term, archived, by=request.user)
    if archived:
        messages.success(
            request,
            _("“%(label)s” is archived: items that use it keep it; new ones no longer offer it.")
            % {"label": term.label},
        )
    else:
        messages.success(request, _("“%(label)s” is restored.") % {"label": term.label})
    return _back(term)


@require_http_methods(["GET", "POST"])
def delete(request, network, pk):
    """Delete a term no item uses; one in use is refused with "archive it instead"."""
    term = _term(request, network, pk)
    if request.method == "POST":
        try:
            domain.delete_term(term, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("“%(label)s” is deleted.") % {"label": term.label})
        return _back(term)
    context = {"network": term.network, "term": term, "used": domain.usage(term)}
    return render(request, "vocabulary/delete.html", context)
