import re

from django.core import mail
from django.test import override_settings

from carnet.accounts.enums import Verb
from carnet.accounts.models import Action

PASSWORD = "secret-pass-123"  # tests/factories.py


def login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_login_is_recorded_in_the_action_log(client, ana):
    response = login(client, "ana", PASSWORD)
    assert response.status_code == 302
    action = Action.objects.get()
    # A login is in no network, so for no organisation: a person works for one per network.
    assert (action.verb, action.actor, action.organisation, action.network) == (
        Verb.LOGIN,
        ana,
        None,
        None,
    )


def test_failed_logins_lock_out_the_username_from_that_address(client, ana):
    for _ in range(4):
        response = login(client, "ana", "wrong")
        assert response.status_code == 200
        assert "Please enter a correct username and password." in response.content.decode()
    response = login(client, "ana", "wrong")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed logins" in html
    assert "Try again in 15 minutes." in html
    # Locked out: even the right password is refused now.
    response = login(client, "ana", PASSWORD)
    assert response.status_code == 429
    assert Action.objects.filter(verb=Verb.LOGIN).count() == 0


def test_a_lockout_does_not_lock_others_out(client, ana, bora):
    for _ in range(5):
        login(client, "ana", "wrong")
    assert login(client, "bora", PASSWORD).status_code == 302


def test_a_lockout_from_one_address_leaves_other_addresses_alone(client, ana):
    for _ in range(5):
        login(client, "ana", "wrong")
    response = client.post(
        "/accounts/login/",
        {"username": "ana", "password": PASSWORD},
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 302


def test_success_before_the_limit_resets_the_count(client, ana):
    for _ in range(4):
        login(client, "ana", "wrong")
    assert login(client, "ana", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert login(client, "ana", "wrong").status_code == 200


def test_lockout_page_in_french(client, ana):
    client.cookies["django_language"] = "fr"
    for _ in range(5):
        response = login(client, "ana", "wrong")
    assert response.status_code == 429
    assert "Trop de connexions échouées" in response.content.decode()


@override_settings(AXES_COOLOFF_TIME=__import__("datetime").timedelta(minutes=1))
def test_lockout_page_says_minute_in_the_singular(client, ana):
    for _ in range(5):
        response = login(client, "ana", "wrong")
    assert "Try again in 1 minute." in response.content.decode()


def test_password_reset_by_email(client, ana):
    response = client.post("/accounts/password/reset/", {"email": "ana@example.org"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Choose a new password for Carnet"
    assert "Your username is: ana" in message.body
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", message.body).group(1)
    page = client.get(link, follow=True)
    assert "Choose a new password" in page.content.decode()
    form_url = page.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "brand-new-pass-77", "new_password2": "brand-new-pass-77"}
    )
    assert response["Location"] == "/accounts/password/reset/done/"
    ana.refresh_from_db()
    assert ana.check_password("brand-new-pass-77")
    assert "This link does not work" in client.get(link, follow=True).content.decode()


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, ana):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_login_page_links_to_password_reset(client, db):
    assert 'href="/accounts/password/reset/"' in client.get("/accounts/login/").content.decode()


def test_login_without_a_request_is_left_to_the_password_check(client, ana):
    # Django's test client and management commands authenticate without a request.
    assert client.login(username="ana", password=PASSWORD) is True
    assert client.login(username="ana", password="wrong") is False


def test_successful_logins_leave_no_address_behind(client, ana):
    from axes.models import AccessAttempt, AccessLog

    login(client, "ana", "wrong")
    assert AccessAttempt.objects.count() == 1
    login(client, "ana", PASSWORD)
    assert (AccessLog.objects.count(), AccessAttempt.objects.count()) == (0, 0)


def test_behind_a_proxy_the_lockout_reads_the_forwarded_address(client, ana, settings):
    settings.CARNET_PROXY_COUNT = 1
    for _ in range(5):
        response = client.post(
            "/accounts/login/",
            {"username": "ana", "password": "wrong"},
            HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9",  # forged first part, proxy's last
        )
    assert response.status_code == 429
    # Another visitor behind the same proxy is not locked out, whatever they forge.
    response = client.post(
        "/accounts/login/",
        {"username": "ana", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7",
    )
    assert response.status_code == 302


def test_without_a_proxy_the_forwarded_header_is_ignored(client, ana):
    for n in range(5):
        response = client.post(
            "/accounts/login/",
            {"username": "ana", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        )
    assert response.status_code == 429
