"""A machine-translation draft of a whole sheet (issue 16, item 5): on a translated copy, the
fields still in the reference language are drafted by the service, nothing is saved until
the translator saves, what they typed is never replaced, and a failure loses nothing."""

import pytest

from carnet.practices import domain

from .factories import make_sheet
from .test_views import edit_url, form_data


@pytest.fixture
def french(network, org_a, ana):
    network.languages = "en, fr"
    network.save()
    sheet = make_sheet(network=network, organisation=org_a, by=ana)
    return domain.add_translation(sheet, by=ana, language="fr")


def test_no_service_no_button(client, french, ana, settings):
    settings.CARNET_MT_URL = ""
    client.force_login(ana)
    assert 'name="draft"' not in client.get(edit_url(french)).content.decode()


def test_the_fields_still_in_english_are_drafted_and_nothing_is_saved(client, french, ana, service):
    client.force_login(ana)
    assert 'name="draft"' in client.get(edit_url(french)).content.decode()
    typed = form_data(french, summary="Caritas a formé 120 travailleurs sociaux.", draft="1")

    response = client.post(edit_url(french), typed)

    html = response.content.decode()
    assert "Caritas a formé 120 travailleurs sociaux." in html  # what she typed stays
    assert "[fr] Few professionals knew the signs of trafficking in our country." in html
    assert 'value="[fr] Identifying victims together"' in html
    assert "Machine translation drafted 5 fields. Nothing is saved yet" in html
    assert '<input type="hidden" name="machine" value="1">' in html
    (request,) = service.requests
    assert request["json"]["source"] == "en" and request["json"]["target"] == "fr"
    assert "Caritas trained 120 social workers" not in " ".join(request["json"]["q"])
    french.refresh_from_db()
    assert french.versions.count() == 1 and french.title == "Identifying victims together"


def test_saving_the_draft_says_so_in_the_version(client, french, ana, service):
    client.force_login(ana)
    client.post(edit_url(french), form_data(french, title="Identifier les victimes", machine="1"))
    version = french.versions.order_by("-number").first()
    assert version.number == 2
    assert version.note == "With a machine-translation draft, read and saved by its translator"


def test_a_failing_service_gives_back_the_form_as_sent(client, french, ana, service):
    service.behaviour = "500"
    client.force_login(ana)
    response = client.post(
        edit_url(french), form_data(french, summary="Mon résumé à moi", draft="1")
    )
    html = response.content.decode()
    assert "No machine draft: The translation service answered with an error (500)." in html
    assert "Mon résumé à moi" in html
    assert french.versions.count() == 1


def test_a_sheet_that_is_no_translation_gets_no_draft(client, network, org_a, ana, service):
    sheet = make_sheet(network=network, organisation=org_a, by=ana, title="Original")
    client.force_login(ana)
    assert 'name="draft"' not in client.get(edit_url(sheet)).content.decode()
    client.post(edit_url(sheet), form_data(sheet, draft="1"))
    assert service.requests == []


@pytest.mark.browser
def test_ana_drafts_a_french_sheet_on_her_phone_then_saves_it(
    live_server, browser, network, org_a, ana, service, axe_violations
):
    from playwright.sync_api import expect

    network.languages = "en, fr"
    network.save()
    sheet = make_sheet(network=network, organisation=org_a, by=ana)
    # bypass_csp: only for injecting axe-core; the page itself runs under its own CSP.
    context = browser.new_context(bypass_csp=True, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", ana.username)
    page.fill("#id_password", "secret-pass-123")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/**")
    page.goto(f"{live_server.url}{sheet.get_absolute_url()}")  # click 1: her sheet
    page.get_by_text("Photos, consent and translations").click()  # click 2
    page.select_option("#tr-lang", "fr")
    page.get_by_role("button", name="Start a translation").click()  # click 3
    page.wait_for_url("**/edit/")
    page.fill("#id_summary", "Caritas a formé 120 travailleurs sociaux.")
    page.get_by_role("button", name="Draft by machine the fields not translated yet").click()  # 4
    expect(page.locator("#id_context")).to_have_value(
        "[fr] Few professionals knew the signs of trafficking in our country."
    )
    expect(page.locator("#id_summary")).to_have_value("Caritas a formé 120 travailleurs sociaux.")
    expect(page.get_by_text("Nothing is saved yet")).to_be_visible()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.get_by_role("button", name="Save", exact=True).click()  # click 5
    expect(page.get_by_text("Saved as version 2.")).to_be_visible()
    french = sheet.translations.get(language="fr")
    assert french.content["context"].startswith("[fr] Few professionals")
    assert french.versions.get(number=2).note.startswith("With a machine-translation draft")
    context.close()
