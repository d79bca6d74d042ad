"""The embed builder (its settings, checked; its snippet) and the embed view's settings."""

import datetime
import html as htmllib
import re

import pytest
from django.http import QueryDict

from carnet.timeline import embedding

from .factories import EraFactory, MilestoneFactory, TranslationFactory, published_moments


@pytest.fixture
def moments(network, org_a, org_b):
    network.languages = "en, fr"
    network.save()
    era = EraFactory(
        network=network,
        name="Founding years",
        start=datetime.date(2011, 1, 1),
        end=datetime.date(2012, 12, 31),
    )
    rows = [
        ("founding", "Founding meeting", datetime.date(2011, 3, 1), "meeting", org_a, era),
        ("training", "First training", datetime.date(2011, 11, 14), "training", org_b, era),
        ("workshop", "Capitalisation workshop", datetime.date(2019, 11, 25), "meeting", org_a, None),  # noqa: E501
    ]  # fmt: skip
    made = published_moments(network, rows)
    MilestoneFactory(network=network, slug="draft", title="A proposal")
    TranslationFactory(milestone=made[0], language="fr", title="Réunion fondatrice")
    return made


def read(query, **kwargs):
    options = {
        "languages": ["en", "fr"],
        "offered": {"tag": {"meeting"}, "organisation": {"7"}, "era": {"3"}},
        "moments": {"founding": "Founding meeting"},
    }
    return embedding.read(QueryDict(query), **{**options, **kwargs})


def test_default_settings_make_a_plain_address():
    settings, notes = read("")
    assert (settings.height, settings.theme, settings.query(), notes) == (640, "light", "", [])


def test_every_known_setting_goes_into_the_address_but_the_height():
    settings, notes = read(
        "height=480&lang=fr&tag=meeting&organisation=7&era=3&start=founding&theme=dark"
    )
    assert notes == []
    assert settings.height == 480
    assert settings.query() == (
        "?lang=fr&tag=meeting&organisation=7&era=3&start=founding&theme=dark"
    )


@pytest.mark.parametrize(
    ("query", "height", "note"),
    [
        ("height=100", 300, "from 300 to 1200 pixels: it is 300"),
        ("height=5000", 1200, "it is 1200"),
        ("height=tall", 640, "it is 640"),
        ("height=800", 800, None),
    ],
)
def test_the_height_is_clamped_with_a_note(query, height, note):
    settings, notes = read(query)
    assert settings.height == height
    if note:
        assert len(notes) == 1 and note in notes[0]
    else:
        assert notes == []


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("lang=xx", "“xx” is not one of this timeline's languages"),
        ("tag=nothing", "“nothing” is on no moment"),
        ("organisation=99", "organisation asked is on no moment"),
        ("era=99", "era asked is not one of this timeline's eras"),
        ("start=draft", "“draft” is not on this timeline"),
        ("theme=neon", "the light theme is used"),
    ],
)
def test_an_unknown_value_is_left_out_with_a_clear_note(query, words):
    settings, notes = read(query)
    assert settings.query() == ""
    assert settings.theme == "light"
    assert len(notes) == 1 and words in notes[0]


def test_the_snippet_is_one_escaped_iframe_with_the_height():
    code = embedding.snippet(  # escaped once: the page escapes it again to show it
        "https://carnet.example/euromed/timeline/embed/?lang=fr&theme=dark",
        title='Timeline of "A & B"',
        height=480,
    )
    assert code == (
        '<iframe src="https://carnet.example/euromed/timeline/embed/?lang=fr&amp;theme=dark" '
        'title="Timeline of &quot;A &amp; B&quot;" class="carnet-timeline" width="100%" '
        'height="480" loading="lazy"></iframe>'
    )


def snippet_of(response):
    found = re.search(
        r"<textarea[^>]*data-embed-snippet>(.*?)</textarea>", response.content.decode(), re.S
    )
    return htmllib.unescape(found.group(1))


def test_the_builder_shows_an_absolute_snippet_and_its_preview(client, moments, org_a):
    page = client.get("/euromed/timeline/")
    assert 'href="/euromed/timeline/embed/builder/"' in page.content.decode()
    response = client.get(
        f"/euromed/timeline/embed/builder/?height=480&lang=fr&organisation={org_a.pk}"
        "&start=workshop&theme=dark"
    )
    assert response.status_code == 200
    src = (
        f"http://testserver/euromed/timeline/embed/?lang=fr&amp;organisation={org_a.pk}"
        "&amp;start=workshop&amp;theme=dark"
    )
    code = snippet_of(response)
    assert code.startswith(f'<iframe src="{src}" title="Frise de Euro-Mediterranean network" ')
    assert 'height="480"' in code
    html = response.content.decode()
    assert f'src="{src}"' in html and 'height="480" data-embed-preview' in html
    assert "Réunion fondatrice" in html  # the first moment to choose, in the language chosen
    assert 'value="fr" lang="fr" selected>français<' in html  # languages by their own name
    assert 'class="warning"' not in html  # no note: every value is known


def test_the_builder_leaves_out_bad_values_and_says_so(client, moments):
    response = client.get(
        "/euromed/timeline/embed/builder/?height=20&lang=xx&tag=nothing&start=draft&theme=neon"
    )
    html = response.content.decode()
    assert html.count('class="warning"') == 5
    assert "“nothing” is on no moment of this timeline" in html
    assert 'src="http://testserver/euromed/timeline/embed/"' in snippet_of(response)
    assert 'height="300"' in snippet_of(response)


def test_the_embed_honours_language_filters_start_and_theme(client, moments, org_a):
    response = client.get(
        f"/euromed/timeline/embed/?lang=fr&organisation={org_a.pk}&start=workshop&theme=dark"
    )
    html = response.content.decode()
    assert '<html lang="fr"' in html and 'class="tl-theme-dark"' in html
    assert response["Content-Language"] == "fr"
    assert 'data-tl-start="workshop"' in html
    assert re.findall(r'class="tl-event" id="([\w-]+)"', html) == ["founding", "workshop"]
    assert "Réunion fondatrice" in html
    assert "Suivant" in html  # the buttons speak the language chosen
    assert 'style="' not in html and "<style" not in html


def test_the_dark_embed_keeps_its_theme_in_its_own_links_and_form(client, moments):
    moments[2].media_url = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
    moments[2].save()
    html = client.get("/euromed/timeline/embed/?lang=fr&theme=dark").content.decode()
    assert 'href="?lang=en&amp;theme=dark"' in html  # the language switcher
    assert '<input type="hidden" name="theme" value="dark">' in html  # the filters' form
    assert 'href="?lang=fr&amp;theme=dark&amp;load=workshop#workshop"' in html  # the card
    filtered = client.get("/euromed/timeline/embed/?theme=dark&tag=meeting").content.decode()
    assert 'href="?theme=dark" class="tl-reset"' in filtered
    light = client.get("/euromed/timeline/embed/?lang=fr").content.decode()
    assert "theme=dark" not in light and 'href="?lang=fr&amp;load=workshop#workshop"' in light


def test_the_embed_ignores_bad_values(client, moments):
    response = client.get(
        "/euromed/timeline/embed/?lang=xx&tag=nothing&era=99&start=draft&theme=neon"
    )
    html = response.content.decode()
    assert 'class="tl-theme-light"' in html and "data-tl-start" not in html
    assert re.findall(r'class="tl-event" id="([\w-]+)"', html) == [
        "founding",
        "training",
        "workshop",
    ]
    assert "Founding meeting" in html and "Moments shown: 3 of 3" in html
    light = client.get("/euromed/timeline/embed/?start=training&tag=meeting").content.decode()
    assert 'data-tl-start="training"' in light  # kept: the script falls back when filtered out
