from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from carnet.accounts.access import fetch
from carnet.accounts.domain import record
from carnet.accounts.enums import Verb
from carnet.lib.confirm import confirmation
from carnet.lib.formtokens import sent_once
from carnet.lib.webvtt import player_tracks
from carnet.networks.access import network_for
from carnet.safeguarding.domain import publish_blockers

from . import domain, exports, progress
from . import evidence as registry
from . import rules as cap_rules
from . import synthesis as blocks
from .enums import FollowUpStatus, InterviewStatus
from .forms import (
    AttendanceForm,
    EvidenceForm,
    ExpectationForm,
    FollowUpForm,
    InterviewForm,
    LearningForm,
    NewQuestionForm,
    QuestionForm,
    SessionForm,
    VideoCommentForm,
    VideoForm,
    WorkshopForm,
    network_organisations,
)
from .models import (
    Attendance,
    Exercise,
    Expectation,
    FollowUp,
    Interview,
    InterviewQuestion,
    Learning,
    PublishedSynthesis,
    Video,
    VideoComment,
    Workshop,
    in_exercise,
)

READ = "networks.view_internal_network"
PUBLISH_SYNTHESIS = "capitalisation.publish_synthesis"


def posted(request):
    return request.POST if request.method == "POST" else None


def _files(request):
    return request.FILES if request.method == "POST" else None


def _organiser(request, slug, model="interview"):
    return network_for(request, slug, perm=f"capitalisation.add_{model}")


def exercise_shown(request, network):
    """The exercise a list shows: ?exercise=<id> (one of the network's), else the current one;
    and the context for the template that lets the reader switch (_exercise_switch.html)."""
    exercises = list(Exercise.objects.filter(network=network).order_by("-created", "-pk"))
    current = exercises[0] if exercises else None
    wanted = request.GET.get("exercise")
    shown = current
    if wanted:
        shown = next((item for item in exercises if str(item.pk) == wanted), None)
        if shown is None:
            raise Http404
    if shown is not None:
        shown.is_first = shown == exercises[-1]
    return shown, {"exercise_shown": shown, "exercises": exercises, "current_exercise": current}


def form_page(request, network, form, *, title, cancel, multipart=False, intro=""):
    return render(
        request,
        "capitalisation/form.html",
        {
            "network": network,
            "form": form,
            "title": title,
            "cancel": cancel,
            "multipart": multipart,
            "intro": intro,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _save(request, form, *, data=None):
    """Save a form; a change of status goes through domain.set_status (checks, log)."""
    created = form.instance.pk is None
    previous = None if created else form.initial.get("status")
    new_status = form.cleaned_data.get("status")
    changes_status = previous is not None and new_status is not None and new_status != previous
    obj = form.save(commit=False)
    if changes_status:  # the status column is written by set_status alone, once
        obj.status = previous
        fields = obj._meta.concrete_fields
        obj.save(update_fields=[f.name for f in fields if f.name != "status" and not f.primary_key])
    else:
        obj.save()
    form.save_m2m()
    domain.saved(obj, by=request.user, created=created, data=data)
    if changes_status:
        domain.set_status(obj, new_status, by=request.user)
    messages.success(request, _("Saved."))
    return obj


# --- dashboard ----------------------------------------------------------------------------


@require_safe
def dashboard(request, network):
    network = network_for(request, network, perm=READ)
    exercise = Exercise.objects.prefetch_related("phases").current(network)
    steps = progress.phase_steps(exercise) if exercise else {}
    phases = (
        [(phase, steps.get(phase.number, [])) for phase in exercise.phases.all()]
        if (exercise)
        else []
    )
    return render(
        request,
        "capitalisation/dashboard.html",
        {
            "network": network,
            "exercise": exercise,
            "phases": phases,
            "may_organise": request.user.has_perm("capitalisation.add_interview", network),
        },
    )


# --- interviews ---------------------------------------------------------------------------


@require_safe
def interviews(request, network):
    network = network_for(request, network, perm=READ)
    shown, switch = exercise_shown(request, network)
    items = list(
        Interview.objects.filter(in_exercise(shown), network=network)
        .select_related("organisation", "network")
        .prefetch_related("interviewers")
    )
    by_org = {}
    for item in items:
        by_org.setdefault(item.organisation_id, []).append(item)
    coverage = []
    for org in network_organisations(network).order_by("name"):
        org_items = by_org.get(org.pk, [])
        statuses = {i.status for i in org_items}
        if InterviewStatus.DONE in statuses:
            state = InterviewStatus.DONE
        elif org_items:
            state = org_items[-1].status
        else:
            state = ""
        coverage.append({"organisation": org, "interviews": org_items, "state": state})
    done = sum(1 for row in coverage if row["state"] == InterviewStatus.DONE)
    return render(
        request,
        "capitalisation/interviews.html",
        {
            "network": network,
            "coverage": coverage,
            "done": done,
            "total": len(coverage),
            **switch,
            "may_organise": request.user.has_perm("capitalisation.add_interview", network),
        },
    )


@require_http_methods(["GET", "POST"])
@sent_once
def interview_add(request, network):
    network = _organiser(request, network)
    questions = domain.questions_for(Interview(network=network))
    form = InterviewForm(posted(request), network=network, questions=questions)
    if request.method == "POST" and form.is_valid():
        return redirect(_save_interview(request, form))
    return form_page(
        request,
        network,
        form,
        title=_("New interview"),
        cancel=reverse("capitalisation:interviews", args=[network.slug]),
    )


@require_safe
def interview(request, network, pk):
    network = network_for(request, network, perm=READ)
    item = fetch(request, Interview.objects.filter(network=network), pk=pk)
    expectations = list(item.expectation_set.prefetch_related("sheets", "moments", "sessions"))
    return render(
        request,
        "capitalisation/interview.html",
        {
            "network": network,
            "interview": item,
            "may_read_notes": request.user.has_perm("capitalisation.read_notes_interview", item),
            "may_organise": request.user.has_perm("capitalisation.change_interview", item),
            "answers": (
                list(item.answers.select_related("question").exclude(text=""))
                if request.user.has_perm("capitalisation.read_notes_interview", item)
                else []
            ),
            "expectations": expectations,
            # The text typed before expectations were structured, unless a record repeats it.
            "typed_expectations": (
                ""
                if item.expectations in {e.put_forward for e in expectations}
                else item.expectations
            ),
            "source": registry.source_value(item),
            "cited": registry.cited_by(item),
        },
    )


@require_http_methods(["GET", "POST"])
def interview_edit(request, network, pk):
    network = network_for(request, network, perm=READ)
    item = fetch(
        request, Interview.objects.filter(network=network), "capitalisation.change_interview", pk=pk
    )
    form = InterviewForm(
        posted(request), instance=item, network=network, questions=domain.questions_for(item)
    )
    if request.method == "POST" and form.is_valid():
        return redirect(_save_interview(request, form))
    return form_page(request, network, form, title=str(item), cancel=item.get_absolute_url())


def _save_interview(request, form):
    with transaction.atomic():
        interview = _save(request, form)
        domain.save_answers(interview, form.answers(), by=request.user)
    return interview


# --- the interview guide -------------------------------------------------------------------


def _guide_exercise(network):
    exercise = domain.current_exercise(network)
    if exercise is None:
        raise Http404
    return exercise


@require_http_methods(["GET", "POST"])
@sent_once
def interview_guide(request, network):
    """The questions of the current exercise's interviews; organisers add to them."""
    network = network_for(request, network, perm=READ)
    exercise = _guide_exercise(network)
    may_organise = request.user.has_perm("capitalisation.add_interview", network)
    form = None
    if may_organise:
        form = NewQuestionForm(posted(request), instance=InterviewQuestion(exercise=exercise))
    if request.method == "POST":
        if not may_organise:
            _organiser(request, network.slug)  # 403, or the login page
        if form.is_valid():
            domain.add_question(exercise, form.cleaned_data["text"], by=request.user)
            messages.success(request, _("The question is added to the guide."))
            return redirect("capitalisation:interview_guide", network.slug)
    return render(
        request,
        "capitalisation/interview_guide.html",
        {
            "network": network,
            "exercise": exercise,
            "questions": list(exercise.interview_questions.annotate(answered=Count("answers"))),
            "form": form,
            "may_organise": may_organise,
        },
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def question_edit(request, network, pk):
    network = network_for(request, network, perm=READ)
    question = fetch(
        request,
        InterviewQuestion.objects.filter(exercise__network=network),
        "capitalisation.change_interviewquestion",
        pk=pk,
    )
    form = QuestionForm(posted(request), instance=InterviewQuestion.objects.get(pk=question.pk))
    if request.method == "POST" and form.is_valid():
        domain.change_question(
            question,
            text=form.cleaned_data["text"],
            archived=form.cleaned_data["archived"],
            by=request.user,
        )
        messages.success(request, _("Saved."))
        return redirect("capitalisation:interview_guide", network.slug)
    return form_page(
        request,
        network,
        form,
        title=_("Question of the interview guide"),
        cancel=reverse("capitalisation:interview_guide", args=[network.slug]),
        intro=_("Archive a question that is no longer asked: the answers already given stay."),
    )


@require_POST
def question_move(request, network, pk):
    network = network_for(request, network, perm=READ)
    question = fetch(
        request,
        InterviewQuestion.objects.filter(exercise__network=network),
        "capitalisation.change_interviewquestion",
        pk=pk,
    )
    domain.move_question(
        question, 1 if request.POST.get("direction") == "down" else -1, by=request.user
    )
    return redirect(
        reverse("capitalisation:interview_guide", args=[network.slug]) + f"#q-{question.pk}"
    )


# --- expectations --------------------------------------------------------------------------


@require_safe
def expectations(request, network):
    """What every partner expects, side by side, and what it led to (members only)."""
    network = network_for(request, network, perm=READ)
    exercise = domain.current_exercise(network)
    items = (
        Expectation.objects.filter(network=network)
        .filter(Q(exercise=exercise) | Q(exercise__isnull=True))
        .select_related("organisation", "interview", "network")
        .prefetch_related("sheets", "moments", "sessions__workshop")
    )
    by_org = {}
    for item in items:
        by_org.setdefault(item.organisation_id, []).append(item)
    rows = [
        {"organisation": org, "expectations": by_org.get(org.pk, [])}
        for org in network_organisations(network).order_by("name")
    ]
    return render(
        request,
        "capitalisation/expectations.html",
        {
            "network": network,
            "rows": rows,
            "recorded": sum(1 for row in rows if row["expectations"]),
            "may_organise": request.user.has_perm("capitalisation.add_expectation", network),
        },
    )


@require_http_methods(["GET", "POST"])
@sent_once
def expectation_add(request, network):
    network = _organiser(request, network, "expectation")
    initial = {}
    if request.method == "GET" and request.GET.get("interview", "").isdigit():
        interview = Interview.objects.filter(network=network, pk=request.GET["interview"]).first()
        if interview:
            initial = {"interview": interview.pk, "organisation": interview.organisation_id}
    form = ExpectationForm(
        posted(request),
        network=network,
        initial=initial,
        instance=Expectation(network=network, exercise=domain.current_exercise(network)),
    )
    if request.method == "POST" and form.is_valid():
        return redirect(_save(request, form))
    return form_page(
        request,
        network,
        form,
        title=_("New expectations"),
        cancel=reverse("capitalisation:expectations", args=[network.slug]),
    )


@require_http_methods(["GET", "POST"])
def expectation_edit(request, network, pk):
    network = network_for(request, network, perm=READ)
    item = fetch(
        request,
        Expectation.objects.filter(network=network),
        "capitalisation.change_expectation",
        pk=pk,
    )
    form = ExpectationForm(posted(request), instance=item, network=network)
    if request.method == "POST" and form.is_valid():
        return redirect(_save(request, form))
    return form_page(
        request,
        network,
        form,
        title=str(item),
        cancel=reverse("capitalisation:expectations", args=[network.slug]),
    )


# --- workshops ----------------------------------------------------------------------------


@require_safe
def workshops(request, network):
    network = network_for(request, network, perm=READ)
    shown, switch = exercise_shown(request, network)
    items = Workshop.objects.filter(in_exercise(shown), network=network).annotate(
        present=Count("attendance", filter=Q(attendance__present=True)),
        absent=Count("attendance", filter=Q(attendance__present=False)),
    )
    return render(
        request,
        "capitalisation/workshops.html",
        {
            "network": network,
            "workshops": items,
            **switch,
            "may_organise": request.user.has_perm("capitalisation.add_workshop", network),
        },
    )


@require_http_methods(["GET", "POST"])
@sent_once
def workshop_add(request, network):
    network = _organiser(request, network, "workshop")
    form = WorkshopForm(posted(request), network=network)
    if request.method == "POST" and form.is_valid():
        return redirect(_save(request, form))
    return form_page(
        request,
        network,
        form,
        title=_("New workshop"),
        cancel=reverse("capitalisation:workshops", args=[network.slug]),
    )


def _workshop(request, network, pk, perm=None):
    return fetch(request, Workshop.objects.filter(network=network), perm, pk=pk)


def _workshop_page(request, network, workshop, **forms):
    may_organise = request.user.has_perm("capitalisation.change_workshop", workshop)
    attendance = workshop.attendance.select_related("organisation").prefetch_related(
        Prefetch("follow_ups", queryset=FollowUp.objects.order_by("planned_on", "id"))
    )
    context = {
        "network": network,
        "workshop": workshop,
        "sessions": workshop.sessions.all(),
        "attendance": attendance,
        "may_organise": may_organise,
        "session_form": forms.get("session_form") or SessionForm(),
        "attendance_form": forms.get("attendance_form") or AttendanceForm(workshop=workshop),
        "follow_up_form": forms.get("follow_up_form") or FollowUpForm(workshop=workshop),
        "session_type": ContentType.objects.get_for_model(workshop.sessions.model).pk,
    }
    status = 400 if forms else 200
    return render(request, "capitalisation/workshop.html", context, status=status)


@require_safe
def workshop(request, network, pk):
    network = network_for(request, network, perm=READ)
    return _workshop_page(request, network, _workshop(request, network, pk))


@require_http_methods(["GET", "POST"])
def workshop_edit(request, network, pk):
    network = network_for(request, network, perm=READ)
    item = _workshop(request, network, pk, "capitalisation.change_workshop")
    form = WorkshopForm(posted(request), instance=item, network=network)
    if request.method == "POST" and form.is_valid():
        return redirect(_save(request, form))
    return form_page(request, network, form, title=str(item), cancel=item.get_absolute_url())


@require_POST
@sent_once
def session_add(request, network, pk):
    network = network_for(request, network, perm=READ)
    item = _workshop(request, network, pk, "capitalisation.change_workshop")
    form = SessionForm(request.POST)
    form.instance.workshop = item
    if form.is_valid():
        _save(request, form)
        return redirect(item)
    return _workshop_page(request, network, item, session_form=form)


@require_POST
@sent_once
def attendance_add(request, network, pk):
    network = network_for(request, network, perm=READ)
    item = _workshop(request, network, pk, "capitalisation.change_workshop")
    existing = Attendance.objects.filter(
        workshop=item, organisation_id=request.POST.get("organisation") or None
    ).first()
    form = AttendanceForm(request.POST, instance=existing, workshop=item)
    if form.is_valid():
        _save(request, form)
        return redirect(item)
    return _workshop_page(request, network, item, attendance_form=form)


@require_POST
@sent_once
def follow_up_add(request, network, pk):
    network = network_for(request, network, perm=READ)
    item = _workshop(request, network, pk, "capitalisation.change_workshop")
    form = FollowUpForm(request.POST, workshop=item)
    if form.is_valid():
        _save(request, form)
        return redirect(item)
    return _workshop_page(request, network, item, follow_up_form=form)


@require_POST
def follow_up_done(request, network, pk):
    network = network_for(request, network, perm=READ)
    item = fetch(
        request,
        FollowUp.objects.filter(attendance__workshop__network=network).select_related(
            "attendance__workshop__network"
        ),
        "capitalisation.change_followup",
        pk=pk,
    )
    domain.set_status(item, FollowUpStatus.DONE, by=request.user)
    messages.success(request, _("Follow-up done."))
    return redirect(item.attendance.workshop)


# --- learnings ----------------------------------------------------------------------------


@require_safe
def learnings(request, network):
    network = network_for(request, network, perm=READ)
    shown, switch = exercise_shown(request, network)
    items = blocks.learnings_with_evidence(network, exercise=shown)
    return render(
        request,
        "capitalisation/learnings.html",
        {
            "network": network,
            **switch,
            "groups": blocks.by_category(items),
            "may_organise": request.user.has_perm("capitalisation.add_learning", network),
        },
    )


@require_http_methods(["GET", "POST"])
@sent_once
def learning_add(request, network):
    """A learning, optionally from a passage of a source (?source=type:id&field=&passage=)."""
    network = _organiser(request, network, "learning")
    data = request.POST if request.method == "POST" else request.GET
    source = registry.resolve(data.get("source", ""), network) if data.get("source") else None
    field = data.get("field", "")[:100]
    passage = data.get("passage", "")[:5000].strip()
    if source is not None and field not in registry.source_for(source).fields:
        field = ""
    initial = {"statement": passage} if passage else {}
    form = LearningForm(posted(request), initial=initial, network=network)
    if request.method == "POST" and form.is_valid():
        learning = domain.create_learning(
            network=network,
            by=request.user,
            sources=[(source, field, passage)] if source is not None else [],
            **form.cleaned_data,
        )
        messages.success(request, _("Learning saved."))
        return redirect(learning)
    return render(
        request,
        "capitalisation/learning_form.html",
        {
            "network": network,
            "form": form,
            "source": source,
            "source_value": data.get("source", "") if source is not None else "",
            "field": field,
            "passage": passage,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_safe
def learning(request, network, pk):
    network = network_for(request, network, perm=READ)
    item = fetch(request, Learning.objects.filter(network=network), pk=pk)
    items = list(item.evidence.select_related("organisation"))
    registry.attach_sources(items)
    for evidence in items:
        evidence.source_url = (
            registry.url_of(evidence.source_object) if evidence.source_object else ""
        )
        evidence.source_label = (
            registry.label_of(evidence.source_object) if evidence.source_object else ""
        )
    may_organise = request.user.has_perm("capitalisation.change_learning", item)
    return render(
        request,
        "capitalisation/learning.html",
        {
            "network": network,
            "learning": item,
            "evidence": items,
            "may_organise": may_organise,
            "evidence_form": EvidenceForm(network=network) if may_organise else None,
        },
    )


@require_http_methods(["GET", "POST"])
def learning_edit(request, network, pk):
    network = network_for(request, network, perm=READ)
    item = fetch(
        request, Learning.objects.filter(network=network), "capitalisation.change_learning", pk=pk
    )
    form = LearningForm(posted(request), instance=item, network=network)
    if request.method == "POST" and form.is_valid():
        return redirect(_save(request, form))
    return form_page(
        request, network, form, title=_("Edit the learning"), cancel=item.get_absolute_url()
    )


@require_POST
@sent_once
def evidence_add(request, network, pk):
    network = network_for(request, network, perm=READ)
    item = fetch(
        request, Learning.objects.filter(network=network), "capitalisation.change_learning", pk=pk
    )
    form = EvidenceForm(request.POST, network=network)
    if form.is_valid():
        domain.add_evidence(
            item,
            form.cleaned_data["source"],
            by=request.user,
            field=form.cleaned_data["field"],
            passage=form.cleaned_data["passage"],
        )
        messages.success(request, _("Evidence added."))
        return redirect(item)
    return form_page(
        request, network, form, title=_("Add evidence"), cancel=item.get_absolute_url()
    )


# --- videos -------------------------------------------------------------------------------


@require_safe
def videos(request, network):
    network = network_for(request, network, perm=READ)
    return render(
        request,
        "capitalisation/videos.html",
        {
            "network": network,
            "videos": Video.objects.filter(network=network)
            .select_related("organisation")
            .prefetch_related("tracks"),
            "may_organise": request.user.has_perm("capitalisation.add_video", network),
        },
    )


@require_http_methods(["GET", "POST"])
@sent_once
def video_add(request, network):
    network = _organiser(request, network, "video")
    form = VideoForm(posted(request), _files(request), network=network)
    if request.method == "POST" and form.is_valid():
        _save(request, form)
        return redirect("capitalisation:videos", network.slug)
    return form_page(
        request,
        network,
        form,
        title=_("New video"),
        cancel=reverse("capitalisation:videos", args=[network.slug]),
        multipart=True,
    )


@require_http_methods(["GET", "POST"])
def video_edit(request, network, pk):
    network = network_for(request, network, perm=READ)
    item = fetch(
        request, Video.objects.filter(network=network), "capitalisation.change_video", pk=pk
    )
    form = VideoForm(posted(request), _files(request), instance=item, network=network)
    if request.method == "POST" and form.is_valid():
        try:
            _save(request, form)
        except ValidationError as exc:  # publication refused by the safeguarding checks
            for message in exc.messages:
                messages.error(request, message)
            return redirect("capitalisation:video_edit", network.slug, item.pk)
        return redirect("capitalisation:videos", network.slug)
    return form_page(
        request,
        network,
        form,
        title=str(item),
        cancel=reverse("capitalisation:videos", args=[network.slug]),
        multipart=True,
    )


# --- videos for readers --------------------------------------------------------------------


@require_safe
def videos_public(request, network):
    """The network's published videos (published, with the speaker's consent to publication),
    for anyone who may see the network."""
    network = network_for(request, network)
    return render(
        request,
        "capitalisation/videos_public.html",
        {
            "network": network,
            "videos": Video.objects.filter(network=network)
            .published()
            .select_related("organisation"),
        },
    )


@require_safe
def video_public(request, network, pk):
    """One video for readers: the player with its subtitles, the transcript, the credits.

    Anyone sees it once it is published with consent in a published network; members see
    it before (marked as not public), with the review comments at a time of the film.
    Everyone else gets 404, anonymous visitors included: a login page would say that an
    unpublished video exists.
    """
    network = network_for(request, network)
    video = get_object_or_404(
        Video.objects.filter(network=network).select_related("organisation", "network"), pk=pk
    )
    if not cap_rules.can_view_video_file(request.user, video):
        raise Http404
    return _video_page(request, network, video, VideoCommentForm())


def _video_page(request, network, video, comment_form, status=200):
    is_member = request.user.has_perm(READ, network)
    return render(
        request,
        "capitalisation/video_public.html",
        {
            "network": network,
            "video": video,
            "tracks": player_tracks(video.tracks.all(), get_language()),
            "link_host": urlsplit(video.link).hostname if video.link else "",
            "may_organise": request.user.has_perm("capitalisation.change_video", video),
            "moments": _moments_shown_on(video),
            "comments": video.comments.select_related("author") if is_member else [],
            "comment_form": comment_form if is_member else None,
        },
        status=status,
    )


@require_POST
def video_comment(request, network, pk):
    """A member comments the video at a time of the film (mm:ss): the review of a rough cut."""
    network = network_for(request, network, perm=READ)
    video = get_object_or_404(Video.objects.filter(network=network), pk=pk)
    form = VideoCommentForm(request.POST)
    if not form.is_valid():
        return _video_page(request, network, video, form, status=400)
    comment = VideoComment.objects.create(
        video=video,
        at_seconds=form.cleaned_data["at"],
        text=form.cleaned_data["text"],
        author=request.user,
    )
    record(Verb.CREATE, comment, by=request.user, network=network)
    messages.success(request, _("Your comment is added at %(time)s.") % {"time": comment.timestamp})
    return redirect(video.get_public_url() + "#comments")


def _moments_shown_on(video):
    """The published key moments this video illustrates (timeline.MomentMedia), in order."""
    from carnet.timeline.models import Milestone

    return list(
        Milestone.objects.published()
        .filter(media__video=video)
        .select_related("network")
        .distinct()
        .chronological()
    )


# --- exports and synthesis ----------------------------------------------------------------

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@require_safe
def export(request, network, what, fmt):
    network = network_for(request, network, perm=READ)
    builder = exports.EXPORTS.get(what)
    if builder is None or fmt not in CONTENT_TYPES:
        raise Http404
    notes = request.user.has_perm("capitalisation.add_interview", network)
    shown, _switch = exercise_shown(request, network)  # ?exercise=, else the current one
    headers, rows = builder(network, notes=notes, exercise=shown)
    if fmt == "csv":
        body = exports.to_csv(headers, rows)
    else:
        body = exports.to_xlsx(headers, rows, title=what)
    data = {"list": what, "format": fmt}
    if shown is not None:
        data["exercise"] = shown.title
    record(Verb.EXPORT, network, by=request.user, data=data)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{network.slug}-{what}.{fmt}"'
    return response


@require_safe
def synthesis(request, network):
    network = network_for(request, network, perm=READ)
    shown, switch = exercise_shown(request, network)
    published = (
        PublishedSynthesis.objects.filter(in_exercise(shown), network=network)
        .select_related("published_by")
        .defer("pages")
        .first()
    )
    return render(
        request,
        "capitalisation/synthesis.html",
        {
            "network": network,
            "published": published,
            # Publishing and withdrawing act on the current exercise's synthesis.
            "may_publish": request.user.has_perm(PUBLISH_SYNTHESIS, network)
            and shown == switch["current_exercise"],
            "flags": publish_blockers(published) if published else [],
            **switch,
            **blocks.synthesis(network, exercise=shown),
        },
    )


@require_safe
def synthesis_public(request, network):
    """The synthesis as the coordinator published it: anyone may read it."""
    network = network_for(request, network)
    syntheses = PublishedSynthesis.objects.filter(network=network, is_published=True)
    if request.GET.get("exercise"):  # an earlier exercise's
        lookup = {"exercise_id": request.GET["exercise"]}
    else:  # the current exercise's, else the latest one published
        current = Exercise.objects.current(network)
        lookup = {
            "pk": (
                syntheses.filter(in_exercise(current)).values_list("pk", flat=True).first()
                or syntheses.order_by("-published_at", "-pk").values_list("pk", flat=True).first()
            )
        }
    try:
        published = fetch(request, syntheses.select_related("network"), **lookup)
    except (ValueError, ValidationError) as error:  # ?exercise=x
        raise Http404 from error
    return render(
        request,
        "capitalisation/synthesis_public.html",
        {"network": network, "published": published, "fragment": published.page(get_language())},
    )


def _current_synthesis(network):
    return PublishedSynthesis.objects.filter(
        in_exercise(Exercise.objects.current(network)), network=network
    ).first()


@require_http_methods(["GET", "HEAD", "POST"])
def synthesis_publish(request, network):
    """GET: what publishing shows readers, and the flags to check first; POST: publish."""
    network = network_for(request, network, perm=PUBLISH_SYNTHESIS)
    if request.method != "POST":
        published = _current_synthesis(network)
        again = published is not None and published.is_published
        flags = publish_blockers(published) if published else []
        return confirmation(
            request,
            network,
            title=_("Publish the synthesis again?") if again else _("Publish the synthesis?"),
            what=[
                _(
                    "Readers outside the network will see the learnings, the organisations "
                    "behind them, the charts, and passages quoted from published sheets and "
                    "key moments only — never interview notes or documents."
                ),
                again and _("The published copy is replaced by today's synthesis."),
            ],
            missing_title=ngettext(
                "%(n)s sensitive-content flag must be checked first:",
                "%(n)s sensitive-content flags must be checked first:",
                len(flags),
            )
            % {"n": len(flags)},
            missing=[f"{flag.get_kind_display()}: {flag.text}" for flag in flags],
            missing_link=reverse("safeguarding:review", kwargs={"network": network.slug}),
            missing_link_text=_("Check the flags"),
            button=_("Publish again") if again else _("Publish the synthesis"),
            cancel=reverse("capitalisation:synthesis", kwargs={"network": network.slug}),
        )
    try:
        domain.publish_synthesis(network, by=request.user)
    except domain.PublicationBlocked as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The synthesis is published."))
    return redirect("capitalisation:synthesis", network=network.slug)


@require_http_methods(["GET", "HEAD", "POST"])
def synthesis_withdraw(request, network):
    """GET: what withdrawing does; POST: withdraw the published synthesis."""
    network = network_for(request, network, perm=PUBLISH_SYNTHESIS)
    if request.method != "POST":
        published = _current_synthesis(network)
        back = reverse("capitalisation:synthesis", kwargs={"network": network.slug})
        return confirmation(
            request,
            network,
            title=_("Withdraw the published synthesis?"),
            what=[
                _(
                    "Readers outside the network no longer find it; members still see the "
                    "synthesis. You may publish it again later."
                )
            ],
            button=_("Withdraw the synthesis"),
            cancel=back,
            done=not (published and published.is_published)
            and _("The synthesis is not published."),
        )
    if domain.withdraw_synthesis(network, by=request.user):
        messages.success(request, _("The synthesis is no longer public."))
    return redirect("capitalisation:synthesis", network=network.slug)
