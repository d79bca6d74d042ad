from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from carnet.accounts.access import check, fetch
from carnet.accounts.domain import record
from carnet.accounts.enums import Verb
from carnet.capitalisation.models import Exercise
from carnet.capitalisation.views import exercise_shown
from carnet.lib.confirm import confirmation
from carnet.lib.formtokens import sent_once
from carnet.lib.spreadsheets import csv_bytes, xlsx_bytes
from carnet.lib.workflow import MoveForbidden, MoveRefused
from carnet.networks.access import network_for
from carnet.networks.models import Organisation
from carnet.practices import domain as sheet_domain
from carnet.practices.enums import SheetState
from carnet.practices.models import Sheet
from carnet.translations import editions

from . import domain
from .defaults import default_chapters
from .enums import BuildStatus, DecisionState
from .forms import BuildForm, ChapterForm, DecisionForm, FeedbackForm, ReportForm, SendForm
from .models import Chapter, Report, ReportVersion, ValidationRound
from .validations import answering_for, matrix, validatable, waiting_items


def _report(request, network, perm=None):
    """The current exercise's report: what the composer's forms change."""
    report = domain.report_of(network, Exercise.objects.current(network))
    if report is None:
        raise Http404
    return check(request, report, perm)


def _is_current(network, report):
    current = domain.report_of(network, Exercise.objects.current(network))
    return current is not None and current.pk == report.pk


def _refuse_earlier(network, report):
    """An earlier exercise's report is kept as it was: its chapters are read, not changed."""
    if not _is_current(network, report):
        raise PermissionDenied


def _version(request, network, number, perm=None, *, queryset=None):
    return fetch(
        request,
        queryset
        if queryset is not None
        else ReportVersion.objects.select_related("report__network"),
        perm,
        report__network=network,
        number=number,
    )


@require_safe
def compose(request, network):
    network = network_for(request, network)
    shown, switch = exercise_shown(request, network)
    report = domain.report_of(network, shown)
    if not request.user.has_perm("networks.view_internal_network", network):
        # Readers go to the published version of the exercise's report; without ?exercise=,
        # to the latest one published (an earlier exercise's while the current one has none).
        published = ReportVersion.objects.filter(report__network=network, is_published=True)
        if request.GET.get("exercise"):
            published = published.filter(report=report)
        number = published.order_by("-number").values_list("number", flat=True).first()
        if number is None:
            raise Http404
        return redirect("reports:version", network=network.slug, number=number)
    is_current = shown == switch["current_exercise"]
    context = {"network": network, "report": report, "form": ReportForm(), **switch}
    if report is not None:
        context.update(
            chapters=report.chapters.all(),
            versions=report.versions.all(),
            chapter_form=ChapterForm(),
            build_form=BuildForm(network=network),
            reference_language=editions.languages(network)[0],
            # An earlier exercise's report is kept as it was: read, not changed.
            can_edit=is_current and request.user.has_perm("reports.change_report", report),
        )
    elif not is_current:
        context["can_create"] = False
    else:
        context["can_create"] = request.user.has_perm("networks.change_network", network) or (
            request.user.has_perm("reports.change_report", Report(network=network))
        )
    return render(request, "reports/compose.html", context)


@require_POST
@sent_once
def create(request, network):
    network = network_for(request, network, "networks.view_internal_network")
    if not request.user.has_perm("reports.change_report", Report(network=network)):
        raise PermissionDenied
    if domain.report_of(network, Exercise.objects.current(network)) is not None:
        return redirect("reports:compose", network.slug)
    form = ReportForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "reports/compose.html",
            {"network": network, "form": form, "can_create": True},
        )
    with transaction.atomic():
        report = form.save(commit=False)
        report.network = network
        report.save()
        record(Verb.CREATE, report, by=request.user, network=network)
        for kind, block, title, body in default_chapters():
            domain.add_chapter(
                report, by=request.user, kind=kind, block=block, title=title, body=body
            )
    return redirect("reports:compose", network.slug)


@require_POST
@sent_once
def chapter_add(request, network):
    network = network_for(request, network)
    report = _report(request, network, "reports.change_report")
    form = ChapterForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        domain.add_chapter(
            report,
            by=request.user,
            kind=data["kind"],
            block=data["block"],
            title=data["title"],
            body=data["body"],
        )
        return redirect("reports:compose", network.slug)
    return render(
        request, "reports/chapter_form.html", {"network": network, "form": form, "adding": True}
    )


@require_http_methods(["GET", "POST"])
def chapter_edit(request, network, pk):
    network = network_for(request, network)
    chapter = fetch(
        request,
        Chapter.objects.select_related("report__network"),
        None,
        pk=pk,
        report__network=network,
    )
    if request.method == "POST":
        check(request, chapter, "reports.change_chapter")
        _refuse_earlier(network, chapter.report)
        form = ChapterForm(request.POST, instance=chapter)
        if form.is_valid():
            form.save()
            record(Verb.CHANGE, chapter, by=request.user, network=network)
            messages.success(request, _("Chapter saved."))
            return redirect("reports:compose", network.slug)
    else:
        form = ChapterForm(instance=chapter)
    return render(
        request,
        "reports/chapter_form.html",
        {
            "network": network,
            "form": form,
            "chapter": chapter,
            "can_edit": request.user.has_perm("reports.change_chapter", chapter)
            and _is_current(network, chapter.report),
        },
    )


@require_POST
def chapter_move(request, network, pk):
    network = network_for(request, network)
    chapter = fetch(request, Chapter, "reports.change_chapter", pk=pk, report__network=network)
    _refuse_earlier(network, chapter.report)
    domain.move_chapter(chapter, by=request.user, up=request.POST.get("direction") != "down")
    return redirect("reports:compose", network.slug)


@require_http_methods(["GET", "POST"])
def chapter_delete(request, network, pk):
    network = network_for(request, network)
    chapter = fetch(request, Chapter, "reports.delete_chapter", pk=pk, report__network=network)
    _refuse_earlier(network, chapter.report)
    if request.method == "GET":
        title = chapter.title or chapter.get_kind_display()
        return confirmation(
            request,
            network,
            title=_("Remove the chapter “%(title)s”?") % {"title": title},
            what=[
                _(
                    "The chapter and its text leave the report: the next version built "
                    "will not have it. Versions already built and sent keep it."
                )
            ],
            button=_("Remove the chapter"),
            cancel=reverse("reports:compose", args=[network.slug]),
        )
    domain.remove_chapter(chapter, by=request.user)
    messages.success(request, _("Chapter removed."))
    return redirect("reports:compose", network.slug)


@require_safe
def preview(request, network):
    network = network_for(request, network)
    report = _report(request, network)
    try:
        document = domain.compose(report, version_label=_("Preview"))
        error = None
    except domain.RenderError as exc:
        document, error = None, exc
    return render(
        request,
        "reports/preview.html",
        {
            "network": network,
            "report": report,
            "document": document,
            "error": error,
        },
    )


@require_POST
@sent_once
def build(request, network):
    network = network_for(request, network)
    report = _report(request, network, "reports.change_report")
    form = BuildForm(request.POST, network=network)
    if not form.is_valid():
        for error in form.errors.get("language", []):
            messages.error(request, error)
        return redirect("reports:compose", network.slug)
    try:
        version = domain.start_build(
            report, by=request.user, language=form.cleaned_data["language"]
        )
    except domain.ReportError as exc:
        messages.error(request, str(exc))
        return redirect("reports:compose", network.slug)
    return redirect(version)


@require_safe
def version(request, network, number):
    network = network_for(request, network)
    # The built document (often a megabyte of JSON) is read only when its HTML is not in the
    # cache yet (see document_html): decoding it took most of the time of a cached page.
    version = _version(
        request,
        network,
        number,
        queryset=ReportVersion.objects.select_related("report__network").defer("content"),
    )
    user = request.user
    internal = user.has_perm("networks.view_internal_network", network)
    review = version.latest_round if internal else None
    current = domain.current_round(version.report) if internal else None
    context = {
        "network": network,
        "version": version,
        "internal": internal,
        "review": review,
        "is_current_round": review is not None and review == current,
        "can_edit": user.has_perm("reports.change_reportversion", version),
        "can_publish": user.has_perm("reports.publish_reportversion", version),
    }
    if review is not None:
        context["feedback"] = review.feedback.select_related("organisation", "author", "chapter")
        context["late"] = review.is_late()
        context["decisions"] = review.decisions.select_related("organisation", "by").order_by(
            "organisation__name"
        )
        if user.has_perm("reports.answer_reportversion", version):
            context["feedback_form"] = FeedbackForm(report=version.report)
            context["decision_form"] = DecisionForm()
            context["my_organisation"] = user.organisation_in(network)
    context["document_html"] = document_html(version)
    return render(request, "reports/version.html", context)


def document_html(version):
    """The built report as HTML. A built version's content never changes (its hash names it),
    so it is rendered once and kept in the cache: a large report takes long to render."""
    if version.status != BuildStatus.READY:
        return ""

    def render():
        return render_to_string(
            "reports/_document.html",
            {"document": version.content, "MEDIA_URL": settings.MEDIA_URL},
        )

    if not version.content_hash:
        return mark_safe(render())
    built = version.created.timestamp() if version.created else ""
    key = f"reports:html:{version.pk}:{built}:{version.content_hash}:{get_language()}"
    return mark_safe(cache.get_or_set(key, render, 24 * 3600))


@require_safe
def version_file(request, network, number, fmt):
    network = network_for(request, network)
    version = _version(request, network, number)
    field = {"pdf": version.pdf, "docx": version.docx}.get(fmt)
    if field is None or not field:
        raise Http404
    content_type = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }[fmt]
    response = HttpResponse(domain.read_file(field), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{version.file_name}.{fmt}"'
    return response


def _redirect_with_error(request, version, exc):
    messages.error(request, str(exc))
    return redirect(version)


def nobody_to_receive(unreachable):
    return ngettext(
        "%(n)s organisation has nobody to receive this: invite them.",
        "%(n)s organisations have nobody to receive this: invite them.",
        len(unreachable),
    ) % {"n": len(unreachable)}


def _confirm_sending(request, network, *, title, what, unreachable, form, button, cancel, done):
    """Say who will receive what is sent, and who will not, before sending it (the form: a
    message and a due date)."""
    return confirmation(
        request,
        network,
        title=title,
        what=[what],
        missing_title=nobody_to_receive(unreachable),
        missing=[str(organisation) for organisation in unreachable],
        missing_link=reverse("accounts:people", args=[network.slug]) + "#invite",
        missing_link_text=_("Invite people"),
        token=True,
        form=form,
        button=button,
        cancel=cancel,
        done=done,
        status=400 if form.is_bound else 200,
    )


def _send_page(request, network, version, unreachable, form):
    reached = len(domain.member_organisations(network)) - len(unreachable)
    return _confirm_sending(
        request,
        network,
        title=_("Send version %(n)s to every partner?") % {"n": version.number},
        what=ngettext(
            "The partner editors of %(n)s organisation will receive it by e-mail, "
            "to comment on it and validate it.",
            "The partner editors of %(n)s organisations will receive it by e-mail, "
            "to comment on it and validate it.",
            reached,
        )
        % {"n": reached},
        unreachable=unreachable,
        form=form,
        button=_("Send for review"),
        cancel=version.get_absolute_url(),
        done=version.status != BuildStatus.READY
        and _("Only a version that was built successfully can be sent."),
    )


@require_http_methods(["GET", "POST"])
@sent_once
def send(request, network, number):
    network = network_for(request, network)
    version = _version(request, network, number, "reports.send_reportversion")
    unreachable = domain.unreachable_organisations(version)
    form = SendForm(request.POST if request.method == "POST" else None)
    if not form.is_valid():  # the confirmation first; a refused date: the page again, as typed
        return _send_page(request, network, version, unreachable, form)
    try:
        domain.send_for_review(
            version,
            by=request.user,
            message=form.cleaned_data["message"],
            due_on=form.cleaned_data["due_on"],
        )
    except domain.ReportError as exc:
        return _redirect_with_error(request, version, exc)
    messages.success(request, _("Version %(n)s was sent to the partners.") % {"n": version.number})
    if unreachable:
        messages.warning(request, nobody_to_receive(unreachable))
    return redirect(version)


def _round_for_answer(request, network, number):
    version = _version(request, network, number, "reports.answer_reportversion")
    review = version.latest_round
    if review is None:
        raise Http404
    return version, review


@require_POST
@sent_once
def feedback(request, network, number):
    network = network_for(request, network)
    version, review = _round_for_answer(request, network, number)
    form = FeedbackForm(request.POST, report=version.report)
    if not form.is_valid():
        messages.error(request, _("Write a comment or a suggestion first."))
        return redirect(version)
    try:
        domain.add_feedback(
            review,
            by=request.user,
            text=form.cleaned_data["text"],
            kind=form.cleaned_data["kind"],
            chapter=form.cleaned_data["chapter"],
        )
    except domain.ReportError as exc:
        return _redirect_with_error(request, version, exc)
    messages.success(request, _("Thank you: your comment was saved."))
    return redirect(version)


@require_POST
def decide(request, network, number):
    network = network_for(request, network)
    version, review = _round_for_answer(request, network, number)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an answer."))
        return redirect(version)
    user = request.user
    if user.has_perm("reports.send_reportversion", version) and form.cleaned_data.get(
        "organisation"
    ):
        organisation = get_object_or_404(
            Organisation, pk=form.cleaned_data["organisation"], memberships__network=network
        )
    else:
        organisation = user.organisation_in(network)
        if (
            organisation is None
            or not network.memberships.filter(organisation=organisation).exists()
        ):
            raise PermissionDenied
    try:
        domain.decide(
            review,
            organisation=organisation,
            state=form.cleaned_data["state"],
            by=user,
            note=form.cleaned_data["note"],
        )
    except MoveForbidden:
        raise  # the rule says no: 403
    except domain.ReportError as exc:
        return _redirect_with_error(request, version, exc)
    messages.success(request, _("Your answer was recorded."))
    return redirect(version)


@require_POST
def remind(request, network, number):
    network = network_for(request, network)
    version = _version(request, network, number, "reports.send_reportversion")
    review = version.latest_round
    if review is None:
        raise Http404
    count = domain.remind(review, by=request.user)
    messages.success(
        request, ngettext("%(n)s reminder sent.", "%(n)s reminders sent.", count) % {"n": count}
    )
    return redirect(version)


@require_http_methods(["GET", "POST"])
def publish(request, network, number):
    network = network_for(request, network)
    version = _version(request, network, number, "reports.publish_reportversion")
    if request.method == "GET":  # say what is missing before publishing
        missing = domain.not_validated(version)
        return confirmation(
            request,
            network,
            title=_("Publish version %(n)s of the report?") % {"n": version.number},
            what=[
                _(
                    "Anyone will read it, download it and find it on the network's public "
                    "pages. It cannot be taken back without a trace."
                )
            ],
            missing_title=ngettext(
                "%(n)s organisation has not validated version %(v)s:",
                "%(n)s organisations have not validated version %(v)s:",
                len(missing),
            )
            % {"n": len(missing), "v": version.number},
            missing=[str(organisation) for organisation in missing],
            button=_("Publish version %(n)s") % {"n": version.number},
            cancel=version.get_absolute_url(),
            done=version.is_published and _("This version is published already."),
        )
    try:
        domain.publish(version, by=request.user)
    except MoveForbidden:
        raise  # the rule says no: 403
    except MoveRefused as exc:  # not built, or blocked by the safeguarding guard
        return _redirect_with_error(request, version, exc)
    messages.success(request, _("Version %(n)s is published.") % {"n": version.number})
    return redirect(version)


def export_header():
    """The columns of the validations export, as people read them, in their language."""
    return [
        _("Organisation"),
        _("Deliverable"),
        _("Item"),
        _("Answer"),
        _("Version"),
        _("Validated by"),
        _("When"),
        _("Changed since validated"),
    ]


@require_safe
def validations(request, network):
    network = network_for(request, network, "networks.view_internal_network")
    organisations, deliverables, cells, rows = matrix(network)
    names = {o.pk: o.name for o in organisations}
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        table = [
            [
                names.get(r.organisation_id, ""),
                str(r.deliverable),
                str(r.item),
                str(r.state_label),
                r.version,
                str(r.by or ""),
                timezone.localtime(r.at) if r.at else None,  # a date Excel sorts as one
                _("yes") if r.reset else "",
            ]
            for r in rows
        ]
        if fmt == "csv":
            body, content_type = csv_bytes([export_header(), *table]), "text/csv; charset=utf-8"
        else:
            body = xlsx_bytes([export_header(), *table], title=str(_("Validations")))
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{network.slug}-validations.{fmt}"'
        record(Verb.EXPORT, network, by=request.user, data={"validations": fmt})
        return response
    grid = [
        (organisation, [cells.get((organisation.pk, d), []) for d in deliverables])
        for organisation in organisations
    ]
    missing = sorted(
        {
            names[r.organisation_id]
            for r in rows
            if r.state != DecisionState.VALIDATED and r.organisation_id in names
        }
    )
    return render(
        request,
        "reports/validations.html",
        {
            "network": network,
            "deliverables": deliverables,
            "grid": grid,
            "missing": missing,
            "answering_for": answering_for(request.user, network),
            "validation_round": domain.current_validation_round(network),
            "late": domain.late_organisations(network),
            "can_ask": request.user.has_perm(
                "reports.add_validationround", ValidationRound(network=network)
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@sent_once
def validation_round(request, network):
    """Ask the partners to validate their sheets and images by a date: say who will receive
    it, and who will not, first."""
    network = network_for(request, network, "networks.view_internal_network")
    check(request, ValidationRound(network=network), "reports.add_validationround")
    form = SendForm(request.POST if request.method == "POST" else None)
    waiting = waiting_items(network)
    if not form.is_valid():
        unreachable = domain.unreachable_validators(network)
        reached = len(waiting) - len(unreachable)
        return _confirm_sending(
            request,
            network,
            title=_("Ask the partners to validate their sheets and images?"),
            what=ngettext(
                "The partner editors of %(n)s organisation will receive by e-mail the list of "
                "its items to validate, each with a link to answer in one click.",
                "The partner editors of %(n)s organisations will receive by e-mail the list of "
                "their items to validate, each with a link to answer in one click.",
                reached,
            )
            % {"n": reached},
            unreachable=unreachable,
            form=form,
            button=_("Ask the partners"),
            cancel=reverse("reports:validations", args=[network.slug]),
            done=not waiting and _("No organisation has a sheet or an image to validate now."),
        )
    domain.send_validation_round(
        network,
        by=request.user,
        message=form.cleaned_data["message"],
        due_on=form.cleaned_data["due_on"],
    )
    messages.success(request, _("The partners were asked to validate their sheets and images."))
    return redirect("reports:validations", network.slug)


@require_POST
def validate_item(request, network, content_type, object_id):
    """A partner editor answers for their organisation on an image, a video or a sheet
    that shows it."""
    network = network_for(request, network, "networks.view_internal_network")
    user = request.user
    organisation = answering_for(user, network)
    if organisation is None:
        raise PermissionDenied
    item = validatable(network, organisation.pk, content_type, object_id)
    if item is None:
        raise Http404
    state = request.POST.get("state")
    if state not in (DecisionState.VALIDATED, DecisionState.CHANGES_REQUESTED):
        messages.error(request, _("Choose an answer."))
    elif isinstance(item, Sheet):
        return _answer_sheet(request, network, item, state)
    else:
        domain.validate_item(
            item,
            organisation=organisation,
            state=state,
            by=user,
            note=request.POST.get("note", "").strip()[:2000]
            if state == DecisionState.CHANGES_REQUESTED
            else "",
            network=network,
        )
        messages.success(request, _("Your answer was recorded."))
    return redirect("reports:validations", network.slug)


def _answer_sheet(request, network, sheet, state):
    """A sheet is validated through its own workflow; changes are written on the sheet."""
    if state == DecisionState.CHANGES_REQUESTED:
        # Recorded as the organisation's answer; its note, if any, also stands on the sheet.
        domain.answer_item(
            sheet,
            organisation=answering_for(request.user, network),
            state=state,
            by=request.user,
            note=request.POST.get("note", "").strip()[:2000],
            network=network,
            note_required=False,
        )
        messages.success(request, _("Your answer was recorded."))
        return redirect("reports:validations", network.slug)
    try:
        sheet_domain.set_state(sheet, SheetState.VALIDATED, by=request.user)
    except sheet_domain.InvalidTransition:
        messages.error(
            request,
            _("This sheet cannot be validated yet: the facilitators have not approved it."),
        )
    else:
        messages.success(request, _("Your answer was recorded."))
    return redirect("reports:validations", network.slug)
