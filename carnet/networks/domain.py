import datetime
from collections import OrderedDict

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from carnet.accounts.domain import invite, record
from carnet.accounts.enums import RoleKind, Verb
from carnet.accounts.models import Role, User
from carnet.lib.svgcharts import Bar, gantt
from carnet.lib.uploads import store_image
from carnet.safeguarding.domain import check_for_publication
from carnet.safeguarding.public import public_texts
from carnet.vocabulary.domain import label_of
from carnet.vocabulary.domain import labels as vocabulary_labels

from .enums import MembershipRole, ReasonKind, SourceKind
from .models import Membership, MembershipReason, Network, Organisation


def membership_chart(memberships):
    """The SVG chart of who joined and left when, from memberships with organisations."""
    bars = [
        Bar(
            label=str(m.organisation),
            start=m.joined_on,
            end=m.left_on,
            highlight=m.role == MembershipRole.PILOT,
        )
        for m in memberships
    ]
    current = sum(1 for m in memberships if m.left_on is None)
    return gantt(
        bars,
        title=_("Membership over time"),
        description=" ".join(
            [
                ngettext(
                    "%(total)d organisation has been a member;",
                    "%(total)d organisations have been members;",
                    len(memberships),
                )
                % {"total": len(memberships)},
                ngettext(
                    "%(current)d is a member today.",
                    "%(current)d are members today.",
                    current,
                )
                % {"current": current},
                _("Each bar runs from the year an organisation joined to the year it left."),
            ]
        ),
    )


def reasons_by_kind(network, *, published_only=True):
    """Join, stay and leave reasons: for each kind, categories with counts and statements.

    Public readers get the published reasons only; members (published_only=False) all."""
    reasons = MembershipReason.objects.filter(membership__network=network)
    if published_only:
        reasons = reasons.published()
    reasons = reasons.select_related("membership__organisation").order_by("kind", "category", "id")
    grouped = OrderedDict((kind, OrderedDict()) for kind in ReasonKind)
    words = vocabulary_labels(network, "reason_category")
    for reason in reasons:
        grouped[ReasonKind(reason.kind)].setdefault(label_of(words, reason.category), []).append(
            reason
        )
    return [
        {
            "kind": kind,
            "total": sum(len(items) for items in categories.values()),
            "categories": [
                {
                    "label": label,
                    "count": len({r.membership.organisation_id for r in items}),
                    "reasons": items,
                }
                for label, items in sorted(categories.items(), key=lambda kv: -len(kv[1]))
            ],
        }
        for kind, categories in grouped.items()
    ]


def allowed_names(network):
    """Names that may appear in what the network publishes: its own, its members' and
    their countries and cities (the sensitive-content check does not flag them)."""
    names = [network.name]
    for membership in network.memberships.select_related("organisation"):
        org = membership.organisation
        names += [org.name, org.short_name, org.country.name, org.city]
    return names


def publish_reasons(network, *, by):
    """Publish the network's private join/stay/leave reasons that pass the sensitive-content
    check; the others stay private, their flags on the coordinator's review page.
    Returns (published, held back)."""
    allowed = allowed_names(network)
    published, held = [], []
    reasons = MembershipReason.objects.filter(membership__network=network, is_published=False)
    for reason in reasons.select_related("membership__organisation", "membership__network"):
        flags = check_for_publication(reason, public_texts(reason), by=by, allowed=allowed)
        (held if flags else published).append(reason)
    MembershipReason.objects.filter(pk__in=[r.pk for r in published]).update(is_published=True)
    if published:
        record(Verb.PUBLISH, network, by=by, data={"reasons": [r.pk for r in published]})
    return published, held


def check_profile(organisation, *, by):
    """Run the sensitive-content check on an organisation's public profile, in each network
    where it is shown; a profile with open flags shows no description to public readers."""
    for membership in organisation.memberships.select_related("network"):
        check_for_publication(
            membership, public_texts(membership), by=by, allowed=allowed_names(membership.network)
        )


@transaction.atomic
def create_network(
    *, name, slug, description="", languages="en", logo=None, by=None, coordinator_email=None
):
    """Create an unpublished network with its first exercise (the five default phases)
    and its coordinator: the person with coordinator_email when given (a role when they
    have an account, else an invitation), otherwise `by`. Raises ValidationError for a
    slug taken or reserved, or when nobody would coordinate the network.

    logo: an image already cleaned by carnet.lib.uploads.clean_image."""
    from carnet.capitalisation.domain import create_exercise  # it imports this module
    from carnet.vocabulary.domain import seed as seed_vocabulary  # the neutral default set

    network = Network(name=name, slug=slug, description=description, languages=languages)
    network.full_clean(exclude=["logo"])
    coordinator_email = (coordinator_email or "").strip()
    if not coordinator_email and (by is None or not by.is_authenticated):
        raise ValidationError(_("Name the network's coordinator by their e-mail address."))
    if logo is not None:
        network.logo.name = store_image(logo, default_storage, "network-logos")
    network.save()
    record(Verb.CREATE, network, by=by, data={"slug": network.slug})
    create_exercise(network=network, title=_("Capitalisation of %(name)s") % {"name": name})
    seed_vocabulary(network)
    if coordinator_email:
        coordinator = User.objects.filter(email__iexact=coordinator_email).first()
        if coordinator is None:
            invite(network, email=coordinator_email, kind=RoleKind.COORDINATOR, by=by)
            return network
    else:
        coordinator = by
    role = Role.objects.create(user=coordinator, network=network, kind=RoleKind.COORDINATOR)
    record(Verb.CREATE, role, by=by, data={"role": RoleKind.COORDINATOR})
    return network


# Members: added, edited, ended and imported by the coordinator ------------------------

ORGANISATION_FIELDS = ("name", "short_name", "country", "city", "website")
MEMBERSHIP_FIELDS = ("role", "joined_on", "left_on")


def _apply(membership, values):
    """Set values on the membership and its organisation; return the names that changed."""
    changed = []
    for obj, fields in (
        (membership.organisation, ORGANISATION_FIELDS),
        (membership, MEMBERSHIP_FIELDS),
    ):
        for name in fields:
            if name in values and getattr(obj, name) != values[name]:
                setattr(obj, name, values[name])
                changed.append(name)
    return changed


def _save(membership):
    organisation = membership.organisation
    organisation.full_clean()
    organisation.save()
    membership.organisation = organisation
    membership.full_clean()
    membership.save()


def add_member(network, values, *, by):
    """A new organisation, member of the network from values["joined_on"]."""
    with transaction.atomic():
        membership = Membership(network=network, organisation=Organisation())
        _apply(membership, values)
        _save(membership)
        record(Verb.CREATE, membership, by=by, organisation=membership.organisation)
    return membership


def edit_member(membership, values, *, by):
    with transaction.atomic():
        changed = _apply(membership, values)
        if changed:
            _save(membership)
            record(
                Verb.CHANGE,
                membership,
                by=by,
                organisation=membership.organisation,
                data={"fields": changed},
            )
    return changed


def end_membership(membership, left_on, *, by):
    """The member leaves on left_on; nothing is deleted. Refuses a day before it joined."""
    if left_on < membership.joined_on:
        raise ValidationError(
            {
                "left_on": _("A membership cannot end before it began (%(date)s).")
                % {"date": membership.joined_on.isoformat()}
            }
        )
    membership.left_on = left_on
    membership.save(update_fields=["left_on"])
    record(
        Verb.STATE,
        membership,
        by=by,
        organisation=membership.organisation,
        data={"left_on": left_on.isoformat()},
    )


def import_plan(network, rows):
    """For each parsed row: (row, membership or None, the fields it changes). Writes nothing;
    an organisation is matched by its name (without case) among the network's members."""
    existing = {
        m.organisation.name.lower(): m for m in network.memberships.select_related("organisation")
    }
    plan = []
    for row in rows:
        values = _values(row)
        membership = existing.get(row["name"].lower())
        if membership is None:
            plan.append((row, None, list(values)))
        else:
            changed = [
                name
                for name in ORGANISATION_FIELDS + MEMBERSHIP_FIELDS
                if getattr(
                    membership.organisation if name in ORGANISATION_FIELDS else membership, name
                )
                != values[name]
            ]
            plan.append((row, membership, changed))
    return plan


def _values(row):
    values = {name: row[name] for name in ORGANISATION_FIELDS + ("role",)}
    values["joined_on"] = datetime.date.fromisoformat(row["joined_on"])
    values["left_on"] = datetime.date.fromisoformat(row["left_on"]) if row["left_on"] else None
    return values


def import_members(network, rows, *, by):
    """Create or update every row, all or nothing (ValidationError: nothing is written).
    Returns (created, updated) counts; rows that change nothing are left alone."""
    created = updated = 0
    with transaction.atomic():
        for row, membership, changed in import_plan(network, rows):
            if membership is None:
                membership = Membership(network=network, organisation=Organisation())
                created += 1
            elif changed:
                updated += 1
            else:
                continue
            _apply(membership, _values(row))
            try:
                _save(membership)
            except ValidationError as exc:
                raise ValidationError(
                    _("Row %(row)s: %(errors)s")
                    % {"row": row["row"], "errors": "; ".join(exc.messages)}
                ) from None
        if created or updated:
            record(Verb.IMPORT, network, by=by, data={"created": created, "updated": updated})
    return created, updated


# The network itself: described and published by its coordinators ----------------------


def edit_network(network, values, *, logo=None, remove_logo=False, by):
    """Change the network's name, description and languages (and logo: an image cleaned by
    carnet.lib.uploads.clean_image); returns the names of what changed."""
    changed = [name for name, value in values.items() if getattr(network, name) != value]
    for name in changed:
        setattr(network, name, values[name])
    if logo is not None:
        network.logo.name = store_image(logo, default_storage, "network-logos")
        changed.append("logo")
    elif remove_logo and network.logo:
        network.logo = ""
        changed.append("logo")
    if changed:
        network.full_clean(exclude=["logo"])
        network.save()
        record(Verb.CHANGE, network, by=by, data={"fields": sorted(changed)})
        if network.is_published:  # what anyone reads is checked again, as when published
            check_network(network, by=by)
    return changed


def check_network(network, *, by):
    """The sensitive-content check of the network's name and description; its open flags.
    Public readers see no description while a flag is open (see views.detail)."""
    return check_for_publication(
        network,
        {"name": network.name, "description": network.description},
        by=by,
        allowed=allowed_names(network),
    )


def publish_network(network, *, by):
    """Open the network's page to anyone, once its name and description pass the
    sensitive-content check. Raises ValidationError while a flag is open."""
    flags = check_network(network, by=by)
    if flags:
        raise ValidationError(
            ngettext(
                "The description has %(n)s thing to check (a name, an e-mail address or a "
                "phone number): change it, or confirm the flag on the safeguarding page, then "
                "publish again.",
                "The description has %(n)s things to check (names, e-mail addresses or phone "
                "numbers): change it, or confirm the flags on the safeguarding page, then "
                "publish again.",
                len(flags),
            )
            % {"n": len(flags)}
        )
    if not network.is_published:
        network.is_published = True
        network.save(update_fields=["is_published"])
        record(Verb.PUBLISH, network, by=by)


# Join, stay and leave reasons, entered by the coordinator ------------------------------

REASON_FIELDS = ("kind", "category", "statement", "source_kind", "source")


def source_kind_for(text):
    """The kind of source a free-text source names ("Interview, 2019": interview); "other"
    when it names none. Used by the migration that added the kind, and by archive imports
    older than it."""
    text = (text or "").lower()
    for kind, words in (
        (SourceKind.INTERVIEW, ("interview", "entretien")),
        (SourceKind.SURVEY, ("survey", "questionnaire", "enquête", "poll")),
        (
            SourceKind.DOCUMENT,
            ("document", "report", "rapport", "minutes", "letter", "email", "sheet", "fiche"),
        ),
    ):
        if any(word in text for word in words):
            return kind
    return SourceKind.OTHER


def add_reason(membership, values, *, by):
    """A new reason, private until the coordinator publishes the network's reasons."""
    reason = MembershipReason(membership=membership, is_published=False)
    for name in REASON_FIELDS:
        setattr(reason, name, values[name])
    reason.full_clean()
    reason.save()
    record(
        Verb.CREATE, reason, by=by, network=membership.network, organisation=membership.organisation
    )
    return reason


def edit_reason(reason, values, *, by):
    """Change a reason; a published reason that changes goes back to private until the
    coordinator publishes again (and it passes the check again). Returns what changed."""
    changed = [name for name in REASON_FIELDS if getattr(reason, name) != values[name]]
    if not changed:
        return changed
    for name in changed:
        setattr(reason, name, values[name])
    reason.is_published = False
    reason.full_clean()
    reason.save()
    membership = reason.membership
    record(
        Verb.CHANGE,
        reason,
        by=by,
        network=membership.network,
        organisation=membership.organisation,
        data={"fields": changed},
    )
    return changed


def delete_reason(reason, *, by):
    membership = reason.membership
    record(
        Verb.DELETE,
        reason,
        by=by,
        network=membership.network,
        organisation=membership.organisation,
        data={"kind": reason.kind, "statement": reason.statement[:200]},
    )
    reason.delete()


# The site's "can create networks" right, granted by superusers -------------------------


def _create_permission():
    from django.contrib.auth.models import Permission

    return Permission.objects.get(content_type__app_label="networks", codename="create_network")


def network_creators():
    """Who holds the right: (superusers, people granted it by name or by one of their groups)."""
    permission = _create_permission()
    superusers = User.objects.filter(is_superuser=True, is_active=True)
    granted = (
        User.objects.filter(Q(user_permissions=permission) | Q(groups__permissions=permission))
        .filter(is_superuser=False)
        .distinct()
    )
    order = ("display_name", "username")
    return list(superusers.order_by(*order)), list(granted.order_by(*order))


def grant_create_right(email, *, by=None):
    """Let the person with this e-mail create networks. Raises ValidationError when no
    account, or several, have it. Returns the person."""
    email = (email or "").strip()
    users = list(User.objects.filter(email__iexact=email)[:2]) if email else []
    if len(users) != 1:
        message = (
            _(
                "No account with the e-mail “%(email)s”: check the address, or invite the "
                "person to a network first and grant the right once they have accepted."
            )
            if not users
            else _("Several accounts have the e-mail “%(email)s”: grant the right in the admin.")
        )
        raise ValidationError(message % {"email": email})
    user = users[0]
    user.user_permissions.add(_create_permission())
    record(Verb.CHANGE, user, by=by, data={"granted": "networks.create_network"})
    return user


def revoke_create_right(user, *, by=None):
    """Take the right back. A superuser's right comes with being a superuser and cannot be
    taken here (ValidationError)."""
    if user.is_superuser:
        raise ValidationError(
            _(
                "%(user)s is a superuser: superusers may always create networks. Remove their "
                "superuser status first."
            )
            % {"user": user}
        )
    user.user_permissions.remove(_create_permission())
    record(Verb.CHANGE, user, by=by, data={"revoked": "networks.create_network"})
