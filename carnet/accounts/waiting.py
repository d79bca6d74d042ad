"""What waits for a person, across every network they have a role in ("Waiting for you").

One small function per kind of thing to do. Each reads the person's roles (fetched once,
see `Waiting`), asks the apps' own rules (`user.has_perm`, i.e. each app's rules.py) about
every object it lists, and returns `Item`s: one line each, in plain words, linking to the
page where the thing is done. A person never sees a line about what they may not see, nor
about an organisation that is not theirs in that network.

The page (`waiting_for`) costs a bounded number of queries: one for the roles and one or
two per kind for all networks together, except the images and videos to validate, which
cost the validation matrix's providers per network where the person is a partner editor.
The header's badge (`count_for`) counts these lines (one computation), remembered in the
cache until anything changes (at most a minute).

Not listed: comments that mention a person (@username): they are notified (notices, e-mail).
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import (
    Count,
    Min,
    Q,
)
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


def sources_to_apply(w):
    """A spreadsheet the timeline is written in whose newer version (uploaded again, or
    fetched from its link) has not been applied, or whose apply stalled (its page makes it
    ready again): whoever may apply it previews it."""
    from django.db.models import F

    from carnet.timeline.enums import SourceStatus
    from carnet.timeline.models import TimelineSource
    from carnet.timeline.sources import stalled

    organising = [n.pk for n in w.networks_where("timeline.organise", *ORGANISERS)]
    sources = (
        TimelineSource.objects.filter(network_id__in=organising)
        .filter(Q(status=SourceStatus.READY) | stalled())
        .exclude(digest=F("applied_digest"))
        .select_related("network")
        .order_by("updated", "id")
    )
    return [
        Item(
            network=source.network,
            kind="source",
            text=_("Preview the new version of the spreadsheet «%(name)s» and apply it")
            % {"name": str(source)},
            url=source.get_absolute_url(),
            since=source.fetched_at or source.updated,
        )
        for source in sources
        if w.user.has_perm("timeline.change_timelinesource", source)
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


def mentions(w):
    """Comments that name this person (@username), until they open the notice: its line
    leads through the notice (which marks it read) to the comment's page."""
    from django.urls import reverse

    from carnet.notices.models import Notice

    unread = Notice.objects.filter(
        recipient=w.user, mention=True, read_at__isnull=True, network_id__in=list(w.networks)
    ).order_by("created")
    return [
        Item(
            network=w.networks[notice.network_id],
            kind="mention",
            text=notice.subject,
            url=reverse("notices:open", args=[notice.pk]),
            since=notice.created,
        )
        for notice in unread
    ]


def _names(organisations):
    return ", ".join(sorted(str(name) for name in organisations))


def organisations_not_answered(w):
    """The organisations that have not answered the latest version sent for review, named,
    linking to the version's page, which lists every organisation's answer."""
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
                    "%(n)s organisation has not answered on version %(v)s of the report: %(names)s",
                    "%(n)s organisations have not answered on version %(v)s of the report: "
                    "%(names)s",
                    len(decisions),
                )
                % {
                    "n": len(decisions),
                    "v": review.version.number,
                    "names": _names(d.organisation.name for d in decisions),
                },
                url=review.version.get_absolute_url() + "#review-title",
                since=review.sent_at,
                due=review.due_on,
            )
        )
    return items


def organisations_not_validated(w):
    """The organisations that have not answered the current validation round (their sheets,
    the images and videos that show them), named, linking to the validation matrix."""
    from carnet.reports.models import ValidationRound
    from carnet.reports.validations import waiting_items

    organising = [n for n in w.networks_where("reports.add_validationround", *ORGANISERS)]
    if not organising:
        return []
    rounds = {}
    for validation_round in ValidationRound.objects.filter(network__in=organising).order_by(
        "-sent_at", "-id"
    ):
        rounds.setdefault(validation_round.network_id, validation_round)
    items = []
    for network_id, validation_round in rounds.items():
        network = w.networks[network_id]
        waiting = waiting_items(network)
        if not waiting:
            continue
        names = _names(
            m.organisation.name
            for m in network.memberships.filter(organisation_id__in=waiting).select_related(
                "organisation"
            )
        )
        items.append(
            Item(
                network=network,
                kind="not_validated",
                text=ngettext(
                    "%(n)s organisation has not validated its sheets and images: %(names)s",
                    "%(n)s organisations have not validated their sheets and images: %(names)s",
                    len(waiting),
                )
                % {"n": len(waiting), "names": names},
                url=_url("reports:validations", network),
                since=validation_round.sent_at,
                due=validation_round.due_on,
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
    """The member organisations that have not voted in a network's open vote round, named,
    linking to the tally, which lists them too."""
    from carnet.networks.models import Membership
    from carnet.timeline.models import Vote

    opened, _had = w.vote_rounds
    organising = {n.pk for n in w.networks_where("timeline.organise", *ORGANISERS)}
    rounds = {network_id: r for network_id, r in opened.items() if network_id in organising}
    if not rounds:
        return []
    members = {}
    for network_id, organisation_id, name in Membership.objects.filter(
        network_id__in=rounds, left_on__isnull=True
    ).values_list("network_id", "organisation_id", "organisation__name"):
        members.setdefault(network_id, {})[organisation_id] = name
    voted = set(
        Vote.objects.filter(round__in=rounds.values())
        .values_list("round__network_id", "organisation_id")
        .distinct()
    )
    items = []
    for network_id, r in rounds.items():
        late = [
            name for o, name in members.get(network_id, {}).items() if (network_id, o) not in voted
        ]
        if not late:
            continue
        items.append(
            Item(
                network=r.network,
                kind="not_voted",
                text=ngettext(
                    "%(n)s organisation has not voted on the key moments yet: %(names)s",
                    "%(n)s organisations have not voted on the key moments yet: %(names)s",
                    len(late),
                )
                % {"n": len(late), "names": _names(late)},
                url=_url("timeline:tally", r.network),
                since=r.opened_at,
                due=r.closes_on,
            )
        )
    return items


KINDS = [
    mentions,
    moments_to_vote,
    sheets_to_work_on,
    suggestions_to_answer,
    report_to_validate,
    items_to_validate,
    sheets_to_review,
    proposals_to_decide,
    sources_to_apply,
    flags_to_check,
    organisations_not_answered,
    organisations_not_validated,
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

# The badge reads the page's lines (one computation, so it can never say another number),
# kept in the cache for a minute at most, and forgotten at once when anything the lines read
# is saved or deleted in this process (another app server's change shows within a minute).
COUNT_SECONDS = 60
GENERATION = "carnet:waiting:generation"
WATCHED_APPS = {
    "accounts",
    "notices",
    "capitalisation",
    "networks",
    "practices",
    "reports",
    "safeguarding",
    "timeline",
}


def _generation():
    from django.core.cache import cache

    return cache.get_or_set(GENERATION, 0, None)


# Saved on every sign-in or action, and read by no line: they change no count.
UNWATCHED_MODELS = {"accounts.user", "accounts.action"}


def forget_counts(sender, **kwargs):
    """post_save/post_delete/state_changed: every badge is counted again at its next page."""
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in WATCHED_APPS or meta.label_lower in UNWATCHED_MODELS:
        return
    from django.core.cache import cache

    try:
        cache.incr(GENERATION)
    except ValueError:  # not in the cache (evicted, or never counted yet)
        cache.set(GENERATION, 1, None)


def _count_key(user):
    return f"carnet:waiting:{_generation()}:{user.pk}"


def remember_count(user, count):
    """The waiting page has just counted its lines: the header shows that number."""
    from django.core.cache import cache

    cache.set(_count_key(user), count, COUNT_SECONDS)


def count_for(user):
    """How many lines `waiting_for` shows: the lines themselves, counted, and remembered
    for a minute at most (forgotten at once by any change, see forget_counts)."""
    if not user.is_authenticated:
        return 0
    from django.core.cache import cache

    key = _count_key(user)
    count = cache.get(key)
    if count is None:
        count = sum(len(group.items) for group in waiting_for(user))
        cache.set(key, count, COUNT_SECONDS)
    return count
