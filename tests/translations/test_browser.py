"""The translate and status pages on a 360 px phone, in English, French and Arabic: nothing
wider than the screen, axe clean (the outdated era's difference is on the status page)."""

from carnet.translations import domain, registry
from tests.browsing import session_cookie

from ..test_every_page_on_a_phone import MEASURE, PHONE
from ..timeline.factories import EraFactory


def test_translation_pages_fit_a_phone_and_pass_axe(
    live_server, browser, axe_violations, network, claire
):
    network.languages = "en, fr, ar"
    network.description = "A network of national organisations against trafficking."
    network.save()
    era = EraFactory(network=network, name="Growth and joint advocacy of the members")
    domain.save(
        network,
        registry.kind("eras"),
        "ar",
        {(str(era.pk), "name"): "النمو والمناصرة"},
        by=claire,
        sources={(str(era.pk), "name"): "Growth and advocacy"},
    )
    failures = []
    for language in ("en", "fr", "ar"):
        context = browser.new_context(bypass_csp=True, viewport=PHONE)
        context.add_cookies(
            [
                {"name": "django_language", "value": language, "url": live_server.url},
                session_cookie(claire, live_server),
            ]
        )
        page = context.new_page()
        for path in ("/euromed/translations/", "/euromed/translations/eras/ar/"):
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, path
            found = page.evaluate(MEASURE)
            if found["scrollWidth"] > PHONE["width"]:
                failures.append(f"{path} in {language}: {found['scrollWidth']} px wide")
            if found["controls"]:
                failures.append(f"{path} in {language}: controls off-screen {found['controls']}")
            for rule, targets in axe_violations(page):
                failures.append(f"{path} in {language}: axe {rule}: {targets[:3]}")
        context.close()
    assert failures == []
