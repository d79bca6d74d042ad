"""The translation status page: per language, each moment translated, missing or outdated."""

import re

from carnet.timeline import domain

from .factories import MilestoneFactory


def statuses(html):
    """{(status, moment title)} as the page lists them."""
    return set(re.findall(r'<li data-status="(\w+)"><a href="[^"]+">([^<]+)</a>', html))


def test_each_moment_is_translated_missing_or_outdated_per_language(client, network, claire):
    network.languages = "en, fr, sq"
    network.save()
    founding = MilestoneFactory(network=network, slug="founding", title="Founding")
    geneva = MilestoneFactory(network=network, slug="geneva", title="Geneva")
    domain.save_translation(founding, "fr", {"title": "Fondation", "text": "…"}, by=claire)
    domain.save_translation(geneva, "fr", {"title": "Genève", "text": "…"}, by=claire)
    domain.save_translation(geneva, "sq", {"title": "Gjenevë", "text": "…"}, by=claire)
    # The English text of Geneva changes after its translations: both are outdated.
    geneva.title = "Geneva, 2019"
    domain.save_changes(geneva, by=claire, fields=["title"])
    # A change that is not of the text (its state, its organisations) outdates nothing.
    domain.save_changes(founding, by=claire, fields=["organisations"])

    client.force_login(claire)
    html = client.get("/euromed/translations/").content.decode()

    french, albanian = html.split('<h2 id="lang-fr"')[1].split('<h2 id="lang-sq"')
    assert statuses(french) == {("translated", "Founding"), ("outdated", "Geneva, 2019")}
    assert statuses(albanian) == {("missing", "Founding"), ("outdated", "Geneva, 2019")}
    fr, sq = domain.translation_status(network)
    assert fr["counts"] == {"translated": 1, "machine_draft": 0, "outdated": 1, "missing": 0}
    assert sq["counts"] == {"translated": 0, "machine_draft": 0, "outdated": 1, "missing": 1}
    outdated = next(i for i in sq["items"] if i.status == "outdated")
    assert outdated.fields == ("headline",) and outdated.changed is not None
    assert "changed on" in html and "(headline)" in html
    assert 'href="/euromed/timeline/moments/founding/translate/sq/"' in html

    # Translating it again brings it up to date.
    domain.save_translation(geneva, "sq", {"title": "Gjenevë, 2019", "text": "…"}, by=claire)
    _fr, sq = domain.translation_status(network)
    assert sq["counts"] == {"translated": 1, "machine_draft": 0, "outdated": 0, "missing": 1}


def test_a_machine_draft_is_counted_apart_until_a_person_reviews_it(client, network, claire):
    network.languages = "en, sq"
    network.save()
    founding = MilestoneFactory(network=network, slug="founding", title="Founding")
    domain.save_translation(founding, "sq", {"title": "Themelimi"}, by=claire, machine_draft=True)

    (sq,) = domain.translation_status(network)
    assert sq["counts"] == {"translated": 0, "machine_draft": 1, "outdated": 0, "missing": 0}
    client.force_login(claire)
    html = client.get("/euromed/translations/").content.decode()
    assert statuses(html) == {("machine_draft", "Founding")}
    assert "Machine translation — not reviewed." in html

    domain.save_translation(founding, "sq", {"title": "Themelimi"}, by=claire)  # reviewed
    (sq,) = domain.translation_status(network)
    assert sq["counts"] == {"translated": 1, "machine_draft": 0, "outdated": 0, "missing": 0}
