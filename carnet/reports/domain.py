"""The report's workflows: compose, build, send for review, answer, remind, publish."""

import hashlib
import json
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from carnet.accounts import notifications
from carnet.accounts.domain import record
from carnet.accounts.enums import Verb
from carnet.capitalisation.models import in_exercise
from carnet.lib.languages import direction
from carnet.lib.markdown import clean_html, to_blocks
from carnet.lib.states import move
from carnet.lib.workflow import MoveRefused, check_move, moved
from carnet.networks.domain import allowed_names
from carnet.safeguarding.domain import guard
from carnet.translations import editions

from . import oneclick
from .blocks import BLOCKS
from .enums import DECISIONS, REPORT_VERSIONS, BuildStatus, ChapterKind, DecisionState
from .models import (
    Chapter,
    Decision,
    Feedback,
    Report,
    ReportVersion,
    ReviewRound,
    Validation,
    ValidationRound,
)
from .outputs import RenderError, render_docx, render_pdf
from .validations import waiting_items

# A workflow step refused, with a message for the person: the one refusal of every
# workflow (lib.workflow.MoveRefused; PublicationBlocked is one), under its former name.
ReportError = MoveRefused


# ---------------------------------------------------------------- composition


def add_chapter(report, *, by, kind, title, block="", body=""):
    if kind == ChapterKind.BLOCK and block not in BLOCKS:
        raise ReportError(_("Unknown generated block."))
    position = (report.chapters.aggregate(m=Max("position"))["m"] or 0) + 1
    chapter = Chapter.objects.create(
        report=report, kind=kind, block=block, title=title, body=body, position=position
    )
    record(Verb.CREATE, chapter, by=by, network=report.network)
    return chapter


def move_chapter(chapter, *, by, up):
    """Swap the chapter with its neighbour above (up) or below."""
    chapters = list(chapter.report.chapters.all())
    index = chapters.index(chapter)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(chapters):
        return chapter
    chapters[index], chapters[other] = chapters[other], chapters[index]
    with transaction.atomic():
        for position, item in enumerate(chapters, start=1):
            if item.position != position:
                item.position = position
                item.save(update_fields=["position"])
    record(
        Verb.CHANGE, chapter, by=by, network=chapter.network, data={"moved": "up" if up else "down"}
    )
    return chapter


def remove_chapter(chapter, *, by):
    record(Verb.DELETE, chapter, by=by, network=chapter.network)
    chapter.delete()


def compose(report, *, version_label="", language=None):
    """The report as a document: title, chapters of blocks, SVG assets. Raises RenderError.

    language: the edition's (one of editions.languages(); None: the reference language).
    Each text is in the edition's language where a reviewed translation exists, else in
    the reference language, and the document says which parts are (see editions)."""
    # The interface's words (headings of generated blocks, dates) in the edition's language;
    # the reference edition keeps the report's own language.
    reference = editions.translations.reference_language(report.network)
    words = language if language and language != reference else report.language
    with editions.building(report.network, language) as edition, override(words):
        return _compose(report, edition, version_label)


def _compose(report, edition, version_label):
    chapters, assets = [], {}
    for chapter in report.chapters.all():
        before = len(edition.fallbacks)
        title, title_lang = edition.text(chapter, "title", part=_("Chapter title"))
        try:
            if chapter.kind == ChapterKind.TEXT:
                body, lang = edition.text(chapter, "body", part=_("Chapter"), title=chapter.title)
                blocks, extra = editions.mark(to_blocks(body), lang), {}
            else:
                blocks, extra = BLOCKS[chapter.block].build(
                    report.network, exercise=report.exercise
                )
        except RenderError:
            raise
        except Exception as exc:
            raise RenderError(
                f"{exc.__class__.__name__}: {exc}", chapter=chapter.title, item=chapter.block
            ) from None
        for name, svg in extra.items():
            unique = f"c{chapter.pk}-{name}"
            assets[unique] = clean_html(svg)  # stored as the archive importer stores it
            for block in blocks:
                if block.get("t") == "figure" and block.get("src") == name:
                    block["src"] = unique
        for block in blocks:
            if block.get("t") == "image":
                block.setdefault("media", block["src"])
                # Typst sees one flat folder: the stored name, made flat, stays unique.
                block["src"] = "media-" + block["src"].replace("/", "-")
        item = {"title": title, "key": chapter.block or "text", "blocks": blocks}
        if title_lang:
            item["title_lang"] = title_lang
        if len(edition.fallbacks) > before:
            item["note"] = editions.chapter_note(edition)
        chapters.append(item)
    title, _lang = edition.text(report, "title", part=_("Title of the report"))
    subtitle, _lang = edition.text(report, "subtitle", part=_("Subtitle of the report"))
    lang = edition.language if edition.translated else report.language
    document = {
        "title": title,
        "subtitle": subtitle,
        "network": report.network.name,
        "lang": lang,
        "dir": direction(lang),
        "date": date_format(timezone.localdate(), "j F Y"),
        "version_label": version_label,
        "labels": {"contents": _("Contents"), "page_of": _("Page {page} of {pages}")},
        "chapters": chapters,
        "assets": assets,
    }
    edition_note = editions.note(edition)
    if edition_note:
        document["edition"] = {
            "language": edition.language,
            "reference": edition.reference,
            "reference_dir": direction(edition.reference),
            **edition_note,
        }
    return document


def content_hash(document):
    stable = {k: v for k, v in document.items() if k not in ("date", "version_label")}
    return hashlib.sha256(json.dumps(stable, sort_keys=True).encode()).hexdigest()


# ---------------------------------------------------------------- the report of an exercise


def report_of(network, exercise):
    """The report of an exercise (a report from before exercises counts in the first one);
    None when it has none."""
    return (
        Report.objects.filter(in_exercise(exercise), network=network)
        .order_by("-created", "-pk")
        .first()
    )


# ---------------------------------------------------------------- builds


def edition_language(report, language):
    """The language to build in, as stored on the version: "" for the reference language.
    Raises ReportError for a language the network does not write in."""
    language = (language or "").strip()
    choices = editions.languages(report.network)
    if not language or language == choices[0]:
        return ""
    if language not in choices:
        raise ReportError(
            _("The report cannot be built in “%(code)s”: it is not one of the network's languages.")
            % {"code": language[:20]}
        )
    return language


def _new_version(report, *, by, language=""):
    """Reserve the next version number. Safe when two builds start at once."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                # Numbers run on across the network's reports (one per exercise), so that a
                # version's address, /<network>/report/v/<n>/, stays the same for good.
                numbers = ReportVersion.objects.filter(report__network_id=report.network_id)
                number = (numbers.aggregate(m=Max("number"))["m"] or 0) + 1
                return ReportVersion.objects.create(
                    report=report, number=number, created_by=by, language=language
                )
        except IntegrityError:
            continue
    raise ReportError(_("Another build is being started; try again."))


def start_build(report, *, by, language=None):
    """Reserve the next version and queue its build (in language: see edition_language)."""
    version = _new_version(report, by=by, language=edition_language(report, language))
    data = {"build": version.number}
    if version.language:
        data["language"] = version.language
    record(Verb.CREATE, version, by=by, network=report.network, data=data)
    from .tasks import build_report_version

    build_report_version.enqueue(version.pk)
    return version


def _progress(version, value):
    ReportVersion.objects.filter(pk=version.pk).update(progress=value)


def run_build(version):
    """Compose, typeset and store one version. On failure: status failed, the reason kept."""
    try:
        label = _("Version %(n)s") % {"n": version.number}
        document = compose(version.report, version_label=label, language=version.language)
        _progress(version, 20)
        version.content = document
        version.content_hash = content_hash(document)
        pdf = render_pdf(document)
        _progress(version, 70)
        docx = render_docx(document)
        _progress(version, 95)
        slug = version.report.network.slug
        name = f"{slug}-report-v{version.number}" + (
            f"-{version.language}" * bool(version.language)
        )
        version.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
        version.docx.save(f"{name}.docx", ContentFile(docx), save=False)
        version.status, version.progress, version.error = BuildStatus.READY, 100, ""
        version.save()
    except RenderError as exc:
        _fail(version, exc, chapter=exc.chapter, item=exc.item)
    except Exception as exc:  # the task must end in a state a person can read
        _fail(version, exc)
    return version


def _fail(version, exc, *, chapter="", item=""):
    where = ""
    if chapter:
        where = _("Chapter “%(chapter)s”") % {"chapter": chapter}
        if item:
            where += ", " + _("item “%(item)s”") % {"item": item}
        where += ": "
    ReportVersion.objects.filter(pk=version.pk).update(
        status=BuildStatus.FAILED, error=f"{where}{exc}"[:2000]
    )
    version.refresh_from_db()


def build_now(report, *, by=None, fmt="pdf", language=None):
    """Build a new version synchronously (the command line); return (version, bytes)."""
    version = _new_version(report, by=by, language=edition_language(report, language))
    run_build(version)
    if version.status != BuildStatus.READY:
        raise ReportError(version.error)
    record(Verb.EXPORT, version, by=by, network=report.network, data={"format": fmt})
    if fmt in ("pdf", "docx"):
        return version, read_file(getattr(version, fmt))
    return version, standalone_html(version).encode()


def read_file(field):
    with field.open("rb") as handle:
        return handle.read()


def standalone_html(version):
    """One HTML file with its styles inside: readable from disk, asks nothing of any host."""
    from django.contrib.staticfiles import finders
    from django.template.loader import render_to_string

    css = "".join(
        Path(finders.find(path)).read_text(encoding="utf-8")
        for path in ("carnet/carnet.css", "reports/report.css")
    )
    return render_to_string(
        "reports/standalone.html",
        {"version": version, "document": version.content, "css": css},
    )


# ---------------------------------------------------------------- review


def deciders(decisions):
    """The people who answer for the decisions' organisations, each once: the rule of the
    answer (reports.decide_decision: the organisation's partner editors in this network)."""
    people = {}
    for decision in decisions:
        for person in notifications.recipients(decision, "reports.decide_decision"):
            people.setdefault(person.pk, person)
    return sorted(people.values(), key=lambda person: person.username)


def member_organisations(network):
    return [
        m.organisation
        for m in network.memberships.select_related("organisation").order_by("organisation__name")
    ]


def unreachable_organisations(version):
    """The member organisations for which nobody would receive this version: nobody may
    answer for them (the rule of the answer, as send_for_review() computes its recipients)."""
    review = ReviewRound(version=version)
    return [
        organisation
        for organisation in member_organisations(version.report.network)
        if not notifications.recipients(
            Decision(round=review, organisation=organisation), "reports.decide_decision"
        )
    ]


def not_validated(version):
    """The member organisations that have not validated this version (in its latest round;
    every member when it was never sent)."""
    organisations = member_organisations(version.report.network)
    review = version.latest_round
    if review is None:
        return organisations
    validated = set(
        review.decisions.filter(state=DecisionState.VALIDATED).values_list(
            "organisation_id", flat=True
        )
    )
    return [o for o in organisations if o.pk not in validated]


def _path(version):
    return reverse("reports:version", args=[version.report.network.slug, version.number])


@transaction.atomic
def send_for_review(version, *, by, message="", due_on=None):
    if version.status != BuildStatus.READY:
        raise ReportError(_("Only a version that was built successfully can be sent."))
    network = version.report.network
    review = ReviewRound.objects.create(version=version, sent_by=by, message=message, due_on=due_on)
    organisations = [m.organisation for m in network.memberships.select_related("organisation")]
    Decision.objects.bulk_create(Decision(round=review, organisation=o) for o in organisations)
    decisions = list(review.decisions.select_related("round__version__report__network"))
    notifications.notify(
        deciders(decisions),
        network=network,
        subject=lambda: (
            _("%(network)s: version %(n)s of the report for your review")
            % {"network": network.name, "n": version.number}
        ),
        body=lambda: _body_with_due_date(message, due_on),
        path=_path(version),
        personal=oneclick.links_for(decisions, network),
    )
    record(Verb.STATE, version, by=by, network=network, data={"sent": version.number})
    return review


def current_round(report):
    return ReviewRound.objects.filter(version__report=report).order_by("-sent_at", "-id").first()


def add_feedback(review, *, by, text, kind, chapter=None):
    if review != current_round(review.version.report):
        raise ReportError(_("This version has been superseded: comment on the latest one."))
    organisation = by.organisation_in(review.network)
    feedback = Feedback.objects.create(
        round=review,
        organisation=organisation,
        chapter=chapter,
        chapter_title=chapter.title if chapter else "",
        author=by,
        kind=kind,
        text=text,
    )
    record(Verb.CREATE, feedback, by=by, network=review.network, organisation=organisation)
    # Whom it names (@username), if they may read the feedback, are told they are mentioned.
    notifications.notify_mentions(
        notifications.mentioned(text, feedback, "reports.view_feedback", exclude=by),
        network=review.network,
        who=by,
        where=lambda: str(review.version),
        text=text,
        path=_path(review.version),
    )
    return feedback


def decide(review, *, organisation, state, by, note=""):
    """An organisation validates the version sent, or asks for changes."""
    if review != current_round(review.version.report):
        raise ReportError(
            _("Version %(n)s has been superseded by a newer version: validate the latest one.")
            % {"n": review.version.number}
        )
    if state not in (DecisionState.VALIDATED, DecisionState.CHANGES_REQUESTED):
        raise ReportError(_("Unknown answer."))
    decision = Decision.objects.filter(round=review, organisation=organisation).first()
    answer = decision or Decision(round=review, organisation=organisation)
    unchanged = check_move(DECISIONS, answer, state, by) is None
    if unchanged:
        return decision  # the same answer, given twice (a double click)
    decision, _created = Decision.objects.get_or_create(round=review, organisation=organisation)
    previous = decision.state
    also = {"by": by, "at": timezone.now(), "note": note}
    refused = ReportError(_("Somebody of your organisation answered meanwhile: look again."))
    if not move(decision, to=state, also=also, refused=refused):
        return decision  # the same answer, given twice (a double click)
    record(
        Verb.STATE,
        decision,
        by=by,
        network=review.network,
        organisation=organisation,
        data={"version": review.version.number, "state": state},
    )
    moved(DECISIONS, decision, source=previous, target=state, by=by, note=note)
    if state == DecisionState.VALIDATED and not not_validated(review.version):
        tell_every_organisation_validated(review.version, by=by)
    return decision


def tell_every_organisation_validated(version, *, by):
    """Tell those who may publish the version (its rule: the coordinators) that every member
    organisation has validated it: the next move is theirs."""
    network = version.report.network
    if version.is_published:
        return
    notifications.notify(
        notifications.recipients(version, "reports.publish_reportversion", exclude=by),
        network=network,
        subject=lambda: (
            _("%(network)s: every organisation validated version %(n)s of the report")
            % {"network": network.name, "n": version.number}
        ),
        body=lambda: (
            _(
                "Every member organisation has validated version %(n)s of the report: "
                "you may publish it."
            )
            % {"n": version.number}
        ),
        path=_path(version),
    )


def _body_with_due_date(message, due_on):
    if due_on is None:
        return message
    due = _("Please answer by %(date)s.") % {"date": date_format(due_on, "DATE_FORMAT")}
    return f"{message}\n\n{due}" if message else due


def send_due_reminders(today=None):
    """Remind those who have not answered the current review round of each report, and the
    current validation round of each network: once two days before its due date, once the
    day after it. Safe to run often and from two machines: each reminder is claimed by a
    conditional update before it is sent. Returns the number of reminders sent."""
    today = today or timezone.localdate()
    sent = 0
    rounds = ReviewRound.objects.filter(due_on__isnull=False).select_related(
        "version__report__network"
    )
    for review in rounds:
        if review != current_round(review.version.report):
            continue
        if not review.decisions.filter(state=DecisionState.PENDING).exists():
            continue
        if review.claim_due_reminder(today):
            remind(review, by=None)
            sent += 1
    for validation_round in ValidationRound.objects.filter(due_on__isnull=False).select_related(
        "network"
    ):
        if validation_round != current_validation_round(validation_round.network):
            continue
        if not waiting_items(validation_round.network):
            continue
        if validation_round.claim_due_reminder(today):
            remind_validation(validation_round, by=None)
            sent += 1
    return sent


def remind(review, *, by):
    """E-mail the partner editors of every organisation that has not answered."""
    waiting = list(
        review.decisions.filter(state=DecisionState.PENDING).select_related(
            "round__version__report__network"
        )
    )
    network = review.network
    sent = notifications.notify(
        deciders(waiting),
        network=network,
        personal=oneclick.links_for(waiting, network),
        subject=lambda: (
            _("Reminder: %(network)s is waiting for your answer on the report")
            % {"network": network.name}
        ),
        body=lambda: _body_with_due_date("", review.due_on),
        path=_path(review.version),
    )
    review.reminded_at = timezone.now()
    review.save(update_fields=["reminded_at"])
    record(Verb.CHANGE, review, by=by, network=network, data={"reminded": sent})
    return sent


# ---------------------------------------------------------------- publication


def document_texts(document):
    texts = {}

    def walk(blocks, prefix):
        for index, block in enumerate(blocks):
            key = f"{prefix}.{index}"
            if block.get("runs"):
                texts[key] = "".join(run["text"] for run in block["runs"])
            if block.get("t") == "h":
                texts[key] = block["text"]
            for item in block.get("items", []):
                walk(item, key)
            walk(block.get("blocks", []), key)

    for number, chapter in enumerate(document.get("chapters", []), start=1):
        walk(chapter["blocks"], f"{number}")
    return texts


def publish(version, *, by):
    """The one way a version is published: check (REPORT_VERSIONS, its rule), the
    safeguarding guard, save, log, signal. Raises MoveRefused (ReportError,
    PublicationBlocked; MoveForbidden when the rule says no)."""
    if version.status != BuildStatus.READY:
        raise ReportError(_("Only a version that was built successfully can be published."))
    if check_move(REPORT_VERSIONS, version, True, by) is None:
        return version  # published already (a double click)
    guard(
        version,
        document_texts(version.content),
        by=by,
        allowed=allowed_names(version.network),
        message=lambda flags: (
            ngettext(
                "%(n)s sensitive-content flag must be checked before publishing.",
                "%(n)s sensitive-content flags must be checked before publishing.",
                len(flags),
            )
            % {"n": len(flags)}
        ),
    )
    if not move(version, field="is_published", to=True, also={"published_at": timezone.now()}):
        return version  # published by a request running beside (a double click)
    record(Verb.PUBLISH, version, by=by, network=version.network)
    moved(REPORT_VERSIONS, version, source=False, target=True, by=by)
    return version


# ---------------------------------------------------------------- validations of items


def fingerprint(item):
    """A hash of what an organisation validated: changes when the item does."""
    fields = {
        field.attname: str(getattr(item, field.attname))
        for field in item._meta.concrete_fields
        if field.name not in ("modified", "updated", "created")
    }
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def validate_item(item, *, organisation, state, by, note="", network=None):
    """An organisation's answer on one item; the same answer given twice is recorded once."""
    answer = {"fingerprint": fingerprint(item), "state": state, "note": note}
    values = {"network": network or item.network, "by": by, **answer}
    validation, created = Validation.objects.select_for_update().get_or_create(
        organisation=organisation,
        content_type=ContentType.objects.get_for_model(item),
        object_id=str(item.pk),
        defaults=values,
    )
    if not created:
        if all(getattr(validation, key) == value for key, value in answer.items()):
            return validation  # asked twice (a double click): nothing changes
        for key, value in values.items():
            setattr(validation, key, value)
        validation.save()
    record(
        Verb.STATE,
        validation,
        by=by,
        network=values["network"],
        organisation=organisation,
        data={"state": state, "item": str(item)},
    )
    if state == DecisionState.CHANGES_REQUESTED:
        _tell_organisers_of_changes(validation, item)
    return validation


def _tell_organisers_of_changes(validation, item):
    """The organisers hear that an organisation asks for changes on one of its items, with
    its note (they read it in the matrix too)."""
    from carnet.lib.workflow import Actor

    network, by = validation.network, validation.by
    people = [
        person
        for person in notifications.recipients(validation, "reports.view_validation", exclude=by)
        if notifications.concerned(person, (Actor.ORGANISERS,), network=network, owner_id=None)
    ]
    name = str(item)

    def body():
        text = _("%(organisation)s asks for changes on “%(item)s”.") % {
            "organisation": validation.organisation,
            "item": name,
        }
        return f"{text}\n\n{validation.note}" if validation.note else text

    notifications.notify(
        people,
        network=network,
        subject=lambda: _("Changes asked for: %(item)s") % {"item": name},
        body=body,
        path=reverse("reports:validations", args=[network.slug]),
    )


def answer_item(item, *, organisation, state, by, note="", network, note_required=True):
    """An organisation's answer on one of its items of the matrix. A sheet is validated
    through its own workflow (practices.domain.set_state); changes asked for on it are kept
    as the organisation's answer (until the sheet changes) and its note as a comment on the
    sheet, which the facilitators read."""
    from carnet.practices import domain as sheets
    from carnet.practices.enums import SheetState
    from carnet.practices.models import Sheet

    if state not in (DecisionState.VALIDATED, DecisionState.CHANGES_REQUESTED):
        raise ReportError(_("Unknown answer."))
    if not isinstance(item, Sheet):
        return validate_item(
            item, organisation=organisation, state=state, by=by, note=note, network=network
        )
    if state == DecisionState.VALIDATED:
        try:
            return sheets.set_state(item, SheetState.VALIDATED, by=by, note=note)
        except sheets.InvalidTransition:
            raise ReportError(
                _("This sheet cannot be validated now: the facilitators have not approved it.")
            ) from None
    if note_required and not note.strip():
        raise ReportError(_("Say what should change: the facilitators read it on the sheet."))
    with transaction.atomic():
        if note.strip():
            sheets.add_comment(item, by=by, text=note)
        return validate_item(
            item, organisation=organisation, state=state, by=by, note=note, network=network
        )


# ---------------------------------------------------------------- validation rounds


def current_validation_round(network):
    return ValidationRound.objects.filter(network=network).order_by("-sent_at", "-id").first()


def validators(network, organisation_ids):
    """The people who answer for these organisations in the matrix, each once: the rule of
    the answer (reports.decide_validation: the organisation's partner editors)."""
    from carnet.networks.models import Organisation

    people = {}
    for organisation in Organisation.objects.filter(pk__in=organisation_ids):
        answer = Validation(network=network, organisation=organisation)
        for person in notifications.recipients(answer, "reports.decide_validation"):
            people.setdefault(person.pk, person)
    return sorted(people.values(), key=lambda person: person.username)


def unreachable_validators(network):
    """The organisations with items to validate for which nobody would receive the round."""
    from carnet.networks.models import Organisation

    waiting = waiting_items(network)
    return [
        organisation
        for organisation in Organisation.objects.filter(pk__in=waiting).order_by("name")
        if not validators(network, [organisation.pk])
    ]


def _ask_to_validate(validation_round, waiting, *, subject):
    network = validation_round.network
    return notifications.notify(
        validators(network, list(waiting)),
        network=network,
        subject=subject,
        body=lambda: _body_with_due_date(validation_round.message, validation_round.due_on),
        path=reverse("reports:validations", args=[network.slug]),
        personal=oneclick.item_links_for(waiting, network),
    )


@transaction.atomic
def send_validation_round(network, *, by, message="", due_on=None):
    """Ask each organisation to validate its sheets and the images and videos that show it:
    its partner editors each get one e-mail listing the organisation's items, each with
    their own one-click link."""
    validation_round = ValidationRound.objects.create(
        network=network, sent_by=by, message=message, due_on=due_on
    )
    _ask_to_validate(
        validation_round,
        waiting_items(network),
        subject=lambda: (
            _("%(network)s: please validate your sheets and the images that show you")
            % {"network": network.name}
        ),
    )
    record(Verb.CREATE, validation_round, by=by, network=network, data={"due_on": str(due_on)})
    return validation_round


def remind_validation(validation_round, *, by):
    """E-mail the partner editors of every organisation that has not answered on all its
    items, with fresh links."""
    network = validation_round.network
    sent = _ask_to_validate(
        validation_round,
        waiting_items(network),
        subject=lambda: (
            _("Reminder: %(network)s is waiting for you to validate your sheets and images")
            % {"network": network.name}
        ),
    )
    validation_round.reminded_at = timezone.now()
    validation_round.save(update_fields=["reminded_at"])
    record(Verb.CHANGE, validation_round, by=by, network=network, data={"reminded": sent})
    return sent


def late_organisations(network, today=None):
    """The organisations still waited for, once the current validation round is past its due
    date (ids)."""
    validation_round = current_validation_round(network)
    if validation_round is None or not validation_round.is_late(today):
        return set()
    return set(waiting_items(network))
