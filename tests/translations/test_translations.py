"""Every published text but key moments translated through carnet.translations: the pages
read the reader's language, the translate page, the status page and its differences."""

import re

import pytest
from django.utils import translation

from carnet.capitalisation.models import Exercise, Phase
from carnet.practices.models import SheetTemplate
from carnet.translations import domain, registry
from carnet.translations.models import Translation
from carnet.vocabulary.models import Term

from ..timeline.factories import EraFactory, MilestoneFactory


def translate(network, kind, language, values, *, by, sources=None):
    return domain.save(network, registry.kind(kind), language, values, by=by, sources=sources or {})


def test_the_french_timeline_shows_the_french_era_name_and_tag_label(client, multilingual, claire):
    era = EraFactory(network=multilingual, name="Founding years")
    tag = Term.objects.create(
        network=multilingual, kind="moment_tag", key="training", label="training"
    )
    MilestoneFactory(
        network=multilingual, era=era, tags="training", state="published", title="Kick-off"
    )
    translate(multilingual, "eras", "fr", {(str(era.pk), "name"): "Années de fondation"}, by=claire)
    translate(multilingual, "tags", "fr", {(str(tag.pk), "label"): "formation"}, by=claire)

    french = client.get("/euromed/timeline/?lang=fr").content.decode()
    english = client.get("/euromed/timeline/?lang=en").content.decode()
    albanian = client.get("/euromed/timeline/?lang=sq").content.decode()

    assert "Années de fondation" in french and "#formation" in french
    assert "Founding years" not in french and "#training" not in french
    assert "Founding years" in english and "#training" in english
    # Albanian has no translation of them: the reference text shows, field by field.
    assert "Années de fondation" not in albanian


def test_the_network_page_and_phases_show_the_readers_language(client, multilingual, claire):
    exercise = Exercise.objects.create(network=multilingual, title="Capitalisation")
    phase = Phase.objects.create(exercise=exercise, number=1, name="Understand", goal="Read.")
    translate(
        multilingual,
        "network",
        "sq",
        {(str(multilingual.pk), "description"): "Një rrjet kundër trafikimit."},
        by=claire,
    )
    translate(multilingual, "phases", "sq", {(str(phase.pk), "name"): "Të kuptuarit"}, by=claire)

    albanian = client.get("/euromed/", HTTP_ACCEPT_LANGUAGE="sq").content.decode()
    french = client.get("/euromed/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "Një rrjet kundër trafikimit." in albanian and "Të kuptuarit" in albanian
    assert "Read." in albanian  # the goal is not translated: the reference shows
    assert "A network against trafficking." in french and "Të kuptuarit" not in french


def test_the_sheet_template_labels_follow_the_readers_language(multilingual, claire):
    template = SheetTemplate.objects.create(network=multilingual)
    template.fields = [
        {**item, "label": "What we did", "help": "Say when and where."}
        if item["key"] == "activities"
        else item
        for item in template.fields
    ]
    template.save()
    translate(
        multilingual,
        "templates",
        "fr",
        {
            (str(template.pk), "label:activities"): "Ce que nous avons fait",
            (str(template.pk), "help:activities"): "Dites quand et où.",
        },
        by=claire,
    )
    template = SheetTemplate.objects.get(pk=template.pk)
    with translation.override("fr"):
        spec = next(s for s in template.specs if s.key == "activities")
        summary = str(next(s for s in template.specs if s.key == "summary").label)
    assert (spec.label, spec.help) == ("Ce que nous avons fait", "Dites quand et où.")
    assert summary == "Résumé"  # a default label: from the French catalog
    with translation.override("sq"):
        spec = next(s for s in template.specs if s.key == "activities")
    assert spec.label == "What we did"


def statuses(html):
    return re.findall(r'<li data-status="(\w+)">([^<]+?) —', html)


def test_the_status_page_lists_every_kind_and_shows_what_changed(client, multilingual, claire):
    founding = EraFactory(network=multilingual, name="Founding years")
    growth = EraFactory(network=multilingual, name="Growth")
    EraFactory(network=multilingual, name="Today")
    translate(multilingual, "eras", "fr", {(str(founding.pk), "name"): "Fondation"}, by=claire)
    translate(multilingual, "eras", "fr", {(str(growth.pk), "name"): "Croissance"}, by=claire)
    growth.name = "Growth <and> crisis"
    growth.save()

    client.force_login(claire)
    html = client.get("/euromed/translations/").content.decode()
    french = html.split('<h2 id="lang-fr"')[1].split('<h2 id="lang-sq"')[0]

    assert ("translated", "Founding years") in statuses(french)
    assert ("outdated", "Growth &lt;and&gt; crisis") in statuses(french)
    assert ("missing", "Today") in statuses(french)
    assert "1 translated, 1 outdated, 1 missing" in french
    # The difference between the English translated and today's, escaped.
    assert '<p class="diff" lang="en">Growth<ins> &lt;and&gt; crisis</ins></p>' in french
    assert "&lt;and&gt;" in french and "<and>" not in french
    assert 'href="/euromed/translations/eras/fr/#item-' in french
    # The translation is kept: the French page shows it until someone updates it.
    assert Translation.objects.get(object_id=str(growth.pk), language="fr").text == "Croissance"


def test_diff_marks_removed_and_added_words_and_escapes():
    html = domain.diff("The partners <met> in Tirana", "The partners met in Tirana & Sarajevo")
    assert str(html) == (
        "The partners <del>&lt;met&gt;</del><ins>met</ins> in Tirana<ins> &amp; Sarajevo</ins>"
    )


def test_the_translate_page_shows_the_reference_and_saves(client, multilingual, claire):
    era = EraFactory(network=multilingual, name="Founding years")
    client.force_login(claire)
    page = client.get("/euromed/translations/eras/sq/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Founding years" in html and f'name="{era.pk}:name"' in html

    response = client.post(
        "/euromed/translations/eras/sq/",
        {f"{era.pk}:name": "Vitet e themelimit", f"source:{era.pk}:name": "Founding years"},
    )
    assert response.status_code == 302
    saved = Translation.objects.get(language="sq")
    assert (saved.text, saved.source, saved.by) == ("Vitet e themelimit", "Founding years", claire)


def test_a_translation_saved_after_its_reference_changed_is_outdated(client, multilingual, claire):
    era = EraFactory(network=multilingual, name="Founding years")
    client.force_login(claire)
    client.get("/euromed/translations/eras/sq/")
    # Someone renames the era while the translator types.
    era.name = "The founding years"
    era.save()
    client.post(
        "/euromed/translations/eras/sq/",
        {f"{era.pk}:name": "Vitet e themelimit", f"source:{era.pk}:name": "Founding years"},
    )
    saved = Translation.objects.get(language="sq")
    assert saved.text == "Vitet e themelimit"  # nothing lost
    (item,) = domain.kind_status(multilingual, registry.kind("eras"), "sq")
    assert item.status == "outdated"
    assert str(item.texts[0].difference) == "<del>Founding</del><ins>The founding</ins> years"


def test_an_emptied_field_removes_the_translation(multilingual, claire):
    era = EraFactory(network=multilingual, name="Founding years")
    translate(multilingual, "eras", "fr", {(str(era.pk), "name"): "Fondation"}, by=claire)
    translate(multilingual, "eras", "fr", {(str(era.pk), "name"): "  "}, by=claire)
    assert not Translation.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/euromed/translations/eras/de/",  # not a language of the network
        "/euromed/translations/eras/en/",  # the reference language itself
        "/euromed/translations/eras/xx-%3Cb%3E/",
        "/euromed/translations/nothing/fr/",  # no such kind
    ],
)
def test_unknown_language_or_kind_is_404(client, multilingual, claire, path):
    client.force_login(claire)
    assert client.get(path).status_code == 404


def test_a_deleted_era_takes_its_translations(multilingual, claire):
    era = EraFactory(network=multilingual, name="Founding years")
    translate(multilingual, "eras", "fr", {(str(era.pk), "name"): "Fondation"}, by=claire)
    era.delete()
    assert not Translation.objects.exists()


def test_an_unknown_language_says_which_ones_exist(client, multilingual, claire):
    client.force_login(claire)
    response = client.get("/euromed/translations/eras/%3Cde%3E/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "“&lt;de&gt;” is not one of the languages this network translates" in html
    assert 'href="/euromed/translations/eras/fr/"' in html
    assert 'href="/euromed/translations/eras/sq/"' in html
