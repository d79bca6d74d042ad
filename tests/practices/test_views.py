import io

import pytest
from django.urls import reverse
from docx import Document

from carnet.accounts.enums import Verb
from carnet.accounts.models import Action
from carnet.practices import domain
from carnet.practices.enums import SheetState
from carnet.practices.models import Sheet

from .factories import TEXT, make_sheet


@pytest.fixture
def sheet(network, org_a, ana):
    return make_sheet(network=network, organisation=org_a, by=ana, themes=["prevention"])


def edit_url(sheet):
    return reverse("practices:edit", args=[sheet.network.slug, sheet.slug])


def form_data(sheet, **changes):
    data = {
        "title": sheet.title,
        "language": sheet.language,
        "level": sheet.level,
        "themes": sheet.themes,
        "revision": sheet.revision,
    }
    for spec in sheet.template.specs:
        data[spec.key] = sheet.content.get(spec.key, "")
    data.update(changes)
    return data


def publish(sheet, ana, farid, claire):
    for state, person in [
        ("submitted", ana), ("in_review", farid), ("approved", farid), ("validated", ana),
        ("published", claire),
    ]:  # fmt: skip
        domain.set_state(sheet, state, by=person)


def test_edit_saves_a_version_and_says_so(client, sheet, ana):
    client.force_login(ana)
    response = client.post(edit_url(sheet), form_data(sheet, impact="Stronger."), follow=True)
    assert response.status_code == 200
    assert "Saved as version 2." in response.content.decode()
    assert Sheet.objects.get(pk=sheet.pk).content["impact"] == "Stronger."


def test_edit_with_a_missing_required_field_keeps_what_was_typed(client, sheet, ana):
    client.force_login(ana)
    # (the title: the template's fields may be left empty in a draft, see test_drafts.py)
    response = client.post(edit_url(sheet), form_data(sheet, title="", impact="Typed and kept"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Typed and kept" in html
    assert 'class="field invalid"' in html
    assert html.count('class="field invalid"') == 1
    assert sheet.versions.count() == 1


def test_concurrent_edit_is_refused_with_both_texts(client, sheet, ana, farid):
    stale = form_data(sheet, impact="Ana's version of the impact")
    domain.save_version(
        sheet, by=farid, content={**sheet.content, "impact": "Farid's"}, base_revision=1
    )
    client.force_login(ana)
    response = client.post(edit_url(sheet), stale)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone saved this sheet while you were editing it" in html
    assert '<pre class="theirs">Farid&#x27;s</pre>' in html
    assert '<pre class="mine">Ana&#x27;s version of the impact</pre>' in html
    assert 'name="revision" value="2"' in html
    assert Sheet.objects.get(pk=sheet.pk).content["impact"] == "Farid's"
    # Saving again from the merge view goes through.
    client.post(edit_url(sheet), {**stale, "revision": 2, "impact": "Merged"})
    assert Sheet.objects.get(pk=sheet.pk).content["impact"] == "Merged"


def test_edit_after_validation_says_the_validation_is_reset(client, sheet, ana, farid):
    for state, person in [("submitted", ana), ("in_review", farid), ("approved", farid)]:
        domain.set_state(sheet, state, by=person)
    domain.set_state(sheet, "validated", by=ana)
    client.force_login(ana)
    response = client.post(edit_url(sheet), form_data(sheet, results="More."), follow=True)
    assert "the validation is reset" in response.content.decode()
    assert Sheet.objects.get(pk=sheet.pk).state == SheetState.APPROVED


def test_partner_cannot_see_or_change_another_organisations_draft(client, sheet, bora):
    client.force_login(bora)
    assert client.get(sheet.get_absolute_url()).status_code == 404
    assert client.post(edit_url(sheet), form_data(sheet, impact="Bora's")).status_code == 404
    list_html = client.get(reverse("practices:list", args=["euromed"])).content.decode()
    assert sheet.title not in list_html


def test_peers_see_and_suggest_on_a_sheet_opened_to_them(client, sheet, ana, bora):
    domain.set_state(sheet, "submitted", by=ana)
    domain.set_open_to_peers(sheet, by=ana, value=True)
    client.force_login(bora)
    assert client.get(sheet.get_absolute_url()).status_code == 200
    assert client.get(edit_url(sheet)).status_code == 403
    response = client.post(
        reverse("practices:suggest", args=["euromed", sheet.slug]),
        {"field": "summary", "kind": "rewording", "passage": "120", "replacement": "125"},
    )
    assert response.status_code == 302
    assert sheet.suggestions.get().author == bora


def test_list_counts_open_suggestions_and_filters(client, network, sheet, org_b, bora, farid):
    other = make_sheet(network=network, organisation=org_b, by=bora, title="Advocacy in Geneva",
                       level="international", themes=["advocacy"])  # fmt: skip
    domain.suggest(sheet, by=farid, field="summary", passage="120", replacement="130")
    domain.suggest(sheet, by=farid, field="context", replacement="New context")
    client.force_login(farid)
    url = reverse("practices:list", args=["euromed"])
    html = client.get(url).content.decode()
    assert "2 open suggestions" in html
    assert other.title in html
    assert sheet.title not in client.get(url, {"theme": "advocacy"}).content.decode()
    assert other.title not in client.get(url, {"theme": "prevention"}).content.decode()
    assert sheet.title not in client.get(url, {"level": "international"}).content.decode()
    assert other.title not in client.get(url, {"country": "AL"}).content.decode()
    by_org = client.get(url, {"organisation": org_b.pk}).content.decode()
    assert other.title in by_org and sheet.title not in by_org


def test_public_page_and_list_show_published_sheets_to_anyone(
    client, sheet, ana, farid, claire, network
):
    publish(sheet, ana, farid, claire)
    response = client.get(f"/euromed/sheets/{sheet.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Impact of our participation in the network" in html
    assert "Review" not in html
    assert sheet.title in client.get("/euromed/sheets/").content.decode()


def test_accept_view_applies_one_suggestion(client, sheet, ana, farid):
    suggestion = domain.suggest(sheet, by=farid, field="summary", passage="120", replacement="130")
    client.force_login(ana)
    url = reverse("practices:suggestion", args=["euromed", sheet.slug, suggestion.pk])
    response = client.post(url, {"action": "accept"}, follow=True)
    assert "Accepted: version 2." in response.content.decode()
    assert "130 social workers" in Sheet.objects.get(pk=sheet.pk).content["summary"]


def test_outdated_suggestion_is_shown_as_such_and_not_applied(client, sheet, ana, farid):
    suggestion = domain.suggest(sheet, by=farid, field="summary", passage="120", replacement="130")
    domain.save_version(sheet, by=ana, content={**sheet.content, "summary": "New"}, base_revision=1)
    client.force_login(ana)
    html = client.get(edit_url(sheet)).content.decode()
    assert "Outdated: the text changed since" in html
    url = reverse("practices:suggestion", args=["euromed", sheet.slug, suggestion.pk])
    response = client.post(url, {"action": "accept"}, follow=True)
    assert "This suggestion is outdated" in response.content.decode()
    assert Sheet.objects.get(pk=sheet.pk).content["summary"] == "New"


def test_versions_page_shows_a_word_diff(client, sheet, ana):
    domain.save_version(
        sheet,
        by=ana,
        content={**sheet.content, "advice": "Start from the needs of the members."},
        base_revision=1,
    )
    client.force_login(ana)
    html = client.get(
        reverse("practices:versions", args=["euromed", sheet.slug]), {"a": 1, "b": 2}
    ).content.decode()
    assert "<del>and motivation </del>" in html
    assert "<del>base</del><ins>members</ins>" in html


def test_restore_view_makes_a_new_version(client, sheet, ana):
    domain.save_version(sheet, by=ana, content={**sheet.content, "impact": "x"}, base_revision=1)
    client.force_login(ana)
    client.post(reverse("practices:restore", args=["euromed", sheet.slug, 1]), {"revision": 2})
    assert sheet.versions.count() == 3
    assert Sheet.objects.get(pk=sheet.pk).content["impact"] == TEXT["impact"]


def test_preview_renders_sanitised_markdown(client, sheet, ana):
    client.force_login(ana)
    response = client.post(
        reverse("practices:preview", args=["euromed", sheet.slug]),
        {"text": "**bold** <script>alert(1)</script>"},
    )
    assert response.content.decode() == (
        "<p><strong>bold</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
    )


def test_new_sheet_for_own_organisation_only(client, network, org_a, org_b, ana):
    client.force_login(ana)
    url = reverse("practices:new", args=["euromed"])
    response = client.post(url, {"title": "Advocacy", "organisation": org_b.pk, "language": "en",
                                 "level": "national"})  # fmt: skip
    assert response.status_code == 200
    assert Sheet.objects.count() == 0
    response = client.post(url, {"title": "Advocacy", "organisation": org_a.pk, "language": "en",
                                 "level": "national"})  # fmt: skip
    assert response.status_code == 302
    assert Sheet.objects.get().organisation == org_a


def test_docx_download_has_the_sheet(client, sheet, ana):
    client.force_login(ana)
    response = client.get(reverse("practices:docx", args=["euromed", sheet.slug]))
    document = Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Identifying victims together"
    assert "Impact of our participation in the network" in texts
    assert "Trainings in five cities" in texts
    assert Action.objects.filter(verb=Verb.EXPORT).count() == 1
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert section.header.paragraphs[0].text == "Euro-Mediterranean network — Good-practice sheet"
    assert section.footer.paragraphs[0].text == "Page 1 of 1"  # PAGE and NUMPAGES fields


@pytest.mark.parametrize("extra", [0, 12])
def test_edit_page_query_count_does_not_grow(
    client, sheet, ana, farid, extra, django_assert_max_num_queries
):
    for n in range(extra):
        domain.save_version(
            sheet,
            by=ana,
            content={**sheet.content, "results": f"r{n}"},
            base_revision=sheet.revision,
        )
        sheet.refresh_from_db()
        domain.suggest(sheet, by=farid, field="context", replacement=f"c{n}")
        domain.add_comment(sheet, by=farid, text=f"note {n}")
    client.force_login(ana)
    # The header's count of what waits for Ana is counted once (the lines of her waiting
    # page), then read from the cache until something changes (carnet.accounts.waiting).
    client.get(edit_url(sheet))
    # Each page also counts her unread notices (carnet.notices) and reads the network's
    # themes.
    with django_assert_max_num_queries(11):
        assert client.get(edit_url(sheet)).status_code == 200
    with django_assert_max_num_queries(16):  # 10, history (1), sources (2), header (2), themes (1)
        assert client.get(sheet.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(8):
        assert (
            client.get(reverse("practices:versions", args=["euromed", sheet.slug])).status_code
            == 200
        )


def test_sheet_page_ids_are_unique(client, sheet, ana):
    import re

    client.force_login(ana)
    html = client.get(sheet.get_absolute_url()).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert sorted({i for i in ids if ids.count(i) > 1}) == []


def test_coordinator_sees_what_blocks_publication(client, sheet, ana, farid, claire):
    domain.save_version(
        sheet,
        by=ana,
        content={**sheet.content, "contact": "Write to mira@example.org"},
        base_revision=1,
    )
    for state, person in [
        ("submitted", ana), ("in_review", farid), ("approved", farid), ("validated", ana)
    ]:  # fmt: skip
        domain.set_state(sheet, state, by=person)
    client.force_login(claire)
    response = client.post(
        reverse("practices:state", args=["euromed", sheet.slug]),
        {"state": "published", "confirmed": "1"},
        follow=True,
    )
    html = response.content.decode()
    assert "Not published: 1 point to check first" in html
    assert "Contact · E-mail address: mira@example.org" in html
    assert Sheet.objects.get(pk=sheet.pk).state == SheetState.VALIDATED


def test_publishing_a_sheet_confirms_first(client, sheet, ana, farid, claire):
    for state, person in [
        ("submitted", ana), ("in_review", farid), ("approved", farid), ("validated", ana)
    ]:  # fmt: skip
        domain.set_state(sheet, state, by=person)
    client.force_login(claire)
    url = reverse("practices:state", args=["euromed", sheet.slug])
    response = client.post(url, {"state": "published"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Publish “{sheet.title}”?" in html
    assert "with the name of Caritas Albania." in html
    assert Sheet.objects.get(pk=sheet.pk).state == SheetState.VALIDATED  # nothing published yet
    response = client.post(url, {"state": "published", "confirmed": "1"}, follow=True)
    assert "The sheet is now “Published”." in response.content.decode()
    assert Sheet.objects.get(pk=sheet.pk).state == SheetState.PUBLISHED


def test_only_who_may_publish_a_sheet_sees_its_confirmation(client, sheet, ana, farid):
    for state, person in [
        ("submitted", ana), ("in_review", farid), ("approved", farid), ("validated", ana)
    ]:  # fmt: skip
        domain.set_state(sheet, state, by=person)
    client.force_login(farid)
    response = client.post(
        reverse("practices:state", args=["euromed", sheet.slug]), {"state": "published"}
    )
    assert response.status_code == 403


def test_organisers_configure_the_template_of_the_exercise(client, network, org_a, ana, farid):
    from carnet.capitalisation.models import Exercise

    Exercise.objects.create(network=network, title="2019")
    client.force_login(farid)
    url = reverse("practices:template", args=["euromed"])
    form = client.get(url).context["form"]
    data = {}
    for name, field in form.fields.items():
        if name.endswith(("-guide", "-label", "-position")):
            data[name] = field.initial
        elif field.initial:
            data[name] = "on"
    del data["contact-use"]
    data.update({"results-required": "on", "results-guide": 120})
    response = client.post(url, data)
    assert response.status_code == 302
    sheet = make_sheet(network=network, organisation=org_a, by=ana)
    specs = {spec.key: spec for spec in sheet.template.specs}
    assert "contact" not in specs
    assert (specs["results"].required, specs["results"].guide) == (True, 120)
    client.force_login(ana)
    html = client.get(edit_url(sheet)).content.decode()
    assert 'name="contact"' not in html
    assert "About 120 words." in html


def test_template_needs_at_least_one_field(client, network, farid):
    client.force_login(farid)
    response = client.post(reverse("practices:template", args=["euromed"]), {})
    assert response.status_code == 200
    assert "Keep at least one field." in response.content.decode()


def test_translators_see_the_english_reference_beside_each_field(client, sheet, ana):
    french = domain.add_translation(sheet, by=ana, language="fr")
    client.force_login(ana)
    html = client.get(edit_url(french)).content.decode()
    assert (
        html.count('<details class="reference" lang="en" dir="ltr">') == 6
    )  # title and five fields
    assert "<li>Trainings in five cities</li>" in html


def test_preview_without_javascript_keeps_the_text_and_saves_nothing(client, sheet, ana):
    client.force_login(ana)
    response = client.post(edit_url(sheet), form_data(sheet, impact="**Much** more", preview="1"))
    html = response.content.decode()
    assert (
        '<div class="preview" role="group" aria-label="Preview"><p><strong>Much</strong> more</p>'
        in html
    )
    assert "**Much** more</textarea>" in html
    assert sheet.versions.count() == 1


def test_photo_upload_is_cleaned_and_needs_an_image(client, sheet, ana):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    client.force_login(ana)
    url = reverse("practices:photo", args=["euromed", sheet.slug])
    buffer = io.BytesIO()
    Image.new("RGB", (2400, 1200), (10, 120, 140)).save(buffer, "JPEG")
    response = client.post(
        url,
        {"image": SimpleUploadedFile("team.jpg", buffer.getvalue(), "image/jpeg"),
         "caption": "Training", "consent_scope": "publication", "consent_by": "Everyone shown"},
        follow=True,
    )  # fmt: skip
    assert "Photo added." in response.content.decode()
    photo = sheet.photos.get()
    assert (photo.width, photo.height, photo.may_publish) == (1600, 800, True)
    response = client.post(
        url,
        {"image": SimpleUploadedFile("x.jpg", b"not an image", "image/jpeg"),
         "consent_scope": "none"},
        follow=True,
    )  # fmt: skip
    assert "This file is not an image we accept" in response.content.decode()
    assert sheet.photos.count() == 1


def test_accepting_a_closed_suggestion_again_changes_nothing(client, sheet, ana, farid):
    suggestion = domain.suggest(sheet, by=farid, field="summary", passage="120", replacement="130")
    domain.reject(suggestion, by=ana)
    client.force_login(ana)
    url = reverse("practices:suggestion", args=["euromed", sheet.slug, suggestion.pk])
    response = client.post(url, {"action": "accept"}, follow=True)
    assert "Nothing changed." in response.content.decode()
    assert sheet.versions.count() == 1
