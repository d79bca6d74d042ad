import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from carnet.accounts.enums import Verb
from carnet.accounts.models import Action
from carnet.practices import domain
from carnet.practices.enums import SheetState, SuggestionStatus
from carnet.practices.models import Sheet
from carnet.safeguarding.enums import ConsentScope

from .factories import TEXT, make_sheet


@pytest.fixture
def sheet(network, org_a, ana):
    return make_sheet(network=network, organisation=org_a, by=ana)


def content_with(sheet, **changes):
    return {**sheet.content, **changes}


def walk(sheet, states, people):
    for state, person in zip(states, people, strict=True):
        domain.set_state(sheet, state, by=person)


def test_create_sheet_makes_version_one_with_every_field(sheet, ana):
    version = sheet.versions.get()
    assert version.number == 1
    assert version.author == ana
    assert version.content == {"title": "Identifying victims together", **TEXT}
    assert sheet.revision == 1
    assert sheet.country.code == "AL"
    assert Action.objects.filter(verb=Verb.CREATE, object_id=str(sheet.pk)).count() == 1


def test_save_version_records_who_and_what_changed(sheet, ana):
    saved = domain.save_version(
        sheet, by=ana, content=content_with(sheet, impact="Much more."), base_revision=1
    )
    assert saved.version.number == 2
    assert saved.version.changed_fields == ["impact"]
    assert saved.version.author == ana
    sheet.refresh_from_db()
    assert sheet.revision == 2
    assert sheet.content["impact"] == "Much more."


def test_save_version_cleans_text_pasted_from_word(sheet, ana):
    pasted = "\u2022\tFirst point\r\n\u2022\tSecond\u00a0point\u200b"
    domain.save_version(sheet, by=ana, content=content_with(sheet, results=pasted), base_revision=1)
    sheet.refresh_from_db()
    assert sheet.content["results"] == "- First point\n- Second point"


def test_save_version_without_change_makes_no_version(sheet, ana):
    saved = domain.save_version(sheet, by=ana, content=dict(sheet.content), base_revision=1)
    assert saved.version is None
    assert sheet.versions.count() == 1


def test_second_of_two_concurrent_saves_is_refused(sheet, ana, farid):
    stale = Sheet.objects.get(pk=sheet.pk)
    domain.save_version(sheet, by=ana, content=content_with(sheet, impact="Ana's"), base_revision=1)
    with pytest.raises(domain.Conflict) as caught:
        domain.save_version(
            stale, by=farid, content=content_with(stale, impact="Farid's"), base_revision=1
        )
    assert caught.value.sheet.content["impact"] == "Ana's"
    assert Sheet.objects.get(pk=sheet.pk).content["impact"] == "Ana's"
    assert sheet.versions.count() == 2


def test_set_state_walks_the_whole_workflow(sheet, ana, farid, claire):
    walk(
        sheet,
        ["submitted", "in_review", "changes_requested", "resubmitted", "approved", "validated"],
        [ana, farid, farid, ana, farid, ana],
    )
    assert sheet.state == SheetState.VALIDATED
    assert sheet.validated_version.number == 1
    assert sheet.validated_by == ana
    sheet.consent_scope = ConsentScope.NONE
    domain.set_state(sheet, "published", by=claire)
    assert Sheet.objects.get(pk=sheet.pk).state == SheetState.PUBLISHED
    verbs = list(
        Action.objects.filter(object_id=str(sheet.pk), verb__in=[Verb.STATE, Verb.PUBLISH])
        .order_by("id")
        .values_list("data__to", flat=True)
    )
    assert verbs == [
        "submitted", "in_review", "changes_requested", "resubmitted", "approved", "validated",
        "published",
    ]  # fmt: skip


def test_set_state_records_the_note_and_mails_the_people_concerned(sheet, ana, farid, claire):
    domain.set_state(sheet, "submitted", by=ana, note="Ready for review")
    action = Action.objects.filter(verb=Verb.STATE).get()
    assert action.actor == ana
    assert action.data == {"from": "draft", "to": "submitted", "note": "Ready for review"}
    assert sorted(m.to[0] for m in mail.outbox) == ["claire@example.org", "farid@example.org"]
    assert "Ready for review" in mail.outbox[0].body


def test_set_state_refuses_a_transition_out_of_order(sheet, ana):
    with pytest.raises(domain.InvalidTransition):
        domain.set_state(sheet, "approved", by=ana)
    assert Sheet.objects.get(pk=sheet.pk).state == SheetState.DRAFT


def test_set_state_refuses_people_without_the_right(sheet, ana, bora, farid):
    with pytest.raises(PermissionDenied):
        domain.set_state(sheet, "submitted", by=bora)
    domain.set_state(sheet, "submitted", by=ana)
    with pytest.raises(PermissionDenied):
        domain.set_state(sheet, "in_review", by=ana)  # authors do not review themselves
    walk(sheet, ["in_review", "approved"], [farid, farid])
    with pytest.raises(PermissionDenied):
        domain.set_state(sheet, "validated", by=farid)  # only the partner validates


def test_publishing_is_blocked_by_a_quote_without_consent(sheet, ana, farid, claire):
    domain.save_version(
        sheet,
        by=ana,
        content=content_with(sheet, quote="It changed our work.", quote_speaker="Mira"),
        base_revision=1,
    )
    walk(sheet, ["submitted", "in_review", "approved", "validated"], [ana, farid, farid, ana])
    with pytest.raises(domain.PublishBlocked):
        domain.set_state(sheet, "published", by=claire)
    assert Sheet.objects.get(pk=sheet.pk).state == SheetState.VALIDATED


def test_change_after_validation_resets_it(sheet, ana, farid):
    walk(sheet, ["submitted", "in_review", "approved", "validated"], [ana, farid, farid, ana])
    saved = domain.save_version(
        sheet, by=farid, content=content_with(sheet, results="Figures."), base_revision=1
    )
    assert saved.validation_reset.number == 1
    sheet.refresh_from_db()
    assert sheet.validated_version is None
    assert sheet.state == SheetState.APPROVED
    assert Action.objects.filter(data__note="validation reset").count() == 1
    assert any("new validation" in m.body for m in mail.outbox)


def test_accepting_a_suggestion_makes_a_new_version(sheet, ana, farid):
    suggestion = domain.suggest(
        sheet,
        by=farid,
        field="summary",
        passage="120 social workers",
        replacement="120 social workers and 40 police officers",
        comment="Add the police.",
    )
    saved, outdated = domain.accept(suggestion, by=ana)
    assert outdated == []
    assert saved.version.number == 2
    assert saved.version.changed_fields == ["summary"]
    sheet.refresh_from_db()
    assert sheet.content["summary"] == (
        "Caritas trained 120 social workers and 40 police officers to identify victims of "
        "trafficking."
    )
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.resolved_by) == (SuggestionStatus.ACCEPTED, ana)


def test_a_suggestion_on_a_changed_passage_is_outdated_and_never_applied(sheet, ana, farid):
    suggestion = domain.suggest(
        sheet, by=farid, field="impact", passage="visibility", replacement="recognition"
    )
    domain.save_version(
        sheet, by=ana, content=content_with(sheet, impact="We rewrote it all."), base_revision=1
    )
    sheet.refresh_from_db()
    assert suggestion.is_outdated(sheet.content["impact"]) is True
    with pytest.raises(domain.Outdated):
        domain.accept(suggestion, by=ana)
    sheet.refresh_from_db()
    assert sheet.content["impact"] == "We rewrote it all."
    assert sheet.versions.count() == 2


def test_a_whole_field_suggestion_is_outdated_once_the_field_changed(sheet, ana, farid):
    suggestion = domain.suggest(sheet, by=farid, field="advice", replacement="Listen first.")
    assert suggestion.is_outdated(sheet.content["advice"]) is False
    assert suggestion.is_outdated("Something else") is True


def test_accept_all_applies_open_suggestions_as_one_version(sheet, ana, farid, bora):
    domain.suggest(sheet, by=farid, field="summary", passage="120", replacement="130")
    domain.suggest(sheet, by=farid, field="title", replacement="Identifying victims")
    domain.suggest(sheet, by=farid, field="advice", passage="base", replacement="members")
    saved, outdated = domain.accept_all(sheet, by=ana)
    assert outdated == []
    assert saved.version.number == 2
    assert saved.version.changed_fields == ["advice", "summary", "title"]
    sheet.refresh_from_db()
    assert sheet.title == "Identifying victims"
    assert sheet.suggestions.filter(status=SuggestionStatus.ACCEPTED).count() == 3


def test_reject_all_closes_every_open_suggestion(sheet, ana, farid):
    domain.suggest(sheet, by=farid, field="summary", passage="120", replacement="130")
    domain.suggest(sheet, by=farid, field="context", replacement="Other context")
    assert len(domain.reject_all(sheet, by=ana)) == 2
    assert sheet.suggestions.filter(status=SuggestionStatus.OPEN).count() == 0
    assert sheet.versions.count() == 1


def test_suggest_refuses_a_passage_that_is_not_in_the_field(sheet, farid):
    with pytest.raises(ValueError):
        domain.suggest(sheet, by=farid, field="summary", passage="not there", replacement="x")


def test_peers_suggest_only_on_a_sheet_opened_to_them(sheet, ana, bora, vera):
    with pytest.raises(PermissionDenied):
        domain.suggest(sheet, by=bora, field="summary", replacement="x")
    domain.set_state(sheet, "submitted", by=ana)
    domain.set_open_to_peers(sheet, by=ana, value=True)
    suggestion = domain.suggest(sheet, by=bora, field="summary", replacement="A peer's idea")
    assert suggestion.author == bora
    assert bora.has_perm("practices.change_sheet", sheet) is False
    with pytest.raises(PermissionDenied):
        domain.suggest(sheet, by=vera, field="summary", replacement="x")  # viewers only read
    with pytest.raises(PermissionDenied):
        domain.accept(suggestion, by=bora)


def test_comments_are_threaded_and_resolvable(sheet, ana, farid):
    question = domain.add_comment(sheet, by=farid, text="Which cities?", field="activities")
    answer = domain.add_comment(sheet, by=ana, text="Five, listed now.", parent=question)
    domain.resolve_comment(question, by=ana)
    question.refresh_from_db()
    assert list(question.replies.all()) == [answer]
    assert question.resolved is True


def test_restore_makes_the_old_text_a_new_version(sheet, ana):
    domain.save_version(
        sheet, by=ana, content=content_with(sheet, impact="Changed"), base_revision=1
    )
    sheet.refresh_from_db()
    saved = domain.restore(sheet, sheet.versions.get(number=1), by=ana, base_revision=2)
    assert saved.version.number == 3
    assert saved.version.note == "Restored version 1"
    sheet.refresh_from_db()
    assert sheet.content["impact"] == TEXT["impact"]


def test_translation_copies_the_reference_and_points_to_it(sheet, ana):
    french = domain.add_translation(sheet, by=ana, language="fr")
    assert french.translation_of == sheet
    assert french.slug == "identifying-victims-together-fr"
    assert french.language == "fr"
    assert french.content == sheet.content
    assert domain.add_translation(sheet, by=ana, language="fr") == french


def test_template_is_configurable_per_exercise(network, org_a, ana):
    from carnet.capitalisation.models import Exercise

    exercise = Exercise.objects.create(network=network, title="2019")
    template = domain.template_for(network, exercise)
    template.fields = [
        {"key": "summary", "label": "", "required": True, "guide": 50},
        {"key": "lessons", "label": "Lessons", "required": False, "guide": 100},
    ]
    template.save()
    sheet = make_sheet(network=network, organisation=org_a, by=ana, template=template)
    assert [(s.key, str(s.label), s.required, s.guide) for s in sheet.template.specs] == [
        ("summary", "Summary", True, 50),
        ("lessons", "Lessons", False, 100),
        ("other", "Other (text to place)", False, 0),
    ]


def test_a_translation_is_published_only_after_its_reference(sheet, ana, farid, claire):
    french = domain.add_translation(sheet, by=ana, language="fr")
    steps = [("submitted", ana), ("in_review", farid), ("approved", farid), ("validated", ana)]
    for state, person in steps:
        domain.set_state(french, state, by=person)
    with pytest.raises(domain.InvalidTransition):
        domain.set_state(french, "published", by=claire)
    for state, person in [*steps, ("published", claire)]:
        domain.set_state(sheet, state, by=person)
    domain.set_state(french, "published", by=claire)
    assert french.state == SheetState.PUBLISHED


def test_the_check_reads_photo_captions_and_credits(sheet, ana, farid, claire):
    from carnet.practices.models import SheetPhoto
    from carnet.safeguarding.domain import flags_for

    SheetPhoto.objects.create(
        sheet=sheet,
        image="sheets/x.jpg",
        caption="Training with Elira Hoxha",
        credit="Photo: Besnik Gashi",
        consent_scope=ConsentScope.PUBLICATION,
        consent_by="the people shown",
    )
    walk(sheet, ["submitted", "in_review", "approved", "validated"], [ana, farid, farid, ana])
    with pytest.raises(domain.PublishBlocked):
        domain.set_state(sheet, "published", by=claire)
    assert sorted(f.text for f in flags_for(sheet)) == ["Besnik Gashi", "Elira Hoxha"]
