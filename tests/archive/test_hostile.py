"""An archive accepts only what the format documents: the schema's models, rows valid like a
form, HTML sanitised again; bad input gets one line (never a traceback). People it creates
can set their password with "forgot password"."""

import json
import re
import zipfile

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse

from carnet.accounts.models import User
from carnet.archive.importer import MAX_DEPTH
from carnet.capitalisation.models import PublishedSynthesis
from carnet.reports.models import ReportVersion

from .test_archive import refused, rewrite
from .test_limits import DOCUMENT, make_zip

SCRIPT = '<script>alert("gotcha")</script><img src="x" onerror="alert(1)">'


def block(document, model):
    return next(b for b in document["models"] if b["model"] == model)


def test_import_refuses_rows_of_a_model_the_format_does_not_carry(archive_path, tmp_path):
    def lock_claire_out(document):
        document["models"].append(
            {
                "model": "axes.AccessAttempt",
                "rows": [
                    {
                        "id": 1,
                        "fields": {
                            "username": "claire",
                            "ip_address": "127.0.0.1",
                            "failures_since_start": 999,
                            "attempt_time": "2099-01-01T00:00:00+00:00",
                        },
                    }
                ],
            }
        )
        return document

    evil = rewrite(archive_path, tmp_path / "evil.zip", document=lock_claire_out)
    assert refused(evil, "--as", "euromed-2") == (
        "The archive holds a kind of data that a Carnet archive does not carry: axes.AccessAttempt"
    )
    assert not AccessAttempt.objects.exists()


def test_import_refuses_a_generic_link_to_a_model_the_format_does_not_carry(archive_path, tmp_path):
    def point_to_sessions(document):
        block(document, "accounts.Action")["rows"][0]["fields"]["content_type"] = "sessions.session"
        return document

    evil = rewrite(archive_path, tmp_path / "evil.zip", document=point_to_sessions)
    assert refused(evil, "--as", "euromed-2") == (
        "The archive holds a kind of data that a Carnet archive does not carry: sessions.session"
    )


@pytest.mark.parametrize(
    ("model", "field", "value", "reason"),
    [
        ("practices.Sheet", "state", "hacked", "state: Value 'hacked' is not a valid choice."),
        (
            "timeline.Milestone",
            "title",
            "x" * 5000,
            "title: Ensure this value has at most 200 characters (it has 5000).",
        ),
        ("timeline.Milestone", "title", "", "title: This field cannot be blank."),
        ("networks.Network", "is_published", "perhaps", "is_published: “perhaps” value must be"),
    ],
    ids=["choice", "length", "blank", "type"],
)
def test_import_validates_every_row_like_a_form(
    archive_path, tmp_path, model, field, value, reason
):
    row = {}

    def spoil(document):
        row.update(block(document, model)["rows"][0])
        row["fields"][field] = value
        return document

    bad = rewrite(archive_path, tmp_path / "bad.zip", document=spoil)
    assert refused(bad, "--as", "euromed-2").startswith(
        f"Cannot import {model} {row['id']}: {reason}"
    )


def test_import_sanitises_the_stored_html_of_the_synthesis_and_report(
    archive_path, tmp_path, client
):
    def inject(document):
        pages = block(document, "capitalisation.PublishedSynthesis")["rows"][0]["fields"]["pages"]
        for language in pages:
            pages[language] = f"<p>Learned</p>{SCRIPT}" + pages[language]
        versions = block(document, "reports.ReportVersion")["rows"]
        version = next(row for row in versions if row["fields"]["content"].get("assets"))
        assets = version["fields"]["content"]["assets"]
        name = next(iter(assets))
        assets[name] = assets[name].replace("<title", '<script>alert("svg")</script><title')
        assets[name] = assets[name].replace("<svg ", '<svg onload="alert(2)" ')
        return document

    evil = rewrite(archive_path, tmp_path / "evil.zip", document=inject)
    from carnet.archive.importer import import_archive

    network = import_archive(evil, slug="euromed-2").network
    published = PublishedSynthesis.objects.get(network=network)
    for html in published.pages.values():
        assert html.startswith("<p>Learned</p>")
        assert "<script" not in html and "onerror" not in html and "<img" not in html
        assert "<svg" in html  # the charts stay
    assets = [
        svg
        for version in ReportVersion.objects.filter(report__network=network)
        for svg in version.content.get("assets", {}).values()
    ]
    assert assets and all("<svg" in svg for svg in assets)
    assert not any("<script" in svg or "onload" in svg for svg in assets)
    client.force_login(User.objects.get(username="claire"))
    page = client.get(reverse("capitalisation:synthesis_public", args=["euromed-2"]))
    assert page.status_code == 200
    assert "alert(" not in page.content.decode()


def test_people_created_by_an_import_can_use_forgot_password(world, tmp_path, client):
    from carnet.archive.exporter import export_network
    from carnet.archive.importer import import_archive

    path = tmp_path / "euromed.zip"
    export_network(world, path)
    email = User.objects.get(username="ana").email
    User.objects.filter(username="ana").delete()
    import_archive(path, slug="euromed-2")
    ana = User.objects.get(username="ana")
    assert not ana.has_usable_password()

    mail.outbox.clear()
    response = client.post("/accounts/password/reset/", {"email": email.upper()})
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[email]]
    link = re.search(r"https?://\S+(/accounts/password/reset/\S+/)", mail.outbox[0].body)
    form = client.get(link.group(1), follow=True)
    new = "a-new-password-for-ana-1"
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True
    )
    assert done.status_code == 200
    ana.refresh_from_db()
    assert ana.check_password(new)


# --- bad input: one line, never a traceback -----------------------------------------------


@pytest.mark.parametrize(
    "data",
    ["[" * 200_000, '{"a": ' * 100_000, json.dumps({"deep": json.loads("[" * 150 + "]" * 150)})],
    ids=["deep-list", "deep-object", "deep-but-parsed"],
)
def test_import_refuses_deeply_nested_json_in_one_line(db, tmp_path, data):
    if data.startswith('{"deep"'):
        document = json.loads(DOCUMENT)
        document["models"] = [{"model": "timeline.Era", "rows": [json.loads(data)]}]
        data = json.dumps(document)
    path = make_zip(tmp_path / "deep.zip", {"archive.json": data})
    assert refused(path) == (
        f"{path} is not a Carnet archive (archive.json nests deeper than {MAX_DEPTH} levels)"
    )


def test_import_refuses_an_over_long_member_name_in_one_line(db, tmp_path):
    name = "files/" + "a" * 60_000 + ".txt"
    path = make_zip(tmp_path / "long.zip", {name: b"x"})
    message = refused(path)
    assert message == (
        f"{path} holds a file name of 60010 characters ({name[:60]}…), longer than Carnet "
        "accepts: refused"
    )


def test_import_refuses_a_listed_file_whose_name_no_file_system_takes(archive_path, tmp_path):
    name = "documents/x/" + "a" * 300 + ".pdf"

    def add_file(document):
        document["files"][name] = {"size": 1, "sha256": "0" * 64}
        return document

    evil = rewrite(archive_path, tmp_path / "evil.zip", document=add_file)
    with zipfile.ZipFile(evil, "a") as archive:
        archive.writestr(f"files/{name}", b"x")
    member = f"files/{name}"
    assert refused(evil, "--as", "euromed-2") == (
        f"{evil} holds a file name of 322 characters ({member[:60]}…), longer than Carnet "
        "accepts: refused"
    )
