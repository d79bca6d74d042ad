"""A translation is a published text: it goes through the sensitive-content check when it is
saved, and readers see the reference text while a flag on it is open (issue 16, "Checks")."""

from carnet.safeguarding.enums import FlagStatus
from carnet.safeguarding.models import SensitiveFlag
from carnet.translations import domain, registry
from carnet.translations.models import Translation

from ..timeline.factories import EraFactory, MilestoneFactory


def translate(network, kind, language, values, *, by):
    return domain.save(network, registry.kind(kind), language, values, by=by)


def french_page(client, url):
    return client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()


def flags_on(translation):
    return SensitiveFlag.objects.filter(
        content_type__model="translation", object_id=str(translation.pk)
    )


def test_a_translated_era_name_with_an_email_address_is_held_until_confirmed(
    client, multilingual, claire
):
    era = EraFactory(network=multilingual, name="Founding years")
    MilestoneFactory(network=multilingual, era=era, state="published", title="Kick-off")
    translate(
        multilingual, "eras", "fr", {(str(era.pk), "name"): "Écrire à marie@example.org"}, by=claire
    )

    french = client.get("/euromed/timeline/?lang=fr").content.decode()
    assert "marie@example.org" not in french
    assert "Founding years" in french  # the reference text, as if not translated

    held = Translation.objects.get(field="name", language="fr")
    (flag,) = flags_on(held)
    assert flag.status == FlagStatus.OPEN and flag.text == "marie@example.org"
    client.force_login(claire)
    page = client.get("/euromed/safeguarding/").content.decode()
    assert "marie@example.org" in page and "Founding years · name [fr]" in page

    client.post(f"/euromed/safeguarding/flags/{flag.pk}/confirm/")
    client.logout()
    french = client.get("/euromed/timeline/?lang=fr").content.decode()
    assert "marie@example.org" in french  # the cached page was built again


def test_a_translated_description_with_a_phone_number_is_not_shown_to_readers(
    client, multilingual, claire
):
    key = (str(multilingual.pk), "description")
    translate(multilingual, "network", "fr", {key: "Un réseau contre la traite."}, by=claire)
    assert "Un réseau contre la traite." in french_page(client, "/euromed/")

    translate(multilingual, "network", "fr", {key: "Appelez le +33 6 12 34 56 78."}, by=claire)
    french = french_page(client, "/euromed/")
    assert "12 34 56 78" not in french
    assert "A network against trafficking." in french


def test_changing_the_translation_fixes_its_flag_and_shows_it(client, multilingual, claire):
    era = EraFactory(network=multilingual, name="Founding years")
    MilestoneFactory(network=multilingual, era=era, state="published", title="Kick-off")
    key = (str(era.pk), "name")
    translate(multilingual, "eras", "fr", {key: "Années de marie@example.org"}, by=claire)
    translate(multilingual, "eras", "fr", {key: "Années de fondation"}, by=claire)

    (flag,) = flags_on(Translation.objects.get(field="name", language="fr"))
    assert flag.status == FlagStatus.FIXED
    assert "Années de fondation" in client.get("/euromed/timeline/?lang=fr").content.decode()


def test_the_translator_keeps_the_held_text_and_is_told_why_readers_do_not_see_it(
    client, multilingual, claire
):
    era = EraFactory(network=multilingual, name="Founding years")
    client.force_login(claire)
    response = client.post(
        "/euromed/translations/eras/fr/",
        {f"{era.pk}:name": "Écrire à marie@example.org", f"source:{era.pk}:name": "Founding years"},
        follow=True,
    )
    page = response.content.decode()
    assert "readers see the reference text until a coordinator checks it" in page
    assert "Écrire à marie@example.org" in page  # still in the form, nothing lost


def test_emptying_a_held_translation_leaves_no_open_flag(multilingual, claire):
    era = EraFactory(network=multilingual, name="Founding years")
    key = (str(era.pk), "name")
    translate(multilingual, "eras", "fr", {key: "marie@example.org"}, by=claire)
    assert SensitiveFlag.objects.filter(status=FlagStatus.OPEN).count() == 1
    translate(multilingual, "eras", "fr", {key: ""}, by=claire)
    assert not Translation.objects.exists()
    assert not SensitiveFlag.objects.filter(status=FlagStatus.OPEN).exists()
