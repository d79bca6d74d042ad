import datetime

import pytest

from carnet.accounts.enums import Verb
from carnet.accounts.models import Action
from carnet.safeguarding.domain import confirm, flags_for
from carnet.safeguarding.enums import ConsentScope, FlagKind
from carnet.timeline import domain
from carnet.timeline.enums import MilestoneState
from carnet.timeline.models import Milestone, Vote

from .factories import EraFactory, MilestoneFactory, TranslationFactory, VoteFactory


def test_propose_saves_a_proposal_of_the_person_and_logs_it(network, ana):
    milestone = Milestone(
        network=network, title="First meeting in Tirana", start_date=datetime.date(2011, 3, 1)
    )
    domain.propose(milestone, by=ana)
    milestone.refresh_from_db()
    assert (milestone.state, milestone.slug, milestone.organisation) == (
        "proposed",
        "first-meeting-in-tirana",
        ana.organisation_in(network),
    )
    assert milestone.proposed_by == ana
    assert list(Action.objects.values_list("verb", "object_repr")) == [
        ("create", "First meeting in Tirana")
    ]


def test_unique_slug_adds_a_number(network):
    MilestoneFactory(network=network, slug="geneva")
    assert domain.unique_slug(network, "Geneva") == "geneva-2"


def test_set_state_follows_the_transitions(network, farid):
    milestone = MilestoneFactory(network=network)
    with pytest.raises(domain.TransitionRefused):
        domain.set_state(milestone, MilestoneState.PUBLISHED, by=farid)
    domain.set_state(milestone, MilestoneState.ACCEPTED, by=farid)
    assert Milestone.objects.get().state == "accepted"
    assert Action.objects.get().data == {"from": "proposed", "to": "accepted", "note": ""}


def test_publishing_is_blocked_by_open_flags_until_checked(network, claire):
    milestone = MilestoneFactory(
        network=network,
        state=MilestoneState.ACCEPTED,
        text="Call Mrs Jana Novak on +355 69 123 4567.",
    )
    with pytest.raises(domain.TransitionRefused, match="open safeguarding flags"):
        domain.set_state(milestone, MilestoneState.PUBLISHED, by=claire)
    assert Milestone.objects.get().state == "accepted"
    flags = list(flags_for(milestone))
    assert sorted(f.kind for f in flags) == ["name", "phone"]
    for flag in flags:
        confirm(flag, by=claire)
    domain.set_state(milestone, MilestoneState.PUBLISHED, by=claire)
    assert Milestone.objects.get().state == "published"
    assert Action.objects.filter(verb=Verb.PUBLISH).count() == 1


def test_an_image_without_consent_blocks_publication(network, claire, tmp_path):
    milestone = MilestoneFactory(network=network, state=MilestoneState.ACCEPTED)
    milestone.image.name = "timeline/x/photo.jpg"
    milestone.save()
    with pytest.raises(domain.TransitionRefused):
        domain.set_state(milestone, MilestoneState.PUBLISHED, by=claire)
    assert [f.kind for f in flags_for(milestone)] == [FlagKind.CONSENT]
    milestone.consent_scope = ConsentScope.PUBLICATION
    milestone.consent_by = "The people in the photo"
    milestone.save()
    domain.set_state(milestone, MilestoneState.PUBLISHED, by=claire)
    assert Milestone.objects.get().image_is_public is True


def test_publishing_needs_a_published_network(other_network, oscar):
    milestone = MilestoneFactory(network=other_network, state=MilestoneState.ACCEPTED)
    with pytest.raises(domain.TransitionRefused, match="Publish the network first."):
        domain.set_state(milestone, MilestoneState.PUBLISHED, by=oscar)


def test_vote_is_one_per_organisation_and_can_be_withdrawn(network, ana, org_a):
    milestone = MilestoneFactory(network=network)
    domain.vote(milestone, organisation=org_a, weight=2, by=ana)
    domain.vote(milestone, organisation=org_a, weight=3, by=ana)
    assert list(Vote.objects.values_list("organisation", "weight")) == [(org_a.pk, 3)]
    domain.vote(milestone, organisation=org_a, weight=0, by=ana)
    assert Vote.objects.count() == 0
    assert Action.objects.count() == 3


def test_merge_keeps_proposers_and_votes(network, farid, ana, bora, org_a, org_b):
    keep = MilestoneFactory(network=network, proposed_by=ana, organisation=org_a)
    duplicate = MilestoneFactory(network=network, proposed_by=bora, organisation=org_b)
    VoteFactory(milestone=keep, organisation=org_a, weight=1)
    VoteFactory(milestone=duplicate, organisation=org_a, weight=3)
    VoteFactory(milestone=duplicate, organisation=org_b, weight=2)
    domain.merge(duplicate, into=keep, by=farid)
    duplicate.refresh_from_db()
    assert (duplicate.state, duplicate.merged_into) == ("merged", keep)
    assert sorted(keep.votes.values_list("organisation__name", "weight")) == [
        ("Caritas Albania", 3),
        ("Caritas Armenia", 2),
    ]
    assert [(p, o) for p, o, _item in domain.proposers(keep)] == [(ana, org_a), (bora, org_b)]
    assert Action.objects.filter(verb=Verb.STATE).get().data == {"merged_into": keep.slug}
    with pytest.raises(domain.TransitionRefused):
        domain.vote(duplicate, organisation=org_b, weight=1, by=bora)


def test_tallies_per_moment_and_per_organisation(network, org_a, org_b):
    first = MilestoneFactory(network=network, title="First")
    second = MilestoneFactory(network=network, title="Second")
    VoteFactory(milestone=first, organisation=org_a, weight=1)
    VoteFactory(milestone=second, organisation=org_a, weight=3)
    VoteFactory(milestone=second, organisation=org_b, weight=2)
    rows, columns = domain.tallies(network)
    assert [str(c) for c in columns] == ["Caritas Albania", "Caritas Armenia"]
    assert [(r.milestone.title, r.points, r.organisations, r.cells) for r in rows] == [
        ("Second", 5, 2, [3, 2]),
        ("First", 1, 1, [1, None]),
    ]


def test_public_events_fall_back_to_english_and_format_dates(network):
    milestone = MilestoneFactory(
        network=network,
        state=MilestoneState.PUBLISHED,
        title="Geneva",
        text="In **Geneva**.",
        start_date=datetime.date(2015, 6, 22),
        start_precision="day",
        end_date=datetime.date(2015, 7, 1),
        end_precision="month",
    )
    TranslationFactory(milestone=milestone, language="fr", title="Genève", text="")
    MilestoneFactory(network=network, state=MilestoneState.PROPOSED)
    [event] = domain.public_events(network, "fr")
    assert (event.title, str(event.text), event.start_label, event.end_label) == (
        "Genève",
        "<p>In <strong>Geneva</strong>.</p>\n",
        "22 juin 2015",
        "juillet 2015",
    )
    assert (event.start_iso, event.end_iso, event.translated) == ("2015-06-22", "2015-07", True)
    [english] = domain.public_events(network, "en")
    assert (english.title, english.start_label) == ("Geneva", "June 22, 2015")


def test_content_languages_lists_english_and_used_translations(network):
    TranslationFactory(milestone=MilestoneFactory(network=network), language="fr")
    assert domain.content_languages(network) == ["en", "fr"]
    assert domain.language_info("ar")["rtl"] is True


def test_the_check_reads_tags_era_names_and_every_translated_field(network, claire):
    era = EraFactory(network=network, name="The years of Mrs Jana Novak")
    milestone = MilestoneFactory(
        network=network, state=MilestoneState.ACCEPTED, era=era, tags="training, Petar Ilic"
    )
    TranslationFactory(
        milestone=milestone,
        language="fr",
        display_date="printemps, chez Marie Dupont",
        alt_text="Photo de Jean Moulin",
    )
    with pytest.raises(domain.TransitionRefused):
        domain.set_state(milestone, MilestoneState.PUBLISHED, by=claire)
    assert sorted((f.field, f.text) for f in flags_for(milestone)) == [
        ("alt_text [fr]", "Jean Moulin"),
        ("display_date [fr]", "Marie Dupont"),
        ("era.name", "Mrs Jana Novak"),
        ("tags", "Petar Ilic"),
    ]
