"""The demo shows "Waiting for you" at work: Ana finds her part waiting after logging in."""

import datetime

from django.utils import timezone, translation
from django.utils.formats import date_format

from carnet.accounts.models import User
from carnet.accounts.waiting import count_for, waiting_for
from carnet.demo.loader import load


def kinds(username):
    user = User.objects.get(username=username)
    items = [item for group in waiting_for(user) for item in group.items]
    assert count_for(user) == len(items)
    return sorted(item.kind for item in items)


def test_the_demo_leaves_something_waiting_for_each_person_who_acts(db):
    load()
    # The open vote round: Albania (Ana) has not voted in it yet, Armenia (Bora) has.
    assert kinds("ana") == ["images", "sheet_draft", "videos", "vote_round"]
    assert kinds("bora") == ["images", "suggestions", "videos"]
    assert kinds("farid") == [
        "mention",  # Ana's comment on her sheet names @farid
        "not_answered",
        "not_validated",  # the validation round: who has not validated, named
        "not_voted",
        "proposals",
        "review",
        "review",
        "review",
        "source",  # the spreadsheet's newer version, to preview and apply
    ]
    assert kinds("vera") == []


def test_ana_lands_on_her_list_after_logging_in(client, db):
    load()
    response = client.post(
        "/accounts/login/", {"username": "ana", "password": "carnet-demo"}, follow=True
    )
    html = response.content.decode()
    assert response.redirect_chain == [("/accounts/waiting/", 302)]
    # Ana works in Albanian (her profile's language in the demo).
    assert '<html lang="sq" dir="ltr">' in html
    assert '<span class="count">(4)</span>' in html
    with translation.override("sq"):
        closes_on = date_format(timezone.localdate() + datetime.timedelta(days=10), "DATE_FORMAT")
    assert '<a href="/euromed/timeline/moments/">' in html and closes_on in html
