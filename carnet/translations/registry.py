"""The kinds of published text a network translates, declared once.

A kind says which objects of a network hold such texts (`owners`) and, for one object, which
texts (`texts`): each a `Text` with the key stored in Translation.field, the label the
translator sees and the reference-language text. Pages read translations through
`carnet.translations.domain`; the translate page, the status page and the demo walk this
list, so a new kind is one `register()` call in its app's `ready()`... or below.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Text:
    obj: object
    field: str  # the key in Translation.field: a field name, or "label:<key>" inside JSON
    label: str
    reference: str
    long: bool = False


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    owners: Callable  # network -> iterable of objects
    texts: Callable  # object -> [Text]
    title: Callable = str  # object -> how the translator recognises it
    anchor: Callable = field(default=lambda obj: f"item-{obj.pk}")


KINDS = {}


def register(kind):
    KINDS[kind.key] = kind
    return kind


def kind(key):
    return KINDS.get(key)


def _plain(obj, name, *, long=False):
    model_field = obj._meta.get_field(name)
    return Text(obj, name, capfirst(model_field.verbose_name), getattr(obj, name) or "", long=long)


# The kinds ------------------------------------------------------------------------------


def _network_owners(network):
    return [network]


def _network_texts(network):
    return [_plain(network, "description", long=True)]


def _era_owners(network):
    from carnet.timeline.models import Era

    return Era.objects.filter(network=network)


def _era_texts(era):
    return [_plain(era, "name")]


def _term_owners(kinds, network):
    from carnet.vocabulary.models import Term

    return Term.objects.filter(network=network, kind__in=kinds, archived=False)


def _term_texts(term):
    return [_plain(term, "label")]


def _term_title(term):
    return f"{term.get_kind_display()}: {term.label}"


def _phase_owners(network):
    from carnet.capitalisation.models import Exercise, Phase

    exercise = Exercise.objects.current(network)
    return Phase.objects.filter(exercise=exercise) if exercise else []


def _phase_texts(phase):
    return [_plain(phase, "name"), _plain(phase, "goal", long=True)]


def _template_owners(network):
    from carnet.practices.models import SheetTemplate

    return SheetTemplate.objects.filter(network=network)


def _template_texts(template):
    """The labels and help texts the coordinator wrote. The default fields' own labels are
    interface strings, translated in the catalogs: they are not listed."""
    from carnet.practices.fields import spec_from

    texts = []
    for item in template.fields:
        if item.get("archived"):
            continue
        spec = spec_from(item)
        if item.get("label"):
            texts.append(Text(template, f"label:{spec.key}", _("Field label"), item["label"]))
        if item.get("help"):
            texts.append(
                Text(
                    template,
                    f"help:{spec.key}",
                    _("Help text of “%(label)s”") % {"label": spec.label},
                    item["help"],
                    long=True,
                )
            )
    return texts


def _report_owners(network):
    from carnet.reports.models import Report

    return Report.objects.filter(network=network).order_by("created", "pk")


def _report_texts(report):
    return [_plain(report, "title"), _plain(report, "subtitle")]


def _chapter_owners(network):
    from carnet.reports.models import Chapter

    return Chapter.objects.filter(report__network=network).select_related("report")


def _chapter_texts(chapter):
    """A text chapter's title and body; a generated chapter's title (its blocks are made of
    the other kinds' texts)."""
    from carnet.reports.enums import ChapterKind

    if chapter.kind != ChapterKind.TEXT:
        return [_plain(chapter, "title")]
    return [_plain(chapter, "title"), _plain(chapter, "body", long=True)]


def _learning_owners(network):
    from carnet.capitalisation.models import Exercise, Learning, in_exercise

    exercise = Exercise.objects.current(network)
    learnings = Learning.objects.filter(network=network)
    return learnings.filter(in_exercise(exercise)) if exercise else learnings


def _learning_texts(learning):
    return [_plain(learning, "statement", long=True)]


register(Kind("network", _("The network's description"), _network_owners, _network_texts))
register(Kind("eras", _("Eras of the timeline"), _era_owners, _era_texts))
register(
    Kind(
        "tags",
        _("Tags of the key moments"),
        lambda network: _term_owners(["moment_tag"], network),
        _term_texts,
    )
)
register(
    Kind(
        "vocabulary",
        _("Vocabulary: themes and categories"),
        lambda network: _term_owners(
            ["theme", "learning_category", "reason_category"], network
        ).order_by("kind", "position", "id"),
        _term_texts,
        title=_term_title,
    )
)
register(Kind("phases", _("Phases of the exercise"), _phase_owners, _phase_texts))
register(
    Kind("templates", _("Sheet template: labels and help texts"), _template_owners, _template_texts)
)
register(
    Kind(
        "report",
        _("The report's title and subtitle"),
        _report_owners,
        _report_texts,
        anchor=lambda report: f"report-{report.pk}",
    )
)
register(
    Kind(
        "chapters",
        _("Report chapters written by the facilitators"),
        _chapter_owners,
        _chapter_texts,
    )
)
register(Kind("synthesis", _("Learnings of the synthesis"), _learning_owners, _learning_texts))
