"""Machine-translation drafts of a key moment's translation (issue 16, item 5).

A small HTTP server started by the tests plays LibreTranslate, DeepL, and a service that
misbehaves (slow, 500, HTML, invalid JSON, the wrong number of texts, a redirect, too much).
"""

import re
import time

import pytest
from django.core.exceptions import ImproperlyConfigured

from carnet import settings as carnet_settings
from carnet.accounts.models import Action
from carnet.lib import machine_translation as mt
from carnet.timeline import domain
from carnet.timeline.enums import MilestoneState
from carnet.timeline.models import MilestoneTranslation

from .factories import MilestoneFactory, TranslationFactory

# ------------------------------------------------------------------ the client


def test_libretranslate_gets_the_texts_and_gives_them_back_in_order(service):
    result = mt.translate(["Founding", "", "We met."], source="en", target="sr-latn")
    assert result == ["[sr] Founding", "", "[sr] We met."]
    (request,) = service.requests
    assert request["path"] == "/translate"
    assert request["json"] == {
        "q": ["Founding", "We met."],
        "source": "en",
        "target": "sr",
        "format": "text",
        "api_key": "secret",
    }


def test_serbian_in_latin_script_comes_back_in_latin_letters(service):
    service.behaviour = "cyrillic"
    assert mt.translate(["Love"], source="en", target="sr-latn") == ["Ljubav i džep, Đurđa"]


def test_deepl_gets_its_header_and_upper_case_languages(service, settings):
    settings.CARNET_MT_KIND = "deepl"
    assert mt.translate(["Founding"], source="en", target="fr") == ["[FR] Founding"]
    (request,) = service.requests
    assert request["path"] == "/v2/translate"
    assert request["headers"]["Authorization"] == "DeepL-Auth-Key secret"
    assert request["json"] == {"text": ["Founding"], "source_lang": "EN", "target_lang": "FR"}


@pytest.mark.parametrize(
    ("behaviour", "message"),
    [
        ("slow", "did not answer in time"),
        ("500", "answered with an error (500)"),
        ("refused", "refused (400): sq is not supported"),
        ("html", "not a translation"),
        ("invalid-json", "not a translation"),
        ("wrong-count", "not a translation"),
        ("redirect", "answered with an error (302)"),
        ("huge", "not a translation"),
    ],
)
def test_a_misbehaving_service_gives_a_clear_message(service, behaviour, message):
    service.behaviour = behaviour
    with pytest.raises(mt.MachineTranslationError, match=re.escape(message)):
        mt.translate(["Founding", "We met."], source="en", target="sq")


def test_a_slow_service_is_given_up_after_the_timeout(service):
    service.behaviour = "slow"
    started = time.monotonic()
    with pytest.raises(mt.MachineTranslationError):
        mt.translate(["Founding"], source="en", target="sq")
    assert time.monotonic() - started < 2.5  # the server sleeps 3 s, the timeout is 1 s


def test_a_service_that_is_not_there(settings):
    settings.CARNET_MT_URL = "http://127.0.0.1:9"  # discard port: nothing listens
    with pytest.raises(mt.MachineTranslationError, match="could not be reached"):
        mt.translate(["Founding"], source="en", target="sq")


def test_too_much_text_is_not_sent(service):
    with pytest.raises(mt.MachineTranslationError, match="too long"):
        mt.translate(["x" * (mt.MAX_REQUEST_CHARS + 1)], source="en", target="sq")
    assert service.requests == []


def test_plain_http_to_another_host_is_refused(settings):
    settings.CARNET_MT_URL = "http://mt.example.org"
    with pytest.raises(mt.MachineTranslationError, match="not set up correctly"):
        mt.translate(["Founding"], source="en", target="sq")


def test_settings_check_the_address_the_kind_and_the_key(monkeypatch):
    def configure(**env):
        for name in ("CARNET_MT_URL", "CARNET_MT_KIND", "CARNET_MT_KEY", "CARNET_MT_TIMEOUT"):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return carnet_settings.machine_translation_from_env()

    assert configure()["CARNET_MT_URL"] == ""
    assert configure(CARNET_MT_URL="http://localhost:5000")["CARNET_MT_KIND"] == "libretranslate"
    with pytest.raises(ImproperlyConfigured, match="CARNET_MT_URL must start with https://"):
        configure(CARNET_MT_URL="http://mt.example.org")
    with pytest.raises(ImproperlyConfigured, match="CARNET_MT_KIND"):
        configure(CARNET_MT_URL="https://mt.example.org", CARNET_MT_KIND="google")
    with pytest.raises(ImproperlyConfigured, match="CARNET_MT_KEY is required"):
        configure(CARNET_MT_URL="https://api.deepl.com", CARNET_MT_KIND="deepl")


# ------------------------------------------------------------------ the translate page

URL = "/euromed/timeline/moments/founding/translate/fr/"


@pytest.fixture
def moment(network):
    return MilestoneFactory(
        network=network,
        slug="founding",
        title="Founding",
        text="Thirteen organisations met.",
        caption="The first meeting",
        state=MilestoneState.PUBLISHED,
    )


def typed(**values):
    return {"title": "", "text": "", "display_date": "", "caption": "", "alt_text": "", **values}


def test_no_service_no_button(client, claire, moment, settings):
    settings.CARNET_MT_URL = ""
    client.force_login(claire)
    html = client.get(URL).content.decode()
    assert 'name="draft"' not in html
    # Asking anyway changes nothing and says why.
    response = client.post(URL, {**typed(title="Fondation"), "draft": "1"})
    assert "not set up on this site" in response.content.decode()
    assert not MilestoneTranslation.objects.exists()


def test_a_draft_fills_only_the_empty_fields_and_saves_nothing(client, claire, moment, service):
    client.force_login(claire)
    assert 'name="draft"' in client.get(URL).content.decode()
    response = client.post(URL, {**typed(title="Fondation"), "draft": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Fondation"' in html  # what the person typed stays
    assert "[fr] Thirteen organisations met." in html
    assert 'value="[fr] The first meeting"' in html
    assert "[fr] Founding" not in html
    assert 'name="machine" value="1"' in html
    assert "I have reviewed this translation" in html
    assert "filled 2 empty fields" in html
    (request,) = service.requests
    assert request["json"]["q"] == ["Thirteen organisations met.", "The first meeting"]
    assert not MilestoneTranslation.objects.exists()


def test_an_unreviewed_draft_is_never_shown_to_readers(client, claire, moment, service):
    client.force_login(claire)
    draft = typed(title="Fondation", text="[fr] Thirteen organisations met.", machine="True")
    response = client.post(URL, draft)
    assert response.status_code == 302
    item = MilestoneTranslation.objects.get()
    assert item.machine_draft is True
    assert Action.objects.filter(data__machine_draft=True).count() == 1

    # Readers: the public timeline, the localised texts (report, exports, static site), the
    # list of content languages all fall back to the English.
    moment.refresh_from_db()
    assert moment.translation("fr") is None
    assert moment.localised("title", "fr") == "Founding"
    assert domain.content_languages(moment.network) == ["en"]
    (event,) = domain.public_events(moment.network, "fr")
    assert (event.title, event.translated) == ("Founding", False)
    client.logout()
    public = client.get("/euromed/timeline/?lang=fr").content.decode()
    assert "Fondation" not in public and 'href="#founding">Founding</a></h2>' in public

    # The translator sees it marked, and saving it again without the box keeps it a draft.
    client.force_login(claire)
    page = client.get(moment.get_absolute_url()).content.decode()
    assert "machine translation — not reviewed" in page
    assert "I have reviewed this translation" in client.get(URL).content.decode()
    client.post(URL, typed(title="Fondation", text="Treize organisations se sont réunies."))
    assert MilestoneTranslation.objects.get().machine_draft is True

    # Ticked: reviewed, and now public.
    client.post(URL, {**typed(title="Fondation", text="Treize organisations."), "reviewed": "on"})
    item = MilestoneTranslation.objects.get()
    assert item.machine_draft is False
    assert Action.objects.filter(data__reviewed=True).count() == 1
    client.logout()
    public = client.get("/euromed/timeline/?lang=fr").content.decode()
    assert 'href="#founding">Fondation</a></h2>' in public


@pytest.mark.parametrize("behaviour", ["slow", "500", "html", "invalid-json"])
def test_a_failing_service_loses_nothing(client, claire, moment, service, behaviour):
    TranslationFactory(milestone=moment, language="fr", title="Fondation (relue)")
    service.behaviour = behaviour
    client.force_login(claire)
    response = client.post(URL, {**typed(title="Fondation, tapé", caption="Légende"), "draft": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "No machine draft:" in html
    assert 'value="Fondation, tapé"' in html and 'value="Légende"' in html
    assert 'name="machine" value="1"' not in html
    item = MilestoneTranslation.objects.get()
    assert (item.title, item.machine_draft) == ("Fondation (relue)", False)


def test_a_person_who_typed_everything_gets_no_draft(client, claire, moment, service):
    client.force_login(claire)
    values = typed(title="Fondation", text="Treize.", caption="Première réunion")
    response = client.post(URL, {**values, "draft": "1"})
    assert "No empty field to fill" in response.content.decode()
    assert service.requests == []


# ------------------------------------------------------------------ in a browser, on a phone


@pytest.mark.browser
def test_a_translator_drafts_on_a_phone_without_losing_what_she_typed(
    live_server, browser, claire, moment, service, axe_violations
):
    from playwright.sync_api import expect

    # bypass_csp: only for injecting axe-core; the page itself runs under its own CSP.
    context = browser.new_context(bypass_csp=True, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", claire.username)
    page.fill("#id_password", "secret-pass-123")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/**")
    page.goto(f"{live_server.url}{URL}")
    page.fill("#id_title", "Fondation")
    page.get_by_role("button", name="Draft with machine translation").click()
    expect(page.locator("#machine-draft")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("Fondation")
    expect(page.locator("#id_text")).to_have_value("[fr] Thirteen organisations met.")
    expect(page.get_by_label("I have reviewed this translation")).not_to_be_checked()
    assert axe_violations(page) == []
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360

    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"{live_server.url}{moment.get_absolute_url()}")
    expect(
        page.locator(".badge.warn", has_text="machine translation — not reviewed")
    ).to_be_visible()
    assert MilestoneTranslation.objects.get().machine_draft is True
    context.close()
