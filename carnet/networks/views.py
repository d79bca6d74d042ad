import datetime
import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from carnet.accounts.access import NeedsLogin, fetch
from carnet.accounts.domain import record
from carnet.accounts.enums import Verb
from carnet.accounts.models import User
from carnet.capitalisation.models import Exercise
from carnet.lib.formtokens import sent_once
from carnet.lib.uploads import store_image
from carnet.reports.validations import answering_for as answers_for
from carnet.safeguarding.domain import publish_blockers
from carnet.timeline.domain import open_round as open_vote_round
from carnet.translations.domain import localise

from . import domain, imports, setup
from .access import network_for
from .domain import membership_chart, reasons_by_kind
from .forms import (
    EndMembershipForm,
    GrantForm,
    MemberForm,
    MemberImportForm,
    NetworkCreateForm,
    NetworkForm,
    OrganisationForm,
    ReasonForm,
)
from .models import Membership, MembershipReason, Network


@require_safe
def home(request):
    networks = Network.objects.visible_to(request.user)
    may_create = request.user.has_perm("networks.create_network")
    return render(request, "networks/home.html", {"networks": networks, "may_create": may_create})


@require_http_methods(["GET", "POST"])
def create(request):
    """A new network, for people with the site's "can create networks" right."""
    if not request.user.is_authenticated:
        raise NeedsLogin
    if not request.user.has_perm("networks.create_network"):
        raise PermissionDenied
    form = NetworkCreateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            network = domain.create_network(
                name=data["name"],
                slug=data["slug"],
                description=data["description"],
                languages=data["languages"],
                logo=data["logo_upload"],
                by=request.user,
                coordinator_email=data["coordinator_email"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The network is created, unpublished."))
            if request.user.has_perm("networks.view_network", network):
                return redirect(network)
            return redirect("home")
    return render(request, "networks/create.html", {"form": form})


@require_safe
def detail(request, network):
    network = network_for(request, network)
    memberships = list(
        network.memberships.select_related("organisation").order_by("joined_on", "id")
    )
    exercise = Exercise.objects.prefetch_related("phases").current(network)
    internal = request.user.has_perm("networks.view_internal_network", network)
    if not internal and network.description and publish_blockers(network):
        # A description changed after publication, with open flags: hidden from the public
        # until the coordinator mends it or confirms the flags (like an organisation's).
        network.description = ""
    # The description and the phases in the reader's language (carnet.translations).
    language = translation.get_language()
    localise([network], language, ["description"])
    if exercise is not None:
        localise(exercise.phases.all(), language, ["name", "goal"], network=network)
    # The set-up checklist: for the network's coordinators only.
    tasks = setup.checklist(network) if request.user.has_perm(MANAGE, network) else None
    return render(
        request,
        "networks/detail.html",
        {
            "network": network,
            "current": [m for m in memberships if m.is_current],
            "former": [m for m in memberships if not m.is_current],
            "chart": membership_chart(memberships),
            "memberships": memberships,
            "reasons": reasons_by_kind(network, published_only=not internal),
            "can_publish": request.user.has_perm("networks.publish_network", network),
            "can_manage_members": request.user.has_perm(MANAGE, network),
            "can_propose": request.user.has_perm("timeline.propose", network),
            "can_vote": request.user.has_perm("timeline.vote", network),
            "can_organise_moments": request.user.has_perm("timeline.organise", network),
            "vote_round": open_vote_round(network),
            "answers_for": answers_for(request.user, network),
            "exercise": exercise,
            "tasks": tasks,
            "setup_complete": tasks is not None and setup.is_complete(tasks),
            **published_links(network),
        },
    )


@require_http_methods(["GET", "POST"])
def edit(request, network):
    """The network's name, description, languages and logo, for its coordinators."""
    network = network_for(request, network, perm="networks.change_network")
    # The form validates a copy: the network keeps its values for the page and the domain.
    copy = Network.objects.get(pk=network.pk)
    form = NetworkForm(request.POST or None, request.FILES or None, instance=copy)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            domain.edit_network(
                network,
                {name: data[name] for name in NetworkForm.Meta.fields},
                logo=data["logo_upload"],
                remove_logo=data["remove_logo"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The network's description is saved."))
            return redirect("networks:detail", network=network.slug)
    return render(request, "networks/edit.html", {"network": network, "form": form})


@require_http_methods(["GET", "POST"])
def publish(request, network):
    """GET: what publishing means, and a button; POST: publish, through the check."""
    network = network_for(request, network, perm="networks.publish_network")
    if request.method == "POST":
        try:
            domain.publish_network(network, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("networks:publish", network=network.slug)
        messages.success(request, _("The network is published: anyone can read its page."))
        return redirect(network)
    return render(request, "networks/publish.html", {"network": network})


@require_POST
def publish_reasons(request, network):
    """The coordinator publishes the private reasons that pass the sensitive-content check."""
    network = network_for(request, network, perm="networks.publish_network")
    published, held = domain.publish_reasons(network, by=request.user)
    messages.success(
        request,
        ngettext("%(n)s reason published.", "%(n)s reasons published.", len(published))
        % {"n": len(published)},
    )
    if held:
        messages.error(
            request,
            ngettext(
                "%(n)s reason stays private: check its flags, then publish again.",
                "%(n)s reasons stay private: check their flags, then publish again.",
                len(held),
            )
            % {"n": len(held)},
        )
    return redirect(network)


def published_links(network):
    """What the network published beyond the timeline and sheets: the number of the latest
    published report version, whether the synthesis is published and how many videos are
    (2 small queries; the documents themselves are large and not read here)."""
    from carnet.capitalisation.models import PublishedSynthesis, Video
    from carnet.reports.models import ReportVersion

    videos = (
        Video.objects.filter(network=OuterRef("pk"))
        .published()
        .order_by()
        .values("network")
        .annotate(n=Count("pk"))
        .values("n")
    )
    others = Network.objects.filter(pk=network.pk).values(
        has_synthesis=Exists(
            PublishedSynthesis.objects.filter(network=OuterRef("pk"), is_published=True)
        ),
        video_count=Subquery(videos),
    )[0]
    return {
        "published_report": ReportVersion.objects.filter(report__network=network, is_published=True)
        .order_by("-number")
        .values_list("number", flat=True)
        .first(),
        "published_synthesis": others["has_synthesis"],
        "published_videos": others["video_count"] or 0,
    }


def _membership(request, network, pk, perm=None):
    network = network_for(request, network)
    queryset = Membership.objects.filter(network=network).select_related("organisation")
    return fetch(request, queryset, perm, organisation_id=pk)


@require_safe
def organisation(request, network, pk):
    membership = _membership(request, network, pk)
    internal = request.user.has_perm("networks.view_internal_network", membership.network)
    return render(
        request,
        "networks/organisation.html",
        {
            "network": membership.network,
            "membership": membership,
            "organisation": membership.organisation,
            "may_edit": request.user.has_perm("networks.edit_organisation", membership),
            # Its join/stay/leave reasons, entered by the network's coordinators.
            "reasons": list(membership.reasons.all())
            if request.user.has_perm(MANAGE, membership.network)
            else None,
            # Public readers see the description once the check leaves no flag open.
            "show_description": internal or not publish_blockers(membership),
            "people": User.objects.filter(
                roles__network=membership.network, roles__organisation=membership.organisation
            ).order_by("display_name", "username")
            if internal
            else [],
        },
    )


@require_http_methods(["GET", "POST"])
def organisation_edit(request, network, pk):
    membership = _membership(request, network, pk, perm="networks.edit_organisation")
    organisation = membership.organisation
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            organisation = form.save(commit=False)
            changed = [name for name in form.changed_data if name != "logo_upload"]
            logo = form.cleaned_data["logo_upload"]
            if logo is not None:
                organisation.logo.name = store_image(logo, default_storage, "logos")
                changed.append("logo")
            elif form.cleaned_data["remove_logo"] and organisation.logo:
                organisation.logo = ""
                changed.append("logo")
            organisation.save()
            if changed:
                record(
                    Verb.CHANGE,
                    organisation,
                    by=request.user,
                    network=membership.network,
                    organisation=organisation,
                    data={"fields": sorted(set(changed) - {"remove_logo"})},
                )
            domain.check_profile(organisation, by=request.user)
        messages.success(request, _("The organisation's profile is saved."))
        return redirect(membership.get_absolute_url())
    return render(
        request,
        "networks/organisation_edit.html",
        {
            "network": membership.network,
            "membership": membership,
            "organisation": organisation,
            "form": form,
        },
    )


# Members: the coordinator's page ------------------------------------------------------

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MANAGE = "networks.manage_people_network"
IMPORTS_KEY = "member_imports"  # session: token -> the parsed rows awaiting confirmation


def _member(request, network, pk):
    network = network_for(request, network, perm=MANAGE)
    return get_object_or_404(
        Membership.objects.select_related("organisation", "network"), network=network, pk=pk
    )


@require_safe
def members(request, network):
    network = network_for(request, network, perm=MANAGE)
    memberships = network.memberships.select_related("organisation").order_by(
        "organisation__name", "id"
    )
    return render(
        request, "networks/members.html", {"network": network, "memberships": memberships}
    )


def _member_form(request, network, form, membership=None):
    if request.method == "POST" and form.is_valid():
        try:
            if membership is None:
                domain.add_member(network, form.cleaned_data, by=request.user)
            else:
                domain.edit_member(membership, form.cleaned_data, by=request.user)
        except ValidationError as exc:  # the models' own checks, whatever their field
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("The member is saved."))
            return redirect("networks:members", network=network.slug)
    context = {"network": network, "form": form, "membership": membership}
    return render(request, "networks/member_form.html", context)


@require_http_methods(["GET", "POST"])
@sent_once
def member_add(request, network):
    network = network_for(request, network, perm=MANAGE)
    return _member_form(request, network, MemberForm(request.POST or None))


@require_http_methods(["GET", "POST"])
def member_edit(request, network, pk):
    membership = _member(request, network, pk)
    form = MemberForm(request.POST or None, initial=MemberForm.initial_for(membership))
    return _member_form(request, membership.network, form, membership)


@require_http_methods(["GET", "POST"])
def member_end(request, network, pk):
    membership = _member(request, network, pk)
    form = EndMembershipForm(request.POST or None, initial={"left_on": datetime.date.today()})
    if request.method == "POST" and form.is_valid():
        try:
            domain.end_membership(membership, form.cleaned_data["left_on"], by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The membership has ended."))
            return redirect("networks:members", network=membership.network.slug)
    context = {"network": membership.network, "membership": membership, "form": form}
    return render(request, "networks/member_end.html", context)


@require_safe
def members_template(request, network, kind):
    network_for(request, network, perm=MANAGE)
    if kind not in ("csv", "xlsx"):
        raise Http404
    if kind == "xlsx":
        body, content_type = imports.template_xlsx(), XLSX
    else:
        body, content_type = imports.template_csv(), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="members.{kind}"'
    return response


@require_http_methods(["GET", "POST"])
def members_import(request, network):
    """Upload: a preview and nothing written. Confirm (the token of the rows kept in the
    session): every row created or updated in one transaction, or none."""
    network = network_for(request, network, perm=MANAGE)
    pending = request.session.get(IMPORTS_KEY, {})
    token = request.POST.get("confirm", "")
    if token:
        rows = pending.pop(token, None)
        request.session[IMPORTS_KEY] = pending
        if rows is None:
            messages.error(request, _("This import was already confirmed or has expired."))
            return redirect("networks:members", network=network.slug)
        try:
            created, updated = domain.import_members(network, rows, by=request.user)
        except ValidationError as exc:
            messages.error(
                request, _("Nothing was imported: %(reason)s") % {"reason": exc.messages[0]}
            )
        else:
            messages.success(
                request,
                ngettext(
                    "%(created)s member added, %(updated)s updated.",
                    "%(created)s members added, %(updated)s updated.",
                    created,
                )
                % {"created": created, "updated": updated},
            )
        return redirect("networks:members", network=network.slug)
    form = MemberImportForm(request.POST or None, request.FILES or None)
    context = {"network": network, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            rows, errors = imports.parse_rows(imports.read_table(form.cleaned_data["file"]))
        except imports.ImportRefused as exc:
            form.add_error("file", str(exc))
        else:
            context.update(errors=errors, plan=domain.import_plan(network, rows))
            if rows and not errors:
                token = secrets.token_urlsafe()
                request.session[IMPORTS_KEY] = {**dict(list(pending.items())[-4:]), token: rows}
                context["token"] = token
    return render(request, "networks/members_import.html", context)


# Join, stay and leave reasons: entered by the network's coordinators ------------------


def _reason(request, network, pk):
    network = network_for(request, network, perm=MANAGE)
    return get_object_or_404(
        MembershipReason.objects.select_related("membership__organisation", "membership__network"),
        membership__network=network,
        pk=pk,
    )


def _reason_form(request, membership, form, reason=None):
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in domain.REASON_FIELDS}
        if reason is None:
            domain.add_reason(membership, values, by=request.user)
            messages.success(
                request, _("The reason is saved. It stays private until you publish the reasons.")
            )
        else:
            was_published = reason.is_published
            changed = domain.edit_reason(reason, values, by=request.user)
            if changed and was_published:
                messages.success(
                    request,
                    _("The reason is saved. It is private again until you publish the reasons."),
                )
            else:
                messages.success(request, _("The reason is saved."))
        return redirect(f"{membership.get_absolute_url()}#reasons")
    context = {
        "network": membership.network,
        "membership": membership,
        "form": form,
        "reason": reason,
    }
    return render(request, "networks/reason_form.html", context)


@require_http_methods(["GET", "POST"])
@sent_once
def reason_add(request, network, pk):
    membership = _member(request, network, pk)
    initial = {"kind": request.GET.get("kind", "")}
    form = ReasonForm(request.POST or None, initial=initial, network=membership.network)
    return _reason_form(request, membership, form)


@require_http_methods(["GET", "POST"])
def reason_edit(request, network, pk):
    reason = _reason(request, network, pk)
    # A copy for the form: a refused form leaves the reason as it was for the page.
    form = ReasonForm(
        request.POST or None,
        instance=MembershipReason.objects.get(pk=reason.pk),
        network=reason.membership.network,
    )
    return _reason_form(request, reason.membership, form, reason)


@require_http_methods(["GET", "POST"])
def reason_delete(request, network, pk):
    """GET: the reason and a button to confirm; POST: delete it."""
    reason = _reason(request, network, pk)
    membership = reason.membership
    if request.method == "POST":
        domain.delete_reason(reason, by=request.user)
        messages.success(request, _("The reason is deleted."))
        return redirect(f"{membership.get_absolute_url()}#reasons")
    context = {"network": membership.network, "membership": membership, "reason": reason}
    return render(request, "networks/reason_delete.html", context)


# The site's "can create networks" right: superusers grant and revoke it --------------


def _superuser_only(request):
    if not request.user.is_authenticated:
        raise NeedsLogin
    if not request.user.is_superuser:
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def creators(request):
    """Who may create networks; a superuser grants the right by e-mail."""
    _superuser_only(request)
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = domain.grant_create_right(form.cleaned_data["email"], by=request.user)
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, _("%(user)s may now create networks.") % {"user": user})
            return redirect("network_creators")
    superusers, granted = domain.network_creators()
    context = {"form": form, "superusers": superusers, "granted": granted}
    return render(request, "networks/creators.html", context)


@require_POST
def creator_revoke(request, pk):
    _superuser_only(request)
    user = get_object_or_404(User, pk=pk)
    try:
        domain.revoke_create_right(user, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(user)s may no longer create networks.") % {"user": user})
    return redirect("network_creators")
