"""The one way views fetch a network: 404 for what the person may not see."""

from django.shortcuts import get_object_or_404

from .models import Network


def network_for(request, slug):
    network = get_object_or_404(Network.objects.visible_to(request.user), slug=slug)
    request.network = network
    return network
