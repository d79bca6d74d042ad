from django.shortcuts import render
from django.views.decorators.http import require_safe

from carnet.capitalisation.models import Exercise

from .access import network_for
from .domain import membership_chart, reasons_by_kind
from .models import Network


@require_safe
def home(request):
    networks = Network.objects.visible_to(request.user)
    return render(request, "networks/home.html", {"networks": networks})


@require_safe
def detail(request, network):
    network = network_for(request, network)
    memberships = list(
        network.memberships.select_related("organisation").order_by("joined_on", "id")
    )
    exercise = Exercise.objects.filter(network=network).prefetch_related("phases").first()
    return render(
        request,
        "networks/detail.html",
        {
            "network": network,
            "current": [m for m in memberships if m.is_current],
            "former": [m for m in memberships if not m.is_current],
            "chart": membership_chart(memberships),
            "memberships": memberships,
            "reasons": reasons_by_kind(network),
            "exercise": exercise,
        },
    )
