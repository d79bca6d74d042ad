from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from carnet.accounts.access import NeedsLogin, fetch
from carnet.lib.formtokens import sent_once
from carnet.lib.languages import local_name
from carnet.networks.access import network_for
from carnet.translations.editions import languages

from . import domain
from .models import NETWORK_KINDS, Download, Kind, State

REQUEST = "downloads.request_network_download"


def kept_for(**lookup):
    return Download.objects.kept().filter(**lookup).select_related("network", "requested_by")


@require_safe
def network_downloads(request, network):
    """The coordinator's page: make the archive or the static site; earlier files kept."""
    network = network_for(request, network, perm=REQUEST)
    return render(
        request,
        "downloads/network.html",
        {
            "network": network,
            "downloads": kept_for(network=network),
            "kinds": NETWORK_KINDS,
            "keep_days": domain.keep_days(),
            "site_languages": ", ".join(local_name(code) for code in languages(network)),
        },
    )


@require_POST
@sent_once
def network_request(request, network, kind):
    network = network_for(request, network, perm=REQUEST)
    if kind not in NETWORK_KINDS:
        raise Http404
    if kind == Kind.SITE and not network.is_published:
        messages.error(
            request,
            _(
                "The static site holds the published content only, and this network is not "
                "published yet: publish it first, or download its archive."
            ),
        )
        return redirect("network_downloads:list", network=network.slug)
    download = domain.request_download(kind, by=request.user, network=network)
    return redirect(download)


@require_safe
def backups(request):
    """Instance staff: make a backup of the whole instance; earlier backups kept."""
    if not request.user.is_authenticated:
        raise NeedsLogin
    if not request.user.has_perm("downloads.request_backup"):
        raise PermissionDenied
    return render(
        request,
        "downloads/backups.html",
        {"downloads": kept_for(kind=Kind.BACKUP), "keep_days": domain.keep_days()},
    )


@require_POST
@sent_once
def backup_request(request):
    if not request.user.is_authenticated:
        raise NeedsLogin
    if not request.user.has_perm("downloads.request_backup"):
        raise PermissionDenied
    download = domain.request_download(Kind.BACKUP, by=request.user)
    return redirect(download)


@require_safe
def detail(request, pk):
    """How far the file is; then its link. Refreshes itself while the worker makes it."""
    download = fetch(request, Download.objects.select_related("network", "requested_by"), pk=pk)
    if download.state == State.RUNNING and domain.fail_stalled():
        download.refresh_from_db()
    return render(
        request, "downloads/detail.html", {"download": download, "network": download.network}
    )
