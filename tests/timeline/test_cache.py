"""The public timeline's moments are rendered once and cached: never stale, never personal."""

import datetime
import json
import re

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carnet.capitalisation.enums import VideoStatus
from carnet.safeguarding.enums import ConsentScope
from carnet.timeline import domain
from carnet.timeline.enums import MediaKind, MilestoneState
from carnet.timeline.models import MomentMedia
from tests.capitalisation.factories import VideoFactory

from .factories import EraFactory, MilestoneFactory, TranslationFactory


def published(network, **kwargs):
    return MilestoneFactory(network=network, state=MilestoneState.PUBLISHED, **kwargs)


def page(client, url="/euromed/timeline/"):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def ids(html):
    return re.findall(r'class="tl-event" id="([\w-]+)"', html)


def test_a_newly_published_moment_shows_at_once(client, network, claire):
    published(network, slug="one")
    later = MilestoneFactory(network=network, slug="two", state=MilestoneState.ACCEPTED)
    assert ids(page(client)) == ["one"]
    network.is_published = True
    network.save()
    domain.set_state(later, MilestoneState.PUBLISHED, by=claire)
    assert ids(page(client)) == ["one", "two"]
    domain.set_state(later, MilestoneState.ACCEPTED, by=claire)
    assert ids(page(client)) == ["one"]


def test_an_edited_text_shows_at_once(client, network, claire):
    moment = published(network, slug="one", text="Before the change")
    assert "Before the change" in page(client)
    moment.text = "After the change"
    domain.save_changes(moment, by=claire, fields=["text"])
    html = page(client)
    assert "After the change" in html and "Before the change" not in html


def test_a_renamed_era_shows_at_once(client, network):
    era = EraFactory(network=network, name="Founding years")
    published(network, slug="one", era=era)
    assert "Founding years" in page(client)
    era.name = "Early years"
    era.save()
    html = page(client)
    assert "Early years" in html and "Founding years" not in html
    era.delete()
    assert "Early years" not in page(client)


def test_an_unpublished_network_video_leaves_the_moment_at_once(
    client, network, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    network.is_published = True
    network.save()
    video = VideoFactory(
        network=network,
        title="Testimony of a partner",
        status=VideoStatus.PUBLISHED,
        consent_scope=ConsentScope.PUBLICATION,
        consent_by="The speaker",
        file=ContentFile(b"\x1a\x45\xdf\xa3", name="testimony.webm"),
    )
    moment = published(network, slug="one")
    MomentMedia.objects.create(milestone=moment, kind=MediaKind.FILM, video=video)
    assert "Testimony of a partner" in page(client)
    video.status = VideoStatus.EDITING  # taken back to editing: no longer public
    video.save()
    assert "Testimony of a partner" not in page(client)


def test_a_translation_shows_at_once(client, network):
    moment = published(network, slug="one", title="Founding")
    assert 'href="#one">Founding</a></h2>' in page(client, "/euromed/timeline/?lang=fr")
    item = TranslationFactory(milestone=moment, language="fr", title="Fondation")
    assert 'href="#one">Fondation</a></h2>' in page(client, "/euromed/timeline/?lang=fr")
    item.title = "Création"
    item.save()
    assert 'href="#one">Création</a></h2>' in page(client, "/euromed/timeline/?lang=fr")
    assert 'href="#one">Founding</a></h2>' in page(client)  # English is cached apart
    item.delete()
    assert 'href="#one">Founding</a></h2>' in page(client)


def test_organisations_and_their_names_show_at_once(client, network, org_a, org_b):
    moment = published(network, slug="one")
    assert "Caritas Albania" not in page(client)
    moment.organisations.add(org_a)
    assert "Caritas Albania" in page(client)
    org_a.name = "Caritas Shqipëria"
    org_a.save()
    html = page(client)
    assert "Caritas Shqipëria" in html and "Caritas Albania" not in html
    org_b.milestones.add(moment)  # from the other side
    assert org_b.name in page(client)
    moment.organisations.clear()
    assert "Caritas Shqipëria" not in page(client)


def test_a_deleted_moment_goes_at_once(client, network):
    published(network, slug="one")
    gone = published(network, slug="two")
    assert ids(page(client)) == ["one", "two"]
    gone.delete()
    assert ids(page(client)) == ["one"]


def test_the_interface_language_is_part_of_the_cached_part(client, network):
    EraFactory(network=network, name="Founding years")
    published(network, slug="one")
    assert "All eras" in page(client)
    client.cookies["django_language"] = "fr"
    html = page(client)
    assert "All eras" not in html and "Toutes les" in html


def test_the_header_is_never_cached(client, network, vera):
    published(network, slug="one", title="Founding")
    anonymous = page(client)
    assert "Log in" in anonymous
    client.force_login(vera)
    member = page(client)
    assert "Log in" not in member and "Log out" in member and str(vera) in member
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', member).group(1)
    assert token not in anonymous
    assert 'href="#one">Founding</a></h2>' in member


def test_filters_are_still_applied(client, network, org_a):
    published(network, slug="one", tags="training")
    published(network, slug="two", tags="advocacy")
    assert ids(page(client)) == ["one", "two"]
    assert ids(page(client, "/euromed/timeline/?tag=advocacy")) == ["two"]
    assert ids(page(client)) == ["one", "two"]


def test_a_cached_page_takes_few_queries_whatever_the_number_of_moments(client, network, org_a):
    def queries_of_a_cached_hit():
        page(client)  # fills the cache
        with CaptureQueriesContext(connection) as queries:
            page(client)
        return len(queries)

    for n in range(3):
        published(network, slug=f"a{n}").organisations.add(org_a)
    few = queries_of_a_cached_hit()
    for n in range(30):
        moment = published(network, slug=f"b{n}", start_date=datetime.date(2014, 1, 1))
        moment.organisations.add(org_a)
        TranslationFactory(milestone=moment, language="fr", title=f"Moment {n}")
    assert queries_of_a_cached_hit() == few
    assert few <= 6


def test_embed_and_json_are_fresh_too(client, network):
    moment = published(network, slug="one", title="Founding")
    assert "Founding" in page(client, "/euromed/timeline/embed/")
    assert json.loads(page(client, "/euromed/timeline.json"))["events"][0]["text"]["headline"] == (
        "Founding"
    )
    moment.title = "Founded"
    moment.save()
    assert "Founded" in page(client, "/euromed/timeline/embed/")
    data = json.loads(page(client, "/euromed/timeline.json"))
    assert data["events"][0]["text"]["headline"] == "Founded"
