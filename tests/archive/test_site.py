import datetime
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.core.management import CommandError, call_command
from playwright.sync_api import expect

from carnet.accounts.models import Action, User
from carnet.demo.loader import load
from carnet.networks.models import Organisation
from carnet.reports import domain as reports
from carnet.reports.models import ReportVersion
from carnet.timeline.enums import MilestoneState
from carnet.timeline.models import Milestone
from tests.practices.factories import make_sheet

SECRET_SHEET = "Unpublished sheet title 7f3a"
SECRET_MOMENT = "Draft key moment title 9c2e"


@pytest.fixture
def world(db):
    ctx = load()
    network = ctx["network"]
    claire = User.objects.get(username="claire")
    albania = Organisation.objects.get(name="Caritas Albania")
    make_sheet(network=network, organisation=albania, by=claire, title=SECRET_SHEET)
    Milestone.objects.create(
        network=network,
        slug="draft-moment",
        title=SECRET_MOMENT,
        start_date=datetime.date(2015, 5, 1),
        state=MilestoneState.PROPOSED,
    )
    # The latest version in the reference language (the demo's version 3 is its Albanian edition).
    version = (
        ReportVersion.objects.filter(report__network=network, language="")
        .order_by("-number")
        .first()
    )
    for flag in version.network.sensitive_flags.all():
        flag.delete()
    reports.publish(version, by=claire)
    return network


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "poster", "action", "data") and value is not None:
                self.links.append((tag, name, value))
            if name == "srcset" and value:
                self.links += [(tag, name, item.split()[0]) for item in value.split(",")]


def export(world, tmp_path, *options):
    root = tmp_path / "site"
    call_command("site", "export", world.slug, "-o", str(root), *options)
    return root


def test_site_has_an_index_and_the_published_content(world, tmp_path):
    root = export(world, tmp_path)
    index = (root / "index.html").read_text()
    assert world.name in index
    for page in ("timeline/index.html", "sheets/index.html", "report/v/2/index.html"):
        assert f'href="{page}"' in index
        assert (root / page).is_file()
    published = [
        "piloting-a-network-with-flexible-coordination",
        "reintegration-of-returning-victims",
    ]
    for slug in published:
        assert (root / "sheets" / slug / "index.html").is_file()
        assert (root / "sheets" / slug / "sheet.pdf").read_bytes().startswith(b"%PDF")
    assert (root / "report/v/2/file/pdf/euromed-report-v2.pdf").read_bytes().startswith(b"%PDF")
    assert (root / "report/v/2/file/docx/euromed-report-v2.docx").read_bytes().startswith(b"PK")
    assert (root / "static/carnet/carnet.css").is_file()
    assert Action.objects.filter(network=world, verb="export", data__format="site").count() == 1


def test_site_links_are_relative_and_resolve_to_files_in_the_folder(world, tmp_path):
    root = export(world, tmp_path)
    assert links_checked(root, at_least=6) > 40


def links_checked(root, *, at_least):
    """How many links of the site's pages point to files in it; fails on any other."""
    pages = sorted(root.rglob("*.html"))
    assert len(pages) >= at_least
    checked = 0
    for page in pages:
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for tag, attribute, value in parser.links:
            where = f"{page.relative_to(root)}: <{tag} {attribute}={value!r}>"
            assert not value.startswith(("http://", "https://", "//")), where
            parts = urlsplit(value)
            assert not parts.scheme or parts.scheme == "data", where
            if value.startswith("#") or parts.scheme == "data":
                continue
            assert not value.startswith("/"), where
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file(), where
            assert target.is_relative_to(root.resolve()), where
            checked += 1
    css = (root / "static/carnet/carnet.css").read_text()
    assert "http://" not in css and "https://" not in css
    return checked


def test_site_shows_nothing_unpublished(world, tmp_path):
    root = export(world, tmp_path)
    for path in root.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert SECRET_SHEET.encode() not in content, path
            assert SECRET_MOMENT.encode() not in content, path
    drafts = [p.name for p in (root / "sheets").iterdir() if p.is_dir()]
    assert len(drafts) == 3  # the demo's three published sheets
    # The members' pages of the capitalisation stay out; the published synthesis is in,
    # without the passages of interview notes it rests on.
    assert not (root / "capitalisation").exists()
    synthesis = (root / "synthesis/published/index.html").read_text()
    assert "Learnings by category" in synthesis
    assert "We shared the same diagnosis of the situation" not in synthesis
    assert 'href="../../sheets/' in synthesis  # quotes link to the published sheets
    assert "synthesis/published/index.html" in (root / "index.html").read_text()
    # No editing: forms and log-in links are gone.
    for page in root.rglob("*.html"):
        text = page.read_text()
        assert "<form" not in text, page
        assert "Log in" not in text, page


def test_site_export_refuses_an_unpublished_network(world, tmp_path):
    world.is_published = False
    world.save()
    with pytest.raises(CommandError) as caught:
        call_command("site", "export", world.slug, "-o", str(tmp_path / "site"))
    assert str(caught.value) == "The network “euromed” is not published: nothing is public."
    assert not (tmp_path / "site").exists()


def test_site_export_refuses_a_folder_that_is_not_empty(world, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(CommandError) as caught:
        call_command("site", "export", world.slug, "-o", str(folder))
    assert str(caught.value) == f"{folder} is not an empty folder"
    assert [p.name for p in Path(folder).iterdir()] == ["notes.txt"]


@pytest.mark.browser
def test_site_opens_from_disk_without_any_request_elsewhere(world, tmp_path, page):
    root = export(world, tmp_path)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((root / "index.html").as_uri())
    page.get_by_role("link", name="Good-practice sheets").click()
    page.get_by_role("link", name="Reintegration of returning victims").first.click()
    expect(page.locator("h1").first).to_have_text("Reintegration of returning victims")
    page.goto((root / "timeline/index.html").as_uri())
    page.wait_for_load_state("load")
    assert requests
    assert all(url.startswith(("file://", "data:")) for url in requests), requests


def test_a_withdrawn_synthesis_is_not_in_the_site(world, tmp_path):
    from carnet.capitalisation.domain import withdraw_synthesis

    withdraw_synthesis(world, by=User.objects.get(username="claire"))
    root = export(world, tmp_path)
    assert not (root / "synthesis").exists()
    assert "Synthesis" not in (root / "index.html").read_text()


def test_site_has_the_published_video_pages_with_their_subtitles(world, tmp_path):
    from carnet.capitalisation.models import Video

    video = Video.objects.get(network=world, status="published")
    root = export(world, tmp_path)
    assert 'href="videos/index.html"' in (root / "index.html").read_text()
    listing = (root / "videos/index.html").read_text()
    assert f'href="{video.pk}/index.html"' in listing
    page = (root / f"videos/{video.pk}/index.html").read_text()
    subtitles = video.tracks.get().file.name
    assert f'href="../../media/{subtitles}" download' in page
    assert (root / "media" / subtitles).read_bytes().startswith(b"WEBVTT")
    assert f'<video controls preload="metadata" src="../../media/{video.file.name}">' in page
    assert (root / "media" / video.file.name).read_bytes().startswith(b"\x1aE\xdf\xa3")  # WebM
    assert "Upoznali smo odgovornosti jedni drugih." in page
    # The unpublished videos stay out.
    assert len(list((root / "videos").glob("*/index.html"))) == 1


def test_site_timeline_plays_the_moments_media_from_files_beside_it(world, tmp_path):
    from carnet.timeline.models import MomentMedia

    sound = MomentMedia.objects.get(milestone__network=world, kind="audio")
    pdf = MomentMedia.objects.get(milestone__network=world, kind="pdf")
    root = export(world, tmp_path)
    page = (root / "timeline/index.html").read_text()
    assert f'<audio controls preload="none" src="../media/{sound.file.name}">' in page
    assert (root / "media" / sound.file.name).read_bytes()[:4] == b"RIFF"  # the WAV itself
    for track in sound.tracks.all():  # one a language, each beside the page
        assert f'src="../media/{track.file.name}" srclang="{track.language}"' in page
        assert (root / "media" / track.file.name).read_bytes().startswith(b"WEBVTT")
    assert f'<a href="../media/{pdf.file.name}">' in page
    assert (root / "media" / pdf.file.name).read_bytes().startswith(b"%PDF")
    assert (root / "media" / pdf.preview.name).exists()


def test_site_timeline_keeps_the_moments_images_written_into_the_page(world, tmp_path):
    moment = Milestone.objects.filter(network=world).published().exclude(image="").first()
    assert moment is not None and moment.image_is_public
    root = export(world, tmp_path)
    page = (root / "timeline/index.html").read_text()
    assert page.count('src="data:image/') >= 1
    assert f'alt="{moment.alt_text}"' in page


def test_site_rewriting_keeps_data_addresses_and_their_commas_in_srcset(world, tmp_path):
    from carnet.archive.site import Site

    site = Site(network=world, root=tmp_path)
    pixel = "data:image/png;base64,iVBORw0KGgo="
    text = (
        f'<img src="{pixel}" srcset="{pixel} 1x, /static/carnet/carnet.css 2x" alt="">'
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>'
    )
    assert site.rewrite(text, "timeline/index.html") == (
        f'<img src="{pixel}" srcset="{pixel} 1x, ../static/carnet/carnet.css 2x" alt="">'
        "<span>x</span>"
    )


LANGUAGES = ["en", "fr", "sq", "hy", "bs", "ar"]  # the demo network's, its reference first


def slide_of(timeline, moment):
    """The opening tag of a moment's slide in the timeline."""
    after = timeline.split(f'<li class="tl-event" id="{moment.slug}"', 1)[1]
    return re.search(r'<article class="tl-slide[^>]*>', after).group(0)


def note_of(page):
    """The note at the start of a page that says what is in the reference language."""
    return page.split('<aside class="panel edition-note"', 1)[1].split("</aside>", 1)[0]


def test_site_in_every_language_has_a_folder_each_and_an_index_to_choose_one(world, tmp_path):
    root = export(world, tmp_path, "--language", "all")
    assert sorted(p.name for p in root.iterdir()) == sorted(
        [*LANGUAGES, "index.html", "media", "static"]
    )
    index = (root / "index.html").read_text()
    assert '<a href="sq/index.html" lang="sq" hreflang="sq" dir="ltr">Shqip</a>' in index
    assert '<a href="ar/index.html" lang="ar" hreflang="ar" dir="rtl">العربيّة</a>' in index
    for code in LANGUAGES:
        for page in ("timeline/index.html", "sheets/index.html", "synthesis/published/index.html"):
            assert (root / code / page).is_file(), (code, page)
    # One copy of the static and media files, for every language.
    assert not list(root.glob("*/static")) and not list(root.glob("*/media"))
    assert links_checked(root, at_least=6 * len(LANGUAGES)) > 40 * len(LANGUAGES)
    assert '<html lang="ar" dir="rtl">' in (root / "ar/sheets/index.html").read_text()
    record = Action.objects.get(network=world, verb="export", data__format="site")
    assert record.data["languages"] == LANGUAGES


def test_site_pages_link_the_same_page_in_the_other_languages(world, tmp_path):
    root = export(world, tmp_path, "--language", "all")
    page = (root / "sq/sheets/reintegration-of-returning-victims/index.html").read_text()
    switcher = page.split('<nav class="site-languages" aria-label="Gjuha">', 1)[1].split("</nav>")[
        0
    ]
    assert (
        '<a href="../../../ar/sheets/reintegration-of-returning-victims/index.html" lang="ar" '
        'hreflang="ar" dir="rtl">العربيّة</a>'
    ) in switcher
    assert (
        '<a href="index.html" lang="sq" hreflang="sq" dir="ltr" aria-current="page">Shqip</a>'
        in switcher
    )
    assert switcher.count("<a ") == len(LANGUAGES)


def test_site_page_says_in_its_language_which_parts_are_in_the_reference_language(world, tmp_path):
    from django.utils import translation

    root = export(world, tmp_path, "--language", "all")
    timeline = (root / "sq/timeline/index.html").read_text()
    with translation.override("sq"):
        title = translation.gettext("About this edition")
        moments = translation.gettext("Key moment")
    assert f'<h2 id="edition-note">{title}</h2>' in timeline
    untranslated = (
        Milestone.objects.filter(network=world)
        .published()
        .exclude(translations__language="sq", translations__machine_draft=False)
    )
    assert f"<li>{moments} ({untranslated.count()}): “" in timeline
    # Each of those moments is marked as English, left to right; the translated ones are not.
    for moment in untranslated:
        assert slide_of(timeline, moment).endswith(' lang="en" dir="ltr">')
    translated = Milestone.objects.filter(network=world, translations__language="sq").first()
    assert slide_of(timeline, translated).endswith(' lang="sq">')
    # A sheet with no published Albanian copy: said, and its text marked as English.
    sheet = (root / "ar/sheets/reintegration-of-returning-victims/index.html").read_text()
    assert '<article class="sheet" lang="en" dir="ltr">' in sheet
    assert "“Reintegration of returning victims”" in note_of(sheet)
    # The reference language's pages need no note.
    assert not [p for p in (root / "en").rglob("*.html") if "edition-note" in p.read_text()]


def test_site_shows_a_reviewed_translation_never_an_outdated_one(world, tmp_path):
    from carnet.translations import domain as translations
    from carnet.translations import registry

    claire = User.objects.get(username="claire")
    translations.save(
        world,
        registry.kind("network"),
        "ar",
        {(str(world.pk), "description"): "شبكة من منظمات كاريتاس الوطنية"},
        by=claire,
        sources={(str(world.pk), "description"): "An earlier description of the network."},
    )
    root = export(world, tmp_path, "--language", "ar")
    index = (root / "index.html").read_text()
    assert "شبكة من منظمات كاريتاس الوطنية" not in index
    assert f'<p lang="en" dir="ltr">{world.description}</p>' in index
    assert "“Euro-Mediterranean Network against Trafficking in Human Beings”" in note_of(index)
    albanian = (export(world, tmp_path / "sq", "--language", "sq") / "index.html").read_text()
    assert "Një rrjet i organizatave kombëtare Caritas" in albanian  # the demo's, reviewed
    assert "edition-note" not in albanian


@pytest.mark.parametrize("code", ["de", "xx", "ALL"])
def test_site_export_refuses_a_language_that_is_not_the_networks(world, tmp_path, code):
    with pytest.raises(CommandError) as caught:
        export(world, tmp_path, "--language", code)
    assert str(caught.value) == (
        f"“{code}” is not one of the languages of euromed (en, fr, sq, hy, bs, ar, all): "
        "nothing was written."
    )
    assert not (tmp_path / "site").exists()


@pytest.mark.browser
def test_a_reader_chooses_arabic_then_albanian_in_the_site_from_disk(world, tmp_path, page):
    root = export(world, tmp_path, "--language", "all")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((root / "index.html").as_uri())
    page.get_by_role("link", name="العربيّة").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#edition-note")).to_be_visible()
    page.locator("main nav:not(.site-languages) a").nth(1).click()  # the sheets
    page.get_by_role("link", name="Reintegration of returning victims").first.click()
    expect(page.locator("article.sheet")).to_have_attribute("dir", "ltr")
    page.get_by_role("navigation", name="اللغة").get_by_role("link", name="Shqip").click()
    assert page.url.endswith("/sq/sheets/reintegration-of-returning-victims/index.html")
    expect(page.locator("html")).to_have_attribute("lang", "sq")
    assert all(url.startswith(("file://", "data:")) for url in requests), requests
