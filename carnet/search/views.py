"""The network's one search box, over everything its members wrote."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.views.decorators.http import require_safe

from carnet.networks.access import network_for

from . import engine
from .forms import SearchForm


@require_safe
def search(request, network):
    network = network_for(request, network)
    form = SearchForm(request.GET, network=network)
    form.is_valid()  # invalid filters are shown and ignored; the query is always read
    query = form.data["q"]
    filters = form.filters()
    results = None
    # The address of one kind's results: the same query and filters (as cleaned).
    more = urlencode(
        {k: v for k, v in {"q": query, **filters}.items() if v and k != "kind"}, doseq=False
    )
    if query.strip():
        per_kind = engine.PER_PAGE if filters["kind"] else engine.PER_KIND
        results = engine.search(request.user, network, query, filters=filters, per_kind=per_kind)
    return render(
        request,
        "search/search.html",
        {
            "network": network,
            "form": form,
            "query": query,
            "results": results,
            "filters": filters,
            "more": more,
        },
    )
