"""Partners validate their sheets and the images and videos that show them from the
validation round's e-mail, without a password: a link per person and item, for one answer,
once, until it expires, and only while the item is as it was sent."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from carnet.accounts.enums import Verb
from carnet.accounts.models import Action, Role
from carnet.answers.models import AnswerLink
from carnet.capitalisation.models import Video
from carnet.practices import domain as sheets
from carnet.practices.enums import SheetState
from carnet.practices.models import Comment, Sheet, SheetPhoto
from carnet.reports import domain
from carnet.reports.enums import DecisionState
from carnet.reports.models import Validation
from carnet.reports.validations import sheet_rows
from carnet.timeline.enums import MilestoneState
from tests.media.files import stored_image
from tests.practices.factories import make_sheet
from tests.timeline.factories import MilestoneFactory

LINE = re.compile(r"^- (.+): https?://[^/\s]+(/answer/[\w-]+/)$", re.MULTILINE)


@pytest.fixture
def items(network, org_a, org_b, ana):
    sheet = make_sheet(network=network, organisation=org_a, by=ana, title="Training judges")
    Sheet.objects.filter(pk=sheet.pk).update(state=SheetState.APPROVED)
    sheet.refresh_from_db()
    photo = SheetPhoto.objects.create(
        sheet=sheet, image=stored_image("sheets"), caption="The training in Tirana"
    )
    moment = MilestoneFactory(
        network=network,
        title="Geneva advocacy",
        state=MilestoneState.ACCEPTED,
        image=stored_image("timeline"),
        alt_text="Partners at the UN",
    )
    moment.organisations.set([org_a, org_b])
    video = Video.objects.create(
        network=network, organisation=org_a, title="Albania's testimony", link="https://v.example/1"
    )
    return {"sheet": sheet, "photo": photo, "moment": moment, "video": video}


@pytest.fixture
def sent(items, network, farid, claire, ana, bora, vera):
    mail.outbox.clear()
    return domain.send_validation_round(
        network, by=farid, message="Please look before Friday.", due_on=timezone.localdate()
    )


def links_of(person):
    """{label: path} from the person's one e-mail."""
    (message,) = [m for m in mail.outbox if m.to == [person.email]]
    return dict(LINE.findall(message.body))


def link_to(person, start):
    (path,) = [path for label, path in links_of(person).items() if label.startswith(start)]
    return path


def test_each_partner_editor_gets_one_email_listing_their_organisations_items(
    sent, ana, bora, farid, claire, vera
):
    assert sorted(links_of(ana)) == [
        "Image of “Geneva advocacy”",
        "Photo “The training in Tirana”",
        "Sheet “Training judges”",
        "Video “Albania's testimony”",
    ]
    assert list(links_of(bora)) == ["Image of “Geneva advocacy”"]
    assert link_to(ana, "Image") != link_to(bora, "Image")
    told = {person for message in mail.outbox for person in message.to}
    assert told == {ana.email, bora.email}
    assert "Please answer by" in mail.outbox[0].body


def test_ana_validates_her_sheet_in_one_click_recorded_as_her(client, sent, ana, items):
    path = link_to(ana, "Sheet")
    page = client.get(path).content.decode()
    assert "Training judges" in page
    assert "Caritas trained 120 social workers" in page  # the sheet's text, to read first
    response = client.post(path, {"answer": DecisionState.VALIDATED})
    assert response.status_code == 200 and "Thank you" in response.content.decode()
    sheet = Sheet.objects.get(pk=items["sheet"].pk)
    assert (sheet.state, sheet.validated_by) == (SheetState.VALIDATED, ana)
    assert Action.objects.filter(verb=Verb.STATE, actor=ana).exists()
    assert "_auth_user_id" not in client.session  # nobody was logged in


def test_asking_for_changes_on_a_sheet_says_what_as_a_comment_on_it(client, sent, ana, items):
    path = link_to(ana, "Sheet")
    empty = client.post(path, {"answer": DecisionState.CHANGES_REQUESTED})
    assert "Say what should change" in empty.content.decode()
    assert AnswerLink.objects.filter(used_at__isnull=False).count() == 0
    client.post(path, {"answer": DecisionState.CHANGES_REQUESTED, "note": "Name the judges."})
    (comment,) = Comment.objects.filter(sheet=items["sheet"])
    assert (comment.author, comment.text) == (ana, "Name the judges.")
    (row,) = sheet_rows(items["sheet"].network)
    assert (row.state, row.by) == (DecisionState.CHANGES_REQUESTED, str(ana))
    assert Sheet.objects.get(pk=items["sheet"].pk).state == SheetState.APPROVED


def test_ana_validates_the_image_for_her_organisation_only(client, sent, ana, org_a, org_b, items):
    client.post(link_to(ana, "Image"), {"answer": DecisionState.VALIDATED, "note": "Fine."})
    (validation,) = Validation.objects.all()
    assert (validation.organisation, validation.state, validation.by, validation.note) == (
        org_a,
        DecisionState.VALIDATED,
        ana,
        "Fine.",
    )
    assert domain.waiting_items(sent.network)[org_b.pk] == [items["moment"]]


def test_the_link_shows_the_image_and_serves_it_to_nobody_after_use(client, sent, ana):
    path = link_to(ana, "Image")
    page = client.get(path).content.decode()
    assert f'<img src="{path}file/" alt="Partners at the UN">' in page
    image = client.get(path + "file/")
    assert image.status_code == 200
    assert image["Cache-Control"].startswith("private, no-store")
    assert image["Referrer-Policy"] == "same-origin"
    client.post(path, {"answer": DecisionState.VALIDATED})
    assert client.get(path + "file/").status_code == 404


def test_a_video_hosted_elsewhere_is_a_link_to_follow(client, sent, ana):
    page = client.get(link_to(ana, "Video")).content.decode()
    assert 'href="https://v.example/1"' in page


def test_a_link_works_once(client, sent, ana):
    path = link_to(ana, "Photo")
    client.post(path, {"answer": DecisionState.VALIDATED})
    again = client.post(path, {"answer": DecisionState.CHANGES_REQUESTED})
    assert again.status_code == 410
    assert Validation.objects.get().state == DecisionState.VALIDATED


def test_an_expired_link_is_refused(client, sent, ana):
    path = link_to(ana, "Video")
    AnswerLink.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.post(path, {"answer": DecisionState.VALIDATED}).status_code == 410
    assert not Validation.objects.exists()


def test_a_link_stops_working_when_its_person_loses_the_role(client, sent, ana):
    path = link_to(ana, "Video")
    Role.objects.filter(user=ana).delete()
    assert client.post(path, {"answer": DecisionState.VALIDATED}).status_code == 403
    assert not Validation.objects.exists()


def test_a_link_to_a_sheet_changed_since_is_refused(client, sent, ana, items):
    path = link_to(ana, "Sheet")
    sheet = items["sheet"]
    sheets.save_version(
        sheet, by=ana, content={**sheet.content, "summary": "New."}, base_revision=sheet.revision
    )
    response = client.post(path, {"answer": DecisionState.VALIDATED})
    assert response.status_code == 409
    assert "changed since the link was sent" in response.content.decode()
    assert Sheet.objects.get(pk=sheet.pk).validated_by is None


def test_a_link_to_an_image_changed_since_is_refused(client, sent, ana, items):
    path = link_to(ana, "Image")
    items["moment"].image = stored_image("timeline")
    items["moment"].save()
    assert client.get(path).status_code == 409
    assert client.get(path + "file/").status_code == 404


def test_a_sheet_sent_back_for_changes_can_no_longer_be_validated_by_its_link(
    client, sent, ana, items
):
    path = link_to(ana, "Sheet")
    Sheet.objects.filter(pk=items["sheet"].pk).update(state=SheetState.CHANGES_REQUESTED)
    assert client.post(path, {"answer": DecisionState.VALIDATED}).status_code == 403


def test_bora_s_link_answers_for_her_organisation_not_ana_s(client, sent, bora, org_b):
    client.post(link_to(bora, "Image"), {"answer": DecisionState.CHANGES_REQUESTED})
    (validation,) = Validation.objects.all()
    assert (validation.organisation, validation.by) == (org_b, bora)


def test_an_answer_not_offered_is_refused_and_changes_nothing(client, sent, ana):
    response = client.post(link_to(ana, "Video"), {"answer": "published"})
    assert response.status_code == 200  # the form again
    assert not Validation.objects.exists()
    assert AnswerLink.objects.filter(used_at__isnull=False).count() == 0
