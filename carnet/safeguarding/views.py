from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from carnet.networks.access import network_for

from . import domain
from .enums import FlagKind, FlagStatus
from .models import SensitiveFlag

REVIEW = "safeguarding.review_network"


@require_safe
def review(request, network):
    network = network_for(request, network, perm=REVIEW)
    flags = SensitiveFlag.objects.filter(network=network, status=FlagStatus.OPEN).select_related(
        "content_type"
    )
    return render(
        request,
        "safeguarding/review.html",
        {"network": network, "flags": flags, "consent": FlagKind.CONSENT},
    )


@require_POST
def confirm_flag(request, network, pk):
    network = network_for(request, network, perm=REVIEW)
    flag = get_object_or_404(SensitiveFlag, network=network, pk=pk, status=FlagStatus.OPEN)
    if flag.kind == FlagKind.CONSENT:
        messages.error(
            request,
            _(
                "Consent cannot be confirmed away: record the consent to publish, "
                "or remove the photo or quote."
            ),
        )
    else:
        domain.confirm(flag, by=request.user)
        messages.success(request, _("Checked: “%(text)s” may be published.") % {"text": flag.text})
    return redirect("safeguarding:review", network=network.slug)
