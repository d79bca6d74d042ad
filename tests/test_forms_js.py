"""carnet.js, forms: while a form is being sent, a second click sends nothing."""

import pytest

from tests.browsing import log_in, wait_until

pytestmark = pytest.mark.browser


def test_a_form_being_sent_cannot_be_sent_again(live_server, page, ana, org_a):
    log_in(page, live_server, ana)
    url = f"{live_server.url}/euromed/sheets/new/"
    posts = []

    def answer(route):
        if route.request.method != "POST":
            return route.continue_()
        posts.append(route.request.post_data)
        return route.fulfill(status=204)  # no answer to show: the page stays, still sending

    page.route(url, answer)
    page.goto(url)
    page.get_by_label("Title").fill("Advocacy in Geneva")
    button = page.get_by_role("button", name="Create and write")
    button.click()
    wait_until(page, "document.querySelector('main form button[type=submit]').disabled")
    sent_again = page.evaluate(
        """() => {
            let sent = null;
            window.addEventListener("submit", (e) => { sent = !e.defaultPrevented; }, {once: true});
            document.querySelector("main form").requestSubmit();
            return sent;
        }"""
    )
    assert sent_again is False
    assert len(posts) == 1
    assert "Advocacy+in+Geneva" in posts[0]
