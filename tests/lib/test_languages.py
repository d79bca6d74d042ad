"""Languages by name, never by code (issue 14, item 6)."""

from django.template import engines
from django.utils import translation

from carnet.lib.languages import language_choices, language_name
from tests.capitalisation.factories import VideoFactory
from tests.practices.factories import make_sheet


def test_a_language_is_named_in_the_interface_language():
    assert language_name("sq") == "Albanian"
    with translation.override("fr"):
        assert language_name("sq") == "Albanais"
        assert language_name("hy") == "Arménien"


def test_an_unknown_code_is_shown_as_typed_and_nothing_as_nothing():
    assert language_name("xx-klingon") == "xx-klingon"
    assert language_name("") == ""
    assert language_name(None) == ""


def test_every_template_has_the_filter():
    template = engines["django"].from_string("{{ code|language_name }}")
    assert template.render({"code": "bs"}) == "Bosnian"


def test_choices_keep_the_order_given_or_sort_every_language_by_name():
    assert language_choices(["en", "sq"]) == [("en", "English"), ("sq", "Albanian")]
    every = language_choices()
    assert len(every) > 90
    assert [name for _code, name in every] == sorted(name for _code, name in every)


def test_the_videos_page_names_the_language(client, ana, network, org_a):
    VideoFactory(network=network, organisation=org_a, title="Our testimony", language="sq")
    client.force_login(ana)
    page = client.get("/euromed/capitalisation/videos/").content.decode()
    assert "<td>Albanian</td>" in page
    assert "<td>sq</td>" not in page


def test_a_sheet_names_its_translations_and_the_languages_to_translate_into(
    client, claire, network, org_a, ana
):
    network.languages = "en, fr, sq"
    network.save()
    sheet = make_sheet(network=network, organisation=org_a, by=ana)
    client.force_login(claire)
    page = client.get(sheet.get_absolute_url()).content.decode()
    assert '<option value="sq">Albanian</option>' in page
    assert '<option value="fr">French</option>' in page
    new = client.get("/euromed/sheets/new/").content.decode()
    assert '<option value="sq">Albanian</option>' in new


def test_a_key_moment_names_the_languages_of_its_translations(client, ana, network):
    from tests.timeline.factories import MilestoneFactory

    MilestoneFactory(network=network, slug="geneva", title="Advocacy in Geneva")
    client.force_login(ana)
    page = client.get("/euromed/timeline/moments/geneva/").content.decode()
    assert "<li>French:" in page
    assert "<li>fr:" not in page
