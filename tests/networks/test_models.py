import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from carnet.networks.models import Network

from ..factories import MembershipFactory, NetworkFactory, UserFactory


@pytest.mark.parametrize("slug", ["admin", "accounts", "api", "static", "media", "i18n"])
def test_reserved_words_cannot_be_network_slugs(db, slug):
    network = Network(name="X", slug=slug, languages="en")
    with pytest.raises(ValidationError) as excinfo:
        network.full_clean()
    assert excinfo.value.message_dict["slug"] == [f"“{slug}” is reserved; choose another address."]


def test_languages_must_be_codes(db):
    network = Network(name="X", slug="x", languages="en, français!")
    with pytest.raises(ValidationError) as excinfo:
        network.full_clean()
    assert excinfo.value.message_dict["languages"] == ["“français!” is not a language code."]


def test_language_codes_keep_their_order(db):
    assert NetworkFactory(languages="en, fr ,sq").language_codes == ["en", "fr", "sq"]


def test_a_member_cannot_leave_before_joining(db):
    with pytest.raises(IntegrityError):
        MembershipFactory(joined_on=datetime.date(2015, 1, 1), left_on=datetime.date(2014, 1, 1))


def test_unpublished_networks_are_visible_only_to_their_people(network, other_network, oscar, ana):
    anonymous = type("Anon", (), {"is_authenticated": False, "is_superuser": False})()
    assert list(Network.objects.visible_to(anonymous)) == [network]
    assert set(Network.objects.visible_to(oscar)) == {network, other_network}
    assert list(Network.objects.visible_to(ana)) == [network]
    admin = UserFactory(username="root", is_superuser=True)
    assert set(Network.objects.visible_to(admin)) == {network, other_network}
