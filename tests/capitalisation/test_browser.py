import pytest
from playwright.sync_api import expect

from carnet.capitalisation.models import Learning

from .factories import InterviewFactory

pytestmark = pytest.mark.browser


def log_in(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "secret-pass-123")
    page.click("main button[type=submit]")


def test_a_selected_passage_becomes_a_learning_in_two_clicks(live_server, page, farid, org_a):
    interview = InterviewFactory(
        network=farid.roles.get().network,
        organisation=org_a,
        notes="Trainings from the network were passed on inside our Caritas.",
    )
    log_in(page, live_server, farid)
    page.goto(f"{live_server.url}/euromed/capitalisation/interviews/{interview.pk}/")
    # select a passage of the notes
    page.evaluate(
        """() => {
        const p = document.querySelector('.passage-source[data-field=notes] p');
        const range = document.createRange();
        range.setStart(p.firstChild, 0);
        range.setEnd(p.firstChild, 'Trainings from the network'.length);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
    }"""
    )
    button = page.locator("button.floating-learning")
    button.wait_for(state="visible")
    button.click()  # click 1
    page.wait_for_url("**/capitalisation/learnings/new/**")
    assert page.locator("blockquote").inner_text() == "Trainings from the network"
    page.select_option("#id_category", "result_knowledge")
    page.click("main form button[type=submit]")  # click 2
    page.wait_for_url("**/capitalisation/learnings/*/")
    learning = Learning.objects.get()
    evidence = learning.evidence.get()
    assert (learning.statement, evidence.field, evidence.passage) == (
        "Trainings from the network",
        "notes",
        "Trainings from the network",
    )
    expect(page.get_by_role("link", name=f"Interview: {interview}")).to_be_visible()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_published_synthesis_reads_on_a_phone_without_accessibility_faults(
    live_server, browser, axe_violations, network, claire, farid, org_a, language
):
    from carnet.capitalisation.domain import create_learning, publish_synthesis

    interview = InterviewFactory(network=network, organisation=org_a, status="done")
    create_learning(
        network=network,
        statement="Trust between partners makes the network work",
        category="advice_links",
        strength=3,
        by=farid,
        sources=[(interview, "notes", "")],
    )
    publish_synthesis(network, by=claire)
    context = browser.new_context(
        bypass_csp=True, viewport={"width": 360, "height": 740}, locale=language
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/euromed/synthesis/published/")
    assert page.locator("h1").inner_text() == ("Synthèse" if language == "fr" else "Synthesis")
    # The statement itself: last, after the edition's note that quotes it in French.
    statement = page.get_by_text("Trust between partners makes the network work").last
    expect(statement).to_be_visible()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
