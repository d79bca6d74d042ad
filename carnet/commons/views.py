"""The public library's page and its Atom feed: anyone may read them; nothing unpublished."""

from django.contrib.syndication.views import Feed
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from carnet.lib.paging import paged

from . import domain

PER_PAGE = 20
FEED_ITEMS = 50


@require_safe
def index(request):
    filters = domain.Filters.from_query(request.GET)
    with domain.reading():
        page = paged(request, domain.publications(filters), PER_PAGE)
        page.items = domain.items(page.object_list)
        choices = domain.choices()
    feed_url = reverse("commons:feed")
    feed_query = {k: v for k, v in request.GET.items() if k != "page" and v}
    if feed_query:
        feed_url += "?" + urlencode(feed_query)
    return render(
        request,
        "commons/index.html",
        {"filters": filters, "page": page, "feed_url": feed_url, **choices},
    )


class LibraryFeed(Feed):
    """New publications of the public library (Atom), with the page's filters if given."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return domain.Filters.from_query(request.GET)

    def title(self):
        return _("Carnet public library: new publications")

    def subtitle(self):
        return _("Good practices, key moments and learnings published by the networks.")

    def link(self):
        return reverse("commons:index")

    def items(self, filters):
        with domain.reading():
            return domain.items(domain.publications(filters)[:FEED_ITEMS])

    def item_title(self, item):
        return f"{item.title} ({item.network.name})"

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return item.guid

    item_guid_is_permalink = False

    def item_updateddate(self, item):
        return item.date

    def item_pubdate(self, item):
        return item.date

    def item_categories(self, item):
        return [item.kind_label, *item.words]
