"""Empty lists say what to do next, with the link that does it (carnet/empty.html)."""

import re

from django.urls import reverse


def empty_state(response):
    """The empty state's words and its link, as (texts, href or None)."""
    html = response.content.decode()
    found = re.search(r'<div class="empty">(.*?)</div>', html, re.S)
    assert found, "no empty state"
    block = found.group(1)
    texts = [
        re.sub(r"<[^>]+>", "", p).strip() for p in re.findall(r"<p[^>]*>(.*?)</p>", block, re.S)
    ]
    link = re.search(r'<a [^>]*href="([^"]+)"', block)
    return texts, link and link.group(1)


def test_no_sheet_yet_invites_the_partner_to_write_the_first(client, ana):
    client.force_login(ana)
    texts, link = empty_state(client.get("/euromed/sheets/"))
    assert texts[0] == "No good-practice sheet yet."
    assert texts[-1] == "Write the first sheet"
    assert link == reverse("practices:new", args=["euromed"])


def test_no_sheet_matching_the_filters_offers_to_show_them_all(client, ana):
    client.force_login(ana)
    texts, link = empty_state(client.get("/euromed/sheets/?level=national"))
    assert texts == ["No sheet matches these filters.", "Show all the sheets"]
    assert link == "/euromed/sheets/"


def test_no_key_moment_yet_invites_to_propose_one(client, ana):
    client.force_login(ana)
    texts, link = empty_state(client.get("/euromed/timeline/moments/"))
    assert texts[0] == "No key moment proposed yet."
    assert link == reverse("timeline:propose", args=["euromed"])


def test_an_empty_library_invites_the_facilitator_to_add_a_document(client, farid):
    client.force_login(farid)
    texts, link = empty_state(client.get(reverse("library:documents", args=["euromed"])))
    assert texts[0] == "No document yet."
    assert link == reverse("library:document_add", args=["euromed"])


def test_no_learning_yet_says_how_to_draw_one(client, farid):
    client.force_login(farid)
    texts, link = empty_state(client.get(reverse("capitalisation:learnings", args=["euromed"])))
    assert texts[0] == "No learning yet."
    assert link == reverse("capitalisation:learning_add", args=["euromed"])


def test_no_notice_yet_leads_to_what_is_waiting(client, ana):
    client.force_login(ana)
    texts, link = empty_state(client.get("/notices/"))
    assert texts[0] == "No notice yet."
    assert link == reverse("waiting")


def test_nothing_waiting_says_so_in_the_empty_state(client, ana):
    client.force_login(ana)
    texts, link = empty_state(client.get("/accounts/waiting/"))
    assert (texts, link) == (["Nothing waits for you: you are up to date."], None)
