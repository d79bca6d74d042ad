from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from carnet.accounts.waiting import forget_counts
from carnet.lib.paging import paged
from carnet.networks.models import Network

from . import domain
from .forms import PreferencesForm
from .models import Notice, Preference

PAGE_SIZE = 50


@require_safe
@login_required
def notices(request):
    page = paged(request, request.user.notices.select_related("network"), PAGE_SIZE)
    return render(request, "notices/list.html", {"page": page})


@require_safe
@login_required
def open_notice(request, pk):
    """Mark the notice read and go to its page."""
    notice = get_object_or_404(Notice, pk=pk, recipient=request.user)
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])  # post_save: a mention leaves "waiting for you"
    if notice.path and url_has_allowed_host_and_scheme(notice.path, allowed_hosts=None):
        return redirect(notice.path)
    return redirect("notices:list")


@require_POST
@login_required
def read_all(request):
    count = request.user.notices.filter(read_at__isnull=True).update(read_at=timezone.now())
    if count:
        forget_counts(Notice)  # an update sends no post_save: mentions read leave the badge
        messages.success(request, _("All notices are marked as read."))
    return redirect("notices:list")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def settings(request):
    networks = Network.objects.filter(roles__user=request.user).distinct().order_by("name")
    current = dict(
        Preference.objects.filter(person=request.user).values_list("network_id", "frequency")
    )
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        networks=networks,
        current=current,
        language=request.user.mail_language,
    )
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["language"] != request.user.language:
            request.user.language = form.cleaned_data["language"]
            request.user.save(update_fields=["language"])
        for network, frequency in form.changes():
            domain.set_frequency(request.user, network, frequency)
        messages.success(request, _("Your choices are saved."))
        return redirect("notices:settings")
    return render(request, "notices/settings.html", {"form": form})
