"""What waits for a person, across every network they have a role in ("Waiting for you").

One small function per kind of thing to do. Each reads the person's roles (fetched once,
see `Waiting`), asks the apps' own rules (`user.has_perm`, i.e. each app's rules.py) about
every object it lists, and returns `Item`s: one line each, in plain words, linking to the
page where the thing is done. A person never sees a line about what they may not see, nor
about an organisation that is not theirs in that network.

The page (`waiting_for`) costs a bounded number of queries: one for the roles and one or
two per kind for all networks together, except the images and videos to validate, which
cost the validation matrix's providers per network where the person is a partner editor.
The header's badge (`count_for`) is one query.

Not listed: comments that mention a person (Carnet has no @mentions yet).
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import (
    CharField,
    Count,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from carnet.lib.workflow import Actor

from .enums import RoleKind
from .models import Role

ORGANISERS = (RoleKind.COORDINATOR, RoleKind.FACILITATOR)


@dataclass
class Item:
    network: object
    kind: str
    text: str
    url: str
    since: datetime.datetime | None = None  # how long it has waited
    due: datetime.date | None = None  # a deadline, when the workflow has one

    @property
    def order(self):
        far = datetime.datetime.max.replace(tzinfo=datetime.UTC)
        due = self.due or datetime.date.max
        return (due, self.since or far)


@dataclass
class Group:
    network: object
    role: object
    items: list = field(default_factory=list)


class Waiting:
    """The person's roles, fetched once, and what the kinds share."""

    def __init__(self, user):
        self.user = user
        self.roles = list(
            Role.objects.filter(user=user)
            .select_related("network", "organisation")
            .order_by("network__name", "network_id")
        )
        organisations = user.__dict__.setdefault("_organisations", {})
        for role in self.roles:
            user.remember_role(role)  # the rules read the role without another query
            if role.organisation_id:
                organisations[role.organisation_id] = role.organisation
        self.networks = {role.network_id: role.network for role in self.roles}

    def own(self):
        """{network id: organisation id} where the person edits for their organisation."""
        return {
            role.network_id: role.organisation_id
            for role in self.roles
            if role.kind == RoleKind.PARTNER_EDITOR and role.organisation_id
        }

    def own_q(self, prefix=""):
        q = Q(pk__in=[])
        for network_id, organisation_id in self.own().items():
            q |= Q(
                **{f"{prefix}network_id": network_id, f"{prefix}organisation_id": organisation_id}
            )
        return q

    def networks_where(self, perm, *kinds):
        """The networks where the person has one of these roles and the permission."""
        return [
            role.network
            for role in self.roles
            if role.kind in kinds and self.user.has_perm(perm, role.network)
        ]

    @cached_property
    def proposals(self):
        from carnet.timeline.enums import MILESTONES
        from carnet.timeline.models import Milestone

        return list(
            Milestone.objects.filter(
                network_id__in=self.networks, state__in=MILESTONES.waiting_for(Actor.PARTNERS)
            ).select_related("network")
        )

    @cached_property
    def vote_rounds(self):
        """({network id: its open vote round}, {ids of the networks that ever had one})."""
        from django.utils import timezone

        from carnet.timeline.models import VoteRound

        today = timezone.localdate()
        rounds = list(
            VoteRound.objects.filter(network_id__in=self.networks).select_related("network")
        )
        opened = {r.network_id: r for r in rounds if r.is_open(today)}
        return opened, {r.network_id for r in rounds}

    @cached_property
    def current_rounds(self):
        """{network id: the latest review round of its report}."""
        from carnet.reports.models import ReviewRound

        rounds = {}
        for review in (
            ReviewRound.objects.filter(version__report__network_id__in=self.networks)
            .select_related("version__report__network")
            .order_by("-sent_at", "-id")
        ):
            rounds.setdefault(review.version.report.network_id, review)
        return rounds

    @cached_property
    def validation_due(self):
        """{network id: the due date of its latest validation round (sheets, images)}."""
        from carnet.reports.models import ValidationRound

        due = {}
        for network_id, due_on in (
            ValidationRound.objects.filter(network_id__in=self.networks)
            .order_by("-sent_at", "-id")
            .values_list("network_id", "due_on")
        ):
            due.setdefault(network_id, due_on)
        return due

    @cached_property
    def pending_decisions(self):
        from carnet.reports.enums import DECISIONS
        from carnet.reports.models import Decision

        rounds = {review.pk: review for review in self.current_rounds.values()}
        waiting = DECISIONS.waiting_for(Actor.OWNER)
        decisions = list(
            Decision.objects.filter(round_id__in=rounds, state__in=waiting)
            .select_related("organisation")
            .order_by("organisation__name")
        )
        for decision in decisions:
            decision.round = rounds[decision.round_id]
        return decisions


def _url(name, network, *args):
    return reverse(name, args=[network.slug, *args])


# ---------------------------------------------------------------- partner editors


def moments_to_vote(w):
    """The open vote round of a network, when the person's organisation has not voted in it
    yet (by its closing date). In a network that never had a round: the key moments proposed
    where the organisation has not voted yet."""
    from carnet.timeline.models import Vote

    own = w.own()
    voting = {n.pk for n in w.networks_where("timeline.vote", RoleKind.PARTNER_EDITOR)} & set(own)
    opened, had_rounds = w.vote_rounds
    in_round = [opened[network_id] for network_id in voting if network_id in opened]
    voted_in_round = set(
        Vote.objects.filter(round__in=in_round, organisation_id__in=set(own.values()))
        .values_list("round_id", "organisation_id")
        .distinct()
    )
    items = [
        Item(
            network=r.network,
            kind="vote_round",
            text=_("Vote on the key moments by %(date)s")
            % {"date": date_format(r.closes_on, "DATE_FORMAT")},
            url=_url("timeline:moments", r.network),
            since=r.opened_at,
            due=r.closes_on,
        )
        for r in in_round
        if (r.pk, own[r.network_id]) not in voted_in_round
    ]
    proposals = [
        m
        for m in w.proposals
        if m.network_id in voting
        and m.network_id not in had_rounds
        and w.user.has_perm("timeline.view_milestone", m)
    ]
    voted = set(
        Vote.objects.filter(
            milestone__in=proposals, organisation_id__in=set(own.values())
        ).values_list("milestone_id", "organisation_id")
    )
    todo = {}
    for moment in proposals:
        if (moment.pk, own[moment.network_id]) not in voted:
            todo.setdefault(moment.network_id, []).append(moment)
    return items + [
        Item(
            network=w.networks[network_id],
            kind="vote",
            text=ngettext(
                "Vote on the proposed key moment", "Vote on %(n)s proposed key moments", len(ms)
            )
            % {"n": len(ms)},
            url=_url("timeline:moments", w.networks[network_id]),
            since=min(m.created for m in ms),
        )
        for network_id, ms in todo.items()
    ]


def sheets_to_work_on(w):
    """The organisation's own sheets: half-written, sent back with changes requested, or
    approved and waiting for the organisation's validation."""
    from carnet.practices.enums import SHEETS, SheetState
    from carnet.practices.models import Sheet

    # Where the owner organisation acts next, and the rule of the move it is expected to
    # make (enums.SHEETS); here only how each line reads and where it leads.
    todo = SHEETS.waiting_for(Actor.OWNER)
    lines = {
        SheetState.DRAFT: ("practices:edit", _("Finish «%(title)s» and submit it for review")),
        SheetState.CHANGES_REQUESTED: (
            "practices:edit",
            _("Revise «%(title)s»: changes were requested"),
        ),
        SheetState.APPROVED: (
            "practices:detail",
            _("Validate your sheet «%(title)s», or ask for changes"),
        ),
    }
    sheets = Sheet.objects.filter(w.own_q(), state__in=todo).select_related("network")
    items = []
    for sheet in sheets.order_by("updated", "id"):
        perm = todo[sheet.state]
        view, text = lines.get(
            sheet.state, ("practices:detail", _("Your sheet «%(title)s» waits for you"))
        )
        if w.user.has_perm(perm, sheet):
            items.append(
                Item(
                    network=sheet.network,
                    kind=f"sheet_{sheet.state}",
                    text=text % {"title": sheet.title},
                    url=_url(view, sheet.network, sheet.slug),
                    since=sheet.updated,
                    due=w.validation_due.get(sheet.network_id)
                    if sheet.state == SheetState.APPROVED
                    else None,
                )
            )
    return items


def suggestions_to_answer(w):
    """Open suggestions on the organisation's own sheets, one line per sheet."""
    from carnet.practices.enums import SuggestionStatus
    from carnet.practices.models import Sheet

    sheets = (
        Sheet.objects.filter(w.own_q(), suggestions__status=SuggestionStatus.OPEN)
        .select_related("network")
        .annotate(open=Count("suggestions"), oldest=Min("suggestions__created"))
        .order_by("oldest")
    )
    return [
        Item(
            network=sheet.network,
            kind="suggestions",
            text=ngettext(
                "Answer %(n)s suggestion on «%(title)s»",
                "Answer %(n)s suggestions on «%(title)s»",
                sheet.open,
            )
            % {"n": sheet.open, "title": sheet.title},
            url=_url("practices:detail", sheet.network, sheet.slug),
            since=sheet.oldest,
        )
        for sheet in sheets
        if w.user.has_perm("practices.change_sheet", sheet)
    ]


def report_to_validate(w):
    """The latest version of a report sent for review, not answered by the organisation."""
    own = w.own()
    return [
        Item(
            network=decision.round.network,
            kind="report",
            text=_("Validate version %(n)s of the report, or ask for changes")
            % {"n": decision.round.version.number},
            url=decision.round.version.get_absolute_url(),
            since=decision.round.sent_at,
            due=decision.round.due_on,
        )
        for decision in w.pending_decisions
        if own.get(decision.round.version.report.network_id) == decision.organisation_id
        and w.user.has_perm("reports.decide_decision", decision)
    ]


def items_to_validate(w):
    """Images and videos that show the organisation, not validated (or changed since)."""
    from carnet.reports.enums import DecisionState
    from carnet.reports.validations import image_pairs, item_rows, video_pairs

    items = []
    for network_id, organisation_id in w.own().items():
        network = w.networks[network_id]
        if not w.user.has_perm("networks.view_internal_network", network):
            continue
        for pairs, kind, label in (
            (image_pairs, "images", "Images"),
            (video_pairs, "videos", "Videos"),
        ):
            mine = [(o, item) for o, item in pairs(network) if o == organisation_id]
            rows = [r for r in item_rows(network, mine, label) if r.state == DecisionState.PENDING]
            if not rows:
                continue
            if kind == "images":
                text = ngettext(
                    "Validate the image that shows your organisation",
                    "Validate %(n)s images that show your organisation",
                    len(rows),
                )
            else:
                text = ngettext(
                    "Validate the video that shows your organisation",
                    "Validate %(n)s videos that show your organisation",
                    len(rows),
                )
            items.append(
                Item(
                    network=network,
                    kind=kind,
                    text=text % {"n": len(rows)},
                    url=_url("reports:validations", network),
                    due=w.validation_due.get(network_id),
                )
            )
    return items


# ---------------------------------------------------------------- facilitators, coordinators


def sheets_to_review(w):
    from carnet.practices.enums import SHEETS
    from carnet.practices.models import Sheet

    states = SHEETS.waiting_for(Actor.ORGANISERS)
    organising = [n.pk for n in w.networks_where("networks.view_internal_network", *ORGANISERS)]
    sheets = (
        Sheet.objects.filter(network_id__in=organising, state__in=states)
        .select_related("network", "organisation")
        .order_by("updated", "id")
    )
    return [
        Item(
            network=sheet.network,
            kind="review",
            text=_("Review «%(title)s» (%(organisation)s)")
            % {"title": sheet.title, "organisation": sheet.organisation.name},
            url=_url("practices:detail", sheet.network, sheet.slug),
            since=sheet.updated,
        )
        for sheet in sheets
        if w.user.has_perm("practices.review_sheet", sheet)
    ]


def proposals_to_decide(w):
    organising = {n.pk for n in w.networks_where("timeline.organise", *ORGANISERS)}
    todo = {}
    for moment in w.proposals:
        if moment.network_id in organising:
            todo.setdefault(moment.network_id, []).append(moment)
    return [
        Item(
            network=w.networks[network_id],
            kind="proposals",
            text=ngettext(
                "Accept or merge the proposed key moment",
                "Accept or merge %(n)s proposed key moments",
                len(ms),
            )
            % {"n": len(ms)},
            url=_url("timeline:moments", w.networks[network_id]),  # where they are merged
            since=min(m.created for m in ms),
        )
        for network_id, ms in todo.items()
    ]


def flags_to_check(w):
    from carnet.safeguarding.enums import FlagStatus
    from carnet.safeguarding.models import SensitiveFlag

    reviewing = [
        n.pk for n in w.networks_where("safeguarding.review_network", RoleKind.COORDINATOR)
    ]
    counts = (
        SensitiveFlag.objects.filter(network_id__in=reviewing, status=FlagStatus.OPEN)
        .values("network_id")
        .annotate(n=Count("id"), oldest=Min("created"))
        .order_by()
    )
    return [
        Item(
            network=w.networks[row["network_id"]],
            kind="flags",
            text=ngettext(
                "Check the open sensitive-content flag",
                "Check %(n)s open sensitive-content flags",
                row["n"],
            )
            % {"n": row["n"]},
            url=_url("safeguarding:review", w.networks[row["network_id"]]),
            since=row["oldest"],
        )
        for row in counts
    ]


def organisations_not_answered(w):
    """The organisations that have not answered the latest version sent for review."""
    waiting = {}
    for decision in w.pending_decisions:
        waiting.setdefault(decision.round.pk, []).append(decision)
    items = []
    for network_id, review in w.current_rounds.items():
        network = w.networks[network_id]
        decisions = waiting.get(review.pk)
        if not decisions or w.user.role_in(network) not in ORGANISERS:
            continue
        if not w.user.has_perm("reports.send_reportversion", review.version):
            continue
        items.append(
            Item(
                network=network,
                kind="not_answered",
                text=ngettext(
                    "%(n)s organisation has not answered on version %(v)s of the report",
                    "%(n)s organisations have not answered on version %(v)s of the report",
                    len(decisions),
                )
                % {"n": len(decisions), "v": review.version.number},
                url=_url("reports:validations", network),
                since=review.sent_at,
            )
        )
    return items


def report_to_publish(w):
    """The latest version sent for review, validated by every organisation asked, not
    published yet: the coordinator publishes it (REPORT_VERSIONS: who acts next)."""
    from carnet.reports.enums import DecisionState
    from carnet.reports.models import Decision

    rounds = {
        review.pk: review
        for network_id, review in w.current_rounds.items()
        if not review.version.is_published
        and w.user.role_in(w.networks[network_id]) == RoleKind.COORDINATOR
    }
    if not rounds:
        return []
    unvalidated = set(
        Decision.objects.filter(round_id__in=rounds)
        .exclude(state=DecisionState.VALIDATED)
        .values_list("round_id", flat=True)
    )
    return [
        Item(
            network=review.version.report.network,
            kind="publish_report",
            text=_("Every organisation validated version %(n)s of the report: publish it")
            % {"n": review.version.number},
            url=review.version.get_absolute_url(),
            since=review.sent_at,
        )
        for review in rounds.values()
        if review.pk not in unvalidated
        and w.user.has_perm("reports.publish_reportversion", review.version)
    ]


def organisations_not_voted(w):
    """The member organisations that have not voted in a network's open vote round."""
    from carnet.networks.models import Membership
    from carnet.timeline.models import Vote

    opened, _had = w.vote_rounds
    organising = {n.pk for n in w.networks_where("timeline.organise", *ORGANISERS)}
    rounds = {network_id: r for network_id, r in opened.items() if network_id in organising}
    if not rounds:
        return []
    members = {}
    for network_id, organisation_id in Membership.objects.filter(
        network_id__in=rounds, left_on__isnull=True
    ).values_list("network_id", "organisation_id"):
        members.setdefault(network_id, set()).add(organisation_id)
    voted = set(
        Vote.objects.filter(round__in=rounds.values())
        .values_list("round__network_id", "organisation_id")
        .distinct()
    )
    items = []
    for network_id, r in rounds.items():
        late = [o for o in members.get(network_id, ()) if (network_id, o) not in voted]
        if not late:
            continue
        items.append(
            Item(
                network=r.network,
                kind="not_voted",
                text=ngettext(
                    "%(n)s organisation has not voted on the key moments yet",
                    "%(n)s organisations have not voted on the key moments yet",
                    len(late),
                )
                % {"n": len(late)},
                url=_url("timeline:tally", r.network),
                since=r.opened_at,
                due=r.closes_on,
            )
        )
    return items


KINDS = [
    moments_to_vote,
    sheets_to_work_on,
    suggestions_to_answer,
    report_to_validate,
    items_to_validate,
    sheets_to_review,
    proposals_to_decide,
    flags_to_check,
    organisations_not_answered,
    report_to_publish,
    organisations_not_voted,
]


def waiting_for(user):
    """[Group(network, role, items)] for every network of the person, oldest deadline
    first, then what has waited longest."""
    if not user.is_authenticated:
        return []
    w = Waiting(user)
    groups = {role.network_id: Group(network=role.network, role=role) for role in w.roles}
    for kind in KINDS:
        for item in kind(w):
            groups[item.network.pk].items.append(item)
    for group in groups.values():
        group.items.sort(key=lambda item: item.order)
    return list(groups.values())


# ---------------------------------------------------------------- the header's badge


def count_for(user):
    """How many lines `waiting_for` shows, in one query: each kind above as a subquery per
    role, then added up after the role's kind, as the rules decide who does what. (An image
    changed since it was validated counts on the page only.)"""
    if not user.is_authenticated:
        return 0
    from django.utils import timezone

    from carnet.capitalisation.models import Video
    from carnet.networks.models import Membership
    from carnet.practices.enums import SHEETS, SuggestionStatus
    from carnet.practices.models import Sheet, SheetPhoto, Suggestion
    from carnet.reports.enums import DECISIONS, DecisionState
    from carnet.reports.models import Decision, ReviewRound, Validation
    from carnet.safeguarding.enums import FlagStatus
    from carnet.safeguarding.models import SensitiveFlag
    from carnet.timeline.enums import MILESTONES, MilestoneState
    from carnet.timeline.models import Milestone, Vote, VoteRound

    network, organisation = OuterRef("network_id"), OuterRef("organisation_id")
    today = timezone.localdate()
    in_open_round = {
        "round__closed_at__isnull": True,
        "round__opens_on__lte": today,
        "round__closes_on__gte": today,
    }

    def count(queryset):
        counted = queryset.order_by().values("network_id").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))

    def unvalidated(model):
        return ~Exists(
            Validation.objects.filter(
                content_type__app_label=model._meta.app_label,
                content_type__model=model._meta.model_name,
                object_id=Cast(OuterRef("pk"), CharField()),
                organisation_id=OuterRef(organisation),
            )
        )

    proposals = Milestone.objects.filter(
        network_id=network, state__in=MILESTONES.waiting_for(Actor.PARTNERS)
    )
    own_sheets = Sheet.objects.filter(network_id=network, organisation_id=organisation)
    current_round = (
        ReviewRound.objects.filter(version__report__network_id=OuterRef(network))
        .order_by("-sent_at", "-id")
        .values("pk")[:1]
    )
    pending = Decision.objects.filter(
        round_id=Subquery(current_round), state__in=DECISIONS.waiting_for(Actor.OWNER)
    )
    roles = Role.objects.filter(user=user).annotate(
        votes=Exists(
            proposals.filter(
                ~Exists(
                    Vote.objects.filter(
                        milestone_id=OuterRef("pk"), organisation_id=OuterRef(organisation)
                    )
                )
            )
        ),
        sheets=count(own_sheets.filter(state__in=SHEETS.waiting_for(Actor.OWNER))),
        suggested=count(
            own_sheets.filter(
                Exists(
                    Suggestion.objects.filter(sheet_id=OuterRef("pk"), status=SuggestionStatus.OPEN)
                )
            )
        ),
        report=Exists(pending.filter(organisation_id=organisation)),
        photos=Exists(
            SheetPhoto.objects.filter(
                sheet__network_id=network, sheet__organisation_id=organisation
            ).filter(unvalidated(SheetPhoto))
        ),
        moment_images=Exists(
            Milestone.objects.filter(network_id=network, organisations=organisation)
            .exclude(state=MilestoneState.MERGED)
            .exclude(image="")
            .filter(unvalidated(Milestone))
        ),
        videos=Exists(
            Video.objects.filter(network_id=network, organisation_id=organisation).filter(
                unvalidated(Video)
            )
        ),
        review=count(
            Sheet.objects.filter(
                network_id=network,
                state__in=SHEETS.waiting_for(Actor.ORGANISERS),
            )
        ),
        proposed=Exists(proposals),
        flags=Exists(SensitiveFlag.objects.filter(network_id=network, status=FlagStatus.OPEN)),
        not_answered=Exists(pending),
        report_to_publish=Exists(
            ReviewRound.objects.filter(pk=Subquery(current_round), version__is_published=False)
        )
        & ~Exists(
            Decision.objects.filter(round_id=Subquery(current_round)).exclude(
                state=DecisionState.VALIDATED
            )
        ),
        any_round=Exists(VoteRound.objects.filter(network_id=network)),
        round_open=Exists(
            VoteRound.objects.filter(
                network_id=network,
                closed_at__isnull=True,
                opens_on__lte=today,
                closes_on__gte=today,
            )
        ),
        round_voted=Exists(
            Vote.objects.filter(organisation_id=organisation, round__network_id=network).filter(
                **in_open_round
            )
        ),
        round_missing=Exists(
            Membership.objects.filter(network_id=network, left_on__isnull=True).filter(
                ~Exists(
                    Vote.objects.filter(
                        organisation_id=OuterRef("organisation_id"),
                        round__network_id=OuterRef("network_id"),
                        **in_open_round,
                    )
                )
            )
        ),
    )
    total = 0
    for role in roles:
        if role.kind == RoleKind.PARTNER_EDITOR and role.organisation_id:
            if role.round_open:
                total += not role.round_voted
            elif not role.any_round:
                total += role.votes
            total += role.sheets + role.suggested + role.report
            total += (role.photos or role.moment_images) + role.videos
        if role.kind in ORGANISERS:
            total += role.review + role.proposed + role.not_answered
            total += role.round_open and role.round_missing
        if role.kind == RoleKind.COORDINATOR:
            total += role.flags + role.report_to_publish
    return total
