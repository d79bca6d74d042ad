"""People on import: matched by e-mail address only; otherwise created, never changed."""

from io import StringIO

from django.core.management import call_command

from carnet.accounts.models import Action, Role, User
from carnet.networks.models import Network
from carnet.practices.models import Comment, SheetVersion, Suggestion
from carnet.reports.models import Validation

from .test_archive import rewrite

# Every link to a person the demo network has: (model, field, path to the network).
LINKS = [
    (Role, "user", "network"),
    (Validation, "by", "network"),
    (SheetVersion, "author", "sheet__network"),
    (Suggestion, "author", "sheet__network"),
    (Comment, "author", "sheet__network"),
    (Action, "actor", "network"),
]


def people_rows(document):
    return next(b for b in document["models"] if b["model"] == "accounts.User")["rows"]


def change_person(name, **fields):
    def change(document):
        row = next(r for r in people_rows(document) if r["fields"]["username"] == name)
        row["fields"].update(fields)
        return document

    return change


def import_as(path, slug):
    out = StringIO()
    call_command("archive", "import", str(path), "--as", slug, stdout=out)
    return out.getvalue()


def links_to(person, network):
    return {
        model._meta.label: model.objects.filter(**{field: person, path: network}).count()
        for model, field, path in LINKS
    }


def test_a_username_taken_by_another_person_gets_a_derived_one(world, archive_path, tmp_path):
    def change(document):
        # claire of the archive is not the claire here; farid of the archive has no e-mail.
        change_person("claire", email="claire@elsewhere.example.net")(document)
        return change_person("farid", email="")(document)

    path = rewrite(archive_path, tmp_path / "other.zip", document=change)
    claire, farid = User.objects.get(username="claire"), User.objects.get(username="farid")
    before = {
        person.pk: (
            person.email,
            person.password,
            person.display_name,
            [(r.network_id, r.organisation_id) for r in person.roles.all()],
        )
        for person in (claire, farid)
    }
    User.objects.create(username="Claire-2", email="someone.else@example.org")  # taken too
    people = User.objects.count()

    output = import_as(path, "euromed-2")

    copy = Network.objects.get(slug="euromed-2")
    # claire, farid, and the demo's admin (who has no e-mail address) are new people.
    assert User.objects.count() == people + 3
    new_claire = User.objects.get(username="claire-3")
    new_farid = User.objects.get(username="farid-2")
    assert new_claire.email == "claire@elsewhere.example.net"
    assert new_farid.email == ""
    for person in (new_claire, new_farid):
        assert not person.has_usable_password()
        assert not person.is_staff and not person.is_superuser
    # The people here are unchanged and get nothing of the copy.
    for person in (claire, farid):
        person.refresh_from_db()
        assert before[person.pk] == (
            person.email,
            person.password,
            person.display_name,
            [(r.network_id, r.organisation_id) for r in person.roles.all()],
        )
        assert set(links_to(person, copy).values()) == {0}
    # Every link of the archive's claire and farid points to the new people.
    assert links_to(new_claire, copy) == links_to(claire, world)
    assert links_to(new_farid, copy) == links_to(farid, world)
    assert links_to(new_claire, copy)["accounts.Role"] == 1
    assert links_to(new_claire, copy)["reports.Validation"] == 2
    assert links_to(new_farid, copy)["practices.SheetVersion"] > 0
    assert new_claire.roles.get(network=copy).kind == claire.roles.get(network=world).kind
    # The summary says what happened.
    matched = len(people_rows(read_archive(path))) - 3
    lines = output.splitlines()
    assert lines[1] == f"People matched by e-mail address: {matched}; created: 3"
    assert sorted(lines[2:]) == [
        "Username “admin” is taken here: imported as “admin-2”",
        "Username “claire” is taken here: imported as “claire-3”",
        "Username “farid” is taken here: imported as “farid-2”",
    ]


def test_the_same_email_in_another_case_is_matched(world, archive_path, tmp_path):
    path = rewrite(
        archive_path,
        tmp_path / "case.zip",
        document=change_person("ana", email="ANA@Example.ORG", username="ana.elsewhere"),
    )
    ana = User.objects.get(username="ana")
    assert ana.email == "ana@example.org"
    people = User.objects.count()

    output = import_as(path, "euromed-2")

    copy = Network.objects.get(slug="euromed-2")
    assert User.objects.count() == people + 1  # the demo's admin, who has no e-mail address
    assert not User.objects.filter(username="ana.elsewhere").exists()
    assert ana.roles.filter(network=copy).exists()
    assert links_to(ana, copy) == links_to(ana, world)
    matched = len(people_rows(read_archive(path))) - 1
    assert output.splitlines()[1:] == [
        f"People matched by e-mail address: {matched}; created: 1",
        "Username “admin” is taken here: imported as “admin-2”",
    ]


def read_archive(path):
    from .normalise import load

    return load(path)
