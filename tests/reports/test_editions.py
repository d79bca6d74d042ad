"""Editions of the report (carnet.translations.editions): per-block fallback, the note that says
so, the language choice on the build, and the scripts of the PDF."""

import re
import subprocess

import pytest
from django.contrib.contenttypes.models import ContentType

from carnet.reports import domain
from carnet.reports.enums import BuildStatus, ChapterKind
from carnet.reports.models import Report, ReportVersion
from carnet.timeline.enums import MilestoneState
from carnet.translations.models import Translation
from tests.timeline.factories import MilestoneFactory, TranslationFactory


def translate(obj, field, language, text, *, source=None):
    return Translation.objects.create(
        network=obj.network if hasattr(obj, "network") else obj,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        field=field,
        language=language,
        text=text,
        source=getattr(obj, field) if source is None else source,
    )


@pytest.fixture
def report(network, farid):
    network.languages = "en, sq, ar"
    network.save()
    report = Report.objects.create(network=network, title="Nine years", subtitle="")
    first = domain.add_chapter(
        report, by=farid, kind=ChapterKind.TEXT, title="Introduction", body="Why we capitalised."
    )
    domain.add_chapter(
        report, by=farid, kind=ChapterKind.TEXT, title="Thanks", body="To every partner."
    )
    domain.add_chapter(report, by=farid, kind=ChapterKind.BLOCK, block="timeline", title="Moments")
    translate(first, "title", "sq", "Hyrje")
    translate(first, "body", "sq", "Pse e kapitalizuam përvojën.")
    translate(report, "title", "sq", "Nëntë vjet")
    return report


def chapter(document, key_title):
    return next(c for c in document["chapters"] if c["title"] == key_title)


def test_each_block_falls_back_to_the_reference_and_the_edition_says_which(report):
    document = domain.compose(report, language="sq")
    assert document["lang"] == "sq" and document["title"] == "Nëntë vjet"

    intro = chapter(document, "Hyrje")
    assert intro["blocks"][0]["runs"][0]["text"] == "Pse e kapitalizuam përvojën."
    assert "lang" not in intro["blocks"][0] and "note" not in intro

    # Not translated: the reference text, marked as English, and its chapter says so.
    thanks = chapter(document, "Thanks")
    assert thanks["title_lang"] == "en"
    assert thanks["blocks"][0]["runs"][0]["text"] == "To every partner."
    assert thanks["blocks"][0]["lang"] == "en" and thanks["blocks"][0]["dir"] == "ltr"
    assert "English" in thanks["note"] or "anglisht" in thanks["note"].lower()

    note = document["edition"]
    assert note["language"] == "sq" and note["reference"] == "en"
    listed = " ".join(note["lines"])
    assert "“Thanks”" in listed and "“Moments”" in listed  # the titles not translated
    assert "Introduction" not in listed and "Nine years" not in listed

    # The reference edition: the texts as written, no note.
    plain = domain.compose(report)
    assert "edition" not in plain and plain["title"] == "Nine years"
    assert chapter(plain, "Introduction")["blocks"][0]["runs"][0]["text"] == "Why we capitalised."


def test_an_outdated_translation_is_not_printed(report):
    intro = report.chapters.get(title="Introduction")
    intro.body = "Why and how we capitalised."
    intro.save()
    document = domain.compose(report, language="sq")
    block = chapter(document, "Hyrje")["blocks"][0]
    assert block["runs"][0]["text"] == "Why and how we capitalised." and block["lang"] == "en"
    assert "“Introduction”" in " ".join(document["edition"]["lines"])


def test_key_moments_use_reviewed_translations_never_machine_drafts(report, network):
    reviewed = MilestoneFactory(network=network, title="Founding", state=MilestoneState.PUBLISHED)
    drafted = MilestoneFactory(network=network, title="Training", state=MilestoneState.PUBLISHED)
    TranslationFactory(milestone=reviewed, language="sq", title="Themelimi", text="Takimi i parë.")
    TranslationFactory(milestone=drafted, language="sq", title="Trajnimi", machine_draft=True)
    document = domain.compose(report, language="sq")
    texts = [b.get("text", "") for b in chapter(document, "Moments")["blocks"]]
    assert any(t.endswith("— Themelimi") for t in texts)
    assert any(t.endswith("— Training") for t in texts)
    assert not any("Trajnimi" in t for t in texts)
    listed = " ".join(document["edition"]["lines"])
    assert "“Training”" in listed and "Founding" not in listed


def test_a_language_the_network_does_not_write_in_is_refused(report, farid):
    for code in ("xx", "de", "sq'><script>"):
        with pytest.raises(domain.ReportError):
            domain.start_build(report, by=farid, language=code)
    assert not ReportVersion.objects.exists()


def test_the_build_form_offers_the_networks_languages_and_the_list_shows_the_edition(
    client, report, farid
):
    client.force_login(farid)
    page = client.get("/euromed/report/").content.decode()
    assert 'name="language"' in page and 'value="sq"' in page and 'value="ar"' in page

    response = client.post("/euromed/report/build/", {"language": "de"}, follow=True)
    assert response.status_code == 200
    assert "not one of the network" in response.content.decode()
    assert not ReportVersion.objects.exists()

    response = client.post("/euromed/report/build/", {"language": "sq"})
    version = ReportVersion.objects.get()
    assert response.status_code == 302 and version.language == "sq"
    assert version.status == BuildStatus.READY, version.error  # the tests' tasks run at once
    assert version.pdf.name.endswith("-v1-sq.pdf")
    assert version.content["edition"]["language"] == "sq"
    versions = client.get("/euromed/report/").content.decode()
    assert "Albanian" in versions
    page = client.get(version.get_absolute_url()).content.decode()
    assert "Albanian edition" in page and "Nëntë vjet" in page


def pdf_text(data, tmp_path):
    path = tmp_path / "edition.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # pdftotext wraps right-to-left runs in directional marks: the letters are what count.
    return re.sub(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", " ".join(text.split()))


ARABIC = "تعمل الشبكة ضد الاتجار بالبشر"
ARMENIAN = "Ցանցը պայքարում է թրաֆիքինգի դեմ"
UKRAINIAN = "Мережа працює проти торгівлі людьми"
GREEK = "Το δίκτυο εργάζεται κατά της εμπορίας ανθρώπων"


def test_an_arabic_edition_keeps_arabic_armenian_cyrillic_and_greek_intact(report, farid, tmp_path):
    chapter = domain.add_chapter(
        report,
        by=farid,
        kind=ChapterKind.TEXT,
        title="Languages",
        body=f"{ARMENIAN}.\n\n{UKRAINIAN}.\n\n{GREEK}.",
    )
    translate(chapter, "title", "ar", "اللغات")
    translate(chapter, "body", "ar", f"{ARABIC}.\n\n{ARMENIAN}.\n\n{UKRAINIAN}.\n\n{GREEK}.")
    version, data = domain.build_now(report, by=farid, language="ar")
    assert version.language == "ar" and version.content["dir"] == "rtl"
    text = pdf_text(data, tmp_path)
    for sentence in (ARABIC, ARMENIAN, UKRAINIAN, GREEK, "اللغات"):
        assert sentence in text
    assert "Why we capitalised." in text  # not translated into Arabic: the English text
