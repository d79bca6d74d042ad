from carnet.accounts.enums import RoleKind
from carnet.accounts.models import Invitation, Role
from carnet.capitalisation.enums import PhaseStatus
from carnet.demo.loader import load
from carnet.vocabulary import domain
from carnet.vocabulary.models import Term


def test_the_demo_has_euromed_s_lists_and_a_youth_network_with_its_own_words(db):
    ctx = load()
    euromed, youth = ctx["network"], ctx["youth"]
    assert domain.labels(euromed, "theme")["identification"] == "Identification of victims"
    assert "shared_diagnosis" in domain.labels(euromed, "reason_category")
    assert Term.objects.filter(network=euromed, kind="moment_tag").exists()
    assert domain.is_adjusted(euromed)  # Claire added a reason category that no item uses

    assert youth.slug == "youth" and not youth.is_published
    assert youth.description
    assert list(Role.objects.filter(network=youth).values_list("user__username", "kind")) == [
        ("yann", RoleKind.COORDINATOR)
    ]
    assert not Invitation.objects.filter(network=youth).exists()
    assert youth.memberships.count() == 4
    first = youth.exercises.get().phases.order_by("number").first()
    assert first.status == PhaseStatus.IN_PROGRESS
    assert domain.is_adjusted(youth)
    themes = dict(domain.choices(youth, "theme"))
    assert "Youth participation" in themes.values()
    assert themes["support"] == "Support to young people"
    assert "research" not in themes  # archived
    assert "identification" not in domain.labels(youth, "theme")


def test_loading_the_demo_again_leaves_the_youth_network_as_it_is(db):
    ctx = load()
    before = domain.labels(ctx["youth"], "theme")
    ctx = load()
    assert domain.labels(ctx["youth"], "theme") == before
    assert ctx["youth"].memberships.count() == 4
