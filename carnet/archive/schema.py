"""What a network archive holds: every model of Carnet's apps, and how each belongs to a network.

The rule is generic and driven by the models: a model is exported when it has a path to
`network` (a `network` foreign key, or a required foreign key to an exported model). What the
generic rule cannot know is declared here, in small registries; `check()` (run by the tests)
fails when a model of a Carnet app is neither exported nor excluded with a reason, or when a
JSON field or a generic relation of an exported model has not been declared.
"""

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models

# Version of the archive format. Raise it with any change to what is exported (a model or a
# field added, removed, renamed, or given another meaning), and teach the importer to read
# the previous version. See docs/archive.md.
SCHEMA_VERSION = 14
# What each version changed, for the importer reading an older archive:
#   2  a person's organisation moved from `accounts.User.organisation` (one for all networks)
#      to `accounts.Role.organisation` (the organisation they work for in this network).
#   3  `networks.Network.logo` added (an older archive's network has no logo).
#   4  `networks.MembershipReason.source_kind` added (an older archive's reasons get the kind
#      their free-text `source` names, as the migration did).
#   5  `vocabulary.Term` added (an older archive's network gets the lists Carnet had
#      hard-coded before, and its moments' tags: carnet.vocabulary.domain.seed_legacy).
#   6  `exercise` added to capitalisation's Interview, Workshop, Learning and
#      PublishedSynthesis, one published synthesis per exercise (an older
#      archive's rows have none: they count in the network's first exercise).
#   7  `exercise` added to reports.Report: a network has one report per exercise (an older
#      archive's report has none: it counts in the network's first exercise).
#   8  `reports.ValidationRound` added (the partners asked to validate their sheets and
#      images by a date; an older archive has none).
#   9  `timeline.VoteRound` added, and `timeline.Vote.round` (an older archive's network had
#      no vote round: its votes belong to none, and are taken at any time, as before).
#  10  `timeline.Milestone` gains start_time, end_time, quotation, media_thumbnail, background
#      and notes (what TimelineJS files carry; an older archive's moments have them blank);
#      `timeline.VoteRound.announced_at` (an older archive's rounds count as announced when
#      they opened: an imported round is never announced again); and
#      `timeline.MilestoneTranslation.updated` (an older archive's translations count as
#      written when imported).
#  11  `translations.Translation` and the other additions listed in docs/archive.md.
#  12  `timeline.MomentMedia` added (a moment's sounds, videos, PDFs, quotations and the
#      network's videos it shows; an older archive's moments have none), and
#      `capitalisation.VideoComment` (review comments at a time of a video; none before),
#      and `reports.ReportVersion.language`: the language of the edition a version was
#      built in (an older archive's versions have none: the reference language, as built).
#  13  subtitles one file a language: `timeline.MomentSubtitles` and
#      `capitalisation.VideoSubtitles` added, `MomentMedia.subtitles` and
#      `subtitles_language` and `Video.subtitles` removed (an older archive's one file
#      becomes a track: a media's in the language it was given, English when none; a
#      video's in the language spoken in it).
#  14  `capitalisation.Document.language` added (the language of its text; an older
#      archive's documents have none: the network's first language, as before).
FORMAT = "carnet-archive"

# Organisations and people belong to no network: they are exported when the network refers
# to them (members, role holders, authors…), and matched on import instead of duplicated.
SHARED = ("networks.Organisation", "accounts.User")

# Paths that the generic rule would not find (or would find ambiguous): model -> lookup.
PATHS = {
    "networks.Network": "pk",
}

# Models of Carnet apps that are not exported, with the reason.
EXCLUDED = {
    # Django's many-to-many tables of the user model: groups and permissions are the
    # instance's own (admin access), never a network's.
    "accounts.User_groups": "instance permissions, not network content",
    "accounts.User_user_permissions": "instance permissions, not network content",
    # Archives, sites and backups made for someone on this instance, kept a few days: an
    # archive never holds earlier archives.
    "downloads.Download": "files made on this instance for one person, deleted after a few days",
    # A person's mailbox on this instance: what it told them, how often they want e-mail. The
    # action log carries what happened; the new instance tells people from then on.
    "notices.Notice": "what this instance told each person; the action log keeps what happened",
    "notices.Preference": "each person's e-mail choices on this instance",
    # Credentials: a one-click link is never carried, like an invitation's.
    "answers.AnswerLink": "a one-click answer link is a credential of this instance",
    "accounts.SignInLink": "a sign-in link is a credential of this instance",
    # The search's index is made from the content: saving the imported objects writes it
    # (carnet.search.index), and `carnet search_reindex` writes it all again.
    "search.Entry": "the search's index, made again from the content on the new instance",
    # A spreadsheet the timeline was imported from: the moments it brought are archived; its
    # link or file is this instance's way of bringing changes, not the network's content.
    "timeline.TimelineSource": "the moments it brought are archived; its link is fetched again",
}

# Fields left out of the archive, with the reason.
OMITTED_FIELDS = {
    "accounts.User": {
        "password": "never exported: people set their own password on the new instance",
        "last_login": "a fact of the old instance",
        "is_superuser": "instance rights are never carried by an archive",
        "is_staff": "instance rights are never carried by an archive",
        "groups": "instance rights",
        "user_permissions": "instance rights",
    },
    "accounts.Invitation": {
        "token_hash": "the link of a pending invitation is not carried; send a new one",
    },
    "reports.Validation": {
        "fingerprint": "a hash over ids; exported as `holds` and recomputed on import",
    },
}

# Rows of an exported model that are left out: model -> queryset filter.
ROW_FILTERS = {
    # Only pending invitations: accepted ones are the people themselves, the others are dead.
    "accounts.Invitation": lambda queryset: queryset.pending(),
}

# JSON fields: the keys that hold ids of exported models (remapped on import), or {} when the
# field holds no id. A JSON field missing here makes check() fail.
JSON_IDS = {
    "accounts.Action.data": {"evidence": "capitalisation.Evidence", "sheet": "practices.Sheet"},
    "practices.SheetTemplate.fields": {},
    "practices.Sheet.themes": {},
    "practices.Sheet.content": {},
    "practices.SheetVersion.content": {},
    "practices.SheetVersion.changed_fields": {},
    # A frozen build: its chapter keys (c<id>-name) are names inside the document only; the
    # media paths it holds are rewritten when a file is renamed on import.
    "reports.ReportVersion.content": {},
    # The synthesis as published: HTML per language, links by slug (no ids; see below).
    "capitalisation.PublishedSynthesis.pages": {},
    # Where a document's text was read from a scan by OCR: [[page, start, end], ...] (no ids).
    "capitalisation.Document.ocr_pages": {},  # library.Document, by its archive name
    # A closed vote round's result: moments by slug and title, as they stood (no ids).
    "timeline.VoteRound.result": {},
}

# JSON fields holding HTML whose links name the network's address (/<slug>/...): rewritten
# when an archive is imported under another address (--as).
HTML_WITH_ADDRESSES = {"capitalisation.PublishedSynthesis.pages"}

# JSON fields holding HTML that pages show as is: the keys leading to an object whose values
# are HTML. Sanitised again on import (carnet.lib.markdown.clean_html), whoever wrote them.
HTML_IN_JSON = {
    "capitalisation.PublishedSynthesis.pages": (),  # {language: HTML}
    "reports.ReportVersion.content": ("assets",),  # {"assets": {name: SVG}, ...}
}

# Generic relations (content_type + object_id) of exported models. The object id is remapped
# when the object is in the archive, else left empty (the object was deleted).
GENERIC = {
    "accounts.Action": ("content_type", "object_id"),
    "safeguarding.SensitiveFlag": ("content_type", "object_id"),
    "capitalisation.Evidence": ("content_type", "object_id"),
    "reports.Validation": ("content_type", "object_id"),
    "translations.Translation": ("content_type", "object_id"),
}


class SchemaError(Exception):
    pass


def carnet_models():
    """Every model (with auto-created many-to-many tables) of Carnet's own apps."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model.__module__.startswith("carnet.")
        or model._meta.app_config.name.startswith("carnet.")
    ]


# Models that moved to another app keep, in archives, the label they had before: the format
# does not change with the code's layout, and older archives still import.
ARCHIVE_LABELS = {
    "library.Document": "capitalisation.Document",  # the library was part of capitalisation
}


def label(model):
    """A model's name in archives: its label, or the one it had before it moved (above)."""
    return ARCHIVE_LABELS.get(model._meta.label, model._meta.label)


def is_through(model):
    return model._meta.auto_created is not False and bool(model._meta.auto_created)


def relations(model):
    """The model's concrete foreign keys (one-to-one included), in field order."""
    return [
        f for f in model._meta.concrete_fields if f.is_relation and (f.many_to_one or f.one_to_one)
    ]


def network_path(model, _seen=()):
    """The lookup from the model to its network, or None."""
    name = label(model)
    if name in PATHS:
        return PATHS[name]
    if name in SHARED or name in EXCLUDED or is_through(model):
        return None
    fields = {f.name: f for f in model._meta.concrete_fields}
    network = fields.get("network")
    if (
        network is not None
        and network.is_relation
        and label(network.related_model) == "networks.Network"
    ):
        return "network"
    for field in relations(model):
        target = field.related_model
        if field.null or target is model or label(target) in SHARED or target in _seen:
            continue
        if label(target) == "contenttypes.ContentType":
            continue
        path = network_path(target, (*_seen, model))
        if path:
            return f"{field.name}__{path}" if path != "pk" else field.name
    return None


def exported_models():
    """(model, path) for every network-scoped model, in an order where each model's
    required foreign keys point to models before it."""
    scoped = {}
    for model in carnet_models():
        path = network_path(model)
        if path:
            scoped[model] = path
    ordered, placed = [], set(SHARED)
    remaining = dict(scoped)

    def needs(model, required_only):
        return {
            label(f.related_model)
            for f in relations(model)
            if (not f.null or not required_only)
            and f.related_model is not model
            and label(f.related_model) != "contenttypes.ContentType"
        }

    while remaining:
        # Prefer a model whose every foreign key is placed; else one whose required ones are
        # (its optional links are then set after all rows are in).
        for required_only in (False, True):
            ready = [model for model in remaining if needs(model, required_only) <= placed]
            if ready:
                break
        else:
            names = sorted(map(label, remaining))
            raise SchemaError(f"circular required foreign keys among {names}")
        model = ready[0]
        ordered.append((model, remaining.pop(model)))
        placed.add(label(model))
    return ordered


def check():
    """Problems with the registry: models neither exported nor excluded, undeclared JSON
    fields or generic relations. Empty when all is well."""
    problems = []
    exported = {label(model) for model, _path in exported_models()}
    for model in carnet_models():
        name = label(model)
        if is_through(model) and name not in EXCLUDED:
            # Many-to-many tables travel with the model that declares the field.
            owner = model._meta.auto_created
            if label(owner) not in exported and label(owner) not in SHARED:
                problems.append(f"{name}: its model {label(owner)} is not exported")
            continue
        if name not in exported and name not in SHARED and name not in EXCLUDED:
            problems.append(f"{name}: neither exported (no path to network) nor excluded")
            continue
        if name in EXCLUDED:
            continue
        omitted = OMITTED_FIELDS.get(name, {})
        for field in model._meta.concrete_fields:
            if (
                isinstance(field, models.JSONField)
                and field.name not in omitted
                and f"{name}.{field.name}" not in JSON_IDS
            ):
                problems.append(f"{name}.{field.name}: JSON field not declared in JSON_IDS")
        for field in model._meta.private_fields:
            if isinstance(field, GenericForeignKey) and name not in GENERIC:
                problems.append(f"{name}.{field.name}: generic relation not declared in GENERIC")
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is not None:
                target = label(field.related_model)
                if target == "contenttypes.ContentType":
                    if name not in GENERIC and field.name not in omitted:
                        problems.append(f"{name}.{field.name}: content type outside GENERIC")
                elif target not in exported and target not in SHARED and field.name not in omitted:
                    problems.append(f"{name}.{field.name}: points to {target}, not exported")
    return problems
