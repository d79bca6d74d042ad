import io

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from carnet.accounts.domain import record
from carnet.accounts.enums import Verb
from carnet.accounts.models import Action

FORM = {
    "name": "Caritas Albania",
    "short_name": "CA",
    "city": "Shkodër",
    "website": "https://caritas.example.al",
    "description": "Works with victims since 2001.",
}


def jpeg_with_gps():
    exif = Image.Exif()
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (41.0, 19.0, 48.0)
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), "red").save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("logo.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_organisation_page_shows_the_profile_to_anyone_when_published(client, org_a, ana):
    org_a.website = "https://caritas.example.al"
    org_a.save()
    response = client.get(f"/euromed/organisations/{org_a.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Caritas Albania" in html
    assert 'href="https://caritas.example.al"' in html
    assert "since 2011" in html
    assert response.context["people"] == []  # names of people: members only
    assert "Edit the profile" not in html


def test_organisation_page_lists_its_people_and_history_to_members(client, org_a, ana, vera):
    record(Verb.CHANGE, org_a, by=ana, network=ana.roles.get().network, organisation=org_a)
    client.force_login(vera)
    response = client.get(f"/euromed/organisations/{org_a.pk}/")
    assert [p.username for p in response.context["people"]] == ["ana"]
    html = response.content.decode()
    assert "History" in html and "changed" in html


def test_organisation_of_another_network_is_not_found(client, network, org_c, claire):
    client.force_login(claire)
    assert client.get(f"/euromed/organisations/{org_c.pk}/").status_code == 404
    assert client.get(f"/other/organisations/{org_c.pk}/").status_code == 404


def test_partner_editor_edits_own_organisation_with_a_logo(client, ana, org_a):
    client.force_login(ana)
    response = client.post(
        f"/euromed/organisations/{org_a.pk}/edit/", {**FORM, "logo_upload": jpeg_with_gps()}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/euromed/organisations/{org_a.pk}/"
    org_a.refresh_from_db()
    assert (org_a.short_name, org_a.city, org_a.description) == (
        "CA",
        "Shkodër",
        "Works with victims since 2001.",
    )
    assert org_a.logo.name.startswith("logos/") and org_a.logo.name.endswith("/logo.jpg")
    with default_storage.open(org_a.logo.name) as stored, Image.open(stored) as image:
        assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
        assert dict(image.getexif()) == {}
    action = Action.objects.get(verb=Verb.CHANGE)
    assert (action.actor, action.organisation, action.network.slug, action.data) == (
        ana,
        org_a,
        "euromed",
        {"fields": ["city", "description", "logo", "short_name", "website"]},
    )
    page = client.get(f"/euromed/organisations/{org_a.pk}/").content.decode()
    assert f'src="/media/{org_a.logo.name}"' in page
    assert client.get(f"/media/{org_a.logo.name}").status_code == 200


def test_a_bad_logo_is_refused_and_the_form_keeps_what_was_typed(client, ana, org_a):
    client.force_login(ana)
    fake = SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image", content_type="image/png")
    response = client.post(
        f"/euromed/organisations/{org_a.pk}/edit/", {**FORM, "logo_upload": fake}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "logo_upload": ["This file is not an image we accept (GIF, JPG, PNG, WEBP)."]
    }
    html = response.content.decode()
    assert 'value="Shkodër"' in html
    assert "Works with victims since 2001." in html
    org_a.refresh_from_db()
    assert (org_a.city, org_a.logo.name) == ("Tirana", "")
    assert Action.objects.exclude(verb=Verb.LOGIN).count() == 0


def test_coordinator_edits_any_organisation_of_the_network(client, claire, org_b):
    client.force_login(claire)
    response = client.post(f"/euromed/organisations/{org_b.pk}/edit/", {**FORM, "name": "CAM"})
    assert response.status_code == 302
    org_b.refresh_from_db()
    assert org_b.name == "CAM"


def test_partner_editor_cannot_edit_another_organisation(client, ana, org_b):
    client.force_login(ana)
    response = client.post(f"/euromed/organisations/{org_b.pk}/edit/", FORM)
    assert response.status_code == 403
    org_b.refresh_from_db()
    assert org_b.name == "Caritas Armenia"


def test_removing_the_logo(client, claire, org_a):
    client.force_login(claire)
    client.post(
        f"/euromed/organisations/{org_a.pk}/edit/", {**FORM, "logo_upload": jpeg_with_gps()}
    )
    client.post(f"/euromed/organisations/{org_a.pk}/edit/", {**FORM, "remove_logo": "on"})
    org_a.refresh_from_db()
    assert org_a.logo.name == ""


def test_network_page_links_to_organisation_pages(client, org_a):
    html = client.get("/euromed/").content.decode()
    assert f'<a href="/euromed/organisations/{org_a.pk}/">Caritas Albania</a>' in html
