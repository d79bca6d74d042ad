"""Reading and saving the translations of a network's published texts (carnet.translations).

Reading: `text(obj, field, language)` for one text, `localise(objects, language)` before a
page shows many (then `{{ obj.tr.name }}` in templates), `term_labels()` for the vocabulary.
All of a network's translations into one language are read in one query, once per network
object. The reference language (the network's first content language, else English) is
the text itself; a text not translated falls back to it, field by field.

Translations are published texts like any other: each one saved is run through the
sensitive-content check (carnet.safeguarding), and one with an open flag (a name, an e-mail
address, a phone number) is held — readers get the reference text — until a coordinator
confirms it on the safeguarding page or the translator changes it. The translator still sees
it in the translate form.
"""

import difflib
import re
from dataclasses import dataclass, field, replace

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, Count, Exists, Max, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import mark_safe

from carnet.accounts.domain import record
from carnet.accounts.enums import Verb
from carnet.safeguarding.domain import check_for_publication
from carnet.safeguarding.enums import FlagStatus
from carnet.safeguarding.models import SensitiveFlag

from . import registry
from .mixins import Localised, Translatable  # noqa: F401 - read from here too
from .models import Translation

TRANSLATED, MISSING, OUTDATED = "translated", "missing", "outdated"


def reference_language(network):
    """The language the network writes its texts in: its first content language."""
    codes = network.language_codes
    return codes[0] if codes else "en"


def target_languages(network):
    """The network's content languages its texts are translated into."""
    reference = reference_language(network)
    return [code for code in dict.fromkeys(network.language_codes) if code != reference]


def base(language):
    return (language or "").lower().replace("_", "-")


def _network_of(obj):
    return getattr(obj, "network", None)


def _key(obj):
    return (ContentType.objects.get_for_model(obj).pk, str(obj.pk))


def _loaded(network, language):
    """{(content type id, object id, field): Translation} of the network in one language,
    held ones included (for the translator and the status page), each knowing whether an
    open safeguarding flag holds it (`is_held`), in one query."""
    cache = network.__dict__.setdefault("_text_translations", {})
    if language not in cache:
        open_flag = SensitiveFlag.objects.filter(
            content_type=ContentType.objects.get_for_model(Translation),
            status=FlagStatus.OPEN,
            object_id=Cast(OuterRef("pk"), CharField()),
        )
        cache[language] = {
            (t.content_type_id, t.object_id, t.field): t
            for t in Translation.objects.filter(network=network, language=language).annotate(
                is_held=Exists(open_flag)
            )
        }
    return cache[language]


def _readable(network, language):
    """What readers may be shown: the translations of _loaded() that no open flag holds."""
    return {key: t for key, t in _loaded(network, language).items() if not t.is_held}


def forget(network):
    """Read the translations (and which are held) again on the next call."""
    network.__dict__.pop("_text_translations", None)


def _match(network, language):
    """The language among the network's targets that serves `language` (sr-latn for
    sr-Latn, fr for fr-ch), or None: the reference text is shown."""
    if not language or network is None:
        return None
    wanted = base(language)
    targets = {base(code): code for code in target_languages(network)}
    return targets.get(wanted) or targets.get(wanted.split("-")[0])


def text(obj, field, language, *, network=None, default=None):
    """The text of obj's field in language; the reference text when not translated. Inside
    an edition's build in that language (carnet.translations.editions), only a reviewed,
    up-to-date translation, and the edition notes the text when it falls back."""
    from .editions import current

    network = network or _network_of(obj)
    value = getattr(obj, field, "") if default is None else default
    edition = current()
    if _in(edition, network, language):
        return edition.page_text(obj, field, value)[0]
    code = _match(network, language)
    if code is None:
        return value
    item = _readable(network, code).get((*_key(obj), field))
    return item.text if item is not None and item.text else value


def _in(edition, network, language):
    """Whether texts of network in language are read through the edition being built."""
    return (
        edition.translated
        and network is not None
        and edition.network.pk == network.pk
        and base(language) == base(edition.language)
    )


def reviewed(obj, field, language, *, network=None, reference=None):
    """The translation of obj's field into exactly `language` that an edition may print, or
    None: missing, empty, or outdated (the reference changed since it was translated, so it
    may say what the reference no longer says). The translations of this table are all
    saved by a person (machine drafts are kept on the moments, never here)."""
    network = network or _network_of(obj)
    if network is None or language not in target_languages(network):
        return None
    item = _readable(network, language).get((*_key(obj), field))
    if item is None or not item.text.strip():
        return None
    reference = getattr(obj, field, "") if reference is None else reference
    return item.text if same_text(item.source, reference) else None


def localise(objects, language, fields, *, network=None):
    """Give each object the translations of `fields` into language (see Translatable)."""
    objects = [obj for obj in objects if obj is not None]
    for obj in objects:
        values = obj.__dict__.setdefault("_localised", {})
        for name in fields:
            values[name] = text(obj, name, language, network=network)
    return objects


def term_labels(network, mapping, kind, language):
    """A vocabulary {key: label} mapping with the labels translated into language."""
    from carnet.vocabulary.models import Term

    from .editions import current

    code = _match(network, language)
    if code is None:
        return mapping
    loaded = _readable(network, code)
    # In an edition, an outdated label is not shown (the labels are not listed as fallen
    # back: this mapping holds every term of the kind, not those a page shows).
    reviewed_only = _in(current(), network, language)
    content_type = ContentType.objects.get_for_model(Term).pk
    terms = Term.objects.filter(network=network, kind=kind).values_list("key", "pk", "label")
    result = dict(mapping)
    for key, pk, label in terms:  # one small query; labels() holds no pks
        item = loaded.get((content_type, str(pk), "label"))
        if item is None or not item.text:
            continue
        if not reviewed_only or same_text(item.source, label):
            result[key] = item.text
    return result


def template_specs(template, specs, language):
    """A sheet template's FieldSpecs with their translated labels and help texts."""
    net = template.network
    if _match(net, language) is None:
        return specs
    # Only the texts the coordinator wrote: a default field's label is the catalogs'.
    written = {item["key"]: item for item in template.fields}

    def translated(spec, name):
        value = getattr(spec, name)
        if not written.get(spec.key, {}).get(name):
            return value
        return text(template, f"{name}:{spec.key}", language, network=net, default=value)

    return [
        replace(spec, label=translated(spec, "label"), help=translated(spec, "help"))
        for spec in specs
    ]


def state(network):
    """How many translations the network has, when one last changed, and how many are held
    and when a flag on one was last resolved (for page caches), in one query."""
    from carnet.networks.models import Network

    def one(rows, value):
        return Subquery(rows.order_by().values("network").annotate(v=value).values("v"))

    translations = Translation.objects.filter(network=OuterRef("pk"))
    flags = SensitiveFlag.objects.filter(
        network=OuterRef("pk"), content_type=ContentType.objects.get_for_model(Translation)
    )
    found = (
        Network.objects.filter(pk=network.pk)
        .annotate(
            count=one(translations, Count("pk")),
            last=one(translations, Max("updated")),
            held=one(flags.filter(status=FlagStatus.OPEN), Count("pk")),
            resolved=one(flags, Max("resolved_at")),
        )
        .values_list("count", "last", "held", "resolved")
        .get()
    )
    return tuple(value.isoformat() if hasattr(value, "isoformat") else value for value in found)


# Saving ---------------------------------------------------------------------------------


@transaction.atomic
def save(network, kind, language, values, *, by, sources=None):
    """Save the translator's texts: values {(object pk, field): text}; sources {(object pk,
    field): the reference text they translated} (what the form showed them; default the
    current reference). An emptied field removes its translation (the reference shows).
    Returns how many texts changed."""
    from carnet.networks.domain import allowed_names  # networks' views import this module

    sources = sources or {}
    changed, allowed = 0, None
    for obj in kind.owners(network):
        for item in kind.texts(obj):
            key = (str(obj.pk), item.field)
            if key not in values:
                continue
            new = values[key].replace("\r\n", "\n").strip()
            lookup = {
                "content_type": ContentType.objects.get_for_model(obj),
                "object_id": str(obj.pk),
                "field": item.field,
                "language": language,
            }
            existing = Translation.objects.filter(**lookup).first()
            source = sources.get(key, item.reference)
            if not new:
                if existing is not None:
                    check_for_publication(existing, {}, by=by)  # its flags are fixed
                    existing.delete()
                    changed += 1
                continue
            if same_text(source, item.reference):
                source = item.reference
            if existing is not None and existing.text == new and existing.source == source:
                continue
            saved, _created = Translation.objects.update_or_create(
                **lookup, defaults={"network": network, "text": new, "source": source, "by": by}
            )
            if allowed is None:
                allowed = allowed_names(network)
            check_for_publication(saved, {item.label: new}, by=by, allowed=allowed)
            changed += 1
    if changed:
        record(
            Verb.CHANGE,
            network,
            by=by,
            network=network,
            data={"translation": language, "kind": kind.key, "texts": changed},
        )
    forget(network)
    return changed


def held(network, kind, language):
    """The texts of one kind and language that readers are not shown yet: [(Translation,
    [open flags])]: a name, an e-mail address or a phone number for a coordinator to check."""
    content_types = {ContentType.objects.get_for_model(obj).pk for obj in kind.owners(network)}
    found = Translation.objects.filter(
        network=network, language=language, content_type__in=content_types
    )
    flags = {}
    for flag in SensitiveFlag.objects.filter(
        network=network,
        content_type=ContentType.objects.get_for_model(Translation),
        object_id__in=[str(pk) for pk in found.values_list("pk", flat=True)],
        status=FlagStatus.OPEN,
    ):
        flags.setdefault(flag.object_id, []).append(flag)
    return [(t, flags[str(t.pk)]) for t in found if str(t.pk) in flags]


# Status ---------------------------------------------------------------------------------


def diff(old, new):
    """The reference text as translated (old) against today's (new), word by word: escaped
    HTML, removed words in <del>, added ones in <ins>."""
    before, after = re.split(r"(\s+)", old or ""), re.split(r"(\s+)", new or "")
    parts = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(before[a1:a2])))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(''.join(before[a1:a2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(''.join(after[b1:b2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


@dataclass
class TextStatus:
    text: registry.Text
    status: str
    translation: Translation | None = None

    @property
    def difference(self):
        if self.status != OUTDATED:
            return ""
        return diff(self.translation.source, self.text.reference)


@dataclass
class ItemStatus:
    """One object of a kind in one language: the status of each of its texts."""

    obj: object
    title: str
    anchor: str
    texts: list = field(default_factory=list)

    @property
    def status(self):
        states = {t.status for t in self.texts}
        for status in (OUTDATED, MISSING):
            if status in states:
                return status
        return TRANSLATED


def same_text(a, b):
    """Whether two reference texts are the same, line endings and outer spaces aside."""
    return (a or "").replace("\r\n", "\n").strip() == (b or "").replace("\r\n", "\n").strip()


def _status_of(item, translation):
    if translation is None or not translation.text:
        return TextStatus(item, MISSING)
    if not same_text(translation.source, item.reference):
        return TextStatus(item, OUTDATED, translation)
    return TextStatus(item, TRANSLATED, translation)


def kind_status(network, kind, language):
    """[ItemStatus] of every object of the kind with a text to translate."""
    loaded = _loaded(network, language)
    items = []
    for obj in kind.owners(network):
        texts = [t for t in kind.texts(obj) if t.reference.strip()]
        if not texts:
            continue
        key = _key(obj)
        items.append(
            ItemStatus(
                obj,
                kind.title(obj),
                kind.anchor(obj),
                [_status_of(t, loaded.get((*key, t.field))) for t in texts],
            )
        )
    return items


def status(network):
    """Per target language: per kind, its items and the counts of texts translated,
    outdated and missing."""
    languages = []
    for code in target_languages(network):
        kinds = []
        for kind in registry.KINDS.values():
            items = kind_status(network, kind, code)
            texts = [t for item in items for t in item.texts]
            counts = {s: sum(t.status == s for t in texts) for s in (TRANSLATED, OUTDATED, MISSING)}
            kinds.append({"kind": kind, "items": items, "counts": counts})
        languages.append({"code": code, "kinds": kinds})
    return languages
