"""The network's document library: the list and its search, a document, adding and editing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from carnet.accounts.access import fetch
from carnet.capitalisation import evidence as registry
from carnet.capitalisation.views import form_page, posted
from carnet.lib.formtokens import sent_once
from carnet.lib.paging import paged
from carnet.lib.uploads import UploadRefused
from carnet.networks.access import network_for

from . import domain, search
from .forms import DocumentEditForm, DocumentForm
from .models import Document

READ = "networks.view_internal_network"
ADD = "library.add_document"
CHANGE = "library.change_document"
DOCUMENTS_PER_PAGE = 50


@require_safe
def documents(request, network):
    network = network_for(request, network, perm=READ)
    query = request.GET.get("q", "")[:300]
    results = search.search(network, query) if query.strip() else None
    listing = (
        None
        if results
        else paged(
            request,
            Document.objects.filter(network=network)
            .defer("text")  # the list shows titles; the text can be a whole book
            .select_related("organisation", "network")
            .order_by("-date", "title", "pk"),
            DOCUMENTS_PER_PAGE,
        )
    )
    return render(
        request,
        "library/documents.html",
        {
            "network": network,
            "query": query,
            "results": results,
            "documents": listing,
            "may_organise": request.user.has_perm(ADD, network),
        },
    )


@require_http_methods(["GET", "POST"])
@sent_once
def document_add(request, network):
    network = network_for(request, network, perm=ADD)
    files = request.FILES if request.method == "POST" else None
    form = DocumentForm(posted(request), files, network=network)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "upload"}
        try:
            document = domain.add_document(
                network=network, uploaded=form.cleaned_data["upload"], by=request.user, **fields
            )
        except (UploadRefused, ValidationError) as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("The document is in the library; its text is being extracted.")
            )
            return redirect(document)
    return form_page(
        request,
        network,
        form,
        title=_("Add a document"),
        cancel=reverse("library:documents", args=[network.slug]),
        multipart=True,
    )


@require_safe
def document(request, network, pk):
    network = network_for(request, network, perm=READ)
    item = fetch(
        request, Document.objects.filter(network=network).select_related("organisation"), pk=pk
    )
    return render(
        request,
        "library/document.html",
        {
            "network": network,
            "document": item,
            "source": registry.source_value(item),
            "may_organise": request.user.has_perm(CHANGE, item),
            "cited": registry.cited_by(item),
        },
    )


@require_http_methods(["GET", "POST"])
def document_edit(request, network, pk):
    network = network_for(request, network, perm=READ)
    item = fetch(request, Document.objects.filter(network=network), CHANGE, pk=pk)
    form = DocumentEditForm(posted(request), instance=item, network=network)
    if request.method == "POST" and form.is_valid():
        domain.saved(form.save(), by=request.user, created=False)
        messages.success(request, _("Saved."))
        return redirect(item)
    return form_page(request, network, form, title=str(item), cancel=item.get_absolute_url())


@require_POST
def document_extract(request, network, pk):
    network = network_for(request, network, perm=READ)
    item = fetch(request, Document.objects.filter(network=network), CHANGE, pk=pk)
    domain.extract_again(item, by=request.user)
    messages.success(request, _("The text extraction will run again."))
    return redirect(item)
