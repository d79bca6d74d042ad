"""Long lists in pages: one helper for the views, one template for the links.

page = paged(request, queryset, 50)   # then {% include "carnet/_pagination.html" with label=... %}
"""

from django.core.paginator import Paginator


def paged(request, items, per_page):
    """The page asked for by ?page= (the first or last when out of range), with
    .elided_range: the page numbers to link, with ellipses."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    page.elided_range = page.paginator.get_elided_page_range(page.number, on_each_side=2)
    return page
