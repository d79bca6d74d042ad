"""What a learning may cite as evidence: a registry of sources.

Each source kind is a model with a way to list the network's objects, to name one,
to link to it and to say whose voice it is. Other apps (sheets, milestones, the
report) register theirs from their AppConfig.ready():

    from carnet.capitalisation.evidence import register
    register(Sheet, label=_("Sheet"), queryset=lambda network: Sheet.objects.filter(...),
             fields=["impact", "advice"], organisation=lambda sheet: sheet.organisation)

A source's objects must have a `network` and get_absolute_url(). A source that is shown
to everyone once published says so with `public=lambda obj: ...`: only passages of public
objects may be quoted in the published synthesis.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _


@dataclass
class Source:
    model: type
    label: str
    queryset: object  # callable(network) -> QuerySet of citable objects
    fields: list = field(default_factory=list)  # fields a passage may come from
    organisation: object = None  # callable(obj) -> Organisation or None
    select_related: tuple = ()
    url: object = None  # callable(obj) -> address; default obj.get_absolute_url()
    public: object = None  # callable(obj) -> True when everyone may read obj (it is published)
    defer: tuple = ()  # large fields that naming an object does not need (not read for a select)

    @property
    def key(self):
        return self.model._meta.label_lower


SOURCES = {}


def register(
    model,
    *,
    label,
    queryset,
    fields=(),
    organisation=None,
    select_related=(),
    url=None,
    public=None,
    defer=(),
):
    source = Source(
        model,
        label,
        queryset,
        list(fields),
        organisation,
        tuple(select_related),
        url,
        public,
        tuple(defer),
    )
    SOURCES[source.key] = source
    return source


def source_for(model_or_obj):
    return SOURCES.get(model_or_obj._meta.label_lower)


def organisation_of(obj):
    source = source_for(obj)
    if source and source.organisation:
        return source.organisation(obj)
    return getattr(obj, "organisation", None)


def url_of(obj):
    source = source_for(obj)
    if source and source.url:
        return source.url(obj)
    return obj.get_absolute_url()


def is_public(obj):
    """Whether everyone may read obj, so a passage of it may be quoted in what is published.
    Sources that do not say (interviews, documents, sessions...) are private."""
    source = source_for(obj)
    return bool(source and source.public and source.public(obj))


def label_of(obj):
    source = source_for(obj)
    return str(source.label) if source else obj._meta.verbose_name


def choices(network):
    """(value, label) pairs for a select: every citable object of the network, by kind."""
    groups = []
    for source in SOURCES.values():
        content_type = ContentType.objects.get_for_model(source.model)
        objects = (
            source.queryset(network).select_related(*source.select_related).defer(*source.defer)
        )
        options = [(f"{content_type.pk}:{obj.pk}", str(obj)) for obj in objects]
        if options:
            groups.append((str(source.label), options))
    return groups


def resolve(value, network):
    """The object named by a "content type id:object id" value, if it is citable here."""
    try:
        type_id, object_id = str(value).split(":", 1)
        content_type = ContentType.objects.get_for_id(int(type_id))
    except (ValueError, ContentType.DoesNotExist):
        return None
    source = SOURCES.get(f"{content_type.app_label}.{content_type.model}")
    if source is None:
        return None
    return source.queryset(network).filter(pk=object_id).first()


def attach_sources(evidence_list):
    """Set .source on each evidence with one query per kind of source (not per item)."""
    wanted = {}
    for item in evidence_list:
        wanted.setdefault(item.content_type_id, set()).add(item.object_id)
    found = {}
    for type_id, ids in wanted.items():
        content_type = ContentType.objects.get_for_id(type_id)
        model = content_type.model_class()
        source = source_for(model) if model else None
        if source is None:
            continue
        queryset = model._default_manager.select_related(*source.select_related)
        for obj in queryset.filter(pk__in=ids):
            found[(type_id, str(obj.pk))] = obj
    for item in evidence_list:
        item.source_object = found.get((item.content_type_id, str(item.object_id)))
    return evidence_list


def register_defaults():
    from carnet.library.models import Document
    from carnet.networks.models import MembershipReason

    from .models import Interview, WorkshopSession

    register(
        Interview,
        label=_("Interview"),
        queryset=lambda network: Interview.objects.filter(network=network),
        defer=("notes", "expectations"),
        fields=["notes", "expectations"],
        select_related=("organisation", "network"),
    )
    register(
        WorkshopSession,
        label=_("Workshop session"),
        queryset=lambda network: WorkshopSession.objects.filter(workshop__network=network),
        fields=["notes"],
        defer=("notes",),
        organisation=lambda session: None,
        select_related=("workshop__network",),
    )
    register(
        Document,
        label=_("Document"),
        queryset=lambda network: Document.objects.filter(network=network),
        defer=("text",),
        fields=["text"],
        select_related=("organisation", "network"),
    )
    register(
        MembershipReason,
        label=_("Membership reason"),
        queryset=lambda network: MembershipReason.objects.filter(membership__network=network),
        fields=["statement"],
        organisation=lambda reason: reason.membership.organisation,
        url=lambda reason: reason.membership.network.get_absolute_url() + "#reasons",
        select_related=("membership__organisation", "membership__network"),
    )


def source_value(obj):
    """How a form names obj as a source: "content type id:object id"."""
    return f"{ContentType.objects.get_for_model(obj).pk}:{obj.pk}"


def cited_by(obj):
    """The evidence that cites obj, with its learning."""
    from .models import Evidence

    return Evidence.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("learning")
