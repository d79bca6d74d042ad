import pytest
from django.core.exceptions import ValidationError

from carnet.networks.domain import create_network
from carnet.networks.models import MembershipReason
from carnet.practices.models import Sheet
from carnet.practices.outputs import pdf_data
from carnet.vocabulary import domain
from carnet.vocabulary.defaults import LEGACY, NEUTRAL
from carnet.vocabulary.enums import TermKind
from carnet.vocabulary.models import Term

from ..capitalisation.factories import LearningFactory
from ..factories import NetworkFactory, UserFactory
from ..practices.factories import make_sheet
from ..timeline.factories import MilestoneFactory


def theme(network, key):
    return Term.objects.get(network=network, kind=TermKind.THEME, key=key)


@pytest.fixture
def founder(db):
    return UserFactory(username="yann")


def test_a_new_network_gets_the_neutral_set_not_the_anti_trafficking_lists(founder):
    network = create_network(name="Youth network", slug="youth", by=founder)
    for kind in TermKind:
        keys = list(Term.objects.of(network, kind).values_list("key", flat=True))
        assert keys == [key for key, _label in NEUTRAL[kind]], kind
    themes = domain.labels(network, TermKind.THEME)
    assert "Support to people" in themes.values()
    assert "identification" not in themes  # "Identification of victims" is the demo's word
    assert not domain.is_adjusted(network)


def test_labels_are_stored_in_the_network_s_first_language(founder):
    network = create_network(name="Réseau", slug="reseau", languages="fr, en", by=founder)
    assert theme(network, "prevention").label == "Prévention"


def test_seeding_again_keeps_what_the_coordinator_changed(claire, network):
    term = theme(network, "prevention")
    domain.rename_term(term, "Preventing exploitation", by=claire)
    domain.seed_legacy(network)
    assert theme(network, "prevention").label == "Preventing exploitation"
    assert Term.objects.of(network, TermKind.THEME).count() == len(LEGACY[TermKind.THEME])


def test_renaming_a_theme_changes_the_word_on_every_sheet_using_it(claire, network, org_a, ana):
    sheet = make_sheet(network=network, organisation=org_a, by=ana, themes=["prevention"])
    domain.rename_term(theme(network, "prevention"), "Preventing exploitation", by=claire)
    sheet = Sheet.objects.get(pk=sheet.pk)
    assert sheet.themes == ["prevention"]  # the key stays
    assert sheet.theme_labels() == ["Preventing exploitation"]
    data, _photo = pdf_data(sheet)
    assert "Preventing exploitation" in data["tags"]
    assert domain.is_adjusted(network)


def test_renaming_a_category_changes_learnings_and_reasons(claire, network, org_a):
    learning = LearningFactory(network=network, category="coordination")
    membership = network.memberships.get(organisation=org_a)
    reason = MembershipReason.objects.create(
        membership=membership, kind="join", category="other", statement="We wanted to."
    )
    coordination = Term.objects.get(network=network, kind="learning_category", key="coordination")
    other = Term.objects.get(network=network, kind="reason_category", key="other")
    domain.rename_term(coordination, "Working together", by=claire)
    domain.rename_term(other, "Something else", by=claire)
    learning.refresh_from_db()
    assert learning.get_category_display() == "Working together"
    assert MembershipReason.objects.get(pk=reason.pk).get_category_display() == "Something else"


def test_an_archived_theme_stays_on_old_sheets_and_leaves_the_choices(claire, network, org_a, ana):
    sheet = make_sheet(network=network, organisation=org_a, by=ana, themes=["identification"])
    term = theme(network, "identification")
    domain.set_archived(term, True, by=claire)
    offered = dict(domain.choices(network, TermKind.THEME))
    assert "identification" not in offered
    assert "identification" in dict(domain.choices(network, TermKind.THEME, keep=sheet.themes))
    assert Sheet.objects.get(pk=sheet.pk).theme_labels() == ["Identification of victims"]
    domain.set_archived(term, False, by=claire)
    assert "identification" in dict(domain.choices(network, TermKind.THEME))


def test_deleting_a_term_in_use_is_refused_archive_it_instead(claire, network, org_a, ana):
    make_sheet(network=network, organisation=org_a, by=ana, themes=["advocacy"])
    term = theme(network, "advocacy")
    with pytest.raises(ValidationError, match="archive it instead"):
        domain.delete_term(term, by=claire)
    assert Term.objects.filter(pk=term.pk).exists()


def test_deleting_an_unused_term_removes_it(claire, network):
    term = theme(network, "sustainability")
    domain.delete_term(term, by=claire)
    assert not Term.objects.filter(pk=term.pk).exists()


def test_usage_counts_items_of_each_kind_in_the_network_only(claire, network, org_a, ana):
    LearningFactory(network=network, category="method")
    MilestoneFactory(network=network, tags="Founding, Training")
    elsewhere = NetworkFactory(slug="elsewhere")
    LearningFactory(network=elsewhere, category="method")
    domain.add_tags_in_use(network)
    method = Term.objects.get(network=network, kind="learning_category", key="method")
    training = Term.objects.get(network=network, kind="moment_tag", key="training")
    assert (domain.usage(method), domain.usage(training)) == (1, 1)
    with pytest.raises(ValidationError):
        domain.delete_term(training, by=claire)


def test_adding_refuses_a_label_already_in_the_list(claire, network):
    with pytest.raises(ValidationError, match="already in the list"):
        domain.add_term(network, TermKind.THEME, "  prevention ", by=claire)
    domain.set_archived(theme(network, "capacity"), True, by=claire)
    with pytest.raises(ValidationError, match="restore it instead"):
        domain.add_term(network, TermKind.THEME, "Capacity building", by=claire)


def test_an_added_term_gets_a_stable_key_and_goes_last(claire, network):
    term = domain.add_term(network, TermKind.THEME, "Labour exploitation", by=claire)
    domain.rename_term(term, "Exploitation at work", by=claire)
    term.refresh_from_db()
    assert term.key == "labour-exploitation"
    assert list(domain.labels(network, TermKind.THEME).values())[-1] == "Exploitation at work"


def test_moving_a_term_changes_the_order_of_the_list(claire, network):
    domain.move_term(theme(network, "prevention"), -1, by=claire)
    assert list(domain.labels(network, TermKind.THEME))[:2] == ["prevention", "identification"]


def test_moment_tags_typed_as_a_term_are_stored_as_its_key(claire, network):
    domain.add_term(network, TermKind.MOMENT_TAG, "Joint training", by=claire)
    assert domain.normalise_tags(network, "joint training, Fundraising") == (
        "joint-training, Fundraising"
    )
    term = Term.objects.get(network=network, kind="moment_tag", key="joint-training")
    domain.rename_term(term, "Shared training", by=claire)
    moment = MilestoneFactory(network=network, tags="joint-training, Fundraising")
    assert moment.tag_labels == ["Shared training", "Fundraising"]


def test_is_adjusted_is_per_network(claire, network, founder):
    youth = create_network(name="Youth network", slug="youth", by=founder)
    domain.add_term(network, TermKind.THEME, "Labour exploitation", by=claire)
    assert domain.is_adjusted(network)
    assert not domain.is_adjusted(youth)
