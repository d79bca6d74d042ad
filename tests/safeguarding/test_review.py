import pytest
from django.contrib.contenttypes.models import ContentType

from carnet.accounts.enums import Verb
from carnet.accounts.models import Action
from carnet.networks.models import Membership
from carnet.safeguarding.domain import check_for_publication, confirm, publish_blockers
from carnet.safeguarding.enums import ConsentScope, FlagKind, FlagStatus
from carnet.safeguarding.models import Consent, SensitiveFlag


class Photo:
    """A photo with Consent's rule (no table: a test model would reach the matrix test)."""

    may_publish = Consent.may_publish

    def __init__(self, consent_scope=ConsentScope.NONE, consent_by=""):
        self.consent_scope, self.consent_by = consent_scope, consent_by

    def __str__(self):
        return "Photo of the workshop"


@pytest.fixture
def item(org_a):
    return Membership.objects.get(organisation=org_a)


def test_check_flags_contact_details_and_names(item):
    flags = check_for_publication(
        item,
        {"statement": "Ana Leka (ana@caritas.al, +355 69 123 4567) works at Caritas Albania."},
        allowed=["Caritas Albania"],
    )
    assert sorted((f.field, f.kind, f.text) for f in flags) == [
        ("statement", "email", "ana@caritas.al"),
        ("statement", "name", "Ana Leka"),
        ("statement", "phone", "+355 69 123 4567"),
    ]
    assert len(publish_blockers(item)) == 3


def test_fixing_the_text_closes_the_flag_and_its_return_reopens_it(item, claire):
    check_for_publication(item, {"text": "Call +355 69 123 4567."})
    assert check_for_publication(item, {"text": "Call the office."}, by=claire) == []
    flag = SensitiveFlag.objects.get()
    assert (flag.status, flag.resolved_by) == (FlagStatus.FIXED, claire)
    reopened = check_for_publication(item, {"text": "Call +355 69 123 4567."})
    assert [f.pk for f in reopened] == [flag.pk]
    assert SensitiveFlag.objects.get().status == FlagStatus.OPEN


def test_a_confirmed_flag_stays_confirmed_for_the_same_text(item, claire):
    [flag] = check_for_publication(item, {"text": "Ana Leka spoke."})
    confirm(flag, by=claire)
    assert check_for_publication(item, {"text": "Ana Leka spoke."}) == []
    assert publish_blockers(item) == []
    action = Action.objects.get()
    assert (action.verb, action.actor, action.data) == (Verb.CHANGE, claire, {"flag": "confirmed"})


def test_missing_consent_is_a_flag_that_cannot_be_confirmed(item, claire):
    photo = Photo(consent_scope=ConsentScope.INTERNAL, consent_by="Ana")
    [flag] = check_for_publication(item, {}, consents=[("photo", photo)])
    assert (flag.kind, flag.text) == (FlagKind.CONSENT, "Photo of the workshop")
    with pytest.raises(ValueError):
        confirm(flag, by=claire)
    photo.consent_scope = ConsentScope.PUBLICATION
    assert check_for_publication(item, {}, consents=[("photo", photo)]) == []


def test_publication_consent_needs_who_consented():
    assert Photo(consent_scope=ConsentScope.PUBLICATION).may_publish is False
    assert Photo(consent_scope=ConsentScope.PUBLICATION, consent_by="Ana").may_publish is True


def test_review_page_lists_open_flags_with_object_field_and_text(client, claire, item):
    check_for_publication(item, {"quote": "Write to x@y.org"})
    check_for_publication(item, {"quote": "Write to x@y.org"}, consents=[("photo", Photo())])
    client.force_login(claire)
    response = client.get("/euromed/safeguarding/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "E-mail address" in html and "<mark>x@y.org</mark>" in html
    assert "In “quote”:" in html
    assert "Membership:" in html
    assert f'href="/euromed/organisations/{item.organisation_id}/"' in html
    assert html.count("Confirm: may be published as it is") == 1  # not for the consent flag


def test_coordinator_confirms_a_flag(client, claire, item):
    [flag] = check_for_publication(item, {"quote": "Write to x@y.org"})
    client.force_login(claire)
    response = client.post(f"/euromed/safeguarding/flags/{flag.pk}/confirm/", follow=True)
    assert "Checked: “x@y.org” may be published." in response.content.decode()
    flag.refresh_from_db()
    assert (flag.status, flag.resolved_by) == (FlagStatus.CONFIRMED, claire)
    assert client.get("/euromed/safeguarding/").context["flags"].count() == 0


def test_consent_flags_cannot_be_confirmed_by_a_post(client, claire, item):
    [flag] = check_for_publication(item, {}, consents=[("photo", Photo())])
    client.force_login(claire)
    response = client.post(f"/euromed/safeguarding/flags/{flag.pk}/confirm/", follow=True)
    assert "Consent cannot be confirmed away" in response.content.decode()
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN
    assert Action.objects.exclude(verb=Verb.LOGIN).count() == 0


def test_flags_of_another_network_are_not_found(client, claire, org_c):
    other = Membership.objects.get(organisation=org_c)
    flag = SensitiveFlag.objects.create(
        network=other.network,
        content_type=ContentType.objects.get_for_model(Membership),
        object_id=str(other.pk),
        object_repr="x",
        field="text",
        kind=FlagKind.EMAIL,
        text="x@y.org",
    )
    client.force_login(claire)
    assert client.post(f"/euromed/safeguarding/flags/{flag.pk}/confirm/").status_code == 404
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN
