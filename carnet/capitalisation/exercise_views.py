"""The network's capitalisation exercises and their phases, run by its coordinator without the
Django admin; facilitators read these pages. One domain function per change."""

from django.contrib import messages
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from carnet.lib.formtokens import sent_once
from carnet.networks.access import network_for

from . import domain
from .forms import ExerciseForm, PhaseForm, StartExerciseForm
from .models import Exercise, Phase
from .views import form_page, posted

VIEW = "capitalisation.view_exercises"
MANAGE = "capitalisation.manage_exercises"


def _exercise(request, slug, pk, perm=VIEW):
    network = network_for(request, slug, perm=perm)
    return get_object_or_404(Exercise.objects.filter(network=network), pk=pk)


def _phase(request, slug, pk, perm=MANAGE):
    network = network_for(request, slug, perm=perm)
    return get_object_or_404(
        Phase.objects.filter(exercise__network=network).select_related("exercise__network"),
        pk=pk,
    )


def _exercise_url(exercise):
    return reverse("capitalisation:exercise", args=[exercise.network.slug, exercise.pk])


def report_links(request, network, exercises):
    """{exercise id: (report title, address, published)} for the exercises whose report the
    person may open: organisers open the composer, readers the published version."""
    from carnet.reports.domain import report_of
    from carnet.reports.models import ReportVersion

    internal = request.user.has_perm("networks.view_internal_network", network)
    links = {}
    for position, exercise in enumerate(exercises):
        exercise.is_first = position == len(exercises) - 1
        report = report_of(network, exercise)
        if report is None:
            continue
        published = (
            ReportVersion.objects.filter(report=report, is_published=True)
            .order_by("-number")
            .first()
        )
        if internal:
            url = reverse("reports:compose", args=[network.slug])
            if position:
                url += f"?exercise={exercise.pk}"
        elif published is not None:
            url = published.get_absolute_url()
        else:
            continue
        links[exercise.pk] = (report.title, url, published is not None)
    return links


@require_safe
def exercises(request, network):
    network = network_for(request, network, perm=VIEW)
    items = list(Exercise.objects.filter(network=network).order_by("-created", "-pk"))
    reports = report_links(request, network, items)
    for item in items:
        item.report_link = reports.get(item.pk)
    return render(
        request,
        "capitalisation/exercises.html",
        {
            "network": network,
            "current": items[0] if items else None,
            "earlier": items[1:],
            "may_manage": request.user.has_perm(MANAGE, network),
        },
    )


@require_http_methods(["GET", "POST"])
@sent_once
def exercise_start(request, network):
    network = network_for(request, network, perm=MANAGE)
    form = StartExerciseForm(
        posted(request),
        instance=Exercise(network=network),
        copyable=domain.exercises_to_copy(request.user),
    )
    if request.method == "POST" and form.is_valid():
        exercise = domain.start_exercise(
            network=network,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            copy_from=form.copy_from(),
            by=request.user,
        )
        messages.success(
            request, _("The exercise is started; it is now the network's current exercise.")
        )
        return redirect(_exercise_url(exercise))
    current = domain.current_exercise(network)
    return form_page(
        request,
        network,
        form,
        title=_("Start a new exercise"),
        cancel=reverse("capitalisation:exercises", args=[network.slug]),
        intro=_(
            "The new exercise becomes the current one and starts empty; “%(title)s” stays "
            "readable in the list of earlier exercises."
        )
        % {"title": current.title}
        if current
        else "",
    )


@require_safe
def exercise(request, network, pk):
    exercise = _exercise(request, network, pk)
    network = exercise.network
    phases = list(exercise.phases.order_by("number"))
    return render(
        request,
        "capitalisation/exercise.html",
        {
            "network": network,
            "exercise": exercise,
            "phases": phases,
            "is_current": domain.current_exercise(network) == exercise,
            "may_manage": request.user.has_perm(MANAGE, network),
        },
    )


@require_http_methods(["GET", "POST"])
@sent_once
def exercise_edit(request, network, pk):
    exercise = _exercise(request, network, pk, perm=MANAGE)
    form = ExerciseForm(posted(request), instance=Exercise.objects.get(pk=exercise.pk))
    if request.method == "POST" and form.is_valid():
        domain.change_exercise(exercise, by=request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect(_exercise_url(exercise))
    return form_page(
        request,
        exercise.network,
        form,
        title=_("Edit the exercise"),
        cancel=_exercise_url(exercise),
    )


@require_http_methods(["GET", "POST"])
@sent_once
def phase_add(request, network, pk):
    exercise = _exercise(request, network, pk, perm=MANAGE)
    form = PhaseForm(posted(request), instance=Phase(exercise=exercise, number=0))
    if request.method == "POST" and form.is_valid():
        domain.add_phase(exercise, by=request.user, **form.cleaned_data)
        messages.success(request, _("The phase is added at the end of the exercise."))
        return redirect(_exercise_url(exercise))
    return form_page(
        request,
        exercise.network,
        form,
        title=_("Add a phase"),
        cancel=_exercise_url(exercise),
    )


@require_http_methods(["GET", "POST"])
@sent_once
def phase_edit(request, network, pk):
    phase = _phase(request, network, pk)
    # The form works on its own copy: the domain compares with what is stored.
    form = PhaseForm(posted(request), instance=Phase.objects.get(pk=phase.pk))
    if request.method == "POST" and form.is_valid():
        domain.change_phase(phase, by=request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect(_exercise_url(phase.exercise))
    return form_page(
        request,
        phase.network,
        form,
        title=_("Edit the phase “%(name)s”") % {"name": phase.name},
        cancel=_exercise_url(phase.exercise),
    )


@require_POST
@sent_once
def phase_move(request, network, pk):
    phase = _phase(request, network, pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return HttpResponseBadRequest(_("Say whether the phase moves up or down."))
    domain.move_phase(phase, by=request.user, up=direction == "up")
    return redirect(f"{_exercise_url(phase.exercise)}#phase-{phase.pk}")


@require_http_methods(["GET", "POST"])
@sent_once
def phase_remove(request, network, pk):
    phase = _phase(request, network, pk)
    exercise = phase.exercise
    last = not exercise.phases.exclude(pk=phase.pk).exists()
    if request.method == "POST":
        try:
            domain.remove_phase(phase, by=request.user)
        except domain.LastPhase as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The phase “%(name)s” is removed.") % {"name": phase.name})
        return redirect(_exercise_url(exercise))
    return render(
        request,
        "capitalisation/phase_remove.html",
        {"network": exercise.network, "exercise": exercise, "phase": phase, "last": last},
    )
