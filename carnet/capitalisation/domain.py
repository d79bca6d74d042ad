import hashlib
import json

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext, ngettext, override

from carnet.accounts.domain import record
from carnet.accounts.enums import Verb
from carnet.lib.markdown import clean_html
from carnet.lib.states import move
from carnet.lib.workflow import check_move, moved
from carnet.networks.domain import allowed_names
from carnet.safeguarding.domain import PublicationBlocked, guard
from carnet.translations import editions

from .enums import SYNTHESIS, VIDEOS, FollowUpStatus, VideoStatus
from .models import (
    Evidence,
    Exercise,
    FollowUp,
    Interview,
    InterviewAnswer,
    InterviewQuestion,
    Learning,
    Phase,
    PublishedSynthesis,
    Video,
)

# The five-phase method of capitalisation (see docs and DOMAIN.md). Content, not UI:
# it is stored in the network's first language and each network may rename it.
DEFAULT_PHASES = [
    (
        "Understand the network",
        "Analyse existing documents and hold an individual interview with every partner, "
        "to explain what capitalisation is and frame their expectations.",
    ),
    (
        "Understand the expectations",
        "From the interviews: what each partner wants to put forward, and how well "
        "capitalisation is understood.",
    ),
    (
        "Rebuild the history",
        "Structure the stages of the programme, identify with the partners the key moments "
        "that made the network evolve, and build the interactive timeline.",
    ),
    (
        "Bring out the learnings",
        "A workshop on good practices at regional, international and national level, "
        "good-practice sheets, sustainability; videos in parallel.",
    ),
    (
        "Finalise the tools",
        "Review the sheets, write the report, send it to the partners and agree with each "
        "on the report, the sheets, the images and the graphics.",
    ),
]


# The interview guide every exercise starts with (DOMAIN.md, phases 1 and 2: explain what
# capitalisation is, frame the partner's expectations). Content, like the phases: each
# exercise edits its own copy.
DEFAULT_QUESTIONS = [
    "How did your organisation join the network, and what has it changed for you?",
    "What does capitalisation mean to you, and what do you expect from it?",
    "Which of your practices or results would you like to put forward?",
    "In your view, which moments made the network evolve?",
    "What worked in the network, what did not, and why?",
    "What do you intend to do next, with or without the network?",
    "Who in your organisation can take part, and when are you available?",
]


@transaction.atomic
def create_exercise(*, network, title, description=""):
    """Create a capitalisation exercise with the five default phases and interview guide."""
    exercise = Exercise.objects.create(network=network, title=title, description=description)
    Phase.objects.bulk_create(
        Phase(exercise=exercise, number=number, name=name, goal=goal)
        for number, (name, goal) in enumerate(DEFAULT_PHASES, start=1)
    )
    seed_questions(exercise)
    return exercise


# --- exercises and their phases, run by the coordinator ------------------------------------


def current_exercise(network):
    """The network's current exercise: the latest started one; None before the first."""
    return Exercise.objects.current(network)


def exercises_to_copy(user):
    """The exercises a person may copy into another network: those of the networks they
    coordinate."""
    from carnet.networks.models import Network

    networks = [
        network
        for network in Network.objects.all()
        if user.has_perm("capitalisation.manage_exercises", network)
    ]
    return (
        Exercise.objects.filter(network__in=networks)
        .select_related("network")
        .order_by("network__name", "-created", "-pk")
    )


@transaction.atomic
def start_exercise(*, network, title, by, description="", copy_from=None):
    """Start a new exercise: it becomes the current one, the earlier ones stay readable.

    Without copy_from, the five phases of the default method and its interview guide; the
    report starts empty. With it, in one transaction: the phases of that exercise (names and
    goals, not their dates nor status), its sheet template, its interview guide (the questions
    still asked), its report's chapters (their structure, not the built versions) and, when it
    belongs to another network, the vocabulary terms that network uses (see copy_terms)."""
    from carnet.practices.models import SheetTemplate

    if copy_from is None:
        exercise = create_exercise(network=network, title=title, description=description)
    else:
        exercise = Exercise.objects.create(network=network, title=title, description=description)
        Phase.objects.bulk_create(
            Phase(exercise=exercise, number=number, name=phase.name, goal=phase.goal)
            for number, phase in enumerate(copy_from.phases.order_by("number"), start=1)
        )
        template = SheetTemplate.objects.filter(exercise=copy_from).first()
        if template is not None:
            SheetTemplate.objects.create(
                network=network, exercise=exercise, name=template.name, fields=template.fields
            )
        questions = copy_from.interview_questions.filter(archived=False)
        InterviewQuestion.objects.bulk_create(
            InterviewQuestion(exercise=exercise, position=position, text=question.text)
            for position, question in enumerate(questions.order_by("position", "pk"), start=1)
        )
        copy_report(copy_from, exercise)
        if copy_from.network_id != network.pk:
            copy_terms(copy_from.network, network)
    # Names, not ids: the copied exercise may belong to another network (and archive).
    data = (
        {"copied_from": f"{copy_from.network.slug}: {copy_from.title}"}
        if copy_from is not None
        else {"method": "default"}
    )
    record(Verb.CREATE, exercise, by=by, network=network, data=data)
    return exercise


def copy_report(source, exercise):
    """Give exercise a report with the chapters of source's report (titles, kinds, generated
    blocks and texts, in their order); its versions, review rounds and validations stay with
    source. Nothing when source has no report."""
    from carnet.reports.domain import report_of
    from carnet.reports.models import Chapter, Report

    report = report_of(source.network, source)
    if report is None:
        return None
    copy = Report.objects.create(
        network=exercise.network,
        exercise=exercise,
        title=report.title,
        subtitle=report.subtitle,
        language=report.language,
    )
    Chapter.objects.bulk_create(
        Chapter(
            report=copy,
            position=position,
            kind=chapter.kind,
            block=chapter.block,
            title=chapter.title,
            body=chapter.body,
        )
        for position, chapter in enumerate(report.chapters.order_by("position", "pk"), start=1)
    )
    return copy


def copy_terms(source, target):
    """Merge the vocabulary source uses (its terms not archived) into target's, by kind and
    key. What target already has wins: a term with the same key keeps target's label (and
    stays archived if target archived it), and a source term whose label target already
    uses under another key is left out, so no list shows one word twice. New terms go at
    the end of target's lists, in source's order. Returns the terms added."""
    from carnet.vocabulary.models import Term

    have = {}
    for kind, key, label in Term.objects.filter(network=target).values_list("kind", "key", "label"):
        have.setdefault(kind, {"keys": set(), "labels": set()})
        have[kind]["keys"].add(key)
        have[kind]["labels"].add(label.casefold())
    last = dict(
        Term.objects.filter(network=target)
        .order_by()
        .values("kind")
        .annotate(last=Max("position"))
        .values_list("kind", "last")
    )
    added = []
    for term in Term.objects.active().filter(network=source).order_by("kind", "position", "pk"):
        known = have.setdefault(term.kind, {"keys": set(), "labels": set()})
        if term.key in known["keys"] or term.label.casefold() in known["labels"]:
            continue
        last[term.kind] = last.get(term.kind, 0) + 1
        known["keys"].add(term.key)
        known["labels"].add(term.label.casefold())
        added.append(
            Term(
                network=target,
                kind=term.kind,
                key=term.key,
                label=term.label,
                position=last[term.kind],
            )
        )
    return Term.objects.bulk_create(added)


EXERCISE_FIELDS = ("title", "description")
PHASE_FIELDS = ("name", "goal", "planned_start", "planned_end", "actual_start", "actual_end")


def _changes(obj, fields, values):
    changed = {}
    for name in fields:
        if name in values and getattr(obj, name) != values[name]:
            changed[name] = values[name]
            setattr(obj, name, values[name])
    return changed


def change_exercise(exercise, *, by, **values):
    """Change an exercise's title or description."""
    changed = _changes(exercise, EXERCISE_FIELDS, values)
    exercise.full_clean()
    if changed:
        exercise.save(update_fields=list(changed))
        record(
            Verb.CHANGE, exercise, by=by, network=exercise.network, data={"fields": sorted(changed)}
        )
    return exercise


def change_phase(phase, *, by, **values):
    """Change a phase's name, goal, dates or status. An end before its start is refused
    (ValidationError on the end field)."""
    previous = phase.status
    changed = _changes(phase, (*PHASE_FIELDS, "status"), values)
    phase.full_clean()
    if changed:
        phase.save(update_fields=list(changed))
        data = {"fields": sorted(changed)}
        if "status" in changed:
            data.update({"from": previous, "to": phase.status})
        record(Verb.CHANGE, phase, by=by, network=phase.network, data=data)
    return phase


@transaction.atomic
def add_phase(exercise, *, by, **values):
    """Add a phase at the end of the exercise."""
    last = exercise.phases.order_by("-number").values_list("number", flat=True).first() or 0
    phase = Phase(exercise=exercise, number=last + 1)
    _changes(phase, (*PHASE_FIELDS, "status"), values)
    phase.full_clean()
    phase.save()
    record(Verb.CREATE, phase, by=by, network=exercise.network, data={"number": phase.number})
    return phase


def _renumber(exercise, phases):
    """Number the phases 1, 2, 3… in the given order (two steps: numbers are unique)."""
    offset = len(phases) + max((p.number for p in phases), default=0)
    for index, phase in enumerate(phases, start=1):
        phase.number = offset + index
    Phase.objects.bulk_update(phases, ["number"])
    for index, phase in enumerate(phases, start=1):
        phase.number = index
    Phase.objects.bulk_update(phases, ["number"])


@transaction.atomic
def move_phase(phase, *, by, up):
    """Move a phase one place up (earlier) or down; at either end nothing moves."""
    phases = list(phase.exercise.phases.select_for_update().order_by("number"))
    index = next(i for i, p in enumerate(phases) if p.pk == phase.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(phases):
        return phase
    phases[index], phases[other] = phases[other], phases[index]
    _renumber(phase.exercise, phases)
    moved = phases[other]
    record(
        Verb.CHANGE,
        moved,
        by=by,
        network=moved.network,
        data={"moved": "up" if up else "down", "number": moved.number},
    )
    phase.number = moved.number
    return moved


class LastPhase(ValidationError):
    pass


@transaction.atomic
def remove_phase(phase, *, by):
    """Remove a phase; the others are numbered again. The last phase of an exercise is kept."""
    exercise = phase.exercise
    phases = list(exercise.phases.select_for_update().order_by("number"))
    if len(phases) <= 1:
        raise LastPhase(
            gettext(
                "An exercise needs at least one phase, so this one cannot be removed: "
                "rename it or change its goal and dates instead."
            ),
            code="last_phase",
        )
    record(
        Verb.DELETE,
        phase,
        by=by,
        network=exercise.network,
        data={"name": phase.name, "number": phase.number},
    )
    removed = phase.pk
    phase.delete()
    _renumber(exercise, [p for p in phases if p.pk != removed])


def seed_questions(exercise):
    """Give an exercise without questions the default interview guide."""
    if exercise.interview_questions.exists():
        return
    InterviewQuestion.objects.bulk_create(
        InterviewQuestion(exercise=exercise, position=position, text=text)
        for position, text in enumerate(DEFAULT_QUESTIONS, start=1)
    )


# --- the interview guide -------------------------------------------------------------------


def exercise_of(interview):
    """The exercise an interview belongs to: its own when it has one, else the current one."""
    if getattr(interview, "exercise_id", None):
        return interview.exercise
    return current_exercise(interview.network)


def questions_for(interview):
    """The questions an interview's form shows: those asked now, then archived ones answered."""
    exercise = exercise_of(interview)
    if exercise is None:
        return []
    questions = InterviewQuestion.objects.filter(exercise=exercise)
    if interview.pk:
        answered = Q(answers__interview=interview) & ~Q(answers__text="")
        questions = questions.filter(Q(archived=False) | answered).distinct()
    else:
        questions = questions.filter(archived=False)
    return list(questions.order_by("archived", "position", "id"))


@transaction.atomic
def save_answers(interview, answers, *, by):
    """Store the answers of an interview: {question: text}; an emptied answer is removed."""
    changed = []
    existing = {a.question_id: a for a in interview.answers.all()}
    for question, text in answers.items():
        text = (text or "").strip()
        answer = existing.get(question.pk)
        if answer is None and text:
            InterviewAnswer.objects.create(interview=interview, question=question, text=text)
        elif answer is not None and not text:
            answer.delete()
        elif answer is not None and answer.text != text:
            answer.text = text
            answer.save(update_fields=["text"])
        else:
            continue
        changed.append(question.pk)
    if changed:
        record(Verb.CHANGE, interview, by=by, data={"answers": changed})
    return changed


def add_question(exercise, text, *, by):
    last = exercise.interview_questions.aggregate(last=Max("position"))["last"] or 0
    question = InterviewQuestion.objects.create(exercise=exercise, position=last + 1, text=text)
    record(Verb.CREATE, question, by=by)
    return question


def change_question(question, *, text, archived, by):
    """Rename a question or archive it (its answers stay), or bring it back."""
    data = {}
    if text != question.text:
        data["text"] = [question.text, text]
    if archived != question.archived:
        data["archived"] = archived
    if data:
        question.text, question.archived = text, archived
        question.save(update_fields=["text", "archived"])
        record(Verb.CHANGE, question, by=by, data=data)
    return question


@transaction.atomic
def move_question(question, step, *, by):
    """Move a question up (step -1) or down (+1) the guide; renumbers the guide 1, 2, 3…"""
    questions = list(
        InterviewQuestion.objects.select_for_update()
        .filter(exercise_id=question.exercise_id)
        .order_by("position", "id")
    )
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    target = index + step
    if not 0 <= target < len(questions):
        return question
    questions[index], questions[target] = questions[target], questions[index]
    for position, item in enumerate(questions, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    record(Verb.CHANGE, question, by=by, data={"position": target + 1})
    return question


# --- saving, with the action log -----------------------------------------------------------


def saved(obj, *, by, created, data=None):
    """Write the action log line for an object just created or changed in a form."""
    record(Verb.CREATE if created else Verb.CHANGE, obj, by=by, data=data)
    return obj


# The one safeguarding refusal (safeguarding.domain), under the name callers know here.
PublicationBlocked = PublicationBlocked


def video_guard(video, *, by):
    """The safeguarding guard before a video is published: its texts and the consent."""
    allowed = [name for name in (video.speaker, video.consent_by) if name]
    guard(
        video,
        {"title": video.title, "transcript": video.transcript},
        by=by,
        allowed=allowed,
        consents=[(gettext("the speaker"), video)],
    )


def set_status(obj, status, *, by, reason=""):
    """One entry point for state changes of interviews, follow-ups and videos.

    A video moves as VIDEOS (enums.py) allows, by whom its rule allows (MoveRefused,
    MoveForbidden), and is published only when the safeguarding guard leaves no open flag
    (PublicationBlocked).
    """
    valid = {choice for choice, _label in obj._meta.get_field("status").choices}
    if status not in valid:
        raise ValueError(f"unknown status {status!r}")
    previous = obj.status
    if isinstance(obj, Video):
        check_move(VIDEOS, obj, status, by)
        if status == VideoStatus.PUBLISHED and previous != status:
            video_guard(obj, by=by)
    if isinstance(obj, Interview) and reason:
        obj.reason = reason
    if isinstance(obj, FollowUp) and status == FollowUpStatus.DONE and not obj.done_on:
        obj.done_on = timezone.localdate()
    obj.status = status
    obj.full_clean()
    obj.status = previous
    with transaction.atomic():
        if not move(obj, field="status", to=status):
            return obj  # the same change, asked twice (a double click)
        obj.save()
        verb = Verb.PUBLISH if status == VideoStatus.PUBLISHED else Verb.STATE
        record(verb, obj, by=by, data={"from": previous, "to": status})
    if isinstance(obj, Video):
        moved(VIDEOS, obj, source=previous, target=status, by=by)
    return obj


# --- learnings and their evidence ----------------------------------------------------------


def add_evidence(learning, source, *, by, field="", passage=""):
    """Cite an object (any registered source) as evidence for a learning."""
    from . import evidence as registry

    if registry.source_for(source) is None:
        raise ValueError(f"{source._meta.label} cannot be cited as evidence")
    if getattr(source, "network", None) != learning.network and not (
        hasattr(source, "membership") and source.membership.network_id == learning.network_id
    ):
        raise ValueError("the source belongs to another network")
    item = Evidence.objects.create(
        learning=learning,
        content_type=ContentType.objects.get_for_model(source),
        object_id=str(source.pk),
        field=field,
        passage=passage.strip(),
        organisation=registry.organisation_of(source),
    )
    record(Verb.CHANGE, learning, by=by, data={"evidence": item.pk})
    return item


@transaction.atomic
def create_learning(*, network, statement, category, by, sources=(), **fields):
    """A learning and its evidence: sources are (object, field, passage) triples."""
    learning = Learning(
        network=network, statement=statement, category=category, created_by=by, **fields
    )
    learning.full_clean()
    learning.save()
    record(Verb.CREATE, learning, by=by)
    for source, field, passage in sources:
        add_evidence(learning, source, by=by, field=field, passage=passage)
    return learning


# --- the published synthesis ---------------------------------------------------------------


def publish_synthesis(network, *, by):
    """Freeze the public part of the current exercise's synthesis and publish it, after the
    safeguarding check (an earlier exercise's published synthesis stays as it is).

    The check reads every learning and every quoted passage; while a flag is open nothing
    changes for readers (an earlier published copy stays as it was). The flags are kept so
    that the coordinator can look at them. Returns the PublishedSynthesis.
    """
    from . import synthesis

    exercise = current_exercise(network)
    # Publishing again (after changes) refreshes the copy: the rule of the first publication.
    check_move(SYNTHESIS, PublishedSynthesis(network=network, exercise=exercise), True, by)
    # The blocks once per interface language (chart titles and category names are
    # translated when the blocks are made); the texts checked are the same in each.
    blocks = {}
    for language, _name in settings.LANGUAGES:
        # Each an edition (carnet.translations.editions): no outdated translation, and the
        # page says which statements are in the reference language.
        with override(language), editions.building(network, language):
            blocks[language] = synthesis.public_synthesis(network, exercise=exercise)
    # Every language's blocks: a translated statement is checked like the reference one.
    texts = {}
    for language, content in blocks.items():
        with override(language):
            texts.update(synthesis.publication_texts(content))
    published, _created = PublishedSynthesis.objects.get_or_create(
        network=network, exercise=exercise
    )
    previous = published.is_published
    guard(
        published,
        texts,
        by=by,
        allowed=allowed_names(network),
        message=lambda flags: (
            ngettext(
                "%(n)s sensitive-content flag must be checked before publishing.",
                "%(n)s sensitive-content flags must be checked before publishing.",
                len(flags),
            )
            % {"n": len(flags)}
        ),
    )
    pages = {}
    for language, content in blocks.items():
        with override(language):
            pages[language] = clean_html(  # stored as the archive importer stores it
                render_to_string(
                    "capitalisation/_synthesis_public.html", {"network": network, **content}
                )
            )
    count = len(content["learnings"])
    published.pages = pages
    published.sha256 = hashlib.sha256(json.dumps(pages, sort_keys=True).encode("utf-8")).hexdigest()
    published.learning_count = count
    published.is_published, published.published_at, published.published_by = (
        True,
        timezone.now(),
        by,
    )
    published.save()
    record(Verb.PUBLISH, published, by=by, network=network, data={"learnings": count})
    moved(SYNTHESIS, published, source=previous, target=True, by=by)
    return published


def withdraw_synthesis(network, *, by):
    """Readers outside the network no longer see the current exercise's synthesis (the copy
    is kept)."""
    published = PublishedSynthesis.objects.filter(
        network=network, exercise=current_exercise(network), is_published=True
    ).first()
    if published is None:
        return None
    check_move(SYNTHESIS, published, False, by)
    if not move(published, field="is_published", to=False):
        return published  # withdrawn by a request running beside (a double click)
    record(Verb.STATE, published, by=by, network=network, data={"published": False})
    moved(SYNTHESIS, published, source=True, target=False, by=by)
    return published
