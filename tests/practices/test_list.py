"""The sheets list: filters in the database, pages of 50, constant queries."""

import re

import pytest
from django.urls import reverse

from carnet.practices.models import Sheet
from carnet.practices.views import SHEETS_PER_PAGE

from .factories import make_sheet

URL = "/euromed/sheets/"


def titles(response):
    assert response.status_code == 200
    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', response.content.decode())


def many(network, org, by, n, *, themes=("prevention",)):
    for i in range(n):
        make_sheet(network=network, organisation=org, by=by, title=f"Sheet {i:03}",
                   themes=list(themes))  # fmt: skip


def test_the_url_is_the_list():
    assert reverse("practices:list", args=["euromed"]) == URL


def test_theme_filter_runs_in_the_database(client, network, org_a, ana, farid):
    make_sheet(network=network, organisation=org_a, by=ana, title="Both",
               themes=["support", "advocacy"])  # fmt: skip
    make_sheet(network=network, organisation=org_a, by=ana, title="Support only",
               themes=["support"])  # fmt: skip
    make_sheet(network=network, organisation=org_a, by=ana, title="None", themes=[])
    client.force_login(farid)
    assert titles(client.get(URL, {"theme": "advocacy"})) == ["Both"]
    assert titles(client.get(URL, {"theme": "support"})) == ["Both", "Support only"]
    assert titles(client.get(URL, {"theme": "support", "organisation": org_a.pk})) == [
        "Both",
        "Support only",
    ]
    assert titles(client.get(URL, {"theme": "upport"})) == []
    assert titles(client.get(URL, {"theme": '"'})) == []
    assert set(Sheet.objects.with_theme("support").values_list("title", flat=True)) == {
        "Both",
        "Support only",
    }


def test_the_list_has_pages_that_keep_the_filters(client, network, org_a, ana, farid):
    many(network, org_a, ana, SHEETS_PER_PAGE + 5)
    client.force_login(farid)
    first = client.get(URL, {"theme": "prevention", "level": ""})
    html = first.content.decode()
    assert len(titles(first)) == SHEETS_PER_PAGE
    assert f"{SHEETS_PER_PAGE + 5} sheets" in html
    assert "Page 1 of 2" in html
    assert '<nav class="pagination" aria-label="Pages of sheets">' in html
    assert 'href="?theme=prevention&amp;level=&amp;page=2" rel="next"' in html
    second = client.get(URL, {"theme": "prevention", "level": "", "page": "2"})
    assert titles(second) == [f"Sheet {i:03}" for i in range(SHEETS_PER_PAGE, SHEETS_PER_PAGE + 5)]
    html = second.content.decode()
    assert "Page 2 of 2" in html and 'aria-current="page">2</a>' in html
    assert 'rel="prev"' in html and 'rel="next"' not in html
    # A page out of range or not a number shows the last or the first page, not an error.
    assert titles(client.get(URL, {"page": "99"})) == titles(second)
    assert len(titles(client.get(URL, {"page": "x"}))) == SHEETS_PER_PAGE


def test_one_page_has_no_page_links(client, network, org_a, ana, farid):
    many(network, org_a, ana, 3)
    client.force_login(farid)
    html = client.get(URL).content.decode()
    assert "3 sheets" in html and "pagination" not in html


@pytest.mark.parametrize("who", ["farid", "ana", None])
def test_list_query_count_does_not_grow_with_the_sheets(
    client, network, org_a, org_b, ana, bora, farid, who
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    people = {"farid": farid, "ana": ana}
    if who:
        client.force_login(people[who])
    network.is_published = True
    network.save()

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, {"theme": "prevention"}).status_code == 200
        return len(queries)

    many(network, org_a, ana, 2)
    few = count()
    many(network, org_b, bora, SHEETS_PER_PAGE + 10)
    assert count() == few
