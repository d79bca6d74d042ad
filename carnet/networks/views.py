import datetime
import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from carnet.accounts.access import NeedsLogin, fetch
from carnet.accounts.domain import record
from carnet.accounts.enums import Verb
from carnet.accounts.models import User
from carnet.capitalisation.models import Exercise
from carnet.lib.formtokens import sent_once
from carnet.lib.uploads import store_image
from carnet.safeguarding.domain import publish_blockers

from . import domain, imports
from .access import network_for
from .domain import membership_chart, reasons_by_kind
from .forms import (
    EndMembershipForm,
    MemberForm,
    MemberImportForm,
    NetworkCreateForm,
    OrganisationForm,
)
from .models import Membership, Network


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
            "exercise": exercise,
            **published_links(network),
        },
    )


@require_POST
def publish_reasons(request, network):
    """The coordinator publishes the private reasons that pass the sensitive-content check."""
    network = network_for(request, network, perm="networks.publish_network")
    published, held = domain.publish_reasons(network, by=request.user)
    messages.success(request, _("%(n)s reason(s) published.") % {"n": len(published)})
    if held:
        messages.error(
            request,
            _("%(n)s reason(s) stay private: check their flags, then publish again.")
            % {"n": len(held)},
        )
    return redirect(network)


def published_links(network):
    """What the network published beyond the timeline and sheets: the number of the latest
    published report version and whether the synthesis is published (2 small queries; the
    documents themselves are large and not read here)."""
    from carnet.capitalisation.models import PublishedSynthesis
    from carnet.reports.models import ReportVersion

    return {
        "published_report": ReportVersion.objects.filter(report__network=network, is_published=True)
        .order_by("-number")
        .values_list("number", flat=True)
        .first(),
        "published_synthesis": PublishedSynthesis.objects.filter(
            network=network, is_published=True
        ).exists(),
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
                _("%(created)s member(s) added, %(updated)s updated.")
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
