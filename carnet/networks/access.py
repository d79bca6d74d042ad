"""The one way views fetch a network. See carnet.accounts.access for the others."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from carnet.accounts.access import NeedsLogin

from .models import Network


def network_for(request, slug, perm=None):
    """The network, 404 unless the person may see it (even when anonymous).

    perm, e.g. "networks.view_internal_network": 403 (anonymous: login) without it.
    """
    network = get_object_or_404(Network, slug=slug)
    user = request.user
    if not user.has_perm("networks.view_network", network):
        raise Http404
    if perm and not user.has_perm(perm, network):
        if not user.is_authenticated:
            raise NeedsLogin
        raise PermissionDenied
    request.network = network
    return network
