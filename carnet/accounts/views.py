from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from carnet.lib.confirm import confirmation
from carnet.lib.formtokens import sent_once
from carnet.networks.access import network_for

from . import domain, signin
from . import waiting as waiting_list
from .access import NeedsLogin
from .backends import client_address
from .enums import RoleKind, Verb
from .forms import (
    AcceptForm,
    InviteForm,
    LogFilterForm,
    RoleForm,
    SignInLinkForm,
    member_organisations,
)
from .models import Action, Invitation, Role


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a login while a username + address is locked out."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)


MANAGE_PEOPLE = "networks.manage_people_network"
LOG_PAGE_SIZE = 50


def _people_context(network, form):
    roles = (
        Role.objects.filter(network=network)
        .select_related("user", "organisation")
        .order_by("kind", "user__display_name", "user__username")
    )
    return {
        "network": network,
        "roles": roles,
        "role_choices": RoleKind.choices,
        "organisations": member_organisations(network),
        "invitations": Invitation.objects.pending()
        .filter(network=network)
        .select_related("organisation", "invited_by"),
        "form": form,
    }


def _confirm(request, network, *, title, what, button):
    """The confirmation step of an action on the people page (GET shows it, POST acts)."""
    return confirmation(
        request,
        network,
        title=title,
        what=what,
        button=button,
        cancel=reverse("accounts:people", args=[network.slug]),
    )


@require_safe
def people(request, network):
    network = network_for(request, network, perm=MANAGE_PEOPLE)
    form = InviteForm(network=network)
    return render(request, "accounts/people.html", _people_context(network, form))


@require_http_methods(["GET", "POST"])
@sent_once
def invite(request, network):
    network = network_for(request, network, perm=MANAGE_PEOPLE)
    form = InviteForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        if (
            form.cleaned_data["kind"] == RoleKind.COORDINATOR
            and request.POST.get("confirm") != RoleKind.COORDINATOR
        ):  # the most powerful role is granted only when asked for twice
            return render(
                request, "accounts/invite_confirm.html", {"network": network, "form": form}
            )
        invitation, _token = domain.invite(
            network,
            email=form.cleaned_data["email"],
            kind=form.cleaned_data["kind"],
            organisation=form.cleaned_data["organisation"],
            by=request.user,
        )
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
        return redirect("accounts:people", network=network.slug)
    return render(request, "accounts/people.html", _people_context(network, form))


@require_http_methods(["GET", "POST"])
def revoke_invitation(request, network, pk):
    network = network_for(request, network, perm=MANAGE_PEOPLE)
    invitation = get_object_or_404(Invitation.objects.pending(), network=network, pk=pk)
    if request.method == "GET":
        return _confirm(
            request,
            network,
            title=_("Revoke the invitation to %(email)s?") % {"email": invitation.email},
            what=[
                _(
                    "The link sent to %(email)s stops working at once: they cannot join "
                    "%(network)s with it. You may invite them again later."
                )
                % {"email": invitation.email, "network": network.name}
            ],
            button=_("Revoke the invitation"),
        )
    domain.revoke(invitation, by=request.user)
    messages.success(
        request, _("The invitation to %(email)s is revoked.") % {"email": invitation.email}
    )
    return redirect("accounts:people", network=network.slug)


@require_POST
def change_role(request, network, pk):
    network = network_for(request, network, perm=MANAGE_PEOPLE)
    role = get_object_or_404(Role.objects.select_related("user"), network=network, pk=pk)
    form = RoleForm(request.POST, network=network)
    if not form.is_valid():
        problem = "kind" in form.errors and _("Choose a role.")
        messages.error(request, problem or form.errors["organisation"][0])
    else:
        try:
            domain.change_role(
                role,
                form.cleaned_data["kind"],
                by=request.user,
                organisation=form.cleaned_data["organisation"],
                set_organisation=form.sets_organisation,
            )
            messages.success(
                request,
                _("%(person)s is now %(role)s.")
                % {"person": role.user, "role": role.get_kind_display().lower()},
            )
        except domain.LastCoordinator:
            messages.error(request, _("The network must keep at least one coordinator."))
    return redirect("accounts:people", network=network.slug)


@require_http_methods(["GET", "POST"])
def remove_role(request, network, pk):
    network = network_for(request, network, perm=MANAGE_PEOPLE)
    role = get_object_or_404(Role.objects.select_related("user"), network=network, pk=pk)
    if request.method == "GET":
        what = [
            _(
                "%(person)s will no longer be %(role)s of %(network)s: they will no longer see "
                "its internal pages, nor write or validate for their organisation there. What "
                "they wrote stays, under their name."
            )
            % {
                "person": role.user,
                "role": role.get_kind_display().lower(),
                "network": network.name,
            }
        ]
        return _confirm(
            request,
            network,
            title=_("Remove %(person)s from the network?") % {"person": role.user},
            what=what,
            button=_("Remove their role"),
        )
    try:
        domain.remove_role(role, by=request.user)
        messages.success(
            request, _("%(person)s no longer has a role in the network.") % {"person": role.user}
        )
    except domain.LastCoordinator:
        messages.error(request, _("The network must keep at least one coordinator."))
    return redirect("accounts:people", network=network.slug)


@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    try:
        return _accept_invitation(request, domain.find_invitation(token))
    except domain.InvitationInvalid as problem:  # also when used by a request running beside
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"reason": problem.reason, "invitation": problem.invitation},
            status=404 if problem.reason == "unknown" else 410,
        )


def _accept_invitation(request, invitation):
    network = invitation.network
    context = {"invitation": invitation, "invited_network": network}
    if request.user.is_authenticated:
        if request.method == "POST":
            domain.accept(invitation, user=request.user)
            messages.success(request, _("Welcome to %(network)s.") % {"network": network.name})
            return redirect("waiting")
        return render(request, "accounts/invitation_join.html", context)
    existing = domain.existing_user_for(invitation)
    if existing is not None:
        return render(request, "accounts/invitation_login.html", context)
    form = AcceptForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        user = form.save(commit=False)  # saved by accept() only if the link is still unused
        domain.accept(invitation, user=user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to %(network)s.") % {"network": network.name})
        return redirect("waiting")
    return render(request, "accounts/invitation_accept.html", {**context, "form": form})


@require_safe
def waiting(request):
    """What needs the person or their organisation, in every network of theirs."""
    if not request.user.is_authenticated:
        raise NeedsLogin
    groups = waiting_list.waiting_for(request.user)
    total = sum(len(group.items) for group in groups)
    waiting_list.remember_count(request.user, total)
    context = {
        "groups": groups,
        "total": total,
        "waiting_count": total,  # the header says the same, without counting again
        "home_url": reverse("home"),
        # A superuser who just installed Carnet has no role yet: their next step is here.
        "may_create": not groups and request.user.has_perm("networks.create_network"),
    }
    return render(request, "accounts/waiting.html", context)


@require_safe
def log(request, network):
    network = network_for(request, network, perm="accounts.view_log")
    form = LogFilterForm(request.GET or None, network=network)
    actions = Action.objects.filter(
        Q(network=network) | Q(network__isnull=True, verb=Verb.LOGIN, actor__roles__network=network)
    ).select_related("actor", "organisation", "content_type")
    if form.is_valid():
        data = form.cleaned_data
        if data["person"]:
            actions = actions.filter(actor=data["person"])
        if data["organisation"]:
            actions = actions.filter(organisation=data["organisation"])
        if data["verb"]:
            actions = actions.filter(verb=data["verb"])
        if data["object_type"]:
            actions = actions.filter(content_type=data["object_type"])
    actions = domain.with_actor_organisations(actions.distinct(), network)
    page = Paginator(actions, LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/log.html",
        {"network": network, "form": form, "page": page, "query": query.urlencode()},
    )


# ---------------------------------------------------------------- sign in by an e-mailed link


class LoginView(auth_views.LoginView):
    """Django's login, offering the e-mailed link beside the password when it is on."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(email_login=settings.CARNET_EMAIL_LOGIN, **kwargs)


def _email_login_on():
    if not settings.CARNET_EMAIL_LOGIN:
        raise Http404


@never_cache
@require_http_methods(["GET", "POST"])
def login_link(request):
    """Ask for a sign-in link: the same answer whether the address has an account or not."""
    _email_login_on()
    form = SignInLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            signin.request_link(form.cleaned_data["email"], client_address=client_address(request))
        except signin.Throttled:
            return render(request, "registration/login_link_throttled.html", status=429)
        return render(
            request,
            "registration/login_link_sent.html",
            {"minutes": settings.CARNET_EMAIL_LOGIN_MINUTES},
        )
    return render(request, "registration/login_link.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def login_link_use(request, token):
    """The link from the e-mail: a button signs in (a mail scanner that opens the link does
    not use it up), then "Waiting for you"."""
    _email_login_on()
    if request.method == "GET":
        link = signin.find(token)
        status = 200 if link else 410
        response = render(
            request, "registration/login_link_use.html", {"link": link}, status=status
        )
    else:
        user = signin.use(token)
        if user is None:
            response = render(
                request, "registration/login_link_use.html", {"link": None}, status=410
            )
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            response = redirect("waiting")
    # The token is in the address: never sent to another host. (Not "no-referrer": a browser
    # then sends `Origin: null` with the page's own form, which the CSRF check refuses.)
    response["Referrer-Policy"] = "same-origin"
    return response
