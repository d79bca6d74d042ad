"""Every result is checked against the same rule as its page: private things of another
organisation and of another network never appear, nor in the counts."""

import pytest
from django.contrib.auth.models import AnonymousUser

from carnet.search import engine

PRIVATE = ["secret", "zebra", "secret zebra", '"secret zebra"', "zeb"]


def everything(user, network, query):
    results = engine.search(user, network, query, per_kind=100)
    titles = {h.title for g in results.groups for h in g.hits}
    return titles, {g.kind: g.count for g in results.groups}, results.total


@pytest.mark.parametrize("query", PRIVATE)
def test_a_partner_never_sees_another_organisation_s_private_things(knowledge, network, ana, query):
    titles, counts, total = everything(ana, network, query)
    # Org B's draft sheet and its comment, the interview's notes (organisers only), the
    # proposed moment is internal (Ana is a member: she may read it), nothing of "other".
    assert titles == {"Secret zebra meeting"}
    assert counts == {"moment": 1}
    assert total == 1


@pytest.mark.parametrize("query", PRIVATE)
def test_a_viewer_sees_no_draft_of_any_organisation(knowledge, network, vera, query):
    titles, counts, _total = everything(vera, network, query)
    assert titles == {"Secret zebra meeting"} and counts == {"moment": 1}


@pytest.mark.parametrize("query", PRIVATE)
def test_organisers_see_their_network_only(knowledge, network, farid, query):
    titles, counts, _total = everything(farid, network, query)
    assert counts == {"sheet": 1, "comment": 1, "interview": 1, "moment": 1}
    assert "Secret zebra elsewhere" not in titles and "Secret zebra hotline" not in titles


@pytest.mark.parametrize("query", PRIVATE)
def test_anonymous_readers_see_nothing_private(knowledge, network, query):
    assert everything(AnonymousUser(), network, query) == (set(), {}, 0)


def test_a_member_of_two_networks_sees_each_network_s_things_in_it_only(
    knowledge, network, other_network, nina
):
    # Nina is a viewer in euromed and a partner editor of org A in the other network.
    titles, counts, _ = everything(nina, network, "hotline victims")
    assert "Secret zebra elsewhere" not in titles
    titles, counts, _ = everything(nina, other_network, "zebra")
    assert counts == {"document": 1, "learning": 1}  # org C's draft sheet stays closed
    assert titles == {"Secret zebra hotline", "Secret zebra hotline victims."}


def test_interview_notes_are_found_by_organisers_only(knowledge, network, claire, ana):
    notes = "director"
    assert {g.kind for g in engine.search(claire, network, notes).groups} == {"interview"}
    assert engine.search(ana, network, notes).groups == []
    # The interview's expectations are the members'.
    assert {g.kind for g in engine.search(ana, network, "shelter hotline").groups} == {"interview"}


def test_a_sheet_opened_to_peers_is_found_by_them(knowledge, network, ana, bora):
    from carnet.practices import domain

    sheet = knowledge["sheet_b_private"]
    sheet.state = "submitted"
    sheet.save()
    domain.set_open_to_peers(sheet, by=bora, value=True)
    titles, counts, _ = everything(ana, network, "zebra")
    assert "Secret zebra shelter" in titles and counts["sheet"] == 1


def test_results_are_checked_object_by_object(knowledge, network, ana, monkeypatch):
    """Were the SQL scope ever wider than the rule, the rule still has the last word."""
    from carnet.search import kinds

    monkeypatch.setattr(kinds.Sheets, "visible", lambda self, user, network: kinds.Q(kind="sheet"))
    titles, _counts, _ = everything(ana, network, "zebra")
    assert "Secret zebra shelter" not in titles


@pytest.mark.parametrize("query", PRIVATE)
def test_filters_never_widen_what_a_partner_sees(knowledge, network, ana, org_b, query):
    """The theme (sheets and their comments) and the organisation filters narrow the same
    scope: org B's draft sheet with the theme, its comment, stay closed to Ana."""
    private = knowledge["sheet_b_private"]
    private.themes = ["prevention"]
    private.save()
    results = engine.search(ana, network, query, filters={"theme": "prevention"}, per_kind=100)
    assert (results.groups, results.total) == ([], 0)
    results = engine.search(ana, network, query, filters={"organisation": org_b.pk})
    assert {g.kind: g.count for g in results.groups} == {}


@pytest.mark.parametrize("query", PRIVATE)
def test_capped_counts_hold_only_what_may_be_seen(knowledge, network, ana, query, monkeypatch):
    monkeypatch.setattr(engine, "COUNT_CAP", 1)
    monkeypatch.setattr(engine, "CANDIDATES", 1)
    titles, counts, total = everything(ana, network, query)
    assert (titles, counts, total) == ({"Secret zebra meeting"}, {"moment": 1}, 1)
