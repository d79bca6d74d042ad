"""Each organisation's editors answer for its own images, videos and sheets from the
validation matrix (issue 14, item 6: the matrix showed "No answer yet" and no button)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse

from carnet.capitalisation.models import Video
from carnet.practices.enums import SheetState
from carnet.practices.models import Sheet
from tests.practices.factories import make_sheet

MATRIX = "/euromed/validations/"


@pytest.fixture
def videos(network, org_a, org_b):
    return (
        Video.objects.create(network=network, organisation=org_a, title="Albania's testimony"),
        Video.objects.create(network=network, organisation=org_b, title="Armenia's testimony"),
    )


def answer_url(item):
    ct = ContentType.objects.get_for_model(item).pk
    return f"/euromed/validations/{ct}/{item.pk}/"


def test_an_editor_sees_the_answer_buttons_for_her_organisations_items_only(client, ana, videos):
    ours, theirs = videos
    client.force_login(ana)
    page = client.get(MATRIX).content.decode()
    assert f'action="{answer_url(ours)}"' in page
    assert f'action="{answer_url(theirs)}"' not in page
    assert page.count("We validate it") == 1
    assert page.count("We ask for changes") == 1


@pytest.mark.parametrize("who", ["farid", "claire", "vera"])
def test_who_does_not_answer_for_an_organisation_sees_no_button(client, personas, videos, who):
    client.force_login(personas[who])
    page = client.get(MATRIX).content.decode()
    assert "We validate it" not in page


def test_the_editor_validates_her_video_from_the_matrix(client, ana, videos):
    ours, _theirs = videos
    client.force_login(ana)
    response = client.post(answer_url(ours), {"state": "validated"}, follow=True)
    assert response.redirect_chain == [(MATRIX, 302)]
    assert "Your answer was recorded." in response.content.decode()
    assert "Validated" in response.content.decode()


def test_a_video_in_the_matrix_links_to_a_page_its_editor_may_open(client, ana, videos):
    ours, _theirs = videos
    client.force_login(ana)
    page = client.get(MATRIX).content.decode()
    link = reverse("capitalisation:videos", args=["euromed"]) + f"#video-{ours.pk}"
    assert f'href="{link}"' in page
    assert f'href="{ours.get_absolute_url()}"' not in page  # the organisers' form: a 403
    listing = client.get(link.split("#")[0])
    assert listing.status_code == 200
    assert f'id="video-{ours.pk}"' in listing.content.decode()


def test_an_approved_sheet_is_validated_from_the_matrix(client, ana, network, org_a):
    sheet = make_sheet(network=network, organisation=org_a, by=ana)
    client.force_login(ana)
    assert f'action="{answer_url(sheet)}"' not in client.get(MATRIX).content.decode()  # a draft
    Sheet.objects.filter(pk=sheet.pk).update(state=SheetState.APPROVED)
    assert f'action="{answer_url(sheet)}"' in client.get(MATRIX).content.decode()
    response = client.post(answer_url(sheet), {"state": "validated"})
    assert response["Location"] == MATRIX
    sheet.refresh_from_db()
    assert (sheet.state, sheet.validated_by, sheet.validated_version.number) == (
        SheetState.VALIDATED,
        ana,
        1,
    )


def test_asking_for_changes_on_a_sheet_from_the_matrix_is_recorded_with_its_note(
    client, ana, farid, claire, network, org_a
):
    sheet = make_sheet(network=network, organisation=org_a, by=ana, title="Hotline")
    Sheet.objects.filter(pk=sheet.pk).update(state=SheetState.APPROVED)
    client.force_login(ana)
    mail.outbox.clear()
    response = client.post(
        answer_url(sheet), {"state": "changes_requested", "note": "Remove the phone number."}
    )
    assert response["Location"] == MATRIX
    sheet.refresh_from_db()
    assert sheet.state == SheetState.APPROVED  # the facilitators decide what follows
    assert [c.text for c in sheet.comments.all()] == ["Remove the phone number."]
    # The facilitators read it in the matrix, and are told.
    client.force_login(farid)
    page = client.get(MATRIX).content.decode()
    assert '<p class="note">Remove the phone number.</p>' in page
    assert "Changes requested" in page
    assert "farid@example.org" in [m.to[0] for m in mail.outbox]


def test_the_note_is_optional_when_asking_for_changes_on_a_sheet(client, ana, network, org_a):
    sheet = make_sheet(network=network, organisation=org_a, by=ana)
    Sheet.objects.filter(pk=sheet.pk).update(state=SheetState.APPROVED)
    client.force_login(ana)
    response = client.post(answer_url(sheet), {"state": "changes_requested", "note": ""})
    assert response["Location"] == MATRIX
    assert sheet.comments.count() == 0
    assert "Changes requested" in client.get(MATRIX).content.decode()


def test_asking_for_changes_on_a_video_tells_the_organisers_with_the_note(
    client, ana, farid, claire, bora, videos
):
    ours, _theirs = videos
    client.force_login(ana)
    client.post(answer_url(ours), {"state": "changes_requested", "note": "Blur my face."})
    assert sorted(m.to[0] for m in mail.outbox) == ["claire@example.org", "farid@example.org"]
    assert mail.outbox[0].subject == "Changes asked for: Albania's testimony"
    assert "Blur my face." in mail.outbox[0].body
    client.force_login(farid)
    assert '<p class="note">Blur my face.</p>' in client.get(MATRIX).content.decode()


def test_another_organisations_sheet_is_not_answered(client, bora, ana, network, org_a):
    sheet = make_sheet(network=network, organisation=org_a, by=ana)
    Sheet.objects.filter(pk=sheet.pk).update(state=SheetState.APPROVED)
    client.force_login(bora)
    assert client.post(answer_url(sheet), {"state": "validated"}).status_code == 404
    sheet.refresh_from_db()
    assert sheet.state == SheetState.APPROVED


def test_the_network_page_leads_an_editor_to_what_her_organisation_validates(client, ana, vera):
    client.force_login(ana)
    assert f'href="{MATRIX}"' in client.get("/euromed/").content.decode()
    client.force_login(vera)
    assert f'href="{MATRIX}"' not in client.get("/euromed/").content.decode()
