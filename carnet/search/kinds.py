"""What the network's search reads, kind by kind: the texts it indexes, who may see them.

Each kind says, for one object, the rows of the index (`rows(obj)`), and, for one person
in one network, which of those rows they may see (`visible(user, network)`: a Q over
carnet.search.models.Entry, or None for none). Visibility is never a list of its own: it
comes from the models' visibility querysets (`Sheet.objects.visible_to`) or from the
model's own view rule (`Meta.rules_permissions`), asked of the network's objects. The
results shown are then checked once more, object by object, with the same rule as their
page (`allows(user, obj, part)`).
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from carnet.lib.markdown import to_text

from .enums import Kind

INTERNAL = "networks.view_internal_network"


def _content_language(network):
    from carnet.translations.domain import reference_language

    return reference_language(network) if network else "en"


def _perm(model, action="view"):
    return model.get_perm(action)


def _rule_allows(user, model, probe, action="view"):
    """The model's own rule, asked of an object of the network whose fields do not matter.

    Used for kinds whose rule depends on the network and the person only (members read).
    """
    return user.has_perm(_perm(model, action), probe)


@dataclass(frozen=True)
class Source:
    kind: str
    model_path: str  # "app_label.Model"

    @property
    def model(self):
        from django.apps import apps

        return apps.get_model(self.model_path)

    def rows(self, obj):  # -> list of dicts (part, network_id, organisation_id, language, ...)
        raise NotImplementedError

    def visible(self, user, network):  # -> Q over Entry, or None
        raise NotImplementedError

    def allows(self, user, obj, part):
        return user.has_perm(_perm(self.model), obj)

    def url(self, user, obj, part):
        return obj.get_absolute_url()

    # What `allows`, `url` and the results' page read of each object, fetched with it; the
    # network is not joined: every result is of the network searched (`objects`).
    related = ()
    deferred = ()
    holder = ""  # the relation that holds the network ("": the object itself)

    def objects(self, ids, network):
        """{id: object} of these ids in one query, each given the network searched (its own:
        the index's rows of a network are that network's objects). The network joined and
        read again per kind, and the models' default ordering, cost a millisecond a kind
        in Python (the ORM's SQL and objects), for the same rows."""
        found = {
            obj.pk: obj
            for obj in self.model.objects.filter(pk__in=ids)
            .select_related(*self.related)
            .defer(*self.deferred)
            .order_by()
        }
        for obj in found.values():
            holder = getattr(obj, self.holder) if self.holder else obj
            if holder.network_id == network.pk:
                holder.network = network
        return found


class Members(Source):
    """Kinds the network's members read (their rule is the model's "view" rule)."""

    def probe(self, network):
        return self.model(network=network)

    def visible(self, user, network):
        if _rule_allows(user, self.model, self.probe(network)):
            return Q(kind=self.kind)
        return None


class Documents(Members):
    def rows(self, doc):
        text = " ".join(t for t in (doc.tags, doc.text) if t)
        return [row(doc, "", doc.title, text, doc.text_language, doc.date, doc.organisation_id)]

    related = ("organisation",)
    deferred = ("text",)  # a document's whole text: the snippet comes from the index


class Learnings(Members):
    def rows(self, learning):
        language = _content_language(learning.network)
        return [
            row(
                learning,
                "",
                learning.statement[:300],
                learning.statement,
                language,
                learning.created.date() if learning.created else None,
                None,
            )
        ]


class Interviews(Members):
    """An interview's expectations are the members'; its notes, the organisers' only."""

    def rows(self, interview):
        language = _content_language(interview.network)
        title = str(interview)
        common = dict(language=language, date=interview.planned_on)
        out = [
            row(
                interview,
                "",
                title,
                " ".join(t for t in (interview.expectations, interview.reason) if t),
                organisation_id=interview.organisation_id,
                **common,
            )
        ]
        if interview.notes:
            out.append(
                row(
                    interview,
                    "notes",
                    title,
                    interview.notes,
                    organisation_id=interview.organisation_id,
                    **common,
                )
            )
        return out

    def visible(self, user, network):
        probe = self.probe(network)
        if not _rule_allows(user, self.model, probe):
            return None
        if _rule_allows(user, self.model, probe, "read_notes"):
            return Q(kind=self.kind)
        return Q(kind=self.kind) & ~Q(part="notes")

    def allows(self, user, obj, part):
        if part == "notes":
            return user.has_perm(_perm(self.model, "read_notes"), obj)
        return super().allows(user, obj, part)

    def url(self, user, obj, part):
        return obj.get_absolute_url()

    related = ("organisation",)


class Sessions(Members):
    def probe(self, network):
        from carnet.capitalisation.models import Workshop

        return self.model(workshop=Workshop(network=network))

    def rows(self, session):
        workshop = session.workshop
        language = _content_language(workshop.network)
        text = " ".join(t for t in (session.facilitator, session.notes) if t)
        return [row(session, "", session.topic, text, language, workshop.start_on, None, workshop)]

    related = ("workshop",)
    holder = "workshop"


class Chapters(Members):
    def probe(self, network):
        from carnet.reports.models import Report

        return self.model(report=Report(network=network))

    def rows(self, chapter):
        report = chapter.report
        return [
            row(
                chapter,
                "",
                chapter.title,
                to_text(chapter.body),
                report.language or _content_language(report.network),
                report.created.date() if report.created else None,
                None,
                report,
            )
        ]

    def url(self, user, chapter, part):
        if user.has_perm(_perm(self.model, "change"), chapter):
            return reverse("reports:chapter_edit", args=[chapter.network.slug, chapter.pk])
        return reverse("reports:compose", args=[chapter.network.slug])

    related = ("report",)
    holder = "report"


class Sheets(Source):
    """A sheet's current text (its title and its fields, but the quotes: the sheet's page
    shows those only with the quoted person's consent)."""

    def rows(self, sheet):
        texts = [
            to_text(value)
            for key, value in (sheet.content or {}).items()
            if value and isinstance(value, str) and not key.startswith("quote")
        ]
        return [
            row(
                sheet,
                "",
                sheet.title,
                "\n".join(texts),
                sheet.language,
                sheet.updated.date() if sheet.updated else None,
                sheet.organisation_id,
            )
        ]

    def visible(self, user, network):
        from carnet.practices.models import Sheet

        # EXISTS per row, not IN: the rule is asked of the rows the search reads (a capped
        # count, a few candidates), not of every sheet of the network at every statement.
        visible = Sheet.objects.filter(pk=OuterRef("object_id"), network=network)
        return Q(Exists(visible.visible_to(user, network)), kind=self.kind)

    related = ("organisation",)


class Comments(Source):
    """Comments are read on the sheet's internal page: the sheet's readers who are members."""

    def rows(self, comment):
        sheet = comment.sheet
        return [
            row(
                comment,
                "",
                sheet.title,
                comment.text,
                sheet.language,
                comment.created.date() if comment.created else None,
                None,
                sheet,
            )
        ]

    def visible(self, user, network):
        from carnet.practices.models import Comment, Sheet

        if not user.has_perm(INTERNAL, network):
            return None
        sheets = Sheet.objects.filter(network=network).visible_to(user, network)
        visible = Comment.objects.filter(
            pk=OuterRef("object_id"), sheet__in=sheets.filter(pk=OuterRef("sheet_id"))
        )
        return Q(Exists(visible), kind=self.kind)

    def allows(self, user, comment, part):
        sheet = comment.sheet
        return user.has_perm(INTERNAL, sheet.network) and user.has_perm(
            _perm(sheet.__class__), sheet
        )

    def url(self, user, comment, part):
        return comment.sheet.get_absolute_url()

    related = ("sheet",)
    holder = "sheet"


class Moments(Source):
    """A key moment and each of its translations (one row per language)."""

    def rows(self, milestone):
        language = _content_language(milestone.network)
        date = milestone.start_date
        org = milestone.organisation_id
        out = [row(milestone, "", milestone.title, to_text(milestone.text), language, date, org)]
        for translation in milestone.translations.all():
            if translation.title or translation.text:
                out.append(
                    row(
                        milestone,
                        translation.language[:20],
                        translation.title or milestone.title,
                        to_text(translation.text),
                        translation.language,
                        date,
                        org,
                    )
                )
        return out

    def visible(self, user, network):
        from carnet.timeline.enums import MilestoneState
        from carnet.timeline.models import Milestone

        # The rule asked of a moment not published: whoever it allows reads every moment.
        if _rule_allows(user, Milestone, Milestone(network=network, state=MilestoneState.PROPOSED)):
            return Q(kind=self.kind)
        ids = Milestone.objects.filter(network=network).published().values("pk")
        if not network.is_published:
            return None
        return Q(kind=self.kind, object_id__in=ids)

    def url(self, user, milestone, part):
        if user.has_perm(INTERNAL, milestone.network):
            return milestone.get_absolute_url()
        return milestone.get_public_url()


def row(obj, part, title, text, language, date, organisation_id, parent=None):
    network = (parent or obj).network
    return {
        "network_id": network.pk,
        "object_id": obj.pk,
        "part": part,
        "title": (title or "")[:300],
        "text": text or "",
        "language": (language or "")[:10],
        "date": date,
        "organisation_id": organisation_id,
    }


SOURCES = {
    Kind.SHEET: Sheets(Kind.SHEET, "practices.Sheet"),
    Kind.LEARNING: Learnings(Kind.LEARNING, "capitalisation.Learning"),
    Kind.MOMENT: Moments(Kind.MOMENT, "timeline.Milestone"),
    Kind.INTERVIEW: Interviews(Kind.INTERVIEW, "capitalisation.Interview"),
    Kind.DOCUMENT: Documents(Kind.DOCUMENT, "library.Document"),
    Kind.SESSION: Sessions(Kind.SESSION, "capitalisation.WorkshopSession"),
    Kind.CHAPTER: Chapters(Kind.CHAPTER, "reports.Chapter"),
    Kind.COMMENT: Comments(Kind.COMMENT, "practices.Comment"),
}


def source_for(model):
    for source in SOURCES.values():
        if source.model is model:
            return source
    return None
