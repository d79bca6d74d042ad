"""The timeline's work: proposing, voting, merging, accepting, publishing, and what readers see.

Views never change a moment's state by hand: they call set_state(), which checks the
move, runs the safeguarding check before publishing and writes the action log.
"""

import datetime
import hashlib
import html
import unicodedata
from dataclasses import dataclass

from django.core.cache import cache
from django.db import IntegrityError, models, transaction
from django.db.models import Prefetch
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from carnet.accounts import notifications
from carnet.accounts.domain import record
from carnet.accounts.enums import Verb
from carnet.lib import machine_translation, markdown, workflow
from carnet.lib.languages import direction
from carnet.lib.names import first_free
from carnet.lib.states import move
from carnet.lib.webvtt import player_tracks
from carnet.lib.workflow import MoveRefused, check_move, moved
from carnet.safeguarding.domain import check_for_publication, guard, publish_blockers
from carnet.safeguarding.public import public_texts
from carnet.translations import editions
from carnet.translations.domain import localise
from carnet.translations.domain import state as translations_state
from carnet.vocabulary import domain as vocabulary
from carnet.vocabulary.enums import TermKind

from .enums import MILESTONES, MediaKind, MilestoneState, Precision
from .media import external_media
from .models import Milestone, MilestoneTranslation, MomentMedia, MomentSubtitles, Vote, VoteRound

# The one refusal of a move (lib.workflow), under the name this app's callers know.
TransitionRefused = MoveRefused


def unique_slug(network, title, *, exclude=None, reserved=()):
    """A free address for a moment; `reserved`: addresses kept for others (an import's)."""
    base = slugify(title)[:70] or "moment"
    existing = Milestone.objects.filter(network=network)
    if exclude is not None:
        existing = existing.exclude(pk=exclude.pk)
    taken = set(existing.filter(slug__startswith=base).values_list("slug", flat=True))
    return first_free(base, lambda slug: slug in taken or slug in reserved)


@transaction.atomic
def propose(milestone, *, by, organisations=()):
    """Save a new moment as a proposal of `by` (and their organisation)."""
    milestone.proposed_by = by if by.is_authenticated else None
    if milestone.organisation_id is None and by.is_authenticated:
        milestone.organisation = by.organisation_in(milestone.network)
    milestone.state = MilestoneState.PROPOSED
    milestone.text = markdown.clean_pasted(milestone.text)
    if not milestone.slug:
        milestone.slug = unique_slug(milestone.network, milestone.title)
    milestone.save()
    if organisations:
        milestone.organisations.set(organisations)
    record(Verb.CREATE, milestone, by=by)
    notifications.notify(
        # The organisers, who accept, merge or set aside proposals (the rule of that page).
        notifications.recipients(milestone, "timeline.organise", exclude=by),
        network=milestone.network,
        subject=lambda: _("A key moment is proposed: %(title)s") % {"title": milestone.title},
        body=lambda: (
            _("%(who)s proposed it: accept it, merge it with another one or set it aside.")
            % {"who": milestone.organisation or by}
        ),
        path=milestone.get_absolute_url(),
    )
    return milestone


def save_changes(milestone, *, by, fields=()):
    milestone.text = markdown.clean_pasted(milestone.text)
    milestone.save()
    record(Verb.CHANGE, milestone, by=by, data={"fields": sorted(fields)})
    # A published moment changed: check it again, and take it down if it now has flags.
    if milestone.state == MilestoneState.PUBLISHED and publication_check(milestone, by=by):
        set_state(milestone, MilestoneState.ACCEPTED, by=by, note="flags after a change")
    return milestone


def save_translation(milestone, language, values, *, by, machine_draft=False):
    """Save a person's translation; machine_draft: it holds machine translation nobody has
    reviewed yet (readers keep seeing the English until it is saved reviewed)."""
    before = MilestoneTranslation.objects.filter(milestone=milestone, language=language).first()
    item, created = MilestoneTranslation.objects.update_or_create(
        milestone=milestone,
        language=language,
        defaults={**values, "machine_draft": machine_draft},
    )
    data = {"translation": language}
    if machine_draft:
        data["machine_draft"] = True
    elif before is not None and before.machine_draft:
        data["reviewed"] = True
    record(Verb.CREATE if created else Verb.CHANGE, milestone, by=by, data=data)
    return item


def draft_translation(milestone, language, values):
    """{field: machine translation} for the translatable fields left empty in values (what the
    person typed is never replaced) whose English text is not empty; {} when none is.
    Raises machine_translation.MachineTranslationError."""
    empty = [
        name
        for name in MilestoneTranslation.public_fields
        if not (values.get(name) or "").strip() and (getattr(milestone, name) or "").strip()
    ]
    if not empty:
        return {}
    texts = machine_translation.translate(
        [getattr(milestone, name) for name in empty], source="en", target=language
    )
    return dict(zip(empty, texts, strict=True))


def publication_allowed(milestone):
    """Names that may appear: the network's, the organisations' of the moment."""
    allowed = [org.name for org in milestone.organisations.all()]
    allowed += [milestone.network.name]
    if milestone.organisation:
        allowed.append(milestone.organisation.name)
    return allowed


def publication_consents(milestone):
    """The image and every media: each needs the consent of the people it shows, lets hear
    or quotes (a video of the network: its own consent, and being published)."""
    consents = [(_("image"), milestone)] if milestone.image else []
    for media in milestone.media.select_related("video"):
        consents.append((f"{media.get_kind_display()} [{media.pk}]", media))
    return consents


def publication_check(milestone, *, by):
    """Run the safeguarding check; return the open flags."""
    check_for_publication(
        milestone,
        public_texts(milestone),
        by=by,
        allowed=publication_allowed(milestone),
        consents=publication_consents(milestone),
    )
    return publish_blockers(milestone)


def add_media(form, *, by):
    """Save a media added to a moment (a valid MomentMediaForm). On a moment already
    published, it is checked as the moment was before publication (its texts, the consent
    of the people it shows): readers see it only once no flag of its own is open."""
    media = form.save()
    milestone = media.milestone
    record(Verb.CHANGE, milestone, by=by, data={"media_added": media.kind})
    if milestone.state == MilestoneState.PUBLISHED:
        check_for_publication(
            media,
            public_texts(media),
            by=by,
            allowed=publication_allowed(milestone),
            consents=[(media.get_kind_display(), media)],
        )
    return media


def remove_media(media, *, by):
    record(Verb.CHANGE, media.milestone, by=by, data={"media_removed": media.kind})
    for track in media.tracks.all():
        track.remove()
    for name in ("file", "poster", "preview"):
        field = getattr(media, name)
        if field:
            field.delete(save=False)
    media.delete()


def add_subtitles(media, *, language, file, by):
    """Subtitles in `language` for a sound or a video (in place of those it had in it)."""
    track = MomentSubtitles.put(media, language=language, upload=file)
    record(Verb.CHANGE, media.milestone, by=by, data={"subtitles_added": language})
    return track


def remove_subtitles(track, *, by):
    record(Verb.CHANGE, track.media.milestone, by=by, data={"subtitles_removed": track.language})
    track.remove()


def allowed_moves(milestone, user):
    """The moves this person may make now (MILESTONES), with the words of their buttons."""
    return workflow.allowed_moves(MILESTONES, milestone, user)


def set_state(milestone, new_state, *, by, note=""):
    """The one way a moment changes state: check (MILESTONES, its rules), save, log,
    signal. Raises MoveRefused (MoveForbidden when the rule says no; PublicationBlocked).

    The safeguarding flags found on the way to publication are kept (outside the
    transaction) so that the coordinator sees them even though publishing is refused.
    """
    old = milestone.state
    if new_state == MilestoneState.MERGED and old != new_state:
        raise TransitionRefused(_("Choose the key moment to merge it into."))
    if check_move(MILESTONES, milestone, new_state, by) is None:
        return milestone  # asked twice (a double click): it is done already
    if new_state == MilestoneState.PUBLISHED:
        if not milestone.network.is_published:
            raise TransitionRefused(_("Publish the network first."))
        guard(
            milestone,
            public_texts(milestone),
            by=by,
            allowed=publication_allowed(milestone),
            consents=publication_consents(milestone),
            message=lambda flags: _(
                "This moment has open safeguarding flags: the coordinator must check them."
            ),
        )
    with transaction.atomic():
        refused = TransitionRefused(_("Somebody changed this moment meanwhile: look again."))
        if not move(milestone, to=new_state, also={"updated": timezone.now()}, refused=refused):
            return milestone  # the same move, made by a request running beside (a double click)
        verb = Verb.PUBLISH if new_state == MilestoneState.PUBLISHED else Verb.STATE
        record(verb, milestone, by=by, data={"from": old, "to": new_state, "note": note})
    moved(MILESTONES, milestone, source=old, target=new_state, by=by, note=note)
    return milestone


@transaction.atomic
def vote(milestone, *, organisation, weight, by):
    """Record how much a moment matters to an organisation (0: withdraw its vote).

    Before a network's first vote round, votes are taken at any time (they belong to no
    round). Once the network has had a round, votes are taken while a round is open only,
    and belong to it."""
    if milestone.state == MilestoneState.MERGED:
        raise TransitionRefused(_("This moment was merged into another: vote for that one."))
    current = open_round(milestone.network)
    if current is None and VoteRound.objects.filter(network=milestone.network).exists():
        raise TransitionRefused(_("The vote round is closed: the facilitators open the next one."))
    if not weight:
        Vote.objects.filter(milestone=milestone, organisation=organisation).delete()
        record(Verb.DELETE, milestone, by=by, organisation=organisation, data={"vote": 0})
        return None
    item, _created = Vote.objects.update_or_create(
        milestone=milestone,
        organisation=organisation,
        defaults={"weight": weight, "by": by, "round": current},
    )
    record(Verb.CHANGE, milestone, by=by, organisation=organisation, data={"vote": weight})
    return item


@transaction.atomic
def merge(duplicate, *, into, by):
    """Merge a duplicate proposal into another: its votes move, its proposer is kept."""
    if duplicate.pk == into.pk or duplicate.network_id != into.network_id:
        raise TransitionRefused(_("Choose another moment of the same network."))
    if duplicate.merged_into_id == into.pk:
        return into  # asked twice (a double click): it is done already
    if duplicate.state == MilestoneState.MERGED or into.state == MilestoneState.MERGED:
        raise TransitionRefused(_("This moment was already merged."))
    if duplicate.state == MilestoneState.PUBLISHED:
        raise TransitionRefused(_("Unpublish the moment before merging it."))
    old = duplicate.state
    check_move(MILESTONES, duplicate, MilestoneState.MERGED, by)
    also = {"merged_into": into, "updated": timezone.now()}
    refused = TransitionRefused(_("Somebody changed this moment meanwhile: look again."))
    if not move(duplicate, to=MilestoneState.MERGED, also=also, refused=refused):
        if duplicate.merged_into_id != into.pk:
            raise TransitionRefused(_("This moment was already merged."))
        return into  # merged by a request running beside (a double click)
    kept = {v.organisation_id: v for v in into.votes.all()}
    for item in duplicate.votes.all():
        if item.organisation_id in kept:
            if item.weight > kept[item.organisation_id].weight:
                kept[item.organisation_id].weight = item.weight
                kept[item.organisation_id].save(update_fields=["weight"])
            item.delete()
        else:
            item.milestone = into
            item.save(update_fields=["milestone"])
    into.organisations.add(*duplicate.organisations.all())
    for child in duplicate.duplicates.all():
        child.merged_into = into
        child.save(update_fields=["merged_into"])
    record(Verb.STATE, duplicate, by=by, data={"merged_into": into.slug})
    record(Verb.CHANGE, into, by=by, data={"merged": duplicate.slug})
    transaction.on_commit(
        lambda: moved(
            MILESTONES,
            duplicate,
            source=old,
            target=MilestoneState.MERGED,
            by=by,
            note=f"→ {into.title}",
        )
    )
    return into


def proposers(milestone):
    """Who proposed a moment: its own proposer and those of the duplicates merged into it."""
    people = []
    for item in [milestone, *milestone.duplicates.all()]:
        if item.proposed_by or item.organisation:
            people.append((item.proposed_by, item.organisation, item))
    return people


@dataclass
class Tally:
    milestone: Milestone
    points: int
    organisations: int
    by_organisation: dict  # organisation id -> weight


def tallies(network, round=None):
    """Votes per moment (most points first) and the organisations that voted; with a vote
    round, only the votes cast in it."""
    votes = Vote.objects.select_related("organisation")
    if round is not None:
        votes = votes.filter(round=round)
    milestones = list(
        Milestone.objects.filter(network=network)
        .on_timeline()
        .select_related("organisation", "proposed_by")
        .prefetch_related(Prefetch("votes", queryset=votes), "duplicates")
    )
    organisations = {}
    rows = []
    for milestone in milestones:
        weights = {}
        for item in milestone.votes.all():
            weights[item.organisation_id] = item.weight
            organisations[item.organisation_id] = item.organisation
        rows.append(Tally(milestone, sum(weights.values()), len(weights), weights))
    rows.sort(key=lambda t: (-t.points, -t.organisations, t.milestone.start_date))
    columns = sorted(organisations.values(), key=lambda o: str(o))
    for row in rows:
        row.cells = [row.by_organisation.get(org.pk) for org in columns]
    return rows, columns


def votes_of(organisation, network, round=None):
    """milestone id -> weight of an organisation's votes (with a round: cast in it)."""
    votes = Vote.objects.filter(organisation=organisation, milestone__network=network)
    if round is not None:
        votes = votes.filter(round=round)
    return dict(votes.values_list("milestone_id", "weight"))


# ---------------------------------------------------------------- vote rounds

# Reminders to the organisations that have not voted: two days before the closing day, and
# on the closing day itself. The day after it, the round closes (and the organisers are told).
REMIND_BEFORE = datetime.timedelta(days=2)


def open_round(network, today=None):
    """The network's vote round open today, or None."""
    today = today or timezone.localdate()
    return (
        VoteRound.objects.not_closed()
        .filter(network=network, opens_on__lte=today, closes_on__gte=today)
        .first()
    )


def latest_round(network):
    """The round the pages show: the one not closed yet, else the last one closed."""
    return (
        VoteRound.objects.filter(network=network)
        .order_by(models.F("closed_at").desc(nulls_first=True), "-opens_on", "-id")
        .first()
    )


def voting_organisations(network):
    """The organisations that vote: the network's current members, by name."""
    return [
        m.organisation
        for m in network.memberships.current()
        .select_related("organisation")
        .order_by("organisation__name")
    ]


def voted_in(round):
    """The ids of the organisations that voted for at least one moment in the round."""
    return set(round.votes.values_list("organisation_id", flat=True))


def not_voted(round):
    """The member organisations that have not voted in the round."""
    voted = voted_in(round)
    return [o for o in voting_organisations(round.network) if o.pk not in voted]


def voters(round, organisations=None):
    """The people who vote for the organisations (all of them when None): the rule of the
    vote (timeline.vote), for the organisation they work for in the network."""
    people = notifications.recipients(round, "timeline.vote")
    if organisations is None:
        return people
    wanted = {o.pk for o in organisations}
    return [p for p in people if p.organisation_id_in(round.network) in wanted]


def _moments_path(round):
    return reverse("timeline:moments", args=[round.network.slug])


def _by_date(round):
    return formats.date_format(round.closes_on, "DATE_FORMAT")


def _round_body(round):
    text = ngettext(
        "The partners choose the %(n)s key moment that made the network evolve: say how "
        "much each proposal matters to your organisation, and propose the ones missing.",
        "The partners choose the %(n)s key moments that made the network evolve: say how "
        "much each proposal matters to your organisation, and propose the ones missing.",
        round.target,
    ) % {"n": round.target}
    due = _("The round closes on %(date)s.") % {"date": _by_date(round)}
    return "\n\n".join(part for part in (round.message, text, due) if part)


def start_round(network, *, by, closes_on, target=10, message="", today=None, opens_on=None):
    """Open a vote round until `closes_on` and tell every partner editor, in their language;
    with `opens_on` a later day, schedule it: it opens, and its e-mail goes out, when
    `carnet reminders` runs on or after that day (announce_due_rounds). Raises
    TransitionRefused for a past date or when a round is open or scheduled already."""
    today = today or timezone.localdate()
    opens_on = opens_on or today
    if opens_on < today:
        raise TransitionRefused(_("The opening date has passed: choose today or a later day."))
    if closes_on < opens_on:
        raise TransitionRefused(_("The closing date has passed: choose a later one."))
    close_due_rounds(today=today, network=network)
    try:
        with transaction.atomic():
            round = VoteRound.objects.create(
                network=network,
                opens_on=opens_on,
                closes_on=closes_on,
                target=target,
                message=message,
                opened_by=by,
            )
    except IntegrityError:
        raise TransitionRefused(_("A vote round is already open in this network.")) from None
    record(
        Verb.CREATE,
        round,
        by=by,
        network=network,
        data={
            "opens_on": opens_on.isoformat(),
            "closes_on": closes_on.isoformat(),
            "target": target,
        },
    )
    if opens_on <= today:
        announce_round(round)
    return round


def scheduled_round(network, today=None):
    """The network's vote round scheduled to open on a later day, or None."""
    today = today or timezone.localdate()
    return VoteRound.objects.not_closed().filter(network=network, opens_on__gt=today).first()


def announce_round(round):
    """Tell every partner editor that the round is open (once: claimed by a conditional
    update). Returns the number of people told."""
    claimed = VoteRound.objects.filter(pk=round.pk, announced_at__isnull=True).update(
        announced_at=timezone.now()
    )
    if not claimed:
        return 0
    return notifications.notify(
        voters(round),
        network=round.network,
        subject=lambda: _("Vote on the key moments by %(date)s") % {"date": _by_date(round)},
        body=lambda: _round_body(round),
        path=_moments_path(round),
    )


def announce_due_rounds(today=None):
    """Open the scheduled rounds whose opening day has come: their e-mail goes out now.
    Returns the number of rounds announced."""
    today = today or timezone.localdate()
    # Only rounds created for a later day (an archive's rounds, imported unannounced, are
    # never announced again).
    due = VoteRound.objects.not_closed().filter(
        announced_at__isnull=True,
        opens_on__lte=today,
        closes_on__gte=today,
        opens_on__gt=TruncDate("opened_at"),
    )
    return sum(bool(announce_round(round)) for round in due.select_related("network"))


def close_round(round, *, by, today=None):
    """Close the round (once: claimed by a conditional update), keep its result and tell the
    organisers. Returns True when this call closed it."""
    now = timezone.now()
    claimed = VoteRound.objects.filter(pk=round.pk, closed_at__isnull=True).update(
        closed_at=now, closed_by=by
    )
    if not claimed:
        round.refresh_from_db()
        return False
    round.closed_at, round.closed_by = now, by
    rows, _columns = tallies(round.network, round)
    round.result = [
        {
            "slug": row.milestone.slug,
            "title": row.milestone.title,
            "points": row.points,
            "organisations": row.organisations,
        }
        for row in rows[: round.target]
        if row.points
    ]
    round.save(update_fields=["result"])
    late = not_voted(round)
    record(
        Verb.STATE,
        round,
        by=by,
        network=round.network,
        data={"closed": True, "late": [o.name for o in late]},
    )
    network = round.network

    def body():
        lines = [
            ngettext(
                "%(n)s. %(title)s (%(points)s point)",
                "%(n)s. %(title)s (%(points)s points)",
                item["points"],
            )
            % {"n": n, "title": item["title"], "points": item["points"]}
            for n, item in enumerate(round.result, start=1)
        ]
        if not lines:
            lines = [_("No vote was cast.")]
        if late:
            lines.append("")
            lines.append(
                ngettext(
                    "%(n)s organisation did not vote: %(names)s.",
                    "%(n)s organisations did not vote: %(names)s.",
                    len(late),
                )
                % {"n": len(late), "names": ", ".join(o.name for o in late)}
            )
        return "\n".join(lines)

    notifications.notify(
        notifications.recipients(round, "timeline.organise", exclude=by),
        network=network,
        subject=lambda: (
            _("%(network)s: the vote on the key moments is closed") % {"network": network.name}
        ),
        body=body,
        path=reverse("timeline:tally", args=[network.slug]),
    )
    return True


def close_due_rounds(today=None, network=None):
    """Close the rounds whose closing day has passed. Returns how many were closed."""
    today = today or timezone.localdate()
    due = VoteRound.objects.not_closed().filter(closes_on__lt=today).select_related("network")
    if network is not None:
        due = due.filter(network=network)
    return sum(close_round(round, by=None, today=today) for round in due)


def send_round_reminders(today=None):
    """Remind the organisations that have not voted in an open round: once two days before
    its closing day, once on that day; close the rounds whose day has passed. Safe to run
    often and from two machines: each reminder is claimed by a conditional update. Returns
    the number of reminders sent (rounds closed are not counted)."""
    today = today or timezone.localdate()
    close_due_rounds(today=today)
    announce_due_rounds(today=today)
    sent = 0
    for round in VoteRound.objects.not_closed().select_related("network"):
        if not round.is_open(today) or today <= round.opens_on:
            continue  # not open, or opened today: the opening e-mail has just gone out
        if today == round.closes_on:
            field = "reminded_last_day_at"
        elif today >= round.closes_on - REMIND_BEFORE:
            field = "reminded_before_at"
        else:
            continue
        claimed = VoteRound.objects.filter(pk=round.pk, **{f"{field}__isnull": True}).update(
            **{field: timezone.now()}
        )
        if claimed and remind_round(round, by=None):
            sent += 1
    return sent


def remind_round(round, *, by):
    """E-mail the partner editors of every organisation that has not voted in the round."""
    late = not_voted(round)
    if not late:
        return 0
    network = round.network
    count = notifications.notify(
        voters(round, late),
        network=network,
        subject=lambda: (
            _("Reminder: vote on the key moments of %(network)s by %(date)s")
            % {"network": network.name, "date": _by_date(round)}
        ),
        body=lambda: _round_body(round),
        path=_moments_path(round),
    )
    record(Verb.CHANGE, round, by=by, network=network, data={"reminded": count})
    return count


# ---------------------------------------------------------------- what readers see


def format_partial(date, precision, language):
    """A date as the language writes it, to the precision known."""
    with translation.override(language):
        return _date_text(date, precision)


def _date_text(date, precision):
    """format_partial() in the active language."""
    if precision == Precision.YEAR:
        return str(date.year)
    if precision == Precision.MONTH:
        return formats.date_format(date, "YEAR_MONTH_FORMAT")
    return formats.date_format(date, "DATE_FORMAT")


def date_label(milestone, language):
    display = milestone.localised("display_date", language)
    if display:
        return display
    start = format_partial(milestone.start_date, milestone.start_precision, language)
    if milestone.end_date is None:
        return start
    end = format_partial(milestone.end_date, milestone.end_precision, language)
    return f"{start} – {end}"


def content_languages(network):
    """The network's languages that have at least one translation (of a moment, or of
    another text: an era, a tag...), English first."""
    codes = network.language_codes
    if "en" not in codes:
        codes = ["en", *codes]
    moments = MilestoneTranslation.objects.filter(
        milestone__network=network, machine_draft=False
    ).order_by()
    texts = network.text_translations.order_by()
    used = set(  # one query for both tables
        moments.values_list("language", flat=True).union(texts.values_list("language", flat=True))
    )
    return [code for code in codes if code == "en" or code in used]


def language_info(code):
    try:
        info = translation.get_language_info(code)
        name = info["name_local"]
    except KeyError:
        name = code
    return {"code": code, "name": name, "rtl": direction(code) == "rtl"}


@dataclass
class Event:
    """One moment as the public timeline shows it, in one language."""

    milestone: Milestone
    slug: str
    title: str
    text: str
    date_label: str
    display: str
    start_label: str
    end_label: str
    start_iso: str
    end_iso: str
    caption: str
    alt_text: str
    credit: str
    image_url: str
    media_url: str
    quotation: str  # HTML, from Markdown
    media: list  # PublicMedia: the moment's media readers may see, in order
    organisations: list
    tags: list
    era: object
    importance: int
    translated: bool

    @property
    def has_media(self):
        """Something to show beside the words: an image, a link, a quotation, a media."""
        return bool(self.image_url or self.media_url or self.quotation or self.media)

    @property
    def external(self):
        """The moment's link as external media (media.py), None for a plain link."""
        return external_media(self.media_url) if self.media_url else None


@dataclass
class PublicMedia:
    """One media of a moment as readers get it: the addresses of its files (replaced by data:
    addresses in the standalone file), its words, and for a video of the network its page."""

    kind: str
    caption: str
    credit: str
    alt_text: str
    transcript: str
    quote: str = ""
    quote_by: str = ""
    file_url: str = ""
    file_name: str = ""
    poster_url: str = ""
    poster_name: str = ""
    preview_url: str = ""
    preview_name: str = ""
    tracks: list = None  # [{"url", "name", "language", "label", "default"}]
    page_url: str = ""  # a video of the network: its public page
    title: str = ""
    too_big: bool = False  # the standalone file: too large to be put inside it


def public_media(items, languages=()):
    """The media of a moment readers may see (`items`: its MomentMedia, in order): with
    consent (and, for a video of the network, published with its own consent), with no
    safeguarding flag of its own open (a media added after the moment was published:
    add_media). Subtitles: one track a language, by default the first of `languages` (the
    reader's, in order of preference) that has one."""
    items = list(items)
    held = held_media([media.pk for media in items]) if items else set()
    shown = []
    for media in items:
        if not media.may_publish or media.pk in held:
            continue
        item = PublicMedia(
            kind=media.kind,
            caption=media.caption,
            credit=media.credit,
            alt_text=media.alt_text,
            transcript=media.transcript,
            quote=media.quote,
            quote_by=media.quote_by,
            tracks=[],
        )
        if media.kind == MediaKind.FILM:
            video = media.video
            if not video.is_public or not video.file:
                continue
            item.title = video.title
            item.file_url, item.file_name = video.file.url, video.file.name
            item.page_url = video.get_public_url()
            item.transcript = item.transcript or video.transcript
            item.credit = item.credit or video.speaker
            item.tracks = player_tracks(video.tracks.all(), *languages)
        else:
            for name in ("file", "poster", "preview"):
                field = getattr(media, name)
                if field:
                    setattr(item, f"{name}_url", field.url)
                    setattr(item, f"{name}_name", field.name)
            item.tracks = player_tracks(media.tracks.all(), *languages)
        shown.append(item)
    return shown


def held_media(pks):
    """The media among `pks` that the safeguarding check holds back (an open flag)."""
    from django.contrib.contenttypes.models import ContentType

    from carnet.safeguarding.enums import FlagStatus
    from carnet.safeguarding.models import SensitiveFlag

    flagged = SensitiveFlag.objects.filter(
        content_type=ContentType.objects.get_for_model(MomentMedia),
        object_id__in=[str(pk) for pk in pks],
        status=FlagStatus.OPEN,
    ).values_list("object_id", flat=True)
    return {int(pk) for pk in flagged}


def _with_time(label, time):
    """ "12 May 2016, 13:45" for a moment known to the minute (TimelineJS's Time column)."""
    if time is None:
        return label
    return f"{label}, {formats.time_format(time, 'TIME_FORMAT')}"


def _iso_with_time(partial, time):
    if time is None or partial.precision != "day":
        return partial.iso()
    return f"{partial.iso()}T{time.strftime('%H:%M')}"


def public_events(network, language):
    """The published moments of a network, in order, ready for the page.

    Fast at thousands of moments (the first render after a publish reads them all): the
    related rows come as plain lists (`to_attr`, no queryset per moment), translations only
    for another language than English, and each date is formatted once, in one language
    switch.
    """
    related = [
        Prefetch("organisations", to_attr="shown_organisations"),
        Prefetch(
            "media",
            MomentMedia.objects.select_related("video").prefetch_related("tracks", "video__tracks"),
            to_attr="shown_media",
        ),
    ]
    if language != "en":
        related.append("translations")
    milestones = (
        Milestone.objects.filter(network=network)
        .published()
        .chronological()
        .select_related("era")
        .prefetch_related(*related)
    )
    events = []
    tag_words = vocabulary.labels(network, TermKind.MOMENT_TAG, language=language)
    localise([m.era for m in milestones], language, ["name"], network=network)
    # The reader's subtitles: in the interface language first, then in the content language.
    readers = (translation.get_language(), language)
    edition = editions.current()  # in an edition's build (the static site): notes the fallbacks
    with translation.override(language):
        for m in milestones:
            edition.moment(m)
            end = m.end
            display = m.localised("display_date", language)
            start_day = _date_text(m.start_date, m.start_precision)
            end_day = _date_text(m.end_date, m.end_precision) if end else ""
            events.append(
                Event(
                    milestone=m,
                    slug=m.slug,
                    title=m.localised("title", language),
                    text=markdown.render(m.localised("text", language)),
                    date_label=display or (f"{start_day} – {end_day}" if end else start_day),
                    display=display,
                    start_label=_with_time(start_day, m.start_time),
                    end_label=_with_time(end_day, m.end_time) if end else "",
                    start_iso=_iso_with_time(m.start, m.start_time),
                    end_iso=_iso_with_time(end, m.end_time) if end else "",
                    caption=m.localised("caption", language),
                    alt_text=m.localised("alt_text", language),
                    credit=m.credit,
                    image_url=m.image.url if m.image_is_public else "",
                    media_url=m.media_url,
                    quotation=markdown.render(m.quotation) if m.quotation else "",
                    media=public_media(m.shown_media, readers),
                    organisations=m.shown_organisations,
                    tags=vocabulary.tag_labels(network, m.tags, tag_words),
                    era=m.era,
                    importance=m.importance,
                    translated=language != "en" and m.translation(language) is not None,
                )
            )
    return events


def fold(text):
    """Text as the search compares it: case, accents and other marks left out.

    "Réunion" and "reunion" match; Arabic short vowels (harakat) are marks too. The
    timeline's script folds the same way (timeline.js, `fold`).
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def search_text(event):
    """What a search looks through: the moment's words in the language shown."""
    parts = [
        event.title,
        event.date_label,
        event.caption,
        event.credit,
        html.unescape(strip_tags(event.text)),
        html.unescape(strip_tags(event.quotation)),
        *(f"{m.caption} {m.quote} {m.quote_by} {m.title}" for m in event.media),
        event.era.name if event.era else "",
        *(f"{org.name} {org.short_name}" for org in event.organisations),
        *event.tags,
    ]
    return fold(" ".join(part for part in parts if part))


def search(events, query):
    """The events whose text holds every word of the query (in any order), in order."""
    words = fold(query).split()
    if not words:
        return list(events)
    found = []
    for event in events:
        text = search_text(event)
        if all(word in text for word in words):
            found.append(event)
    return found


# ---------------------------------------------------------------- cached pages

# Signed media addresses (S3) expire after an hour: a cached page never outlives a quarter of it.
PAGE_CACHE_SECONDS = 15 * 60


def published_state(network):
    """A short token that changes whenever anything the public timeline shows changes.

    Four small queries, whatever the size of the network:
    - the network's moments: how many and the last `updated` (a moment published,
      unpublished, merged, edited, its image or consent changed; its translations touch it
      too, see `touch_translated` in apps.py), and in the same query which of the network's
      videos shown on moments are public (one unpublished must leave the page at once), and
      how many safeguarding flags its media have and how many are open (a media added to a
      published moment is held back until checked: public_media);
    - the eras, read whole (a handful of rows: a renamed or moved era);
    - the links between published moments and organisations, with the organisations' names
      (an organisation added, removed or renamed).
    The network's own fields that the pages show (name, description, languages) are in it,
    and the count and last change of its texts' translations (eras, tags: carnet.translations).
    """
    from django.contrib.contenttypes.models import ContentType

    from carnet.capitalisation.models import Video
    from carnet.networks.models import Network
    from carnet.safeguarding.enums import FlagStatus
    from carnet.safeguarding.models import SensitiveFlag

    from .models import Era, MomentMedia

    def one(rows, value):
        rows = rows.filter(network=models.OuterRef("pk")).order_by().values("network")
        return models.Subquery(rows.annotate(v=value).values("v"))

    media_flags = SensitiveFlag.objects.filter(
        content_type=ContentType.objects.get_for_model(MomentMedia)
    )
    shown_videos = Video.objects.published().filter(
        pk__in=MomentMedia.objects.filter(video__isnull=False).values("video")
    )
    moments = (
        Network.objects.filter(pk=network.pk)
        .annotate(
            count=one(Milestone.objects, models.Count("pk")),
            last=one(Milestone.objects, models.Max("updated")),
            # A network video shown on a moment that is unpublished (or whose consent is
            # withdrawn) leaves the set: the page is built again without it.
            shown_videos=one(shown_videos, models.Count("pk")),
            shown_video_ids=one(shown_videos, models.Sum("pk")),
            media_flags=one(media_flags, models.Count("pk")),
            open_media_flags=one(media_flags.filter(status=FlagStatus.OPEN), models.Count("pk")),
        )
        .values(
            "count", "last", "shown_videos", "shown_video_ids", "media_flags", "open_media_flags"
        )
        .get()
    )
    eras = list(
        Era.objects.filter(network=network)
        .order_by("pk")
        .values_list("pk", "name", "start", "end", "colour")
    )
    organisations = list(
        Milestone.organisations.through.objects.filter(
            milestone__network=network, milestone__state=MilestoneState.PUBLISHED
        )
        .order_by("milestone_id", "organisation_id")
        .values_list(
            "milestone_id", "organisation_id", "organisation__name", "organisation__short_name"
        )
    )
    parts = [
        network.pk,
        network.slug,
        network.name,
        network.description,
        network.languages,
        moments["count"],
        moments["last"].isoformat() if moments["last"] else "",
        moments["shown_videos"],
        moments["shown_video_ids"],
        moments["media_flags"],
        moments["open_media_flags"],
        eras,
        organisations,
        translations_state(network),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def cached_text(network, kind, parts, build):
    """The text build() returns, kept in the cache until the network's published state changes.

    parts: whatever else the text depends on (languages, filters, base address...).
    """
    digest = hashlib.sha256(repr([published_state(network), *parts]).encode()).hexdigest()[:32]
    return cache.get_or_set(f"timeline:{kind}:{network.pk}:{digest}", build, PAGE_CACHE_SECONDS)


# Translation status ---------------------------------------------------------------------

TRANSLATED, MISSING, OUTDATED = "translated", "missing", "outdated"
# A machine translation nobody has reviewed yet: readers still see the reference text.
MACHINE_DRAFT = "machine_draft"


@dataclass
class TranslationItem:
    """One moment in one language: its status, and for an outdated one what changed when."""

    milestone: Milestone
    status: str
    changed: datetime.datetime | None = None
    fields: tuple = ()  # the labels of the reference's fields changed since the translation


def _text_changes(milestones):
    """{milestone id: [(when, field names)]} of the changes to the moments' translatable texts,
    from the action log (domain.save_changes logs the fields it changed; votes, merges and
    translations log other data, and are not changes of the reference text)."""
    from django.contrib.contenttypes.models import ContentType

    from carnet.accounts.models import Action

    translatable = set(MilestoneTranslation.public_fields)
    changes = {}
    actions = Action.objects.filter(
        content_type=ContentType.objects.get_for_model(Milestone),
        object_id__in=[str(m.pk) for m in milestones],
        verb=Verb.CHANGE,
    ).values_list("object_id", "created", "data")
    for object_id, created, data in actions:
        fields = set(data.get("fields", ())) & translatable
        if fields:
            changes.setdefault(int(object_id), []).append((created, fields))
    return changes


def outdated_translations(milestone):
    """The languages whose translation of the moment is older than a change of its text."""
    changes = _text_changes([milestone]).get(milestone.pk, [])
    return [
        item.language
        for item in milestone.translations.all()
        if any(when > item.updated for when, _fields in changes)
    ]


def translation_status(network):
    """Per content language other than English: counts, and each moment translated, machine
    draft (not reviewed: readers don't see it), missing or outdated (its English text changed
    after the translation was last saved)."""
    milestones = list(
        Milestone.objects.filter(network=network).exclude(state=MilestoneState.MERGED)
    )
    translations = {
        (t.milestone_id, t.language): t
        for t in MilestoneTranslation.objects.filter(milestone__in=milestones)
    }
    changes = _text_changes(milestones)
    labels = {
        name: Milestone._meta.get_field(name).verbose_name
        for name in MilestoneTranslation.public_fields
    }
    languages = []
    for code in network.language_codes:
        if code == "en":
            continue
        items = []
        for milestone in milestones:
            done = translations.get((milestone.pk, code))
            if done is None or not (done.title or done.text):
                items.append(TranslationItem(milestone, MISSING))
                continue
            if done.machine_draft:
                items.append(TranslationItem(milestone, MACHINE_DRAFT))
                continue
            later = [(when, f) for when, f in changes.get(milestone.pk, []) if when > done.updated]
            if not later:
                items.append(TranslationItem(milestone, TRANSLATED))
                continue
            fields = set().union(*(f for _when, f in later))
            items.append(
                TranslationItem(
                    milestone,
                    OUTDATED,
                    changed=max(when for when, _f in later),
                    fields=tuple(
                        str(labels[name])
                        for name in MilestoneTranslation.public_fields
                        if name in fields
                    ),
                )
            )
        counts = {
            status: sum(item.status == status for item in items)
            for status in (TRANSLATED, MACHINE_DRAFT, OUTDATED, MISSING)
        }
        languages.append({**language_info(code), "items": items, "counts": counts})
    return languages
