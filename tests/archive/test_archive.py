import json
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from carnet.accounts.models import Action, Invitation, User
from carnet.archive import schema
from carnet.archive.exporter import export_network
from carnet.archive.importer import import_archive
from carnet.capitalisation.models import Evidence, Learning, Video
from carnet.networks.models import Network, Organisation
from carnet.practices.models import Sheet
from carnet.reports.domain import fingerprint
from carnet.reports.models import Validation
from carnet.timeline.models import Milestone
from tests.maintenance.conftest import make_instance  # noqa: F401 - another Carnet instance

from .normalise import load as read_document
from .normalise import normalise

# By their names in archives (a model that moved app keeps its old name: schema.label).
MODELS = {schema.label(model): model for model in apps.get_models(include_auto_created=True)}


@pytest.fixture
def other_instance(request):
    """Another Carnet, migrated, with its own database (on this run's engine) and media."""
    return request.getfixturevalue("make_instance")(superuser=False)


def test_export_import_export_into_another_database_gives_the_same_content(
    world, tmp_path, other_instance
):
    first = tmp_path / "first.zip"
    export_network(world, first)
    other_instance.carnet("archive", "import", str(first))
    second = tmp_path / "second.zip"
    other_instance.carnet("archive", "export", "euromed", "-o", str(second))

    a, b = read_document(first), read_document(second)
    assert normalise(a, MODELS) == normalise(b, MODELS)
    counts = {block["model"]: len(block["rows"]) for block in a["models"]}
    assert counts["reports.Validation"] == 2
    assert counts["accounts.Invitation"] == 2  # the demo's and ours, both pending
    assert counts["practices.SheetVersion"] == 13
    # The log's line about the demo's spreadsheet source (a kind archives do not carry) keeps
    # its words, not the kind, which an import would refuse.
    actions = next(x for x in a["models"] if x["model"] == "accounts.Action")["rows"]
    assert any(
        (row["fields"]["content_type"], row["fields"]["object_repr"]) == (None, "study-visits.xlsx")
        for row in actions
    )
    validations = next(x for x in b["models"] if x["model"] == "reports.Validation")["rows"]
    assert sorted(row["fields"]["holds"] for row in validations) == [False, True]
    with zipfile.ZipFile(first) as one, zipfile.ZipFile(second) as two:
        for name, meta in a["files"].items():
            assert one.read(f"files/{name}") == two.read(f"files/{name}")
            assert b["files"][name] == meta


def test_archive_leaves_out_passwords_tokens_and_instance_rights(world, tmp_path):
    path = tmp_path / "euromed.zip"
    document = export_network(world, path)
    users = next(block for block in document["models"] if block["model"] == "accounts.User")
    assert users["rows"]
    for row in users["rows"]:
        assert set(row["fields"]).isdisjoint({"password", "is_superuser", "is_staff", "last_login"})
    invitations = next(b for b in document["models"] if b["model"] == "accounts.Invitation")
    pending = Invitation.objects.filter(network=world).pending()
    assert sorted(row["fields"]["email"] for row in invitations["rows"]) == sorted(
        pending.values_list("email", flat=True)
    )
    assert "new.partner@example.org" in [row["fields"]["email"] for row in invitations["rows"]]
    assert all("token_hash" not in row["fields"] for row in invitations["rows"])
    with zipfile.ZipFile(path) as archive:
        assert json.loads(archive.read("archive.json"))["schema_version"] == 14
        logo = Organisation.objects.get(name="Caritas Albania").logo.name
        assert archive.read(f"files/{logo}") == b"\x89PNG not really"


def test_import_as_a_new_address_keeps_every_link(world, tmp_path):
    path = tmp_path / "euromed.zip"
    export_network(world, path)
    claire = User.objects.get(username="claire")
    password = claire.password
    users, organisations = User.objects.count(), Organisation.objects.count()

    call_command("archive", "import", str(path), "--as", "euromed-copy")

    copy = Network.objects.get(slug="euromed-copy")
    # People are matched by e-mail address, organisations by name and country, never
    # overwritten; the demo's admin has no e-mail address: a new person, under a free username.
    assert User.objects.count() == users + 1
    admin = User.objects.get(username="admin")
    assert User.objects.get(username="admin-2").date_joined == admin.date_joined
    assert Organisation.objects.count() == organisations
    claire.refresh_from_db()
    assert claire.password == password
    assert claire.roles.filter(network=copy).get().kind == "coordinator"
    # Foreign keys stay inside the copy.
    for sheet in Sheet.objects.filter(network=copy):
        assert sheet.template.network == copy
        if sheet.validated_version_id:
            assert sheet.validated_version.sheet == sheet
        if sheet.translation_of_id:
            assert sheet.translation_of.network == copy
    # Generic relations point to the copy's objects.
    evidence = Evidence.objects.filter(learning__network=copy)
    assert evidence.count() == Evidence.objects.filter(learning__network=world).count()
    for item in evidence:
        assert item.source is not None
        assert getattr(item.source, "network", copy) == copy
    for action in Action.objects.filter(network=copy).exclude(object_id=""):
        target = action.target
        if hasattr(target, "network"):
            assert target.network == copy, action
    # Ids inside JSON: the action log's evidence.
    lines = Action.objects.filter(network=copy, data__has_key="evidence")
    assert lines.exists()
    for line in lines:
        assert Evidence.objects.get(pk=line.data["evidence"]).learning.network == copy
    # The published synthesis links to the copy's sheets.
    pages = copy.published_syntheses.get().pages
    assert 'href="/euromed-copy/sheets/' in pages["en"] and 'href="/euromed/' not in pages["fr"]
    for line in Action.objects.filter(network=copy, data__has_key="sheet"):
        assert Sheet.objects.get(pk=line.data["sheet"]).network == copy
    # Validations still hold where they held, and no longer where the item had changed.
    validations = Validation.objects.filter(network=copy).order_by("pk")
    assert [v.fingerprint == fingerprint(v.item) for v in validations] == [True, False]
    # Files are copied under new names, never shared with the original.
    for video in Video.objects.filter(network=copy).exclude(file=""):
        original = Video.objects.get(network=world, title=video.title)
        assert video.file.name != original.file.name
        assert default_storage.open(video.file.name).read() == original.file.open().read()
    # The pending invitation cannot be used: its link was not carried.
    invitation = Invitation.objects.get(network=copy, email="new.partner@example.org")
    assert invitation.token_hash != "f" * 64
    # The archive's import is logged once (the demo's own imports of moments came with it).
    imports = Action.objects.filter(network=copy, verb="import")
    assert imports.count() == Action.objects.filter(network=world, verb="import").count() + 1


def test_new_people_get_an_unusable_password(world, tmp_path):
    path = tmp_path / "euromed.zip"
    export_network(world, path)
    ana = User.objects.get(username="ana")
    User.objects.filter(username="ana").delete()

    import_archive(path, slug="euromed-2")

    ana_again = User.objects.get(username="ana")
    assert ana_again.pk != ana.pk
    assert ana_again.email == ana.email
    assert not ana_again.has_usable_password()
    assert not ana_again.is_staff and not ana_again.is_superuser


# --- bad input: one clear line, nothing imported ---------------------------------------------


def rewrite(path, target, *, document=None, extra=()):
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as sink:
        for info in source.infolist():
            if info.filename == "archive.json" and document is not None:
                sink.writestr("archive.json", json.dumps(document(json.loads(source.read(info)))))
            else:
                sink.writestr(info, source.read(info))
        for name, content in extra:
            sink.writestr(name, content)
    return target


def media_files():
    root = Path(default_storage.location)
    return {p for p in root.rglob("*") if p.is_file()}


def refused(path, *args):
    networks, files = Network.objects.count(), media_files()
    with pytest.raises(CommandError) as caught:
        call_command("archive", "import", str(path), *args)
    assert Network.objects.count() == networks
    assert media_files() == files
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_import_refuses_an_archive_from_a_newer_schema(archive_path, tmp_path):
    newer = rewrite(
        archive_path, tmp_path / "newer.zip", document=lambda d: {**d, "schema_version": 99}
    )
    assert refused(newer) == (
        f"{newer} was written by a newer Carnet (archive schema 99; this one reads up to 14): "
        "upgrade Carnet first"
    )


def test_import_refuses_a_truncated_zip(archive_path, tmp_path):
    truncated = tmp_path / "truncated.zip"
    content = archive_path.read_bytes()
    truncated.write_bytes(content[: len(content) // 2])
    assert refused(truncated) == (
        f"{truncated} is not a Carnet archive (not a zip file, or a truncated one)"
    )


@pytest.mark.parametrize("name", ["../escaped.txt", "files/../../escaped.txt", "/tmp/absolute.txt"])
def test_import_refuses_paths_escaping_the_folder(archive_path, tmp_path, name):
    evil = rewrite(archive_path, tmp_path / "evil.zip", extra=[(name, b"gotcha")])
    assert refused(evil) == f"{evil} holds an unsafe file name ({name}): refused"
    assert not (tmp_path / "escaped.txt").exists()


def test_import_refuses_a_listed_file_escaping_the_media_folder(archive_path, tmp_path):
    def escape(document):
        document["files"]["../../outside.txt"] = {"size": 1, "sha256": "0"}
        return document

    evil = rewrite(archive_path, tmp_path / "evil.zip", document=escape)
    assert refused(evil) == f"{evil} holds an unsafe file name (../../outside.txt): refused"


def test_import_refuses_a_file_that_is_not_an_archive(db, tmp_path):
    text = tmp_path / "notes.zip"
    text.write_text("just some notes")
    assert refused(text) == f"{text} is not a Carnet archive (not a zip file, or a truncated one)"
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert refused(other) == f"{other} is not a Carnet archive (no archive.json)"


def test_import_refuses_a_network_address_that_exists(world, tmp_path):
    path = tmp_path / "euromed.zip"
    export_network(world, path)
    assert refused(path) == (
        "A network “euromed” already exists here: nothing imported (use --as NEWSLUG to import "
        "it under another address)"
    )


def test_import_is_all_or_nothing_when_a_row_is_broken(archive_path, tmp_path):
    def break_a_link(document):
        block = next(b for b in document["models"] if b["model"] == "practices.SheetVersion")
        block["rows"][-1]["fields"]["sheet"] = 999999
        return document

    broken = rewrite(archive_path, tmp_path / "broken.zip", document=break_a_link)
    assert refused(broken, "--as", "euromed-2").startswith(
        "The archive is inconsistent: practices.SheetVersion"
    )
    assert not Learning.objects.filter(network__slug="euromed-2").exists()


def test_import_removes_the_files_it_wrote_when_a_later_file_is_damaged(archive_path, tmp_path):
    def damage_last_file(document):
        last = sorted(document["files"])[-1]
        document["files"][last]["sha256"] = "0" * 64
        return document

    damaged = rewrite(archive_path, tmp_path / "damaged.zip", document=damage_last_file)
    assert refused(damaged, "--as", "euromed-2").startswith("The archive is damaged: ")
    assert ContentType.objects.exists()


def test_import_refuses_a_malformed_row(archive_path, tmp_path):
    era = {}

    def bad_date(document):
        block = next(b for b in document["models"] if b["model"] == "timeline.Era")
        block["rows"][0]["fields"]["start"] = "not a date"
        era["id"] = block["rows"][0]["id"]
        return document

    broken = rewrite(archive_path, tmp_path / "bad.zip", document=bad_date)
    message = refused(broken, "--as", "euromed-2")
    assert message == (
        f"Cannot import timeline.Era {era['id']}: start: “not a date” value has an invalid date "
        "format. It must be in YYYY-MM-DD format."
    )


def test_export_holds_nothing_of_another_network(world, tmp_path):
    from tests.factories import NetworkFactory, OrganisationFactory

    other = NetworkFactory(slug="other", name="Another network")
    stranger = OrganisationFactory(name="Stranger organisation", country="FR")
    Milestone.objects.create(
        network=other, slug="theirs", title="Their own moment", start_date="2014-01-01"
    )
    other.roles.create(user=User.objects.create(username="oscar-x"), kind="coordinator")
    path = tmp_path / "euromed.zip"
    export_network(world, path)
    with zipfile.ZipFile(path) as archive:
        text = archive.read("archive.json").decode()
    for name in ("Another network", "Stranger organisation", "Their own moment", "oscar-x"):
        assert name not in text
    assert stranger.pk
