"""Signing in by a link e-mailed to the person, beside the password: once, for 15 minutes,
never saying whether an address has an account, throttled, and landing on Waiting for you."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from carnet.accounts.models import Action, SignInLink

LINK = re.compile(r"https?://[^/\s]+(/accounts/login/link/[\w-]+/)")
LOGIN = "/accounts/login/"


def path_in(message):
    (path,) = LINK.findall(message.body)
    return path


@pytest.fixture
def ask_path():
    return "/accounts/login/link/"


def test_the_login_page_offers_the_link_beside_the_password(client, ask_path):
    page = client.get(LOGIN).content.decode()
    assert "E-mail me a sign-in link" in page
    assert f'href="{ask_path}"' in page


def test_ana_asks_for_a_link_follows_it_and_lands_on_waiting_for_you(client, ana, ask_path):
    response = client.post(ask_path, {"email": ana.email.upper()})  # as people type it
    assert "If an account uses this address, a sign-in link is on its way" in (
        response.content.decode()
    )
    (message,) = mail.outbox
    assert message.to == [ana.email]
    path = path_in(message)
    page = client.get(path)
    assert page.status_code == 200 and "_auth_user_id" not in client.session  # a button first
    response = client.post(path)
    assert response["Location"] == "/accounts/waiting/"
    assert client.session["_auth_user_id"] == str(ana.pk)
    assert Action.objects.filter(actor=ana, verb="login").exists()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, ask_path, ana):
    known = client.post(ask_path, {"email": ana.email}).content.decode()
    mail.outbox.clear()
    unknown = client.post(ask_path, {"email": "nobody@example.org"}).content.decode()
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub("", unknown) == token.sub("", known)
    assert mail.outbox == []


def test_only_a_hash_of_the_token_is_stored(client, ask_path, ana):
    client.post(ask_path, {"email": ana.email})
    token = path_in(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    (link,) = SignInLink.objects.all()
    assert token not in link.token_hash and len(link.token_hash) == 64


def test_a_link_works_once(client, ask_path, ana):
    client.post(ask_path, {"email": ana.email})
    path = path_in(mail.outbox[0])
    client.post(path)
    client.logout()
    again = client.post(path)
    assert again.status_code == 410
    assert "_auth_user_id" not in client.session


def test_a_link_expires_after_15_minutes(client, ask_path, ana):
    client.post(ask_path, {"email": ana.email})
    (link,) = SignInLink.objects.all()
    assert (
        datetime.timedelta(minutes=14)
        < link.expires_at - link.created
        <= datetime.timedelta(minutes=15)
    )
    SignInLink.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.post(path_in(mail.outbox[0]))
    assert response.status_code == 410
    assert "_auth_user_id" not in client.session


def test_a_deactivated_person_cannot_sign_in_with_a_link_sent_before(client, ask_path, ana):
    client.post(ask_path, {"email": ana.email})
    ana.is_active = False
    ana.save()
    assert client.post(path_in(mail.outbox[0])).status_code == 410


def test_the_mail_is_written_in_the_person_s_language(client, ask_path, ana):
    ana.language = "fr"
    ana.save()
    client.post(ask_path, {"email": ana.email})
    assert "Carnet" in mail.outbox[0].subject
    assert "connecter" in mail.outbox[0].body


def test_an_address_receives_three_links_in_15_minutes_at_most(client, ask_path, ana):
    for _attempt in range(4):
        response = client.post(ask_path, {"email": ana.email}, REMOTE_ADDR=f"10.0.0.{_attempt}")
        assert response.status_code == 200  # the same answer every time
    assert len(mail.outbox) == 3


def test_a_visitor_asking_too_often_is_stopped(client, ask_path, settings, db):
    statuses = [
        client.post(ask_path, {"email": f"n{i}@example.org"}).status_code
        for i in range(settings.AXES_FAILURE_LIMIT + 1)
    ]
    assert statuses == [200] * settings.AXES_FAILURE_LIMIT + [429]


def test_the_option_can_be_switched_off(client, ask_path, settings, ana):
    settings.CARNET_EMAIL_LOGIN = False
    assert "E-mail me a sign-in link" not in client.get(LOGIN).content.decode()
    assert client.post(ask_path, {"email": ana.email}).status_code == 404
    assert mail.outbox == []
