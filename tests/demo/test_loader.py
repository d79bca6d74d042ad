from django.db.models import Count

from carnet.accounts.enums import RoleKind
from carnet.accounts.models import Role, User
from carnet.demo.loader import load
from carnet.networks.models import Membership, MembershipReason, Network, Organisation


def counts():
    return {
        model.__name__: model.objects.count()
        for model in [Network, Organisation, Membership, MembershipReason, User, Role]
    }


def test_loading_twice_gives_the_same_counts(db):
    load()
    first = counts()
    load()
    assert counts() == first
    assert first == {
        "Network": 2,  # euromed, and youth half-way through its set-up
        "Organisation": 17,
        "Membership": 17,
        "MembershipReason": 16,
        "User": 7,
        "Role": 6,
    }


def test_demo_has_a_user_per_role_and_former_members(db):
    ctx = load()
    network = ctx["network"]
    assert network.slug == "euromed"
    roles = dict(Role.objects.filter(network=network).values_list("user__username", "kind"))
    assert roles == {
        "claire": RoleKind.COORDINATOR,
        "farid": RoleKind.FACILITATOR,
        "ana": RoleKind.PARTNER_EDITOR,
        "bora": RoleKind.PARTNER_EDITOR,
        "vera": RoleKind.VIEWER,
    }
    assert network.memberships.former().count() == 4
    assert network.memberships.filter(role="pilot").get().organisation.country.code == "FR"
    kinds = dict(
        MembershipReason.objects.values("kind").annotate(n=Count("id")).values_list("kind", "n")
    )
    assert kinds == {"join": 5, "stay": 7, "leave": 4}


def test_demo_keeps_what_people_changed_in_the_meantime(db):
    load()
    ana = User.objects.get(username="ana")
    ana.set_password("ana-changed-it")
    ana.display_name = "Ana L."
    ana.save()
    load()
    ana.refresh_from_db()
    assert ana.display_name == "Ana L."
    assert ana.check_password("ana-changed-it")


def test_demo_exercise_is_dated_2019_2020(db):
    exercise = load()["exercise"]
    phases = list(exercise.phases.all())
    assert len(phases) == 5
    assert phases[0].actual_start.isoformat() == "2019-09-02"
    assert phases[-1].planned_end.isoformat() == "2020-02-28"
    assert exercise.progress == 80


def test_the_demo_publishes_its_reasons_through_the_check(client, db):
    load()
    assert MembershipReason.objects.filter(is_published=False).count() == 0
    html = client.get("/euromed/").content.decode()
    assert MembershipReason.objects.first().statement in html


def test_the_demo_coordinator_sees_the_set_up_checklist_done(client, db):
    from carnet.networks import setup

    ctx = load()
    tasks = setup.checklist(ctx["network"])
    assert [task.step.key for task in tasks if not task.done] == []
    kinds = set(MembershipReason.objects.values_list("source_kind", flat=True))
    assert kinds == {"interview", "document", "other"}  # workshops are "other"
    client.force_login(User.objects.get(username="claire"))
    html = client.get("/euromed/").content.decode()
    assert "set-up is complete." in html and "Set up the network" not in html
