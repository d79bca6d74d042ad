"""Work on good-practice sheets: versions, the workflow, suggestions, comments.

Every content change goes through save_version() (optimistic concurrency: the
caller says which revision it edited; a stale one raises Conflict). Every state
change goes through set_state().
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from carnet.accounts import notifications
from carnet.accounts.domain import record
from carnet.accounts.enums import Verb
from carnet.capitalisation.models import Exercise
from carnet.lib.markdown import clean_pasted
from carnet.lib.names import first_free
from carnet.lib.states import move
from carnet.lib.workflow import MoveRefused, allowed_moves, check_move, moved
from carnet.safeguarding.domain import PublicationBlocked, guard
from carnet.safeguarding.public import public_texts

from .enums import SHEETS, SheetState, SuggestionStatus
from .models import Comment, Sheet, SheetTemplate, SheetVersion, Suggestion

S = SheetState
RESERVED = {"new", "import", "template"}  # addresses of the sheets' own pages

# The workflow is declared once, in enums.py (SHEETS). These two read it, for the code
# that knew them: from -> {to: the permission the person needs}, and the buttons' words.
TRANSITIONS = {}
for _move in SHEETS.moves:
    TRANSITIONS.setdefault(_move.source, {})[_move.target] = _move.rule
MOVE_LABELS = {(_move.source, _move.target): _move.label for _move in SHEETS.moves}


class Conflict(Exception):
    """Somebody saved the sheet since this person opened it."""

    def __init__(self, sheet):
        super().__init__("stale revision")
        self.sheet = sheet


# The one refusal of a move, and the one safeguarding refusal, under their former names.
InvalidTransition = MoveRefused
PublishBlocked = PublicationBlocked


class Incomplete(Exception):
    """Fields the template requires are empty: a draft saves with anything in it, but it is
    submitted for review only once they are filled in."""

    def __init__(self, specs):
        super().__init__("required fields are empty: " + ", ".join(s.key for s in specs))
        self.specs = specs


SUBMITTING = (S.SUBMITTED, S.RESUBMITTED)


def missing_fields(sheet):
    """The template's required fields that the sheet leaves empty."""
    return [
        spec
        for spec in sheet.template.specs
        if spec.required and not str(sheet.content.get(spec.key) or "").strip()
    ]


class Outdated(Exception):
    """The passage a suggestion was made on has changed since."""


@dataclass
class Saved:
    version: object = None
    validation_reset: object = None  # the version whose validation was reset
    changed: list = field(default_factory=list)


def template_for(network, exercise=None):
    """The sheet template of an exercise (made with the default fields when missing)."""
    template, _created = SheetTemplate.objects.get_or_create(network=network, exercise=exercise)
    return template


def keys_in_use(template):
    """The fields some sheet of this template has text in."""
    keys = set()
    for content in template.sheets.values_list("content", flat=True):
        keys.update(key for key, value in content.items() if value)
    return keys


def save_template(template, fields, *, by):
    """Store a template's fields (see fields.py); sheets keep their text in removed fields."""
    template.fields = fields
    template.save(update_fields=["fields"])
    record(Verb.CHANGE, template, by=by, network=template.network)
    return template


def unique_slug(network, title, exclude=None):
    base = slugify(title)[:70] or "sheet"
    if base in RESERVED:
        base = f"{base}-sheet"
    taken = Sheet.objects.filter(network=network)
    if exclude:
        taken = taken.exclude(pk=exclude.pk)
    return first_free(base, lambda slug: taken.filter(slug=slug).exists())


def clean_content(content):
    return {key: clean_pasted(value or "") for key, value in content.items() if (value or "")}


@transaction.atomic
def create_sheet(
    *,
    network,
    organisation,
    by,
    title,
    content=None,
    template=None,
    language="en",
    level="national",
    themes=(),
    translation_of=None,
    note="",
    slug=None,
):
    sheet = Sheet.objects.create(
        network=network,
        organisation=organisation,
        template=template or template_for(network, Exercise.objects.current(network)),
        slug=slug or unique_slug(network, title),
        title=clean_pasted(title).strip(),
        country=organisation.country,
        language=language,
        level=level,
        themes=list(themes),
        content=clean_content(content or {}),
        translation_of=translation_of,
    )
    sheet.revision = 1
    Sheet.objects.filter(pk=sheet.pk).update(revision=1)
    SheetVersion.objects.create(
        sheet=sheet,
        number=1,
        content=sheet.snapshot(),
        changed_fields=sorted(sheet.snapshot()),
        author=by,
        note=note or _("Created"),
    )
    record(Verb.CREATE, sheet, by=by)
    return sheet


@transaction.atomic
def save_version(sheet, *, by, content, base_revision, title=None, note="", details=None):
    """Save new content as a version. content: the text fields (all of them).

    The text of a field the template no longer offers is kept unless content names it.

    Raises Conflict when base_revision is not the sheet's current revision.
    details: other columns to change at the same time (level, themes, language).
    """
    title = clean_pasted(title).strip() if title is not None else sheet.title
    offered = {spec.key for spec in sheet.template.specs}
    kept = {k: v for k, v in sheet.content.items() if k not in offered and k not in content}
    content = clean_content({**kept, **content})  # a removed field's text is never lost
    before = sheet.snapshot()
    after = {"title": title, **content}
    changed = sorted(k for k in set(before) | set(after) if before.get(k, "") != after.get(k, ""))
    details = {k: v for k, v in (details or {}).items() if getattr(sheet, k) != v}
    if not changed and not details:
        if base_revision != sheet.revision:
            raise Conflict(Sheet.objects.get(pk=sheet.pk))
        return Saved()
    updates = {"title": title, "content": content, "updated": timezone.now(), **details}
    won = Sheet.objects.filter(pk=sheet.pk, revision=base_revision).update(
        revision=F("revision") + 1, **updates
    )
    if not won:
        raise Conflict(Sheet.objects.get(pk=sheet.pk))
    sheet.refresh_from_db()
    if not changed:
        record(Verb.CHANGE, sheet, by=by, data={"details": sorted(details)})
        return Saved(changed=sorted(details))
    number = (sheet.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = SheetVersion.objects.create(
        sheet=sheet, number=number, content=after, changed_fields=changed, author=by, note=note
    )
    reset = None
    if sheet.validated_version_id:
        reset = sheet.validated_version
        previous = sheet.state
        sheet.validated_version, sheet.validated_by, sheet.validated_at = None, None, None
        if sheet.state in (S.VALIDATED, S.PUBLISHED):
            sheet.state = S.APPROVED
        sheet.save(update_fields=["validated_version", "validated_by", "validated_at", "state"])
        record(
            Verb.STATE,
            sheet,
            by=by,
            data={"from": previous, "to": sheet.state, "note": "validation reset"},
        )
        notify(
            sheet,
            by=by,
            subject=lambda: _("Validation reset: %(title)s") % {"title": sheet.title},
            body=lambda: (
                _(
                    "%(who)s changed “%(title)s” after it was validated (version %(n)s): "
                    "it needs a new validation."
                )
                % {"who": by, "title": sheet.title, "n": reset.number}
            ),
        )
    record(Verb.CHANGE, sheet, by=by, data={"version": number, "fields": changed})
    return Saved(version=version, validation_reset=reset, changed=changed)


def notify(sheet, *, by, subject, body):
    """Tell the people who may edit the sheet (its rule: the organisers, its organisation's
    partner editors in this network), except the one who acted; subject and body: functions
    returning the text, called in each recipient's language."""
    tell(sheet, "practices.change_sheet", by=by, subject=subject, body=body)


def tell(sheet, perm, *, by, subject, body, only=None, also=None, skip=()):
    """Tell the people of the sheet's network who have perm on it, except the one who acted
    (`only`: just that person, if they have it; `also`: that person too, if they may read
    the sheet; `skip`: people told otherwise). Nobody learns of what they may not see."""
    people = notifications.recipients(sheet, perm, exclude=by)
    skipped = {person.pk for person in skip}
    people = [person for person in people if person.pk not in skipped]
    if only is not None:
        people = [person for person in people if person.pk == only.pk]
    if also is not None and also.pk not in skipped and all(p.pk != also.pk for p in people):
        readers = notifications.recipients(sheet, "practices.view_sheet", exclude=by)
        people += [person for person in readers if person.pk == also.pk]
    notifications.notify(
        people, network=sheet.network, subject=subject, body=body, path=sheet.get_absolute_url()
    )


def allowed_transitions(sheet, user):
    return [item.target for item in allowed_moves(SHEETS, sheet, user)]


def move_label(sheet, to):
    """The words on the button that makes this move."""
    return SHEETS.find(S(sheet.state), S(to)).label


def publication_consents(sheet):
    consents = [(str(photo), photo) for photo in sheet.photos.all()]
    if sheet.content.get("quote"):
        consents.append((_("Quote"), sheet))
    return consents


def publication_allowed(sheet):
    """Names that may appear: the organisation, its country, the quoted person who consented."""
    allowed = [sheet.organisation.name, str(sheet.organisation), str(sheet.country.name)]
    if sheet.may_publish and sheet.content.get("quote_speaker"):
        allowed.append(sheet.content["quote_speaker"])
    return allowed


def set_state(sheet, new_state, *, by, note=""):
    """The one way a sheet changes state: check (SHEETS, its rules), save, log, notify,
    signal. Raises MoveRefused (MoveForbidden when the rule says no), Incomplete, or
    PublicationBlocked.

    Publishing first runs the sensitive-content check; its flags are kept (outside
    the transaction) so that the coordinator can look at them when it refuses.
    """
    new_state = S(new_state)
    previous = S(sheet.state)
    if check_move(SHEETS, sheet, new_state, by) is None:
        return sheet  # asked twice (a double click): it is done already
    if new_state in SUBMITTING:
        missing = missing_fields(sheet)
        if missing:
            raise Incomplete(missing)
    if new_state == S.PUBLISHED:
        reference = sheet.translation_of
        if reference is not None and reference.state != S.PUBLISHED:
            raise MoveRefused(_("Publish the English reference first."))
        guard(
            sheet,
            public_texts(sheet),
            by=by,
            allowed=publication_allowed(sheet),
            consents=publication_consents(sheet),
        )
    with transaction.atomic():
        also = {}
        if new_state == S.VALIDATED and previous == S.APPROVED:
            also = {
                "validated_version": sheet.versions.order_by("-number").first(),
                "validated_by": by,
                "validated_at": timezone.now(),
            }
        if new_state == S.CHANGES_REQUESTED:  # the note stands on the sheet until resubmitted
            also = {
                "review_note": note.strip(),
                "review_note_by": by,
                "review_note_at": timezone.now(),
            }
        elif new_state == S.RESUBMITTED:
            also = {"review_note": "", "review_note_by": None, "review_note_at": None}
        refused = MoveRefused(_("Somebody moved this sheet meanwhile: look again."))
        if not move(sheet, to=new_state, also=also, refused=refused):
            return sheet  # the same move, made by a request running beside (a double click)
        verb = Verb.PUBLISH if new_state == S.PUBLISHED else Verb.STATE
        data = {"from": previous.value, "to": new_state.value, "note": note}
        if sheet.validated_version_id:
            data["version"] = sheet.validated_version.number
        record(verb, sheet, by=by, data=data)

    # The people concerned are told by the one receiver of state_changed, as SHEETS says.
    moved(SHEETS, sheet, source=previous, target=new_state, by=by, note=note)
    return sheet


def set_open_to_peers(sheet, *, by, value):
    if not by.has_perm("practices.change_sheet", sheet):
        raise PermissionDenied
    sheet.open_to_peers = bool(value)
    sheet.save(update_fields=["open_to_peers"])
    record(Verb.CHANGE, sheet, by=by, data={"open_to_peers": sheet.open_to_peers})
    return sheet


# Suggestions and comments


def suggest(sheet, *, by, field, replacement, passage="", comment="", kind="rewording"):
    if not by.has_perm("practices.suggest_sheet", sheet):
        raise PermissionDenied
    if field not in {spec.key for spec in sheet.specs}:
        raise ValueError(_("This field is not in the sheet."))
    current = sheet.text(field)
    passage = clean_pasted(passage or "")
    if passage and current.count(passage) != 1:
        raise ValueError(
            _("The passage must appear exactly once in the field; select a longer passage.")
        )
    suggestion = Suggestion.objects.create(
        sheet=sheet,
        field=field,
        kind=kind,
        passage=passage,
        field_text=current,
        replacement=clean_pasted(replacement or ""),
        comment=comment,
        author=by,
    )
    record(Verb.CREATE, suggestion, by=by, network=sheet.network, organisation=sheet.organisation)
    label = next(spec.label for spec in sheet.specs if spec.key == field)
    tell(
        sheet,
        "practices.decide_suggestions_sheet",  # the organisation that answers it
        by=by,
        subject=lambda: _("A suggestion on “%(title)s”") % {"title": sheet.title},
        body=lambda: (
            _("%(who)s suggests a change to “%(field)s”: accept it or reject it.")
            % {"who": by, "field": label}
        ),
    )
    return suggestion


def _applied(suggestion, text):
    if suggestion.is_outdated(text):
        raise Outdated
    if not suggestion.passage:
        return suggestion.replacement
    return text.replace(suggestion.passage, suggestion.replacement, 1)


def _close(suggestion, status, *, by, reason=""):
    """Close an open suggestion; False when a request running beside closed it first."""
    also = {"resolved_by": by, "resolved_at": timezone.now(), "reason": reason}
    return move(suggestion, field="status", to=status, also=also)


def _log_closed(suggestion, *, by):
    record(
        Verb.STATE,
        suggestion,
        by=by,
        network=suggestion.sheet.network,
        organisation=suggestion.sheet.organisation,
        data={"to": suggestion.status, "reason": suggestion.reason},
    )


def _edit_fields(sheet):
    content = {spec.key: sheet.content.get(spec.key, "") for spec in sheet.template.specs}
    content.update({k: v for k, v in sheet.content.items() if k not in content})
    return content


@transaction.atomic
def accept(suggestion, *, by):
    """Apply one suggestion as a new version. Raises Outdated when its passage changed."""
    return accept_all(suggestion.sheet, by=by, only=[suggestion])


@transaction.atomic
def accept_all(sheet, *, by, only=None):
    """Apply open suggestions in order, as one new version; return (saved, outdated)."""
    if not by.has_perm("practices.decide_suggestions_sheet", sheet):
        raise PermissionDenied
    sheet = Sheet.objects.select_for_update().get(pk=sheet.pk)
    # Read again, under the sheet's lock: a click beside may have closed some meanwhile.
    pending = sheet.suggestions.filter(status=SuggestionStatus.OPEN)
    if only is not None:
        pending = pending.filter(pk__in=[suggestion.pk for suggestion in only])
    title, content = sheet.title, _edit_fields(sheet)
    applied, outdated = [], []
    for suggestion in pending:
        current = title if suggestion.field == "title" else content.get(suggestion.field, "")
        base = sheet.text(suggestion.field)
        if suggestion.is_outdated(base):
            outdated.append(suggestion)
            continue
        try:
            new = _applied(suggestion, current)
        except Outdated:  # an earlier suggestion of this batch changed the passage
            outdated.append(suggestion)
            continue
        if not _close(suggestion, SuggestionStatus.ACCEPTED, by=by):
            continue  # rejected or accepted by a request running beside
        if suggestion.field == "title":
            title = new
        else:
            content[suggestion.field] = new
        applied.append(suggestion)
    if only and outdated:
        raise Outdated
    saved = Saved()
    if applied:
        note = ngettext("Accepted %(n)s suggestion", "Accepted %(n)s suggestions", len(applied)) % {
            "n": len(applied)
        }
        saved = save_version(
            sheet, by=by, title=title, content=content, base_revision=sheet.revision, note=note
        )
        for suggestion in applied:
            _log_closed(suggestion, by=by)
    return saved, outdated


def reject(suggestion, *, by, reason=""):
    """Reject a suggestion, with an optional reason kept for the person who made it."""
    if not by.has_perm("practices.decide_suggestions_sheet", suggestion.sheet):
        raise PermissionDenied
    reason = clean_pasted(reason or "").strip()
    if suggestion.status == SuggestionStatus.OPEN and _close(
        suggestion, SuggestionStatus.REJECTED, by=by, reason=reason
    ):
        _log_closed(suggestion, by=by)
        sheet = suggestion.sheet

        def body():
            text = _("%(who)s did not take your suggestion on “%(title)s”.") % {
                "who": by,
                "title": sheet.title,
            }
            return f"{text}\n\n{reason}" if reason else text

        tell(
            sheet,
            "practices.suggest_sheet",
            by=by,
            only=suggestion.author,
            subject=lambda: _("Suggestion not taken: %(title)s") % {"title": sheet.title},
            body=body,
        )
    return suggestion


@transaction.atomic
def reject_all(sheet, *, by, reason=""):
    if not by.has_perm("practices.decide_suggestions_sheet", sheet):
        raise PermissionDenied
    rejected = list(sheet.suggestions.filter(status=SuggestionStatus.OPEN))
    for suggestion in rejected:
        reject(suggestion, by=by, reason=reason)
    return rejected


def add_comment(sheet, *, by, text, parent=None, field="", passage=""):
    if not by.has_perm("practices.suggest_sheet", sheet):
        raise PermissionDenied
    if parent is not None and parent.sheet_id != sheet.pk:
        raise ValueError("parent of another sheet")
    comment = Comment.objects.create(
        sheet=sheet,
        parent=parent,
        field=field,
        passage=clean_pasted(passage).strip() if parent is None and field else "",
        text=clean_pasted(text),
        author=by,
    )
    record(
        Verb.CREATE,
        comment,
        by=by,
        network=sheet.network,
        organisation=sheet.organisation,
        data={"sheet": sheet.pk},
    )
    # Whom it names (@username), if they may read the sheet, are told they are mentioned.
    named = notifications.mentioned(comment.text, sheet, "practices.view_sheet", exclude=by)
    notifications.notify_mentions(
        named,
        network=sheet.network,
        who=by,
        where=lambda: sheet.title,
        text=comment.text,
        path=sheet.get_absolute_url(),
    )
    tell(
        sheet,
        "practices.change_sheet",  # its organisation's editors and the organisers
        by=by,
        also=parent.author if parent is not None else None,  # and whom it answers
        skip=named,  # told once: that they are mentioned
        subject=lambda: _("A comment on “%(title)s”") % {"title": sheet.title},
        body=lambda: _("%(who)s wrote: %(text)s") % {"who": by, "text": comment.text[:500]},
    )
    return comment


def resolve_comment(comment, *, by, resolved=True):
    comment.resolved = resolved
    comment.save(update_fields=["resolved"])
    record(
        Verb.STATE,
        comment,
        by=by,
        network=comment.sheet.network,
        organisation=comment.sheet.organisation,
        data={"resolved": resolved},
    )
    return comment


def restore(sheet, version, *, by, base_revision):
    """Make an old version the current content again, as a new version."""
    content = {k: v for k, v in version.content.items() if k != "title"}
    for key in sheet.content:
        content.setdefault(key, "")
    return save_version(
        sheet,
        by=by,
        title=version.content.get("title", sheet.title),
        content=content,
        base_revision=base_revision,
        note=_("Restored version %(n)s") % {"n": version.number},
    )


def draft_translation(sheet, values):
    """{field: machine translation} for a translated copy's fields (the title and each template
    field) that are still the reference's text, or empty, in `values` (what the form holds),
    where the reference has text: what the translator changed is never replaced; {} when
    nothing is left to draft. Nothing is saved: the translator reads, corrects and saves.
    Raises machine_translation.MachineTranslationError."""
    from carnet.lib import machine_translation

    reference = sheet.translation_of
    if reference is None:
        return {}
    original = {"title": reference.title, **reference.content}
    keys = ["title", *(spec.key for spec in sheet.template.specs)]
    wanted = [
        key
        for key in keys
        if (original.get(key) or "").strip()
        and (values.get(key) or "").strip() in ("", original[key].strip())
    ]
    if not wanted:
        return {}
    texts = machine_translation.translate(
        [original[key] for key in wanted], source=reference.language, target=sheet.language
    )
    return dict(zip(wanted, texts, strict=True))


@transaction.atomic
def add_translation(sheet, *, by, language):
    """A translation starts as a copy of the reference (English) text, to translate."""
    if not by.has_perm("practices.change_sheet", sheet):
        raise PermissionDenied
    original = sheet.translation_of or sheet
    existing = original.translations.filter(language=language).first()
    if existing or language == original.language:
        return existing or original
    return create_sheet(
        network=sheet.network,
        organisation=sheet.organisation,
        by=by,
        title=original.title,
        content=dict(original.content),
        template=original.template,
        language=language,
        level=original.level,
        themes=original.themes,
        translation_of=original,
        slug=unique_slug(sheet.network, f"{original.slug}-{language}"),
        note=_("Translation started from version %(n)s")
        % {"n": original.versions.order_by("-number").values_list("number", flat=True).first()},
    )
