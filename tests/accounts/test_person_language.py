"""Each person's language: chosen on their settings page, used for their pages and their e-mails."""

from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from carnet.notices.enums import Frequency
from carnet.practices import domain as practices

from ..practices.factories import make_sheet


def test_choosing_albanian_makes_the_next_page_and_the_next_email_albanian(
    client, ana, farid, network, org_a
):
    client.force_login(ana)
    page = client.get(reverse("notices:settings")).content.decode()
    assert '<option value="sq" lang="sq">Shqip</option>' in page  # each by its own name
    assert '<option value="ar" lang="ar">العربيّة</option>' in page

    response = client.post(
        reverse("notices:settings"),
        {"language": "sq", f"network_{network.pk}": Frequency.AT_ONCE},
        follow=True,
    )

    ana.refresh_from_db()
    assert ana.language == "sq"
    assert response.headers["Content-Language"] == "sq"
    assert '<html lang="sq"' in response.content.decode()
    # Whatever the browser says, her pages stay Albanian.
    page = client.get("/euromed/", headers={"accept-language": "fr"})
    assert page.headers["Content-Language"] == "sq"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sq"

    sheet = make_sheet(network=network, organisation=org_a, by=ana, title="Shelter in Shkodër")
    mail.outbox.clear()
    with translation.override("en"):  # Farid works in English
        practices.suggest(sheet, by=farid, field="context", replacement="Shorter context.")
    assert [message.subject for message in mail.outbox if message.to == [ana.email]] == [
        "Një sugjerim për “Shelter in Shkodër”"
    ]


def sign_in(client, person, *, language, browser_language):
    """`person`, whose profile says `language`, signs in from a browser asking for another."""
    person.language = language
    person.set_password("a long enough password")
    person.save()
    response = client.post(
        "/accounts/login/",
        {"username": person.username, "password": "a long enough password"},
        headers={"accept-language": browser_language},
        follow=True,
    )
    person.refresh_from_db()
    return response


def test_a_new_person_gets_the_language_of_their_browser(client, ana):
    response = sign_in(client, ana, language="", browser_language="sq")
    assert ana.language == "sq"
    assert response.headers["Content-Language"] == "sq"


def test_a_chosen_language_holds_at_the_next_sign_in(client, ana):
    response = sign_in(client, ana, language="sq", browser_language="fr")
    assert ana.language == "sq"
    assert response.headers["Content-Language"] == "sq"


def test_the_header_switcher_changes_the_profile_too(client, ana):
    ana.language = "sq"
    ana.save()
    client.force_login(ana)
    client.post(reverse("set_language"), {"language": "ar", "next": "/euromed/"})
    ana.refresh_from_db()
    assert ana.language == "ar"
    page = client.get("/euromed/")
    assert page.headers["Content-Language"] == "ar"
    assert 'dir="rtl"' in page.content.decode()


def test_dates_follow_the_persons_language(ana):
    import datetime

    from django.utils import formats

    day = datetime.date(2026, 3, 5)
    with translation.override("fr"):
        assert formats.date_format(day) == "5 mars 2026"
    with translation.override("sq"):
        assert "mars" in formats.date_format(day).lower()
