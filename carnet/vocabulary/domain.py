"""The network's own vocabulary: seeding, reading labels, and the coordinator's changes.

Items (sheets, learnings, reasons, moments) store a term's key; every page, export and
archive shows the label through `labels(network, kind)` (or the `term_label` filter).
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from carnet.accounts.domain import record
from carnet.accounts.enums import Verb
from carnet.accounts.models import Action

from .defaults import LEGACY, NEUTRAL
from .enums import TermKind
from .models import Term


def seed(network, lists=NEUTRAL):
    """Give the network its first terms (NEUTRAL for a new network), labels in its first
    content language. Terms it already has are left as they are."""
    language = (network.language_codes or ["en"])[0]
    existing = set(Term.objects.filter(network=network).values_list("kind", "key"))
    with translation.override(language):
        terms = [
            Term(network=network, kind=kind, key=key, label=_in_language(label), position=position)
            for kind, items in lists.items()
            for position, (key, label) in enumerate(items, start=1)
            if (kind, key) not in existing
        ]
    Term.objects.bulk_create(terms)


def _in_language(label):
    """A label of the default lists in the active language: marked text or a lazy label."""
    return _(label) if isinstance(label, str) else str(label)


def seed_legacy(network):
    """Today's (anti-trafficking) lists, for networks made before the vocabulary was data,
    and any moment tags already in use."""
    seed(network, LEGACY)
    add_tags_in_use(network)


def add_tags_in_use(network):
    """A moment tag term for each free-text tag the network's moments use without one."""
    from carnet.timeline.models import Milestone

    known = set(Term.objects.of(network, TermKind.MOMENT_TAG).values_list("key", flat=True))
    position = _last_position(network, TermKind.MOMENT_TAG)
    new = []
    for tags in Milestone.objects.filter(network=network).values_list("tags", flat=True):
        for tag in _split(tags):
            key = tag_key(tag)
            if key and key not in known:
                known.add(key)
                position += 1
                new.append(
                    Term(
                        network=network,
                        kind=TermKind.MOMENT_TAG,
                        key=key,
                        label=tag,
                        position=position,
                    )
                )
    Term.objects.bulk_create(new)


# Reading ------------------------------------------------------------------------------


def labels(network, kind, *, language=None):
    """{key: label} of all the network's terms of that kind, archived ones included (old
    items keep showing their words). A key without a term shows as itself. With a language,
    the labels translated into it (carnet.translations; the reference label where none)."""
    mapping = dict(Term.objects.of(network, kind).values_list("key", "label"))
    if language is None:
        return mapping
    from carnet.translations.domain import term_labels

    return term_labels(network, mapping, kind, language)


def display(network, kind, key):
    """The label of one key, for an item's page, in the reader's language; the labels are
    read once per network object (pages showing many items share their network object, or
    use labels())."""
    language = translation.get_language()
    cache = network.__dict__.setdefault("_vocabulary_labels", {})
    if (kind, language) not in cache:
        cache[(kind, language)] = labels(network, kind, language=language)
    return label_of(cache[(kind, language)], key)


def label_of(mapping, key):
    return mapping.get(key) or mapping.get(tag_key(key)) or key


def choices(network, kind, *, keep=()):
    """The (key, label) choices offered for new items: the active terms, in order; plus the
    archived terms in `keep` (what the item being edited already holds)."""
    keep = set(keep or ())
    return [
        (term.key, term.label)
        for term in Term.objects.of(network, kind)
        if not term.archived or term.key in keep
    ]


def tag_key(tag):
    return slugify(str(tag))[:40]


def _split(text):
    return [tag.strip() for tag in (text or "").split(",") if tag.strip()]


def tag_labels(network, text, mapping=None):
    """The labels of a moment's comma-separated tags: a tag matching a term (by key, or by
    its words) shows the term's label; free text shows as typed."""
    mapping = labels(network, TermKind.MOMENT_TAG) if mapping is None else mapping
    return [label_of(mapping, tag) for tag in _split(text)]


def normalise_tags(network, text):
    """What a moment stores: a tag typed as a term's label or key becomes its key; other tags
    stay free text."""
    terms = {}
    for term in Term.objects.of(network, TermKind.MOMENT_TAG):
        terms[term.key] = term.key
        terms[tag_key(term.label)] = term.key
    return ", ".join(terms.get(tag_key(tag), tag) for tag in _split(text))


def usage(term):
    """How many items store the term's key."""
    network, key = term.network, term.key
    if term.kind == TermKind.THEME:
        from carnet.practices.models import Sheet

        return Sheet.objects.filter(network=network).with_theme(key).count()
    if term.kind == TermKind.LEARNING_CATEGORY:
        from carnet.capitalisation.models import Learning

        return Learning.objects.filter(network=network, category=key).count()
    if term.kind == TermKind.REASON_CATEGORY:
        from carnet.networks.models import MembershipReason

        return MembershipReason.objects.filter(membership__network=network, category=key).count()
    from carnet.timeline.models import Milestone

    tags = Milestone.objects.filter(network=network).values_list("tags", flat=True)
    return sum(1 for text in tags if key in {tag_key(tag) for tag in _split(text)})


def is_adjusted(network):
    """Whether the coordinator added, renamed, moved, archived or deleted a term since the
    network was created (seeding writes nothing in the action log)."""
    return Action.objects.filter(
        network=network, content_type=ContentType.objects.get_for_model(Term)
    ).exists()


# The coordinator's changes ---------------------------------------------------------------


def _last_position(network, kind):
    return Term.objects.of(network, kind).aggregate(last=Max("position"))["last"] or 0


def _clean_label(label):
    label = " ".join((label or "").split())
    if not label:
        raise ValidationError(_("Write the term's label."))
    return label


def _refuse_duplicate(network, kind, label, *, exclude=None):
    same = Term.objects.of(network, kind).filter(label__iexact=label)
    if exclude is not None:
        same = same.exclude(pk=exclude.pk)
    term = same.first()
    if term is None:
        return
    if term.archived:
        raise ValidationError(
            _("“%(label)s” is an archived term: restore it instead of adding it again.")
            % {"label": term.label}
        )
    raise ValidationError(
        _("“%(label)s” is already in the list: choose another label.") % {"label": term.label}
    )


@transaction.atomic
def add_term(network, kind, label, *, by):
    label = _clean_label(label)
    _refuse_duplicate(network, kind, label)
    base = slugify(label)[:34] or "term"
    taken = set(Term.objects.of(network, kind).values_list("key", flat=True))
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    term = Term.objects.create(
        network=network, kind=kind, key=key, label=label, position=_last_position(network, kind) + 1
    )
    record(Verb.CREATE, term, by=by, data={"kind": kind, "key": key, "label": label})
    return term


@transaction.atomic
def rename_term(term, label, *, by):
    """A new label: every item storing the key shows it, old and new."""
    label = _clean_label(label)
    if label == term.label:
        return term
    _refuse_duplicate(term.network, term.kind, label, exclude=term)
    before, term.label = term.label, label
    term.save(update_fields=["label"])
    record(Verb.CHANGE, term, by=by, data={"kind": term.kind, "from": before, "to": label})
    return term


@transaction.atomic
def move_term(term, offset, *, by):
    """Move the term up (offset -1) or down (+1) in its list."""
    terms = list(Term.objects.of(term.network, term.kind))
    index = next(i for i, t in enumerate(terms) if t.pk == term.pk)
    target = index + offset
    if not 0 <= target < len(terms):
        return
    terms.insert(target, terms.pop(index))
    for position, t in enumerate(terms, start=1):
        if t.position != position:
            t.position = position
            t.save(update_fields=["position"])
    record(Verb.CHANGE, term, by=by, data={"kind": term.kind, "position": target + 1})


@transaction.atomic
def set_archived(term, archived, *, by):
    """Archived: still shown on the items that use it, no longer offered for new ones."""
    if term.archived == archived:
        return term
    term.archived = archived
    term.save(update_fields=["archived"])
    record(Verb.CHANGE, term, by=by, data={"kind": term.kind, "archived": archived})
    return term


@transaction.atomic
def delete_term(term, *, by):
    """Delete a term no item uses; a term in use is refused: archive it instead."""
    used = usage(term)
    if used:
        raise ValidationError(
            ngettext(
                "“%(label)s” is used by %(count)d item: archive it instead, so that it "
                "keeps its word and new items no longer offer it.",
                "“%(label)s” is used by %(count)d items: archive it instead, so that they "
                "keep their word and new items no longer offer it.",
                used,
            )
            % {"label": term.label, "count": used}
        )
    record(Verb.DELETE, term, by=by, data={"kind": term.kind, "key": term.key})
    term.delete()
