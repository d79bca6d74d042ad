import datetime
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


def export(world, tmp_path):
    root = tmp_path / "site"
    call_command("site", "export", world.slug, "-o", str(root))
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
    pages = sorted(root.rglob("*.html"))
    assert len(pages) >= 6
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
    assert checked > 40
    css = (root / "static/carnet/carnet.css").read_text()
    assert "http://" not in css and "https://" not in css


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
    assert f'href="../../media/{video.subtitles.name}" download' in page
    assert (root / "media" / video.subtitles.name).read_bytes().startswith(b"WEBVTT")
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
    assert f'src="../media/{sound.subtitles.name}" srclang="en"' in page
    assert (root / "media" / sound.file.name).read_bytes()[:4] == b"RIFF"  # the WAV itself
    assert (root / "media" / sound.subtitles.name).read_bytes().startswith(b"WEBVTT")
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
