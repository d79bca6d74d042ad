from django.contrib.auth.models import AnonymousUser

from carnet.demo.loader import load
from carnet.search import engine


def passages(user, network, query):
    results = engine.search(user, network, query)
    return {(g.kind, str(h.snippet)) for g in results.groups for h in g.hits}


def test_the_demo_search_finds_a_passage_in_an_interview_and_in_a_sheet(db):
    ctx = load()
    load()  # idempotent: the index is written again, not doubled
    network, claire = ctx["network"], ctx["people"]["claire"]
    # Interview notes (coordinators and facilitators only), a prefix of "diagnosis".
    found = passages(claire, network, "diagnos")
    assert any(k == "interview" and "<mark>diagnosis</mark>" in s for k, s in found)
    # A sheet: "recognising" finds "recognise" (the same stem).
    found = passages(claire, network, "recognising signs")
    assert any(k == "sheet" and "<mark>recognise</mark>" in s for k, s in found)
    # Nobody outside sees the interview's notes.
    assert not any(k == "interview" for k, _s in passages(AnonymousUser(), network, "diagnos"))
