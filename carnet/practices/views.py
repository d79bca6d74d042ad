from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db.models import Count, Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_countries import countries

from carnet.accounts.access import NeedsLogin, check, fetch
from carnet.accounts.domain import record
from carnet.accounts.enums import RoleKind, Verb
from carnet.capitalisation import evidence
from carnet.capitalisation.models import Exercise, Learning
from carnet.lib import machine_translation
from carnet.lib.confirm import confirmation, confirmed
from carnet.lib.formtokens import sent_once
from carnet.lib.markdown import clean_pasted
from carnet.lib.markdown import render as render_markdown
from carnet.lib.paging import paged
from carnet.lib.uploads import UploadRefused, check_document, clean_image, store_image
from carnet.lib.workflow import MoveForbidden, MoveRefused
from carnet.library.models import Document
from carnet.networks.access import network_for
from carnet.networks.models import Organisation
from carnet.safeguarding.domain import PublicationBlocked, publish_blockers
from carnet.translations import editions
from carnet.vocabulary import domain as vocabulary
from carnet.vocabulary.enums import TermKind

from . import domain, margin, outputs
from .diff import compare
from .docximport import DocxUnreadable, read_docx
from .enums import Level, SheetState, SuggestionStatus
from .forms import (
    CommentForm,
    ImportForm,
    NewSheetForm,
    PhotoForm,
    QuoteConsentForm,
    SheetForm,
    SuggestionForm,
    TemplateForm,
    initial_for,
)
from .integration import CITABLE_FIELDS
from .models import Comment, Sheet, SheetPhoto, Suggestion


def sheets_of(network):
    return Sheet.objects.filter(network=network).select_related(
        "network", "organisation", "template", "review_note_by"
    )


def get_sheet(request, network, slug, perm=None):
    network = network_for(request, network)
    return fetch(request, sheets_of(network), perm, slug=slug)


def organisations_for(user, network):
    """The organisations a person may create sheets for."""
    members = Organisation.objects.filter(memberships__network=network).distinct()
    if not user.is_authenticated:
        return members.none()
    if user.is_superuser or user.role_in(network) in (RoleKind.COORDINATOR, RoleKind.FACILITATOR):
        return members
    if user.role_in(network) == RoleKind.PARTNER_EDITOR and user.organisation_id_in(network):
        return members.filter(pk=user.organisation_id_in(network))
    return members.none()


def may_create(request, network):
    if not request.user.is_authenticated:
        from carnet.accounts.access import NeedsLogin

        raise NeedsLogin
    if not request.user.has_perm("networks.view_internal_network", network):
        raise PermissionDenied
    organisations = organisations_for(request.user, network)
    if not organisations.exists():
        raise PermissionDenied
    return organisations


SHEETS_PER_PAGE = 50


@require_safe
def sheet_list(request, network):
    network = network_for(request, network)
    visible = Sheet.objects.filter(network=network).visible_to(request.user, network)
    sheets = (
        visible.filter(translation_of__isnull=True)
        .select_related("network", "organisation")
        .defer("content")
        .with_open_suggestions()
        .order_by("title", "id")
    )
    filters = {
        key: request.GET.get(key, "") for key in ("theme", "country", "level", "organisation")
    }
    themes = vocabulary.labels(network, TermKind.THEME)  # archived ones too: old sheets
    if filters["theme"]:
        sheets = (
            sheets.with_theme(filters["theme"]) if filters["theme"] in themes else sheets.none()
        )
    if filters["country"]:
        sheets = sheets.filter(country=filters["country"])
    if filters["level"]:
        sheets = sheets.filter(level=filters["level"])
    if filters["organisation"].isdigit():
        sheets = sheets.filter(organisation_id=int(filters["organisation"]))
    page = paged(request, sheets, SHEETS_PER_PAGE)
    edition = editions.current()  # in an edition's build (the static site): note the fallbacks
    for sheet in page.object_list if edition.translated else ():
        edition.sheet(sheet, published=True)
    country_codes = visible.order_by("country").values_list("country", flat=True).distinct()
    organisations = Organisation.objects.filter(pk__in=visible.values("organisation_id")).order_by(
        "name"
    )
    return render(
        request,
        "practices/list.html",
        {
            "network": network,
            "sheets": page.object_list,
            "page": page,
            "filters": filters,
            "themes": list(themes.items()),
            "levels": Level.choices,
            "countries": [(code, countries.name(code)) for code in country_codes],
            "organisations": organisations,
            "may_create": request.user.is_authenticated
            and organisations_for(request.user, network).exists(),
            "theme_names": themes,
            "may_configure": request.user.is_superuser
            or request.user.is_authenticated
            and request.user.role_in(network) in (RoleKind.COORDINATOR, RoleKind.FACILITATOR),
        },
    )


@require_http_methods(["GET", "POST"])
@sent_once
def sheet_new(request, network):
    network = network_for(request, network)
    organisations = may_create(request, network)
    form = NewSheetForm(request.POST or None, network=network, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sheet = domain.create_sheet(
            network=network,
            organisation=data["organisation"],
            by=request.user,
            title=data["title"],
            language=data["language"],
            level=data["level"],
            themes=data["themes"],
        )
        return redirect("practices:edit", network.slug, sheet.slug)
    return render(request, "practices/new.html", {"network": network, "form": form})


@require_http_methods(["GET", "POST"])
@sent_once
def sheet_import(request, network):
    network = network_for(request, network)
    organisations = may_create(request, network)
    form = ImportForm(request.POST or None, request.FILES or None, organisations=organisations)
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_document(upload, kinds={"docx"})  # with its sizes once unzipped
            upload.seek(0)
            imported = read_docx(upload)
        except (UploadRefused, DocxUnreadable) as exc:
            status = 400  # the file is refused: say why (a zip bomb), else that it is unreadable
            unreadable = _(
                "This file is not a Word document (.docx) we can read; it may be damaged."
            )
            zip_bomb = isinstance(exc, UploadRefused) and exc.code == "zip_bomb"
            form.add_error("file", exc if zip_bomb else unreadable)
        else:
            template = domain.template_for(network, Exercise.objects.current(network))
            title, content = imported.to_sheet(template.specs)
            sheet = domain.create_sheet(
                network=network,
                organisation=form.cleaned_data["organisation"],
                by=request.user,
                title=title or upload.name,
                content=content,
                template=template,
                note=_("Imported from %(name)s") % {"name": upload.name},
            )
            record(Verb.IMPORT, sheet, by=request.user, data={"file": upload.name})
            if content.get("other"):
                messages.warning(
                    request,
                    _("Some text did not match a field: it is in “Other”, for you to place."),
                )
            return redirect("practices:edit", network.slug, sheet.slug)
    return render(
        request, "practices/import.html", {"network": network, "form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
def sheet_template(request, network):
    """The fields of the current exercise's sheets (organisers)."""
    network = network_for(request, network)
    template = domain.template_for(network, Exercise.objects.current(network))
    check(request, template, "practices.change_sheettemplate")
    form = TemplateForm(request.POST if request.method == "POST" else None, template=template)
    if request.method == "POST" and form.is_valid():
        domain.save_template(template, form.stored(domain.keys_in_use(template)), by=request.user)
        messages.success(request, _("The sheet template is saved."))
        return redirect("practices:template", network.slug)
    return render(
        request, "practices/template.html", {"network": network, "form": form, "template": template}
    )


def review_context(request, sheet):
    """What the internal page and the edit page show: suggestions, comments, counts."""
    user = request.user
    every = list(sheet.suggestions.select_related("author", "resolved_by"))  # one query
    suggestions = [s for s in every if s.status == SuggestionStatus.OPEN]
    for suggestion in suggestions:
        suggestion.outdated = suggestion.is_outdated(sheet.text(suggestion.field))
    by_field = {}
    for suggestion in suggestions:
        by_field.setdefault(suggestion.field, []).append(suggestion)
    # decided ones stay in sight, the latest first
    resolved = sorted(
        (s for s in every if s.status != SuggestionStatus.OPEN),
        key=lambda s: (s.resolved_at or s.created, s.pk),
        reverse=True,
    )
    comments = list(sheet.comments.select_related("author"))
    threads = {}
    for comment in comments:
        threads.setdefault(comment.parent_id, []).append(comment)
    for comment in comments:
        comment.thread = threads.get(comment.pk, [])
    stats = sheet.versions.aggregate(count=Count("id"), last=Max("number"))
    labels = {spec.key: spec.label for spec in sheet.specs}
    return {
        "suggestions": suggestions,
        "resolved_suggestions": resolved,
        "suggestions_by_field": by_field,
        "labels": labels,
        "comments": threads.get(None, []),
        "version_count": stats["count"],
        "last_version": stats["last"],
        "may_edit": user.has_perm("practices.change_sheet", sheet),
        "may_suggest": user.has_perm("practices.suggest_sheet", sheet),
        "may_decide": user.has_perm("practices.decide_suggestions_sheet", sheet),
        "transitions": [
            (s.value, domain.move_label(sheet, s)) for s in domain.allowed_transitions(sheet, user)
        ],
        "suggestion_form": SuggestionForm(sheet=sheet),
        "comment_form": CommentForm(auto_id="comment-%s"),
    }


def margin_context(sheet, context):
    """The open suggestions and comments beside their passages (see practices.margin)."""
    comments = [c for c in context["comments"] if c.field and not c.resolved]
    placed = margin.build(
        [(spec.key, text) for spec, text in context["fields"]],
        [*context["suggestions"], *comments],
    )
    return {
        "margin": placed.blocks,
        "detached": placed.detached,
        "elsewhere": [n for n in placed.elsewhere if n.kind == "suggestion"],
        "listed_comments": [
            c for c in context["comments"] if c not in comments or c in placed.elsewhere
        ],
        "in_margin": True,
    }


@require_safe
def sheet_detail(request, network, slug):
    sheet = get_sheet(request, network, slug)
    internal = request.user.has_perm("networks.view_internal_network", sheet.network)
    editions.current().sheet(sheet.translation_of or sheet, published=not internal)  # noted
    context = {
        "network": sheet.network,
        "sheet": sheet,
        "fields": [
            (spec, sheet.content.get(spec.key, ""))
            for spec in sheet.field_specs
            if sheet.content.get(spec.key) and not spec.key.startswith("quote")
        ],
        "photos": list(sheet.photos.all()),
        "theme_names": sheet.theme_labels(),
        "translations": list(
            (sheet.translation_of or sheet)
            .translations.all()
            .filter(
                pk__in=sheets_of(sheet.network).visible_to(request.user, sheet.network).values("pk")
            )
        ),
        "internal": internal,
    }
    if internal:
        context.update(review_context(request, sheet))
        context.update(margin_context(sheet, context))
        context["photo_form"] = PhotoForm(auto_id="photo-%s")
        if request.user.has_perm("practices.publish_sheet", sheet):
            context["flags"] = publish_blockers(sheet)
        context["consent_form"] = QuoteConsentForm(
            auto_id="quote-%s",
            initial={
                "consent_scope": sheet.consent_scope,
                "consent_by": sheet.consent_by,
                "consent_on": sheet.consent_on,
            },
        )
        context["sources"] = list(sheet.documents.defer("text"))
        if request.user.has_perm("practices.change_sheet", sheet):
            context["library"] = (
                Document.objects.filter(network=sheet.network).defer("text").order_by("title")
            )
        context["other_languages"] = [
            code
            for code in sheet.network.language_codes
            if code != sheet.language and not sheet.translation_of_id
        ]
        if request.user.has_perm("capitalisation.add_learning", Learning(network=sheet.network)):
            # A facilitator turns a passage of the sheet into a learning, with its evidence.
            context["learning_source"] = evidence.source_value(sheet)
            context["learning_fields"] = [
                (spec.key, spec.label)
                for spec, _text in context["fields"]
                if spec.key in CITABLE_FIELDS
            ]
    return render(request, "practices/detail.html", context)


@require_http_methods(["GET", "POST"])
def sheet_edit(request, network, slug):
    sheet = get_sheet(request, network, slug, "practices.change_sheet")
    conflict = previews = None
    if request.method == "POST" and "preview" in request.POST:  # without JavaScript
        form = SheetForm(request.POST, sheet=sheet)
        previews = {
            spec.key: render_markdown(clean_pasted(request.POST.get(spec.key, "")))
            for spec in sheet.template.specs
            if spec.markdown and request.POST.get(spec.key, "").strip()
        }
    elif request.method == "POST" and "draft" in request.POST:  # a translated copy
        form = SheetForm(_machine_draft(request, sheet), sheet=sheet)
    elif request.method == "POST":
        form = SheetForm(request.POST, sheet=sheet)
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = domain.save_version(
                    sheet,
                    by=request.user,
                    title=data["title"],
                    content=form.content(),
                    base_revision=data["revision"],
                    note=_("With a machine-translation draft, read and saved by its translator")
                    if request.POST.get("machine")
                    else "",
                    details={
                        "language": data["language"],
                        "level": data["level"],
                        "themes": data["themes"],
                    },
                )
            except domain.Conflict as exc:
                sheet = exc.sheet
                conflict = merge_rows(sheet, form)
                form = SheetForm({**request.POST.dict(), "revision": sheet.revision}, sheet=sheet)
                form.is_valid()
            else:
                if saved.validation_reset:
                    messages.warning(
                        request,
                        _(
                            "Saved. The content changed after version %(n)s was validated: "
                            "the validation is reset and the sheet needs a new validation."
                        )
                        % {"n": saved.validation_reset.number},
                    )
                elif saved.version:
                    messages.success(
                        request, _("Saved as version %(n)s.") % {"n": saved.version.number}
                    )
                else:
                    messages.info(request, _("Nothing changed."))
                if request.POST.get("then") == "submit":
                    return _submit(request, sheet)
                return redirect("practices:edit", sheet.network.slug, sheet.slug)
    elif "missing" in request.GET:  # sent back by "Submit for review": what to fill in
        form = incomplete_form(sheet)
    else:
        form = SheetForm(initial=initial_for(sheet), sheet=sheet)
    context = {
        "network": sheet.network,
        "sheet": sheet,
        "form": form,
        "conflict": conflict,
        "previews": previews,
        "can_submit": submit_target(sheet, request.user),
    }
    if "missing" in request.GET and form.errors:
        context["error_title"] = _("Saved, not submitted yet")
        context["error_intro"] = _(
            "Your draft is saved. To submit it for review, fill in these fields:"
        )
    if sheet.translation_of_id:  # translators see the English reference beside each field
        reference = sheet.translation_of
        context["reference"] = {"title": reference.title, **reference.content}
        context["reference_language"] = reference.language
        context["machine_translation"] = machine_translation.enabled()
        context["machine"] = form.data.get("machine", "") if form.is_bound else ""
    context.update(review_context(request, sheet))
    status = 409 if conflict else 200
    return render(request, "practices/edit.html", context, status=status)


def _machine_draft(request, sheet):
    """The form's data with the fields still in the reference language filled by machine
    translation; as sent on a failure."""
    return machine_translation.fill_draft(
        request,
        lambda data: domain.draft_translation(sheet, data),
        nothing_left=_("Every field is translated already: nothing was drafted."),
        drafted=_drafted,
    )


def _drafted(count):
    return ngettext(
        "Machine translation drafted %(count)s field. Nothing is saved yet: read and correct "
        "it, then save. The sheet is reviewed and validated before anyone outside sees it.",
        "Machine translation drafted %(count)s fields. Nothing is saved yet: read and correct "
        "them, then save. The sheet is reviewed and validated before anyone outside sees it.",
        count,
    ) % {"count": count}


def submit_target(sheet, user):
    """The state "Submit for review" moves this sheet to, if this person may move it."""
    for target in domain.SUBMITTING:
        if target in domain.allowed_transitions(sheet, user):
            return target
    return None


def incomplete_form(sheet):
    """The saved sheet, with an error on each required field it leaves empty."""
    form = SheetForm(initial_for(sheet), sheet=sheet)
    form.is_valid()
    for spec in domain.missing_fields(sheet):
        form.add_error(spec.key, _("Fill this in before you submit the sheet for review."))
    return form


def _submit(request, sheet):
    """Submit (or resubmit) the sheet for review; when fields are missing, back to the
    form with the list of what to fill in."""
    target = submit_target(sheet, request.user)
    if target is None:
        messages.error(request, _("This sheet cannot be submitted for review now."))
        return redirect("practices:edit", sheet.network.slug, sheet.slug)
    try:
        domain.set_state(sheet, target, by=request.user)
    except domain.Incomplete:
        return redirect(
            reverse("practices:edit", args=[sheet.network.slug, sheet.slug]) + "?missing=1"
        )
    messages.success(request, _("Your sheet is submitted for review."))
    return redirect(sheet.get_absolute_url())


def merge_rows(sheet, form):
    """Both texts of every field that differs: the one saved meanwhile, and this person's."""
    rows = []
    theirs = {"title": sheet.title, **sheet.content}
    mine = {"title": form.cleaned_data["title"], **form.content()}
    labels = {spec.key: spec.label for spec in sheet.specs}
    for key in labels:
        a, b = theirs.get(key, ""), clean_pasted(mine.get(key, "") or "")
        if a != b:
            rows.append({"key": key, "label": labels[key], "theirs": a, "mine": b})
    return rows


@require_POST
def sheet_preview(request, network, slug):
    get_sheet(request, network, slug, "practices.change_sheet")
    return HttpResponse(render_markdown(clean_pasted(request.POST.get("text", ""))))


@require_POST
def sheet_state(request, network, slug):
    sheet = get_sheet(request, network, slug)
    if not request.user.is_authenticated:
        raise NeedsLogin  # anyone reads a published sheet; moving it needs a login
    new_state = request.POST.get("state", "")
    if new_state not in SheetState.values:
        raise PermissionDenied
    if new_state == SheetState.PUBLISHED and not confirmed(request):
        return _confirm_publishing(request, sheet)
    try:
        domain.set_state(sheet, new_state, by=request.user, note=request.POST.get("note", ""))
    except domain.Incomplete:
        return redirect(
            reverse("practices:edit", args=[sheet.network.slug, sheet.slug]) + "?missing=1"
        )
    except PublicationBlocked as exc:
        messages.error(
            request,
            ngettext(
                "Not published: %(n)s point to check first (personal data or consent).",
                "Not published: %(n)s points to check first (personal data or consent).",
                len(exc.flags),
            )
            % {"n": len(exc.flags)},
        )
    except MoveForbidden:
        raise  # the rule says no: 403
    except MoveRefused:
        messages.error(request, _("This sheet cannot move to that state now."))
    else:
        messages.success(
            request, _("The sheet is now “%(state)s”.") % {"state": sheet.get_state_display()}
        )
    return redirect(sheet.get_absolute_url())


def _confirm_publishing(request, sheet):
    """Publishing confirms first (the safeguarding guard still checks when it is confirmed)."""
    if not request.user.has_perm("practices.publish_sheet", sheet):
        raise PermissionDenied
    return confirmation(
        request,
        sheet.network,
        title=_("Publish “%(title)s”?") % {"title": sheet.title},
        what=[
            _(
                "Anyone will read it, download it and find it on the network's public "
                "pages, with the name of %(organisation)s."
            )
            % {"organisation": sheet.organisation.name}
        ],
        fields=[("state", SheetState.PUBLISHED)],
        button=_("Publish the sheet"),
        cancel=sheet.get_absolute_url(),
    )


@require_POST
def sheet_peers(request, network, slug):
    sheet = get_sheet(request, network, slug, "practices.change_sheet")
    domain.set_open_to_peers(sheet, by=request.user, value=request.POST.get("open") == "1")
    return redirect(sheet.get_absolute_url())


@require_POST
@sent_once
def sheet_suggest(request, network, slug):
    sheet = get_sheet(request, network, slug, "practices.suggest_sheet")
    form = SuggestionForm(request.POST, sheet=sheet)
    if form.is_valid():
        try:
            domain.suggest(sheet, by=request.user, **form.cleaned_data)
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Suggestion sent."))
    else:
        messages.error(request, _("The suggestion is incomplete."))
    return redirect(sheet.get_absolute_url())


@require_POST
def suggestion_decide(request, network, slug, pk):
    sheet = get_sheet(request, network, slug, "practices.decide_suggestions_sheet")
    suggestion = get_object_or_404(Suggestion, sheet=sheet, pk=pk)
    if request.POST.get("action") == "accept":
        try:
            saved, _outdated = domain.accept(suggestion, by=request.user)
        except domain.Outdated:
            messages.error(
                request,
                _(
                    "This suggestion is outdated: the text changed since. "
                    "Apply it by hand or reject it."
                ),
            )
        else:
            if saved.version:
                messages.success(
                    request, _("Accepted: version %(n)s.") % {"n": saved.version.number}
                )
            else:
                messages.info(request, _("Nothing changed."))
    else:
        domain.reject(suggestion, by=request.user, reason=request.POST.get("reason", ""))
        messages.success(request, _("Suggestion rejected."))
    target = "practices:edit" if request.POST.get("next") == "edit" else "practices:detail"
    return redirect(target, sheet.network.slug, sheet.slug)


@require_POST
def suggestions_all(request, network, slug):
    sheet = get_sheet(request, network, slug, "practices.decide_suggestions_sheet")
    if request.POST.get("action") == "accept":
        saved, outdated = domain.accept_all(sheet, by=request.user)
        if saved.version:
            messages.success(request, _("Accepted: version %(n)s.") % {"n": saved.version.number})
        if outdated:
            messages.warning(
                request,
                ngettext(
                    "%(n)s outdated suggestion was left open.",
                    "%(n)s outdated suggestions were left open.",
                    len(outdated),
                )
                % {"n": len(outdated)},
            )
    else:
        rejected = domain.reject_all(sheet, by=request.user, reason=request.POST.get("reason", ""))
        messages.success(
            request,
            ngettext("%(n)s suggestion rejected.", "%(n)s suggestions rejected.", len(rejected))
            % {"n": len(rejected)},
        )
    return redirect(sheet.get_absolute_url())


@require_POST
@sent_once
def sheet_comment(request, network, slug):
    sheet = get_sheet(request, network, slug, "practices.suggest_sheet")
    form = CommentForm(request.POST)
    if form.is_valid():
        parent = None
        if form.cleaned_data["parent"]:
            parent = get_object_or_404(Comment, sheet=sheet, pk=form.cleaned_data["parent"])
        domain.add_comment(
            sheet,
            by=request.user,
            text=form.cleaned_data["text"],
            parent=parent,
            field=form.cleaned_data["field"] or "",
            passage=form.cleaned_data["passage"] or "",
        )
    else:
        messages.error(request, _("Write a comment first."))
    return redirect(sheet.get_absolute_url())


@require_POST
def comment_resolve(request, network, slug, pk):
    sheet = get_sheet(request, network, slug, "practices.suggest_sheet")
    comment = get_object_or_404(Comment, sheet=sheet, pk=pk, parent=None)
    if not (
        comment.author_id == request.user.pk
        or request.user.has_perm("practices.change_sheet", sheet)
    ):
        raise PermissionDenied
    domain.resolve_comment(comment, by=request.user, resolved=request.POST.get("resolved") != "0")
    return redirect(sheet.get_absolute_url())


@require_safe
def sheet_versions(request, network, slug):
    sheet = get_sheet(request, network, slug, "practices.suggest_sheet")
    versions = list(sheet.versions.select_related("author").order_by("-number"))
    numbers = {v.number: v for v in versions}
    rows = None
    a = b = None
    if versions:
        try:
            b = numbers.get(int(request.GET.get("b", versions[0].number)))
            a = numbers.get(int(request.GET.get("a", versions[min(1, len(versions) - 1)].number)))
        except ValueError:
            raise Http404 from None
        if a is None or b is None:
            raise Http404
        rows = compare(sheet.specs, a.content, b.content)
    return render(
        request,
        "practices/versions.html",
        {
            "network": sheet.network,
            "sheet": sheet,
            "versions": versions,
            "a": a,
            "b": b,
            "rows": rows,
            "labels": {spec.key: spec.label for spec in sheet.specs},
            "may_edit": request.user.has_perm("practices.change_sheet", sheet),
        },
    )


@require_POST
def version_restore(request, network, slug, number):
    sheet = get_sheet(request, network, slug, "practices.change_sheet")
    version = get_object_or_404(sheet.versions, number=number)
    try:
        revision = int(request.POST.get("revision", sheet.revision))
        saved = domain.restore(sheet, version, by=request.user, base_revision=revision)
    except (ValueError, domain.Conflict):
        messages.error(request, _("The sheet changed meanwhile; look at it again first."))
    else:
        if saved.version:
            messages.success(
                request,
                _("Version %(old)s restored as version %(n)s.")
                % {"old": number, "n": saved.version.number},
            )
        if saved.validation_reset:
            messages.warning(request, _("The validation is reset."))
    return redirect("practices:versions", sheet.network.slug, sheet.slug)


@require_POST
@sent_once
def sheet_photo(request, network, slug):
    sheet = get_sheet(request, network, slug, "practices.change_sheet")
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            clean = clean_image(form.cleaned_data["image"])
        except UploadRefused as exc:
            messages.error(request, exc.messages[0])
        else:
            name = store_image(clean, default_storage, "sheets")
            data = {k: v for k, v in form.cleaned_data.items() if k != "image"}
            photo = SheetPhoto.objects.create(
                sheet=sheet, image=name, width=clean.width, height=clean.height, **data
            )
            record(
                Verb.CREATE,
                photo,
                by=request.user,
                network=sheet.network,
                organisation=sheet.organisation,
            )
            messages.success(request, _("Photo added."))
    else:
        messages.error(request, _("Choose a photo and say whether there is consent."))
    return redirect(sheet.get_absolute_url())


@require_POST
def sheet_consent(request, network, slug):
    sheet = get_sheet(request, network, slug, "practices.change_sheet")
    form = QuoteConsentForm(request.POST)
    if form.is_valid():
        for key, value in form.cleaned_data.items():
            setattr(sheet, key, value)
        sheet.save(update_fields=list(form.cleaned_data))
        record(Verb.CHANGE, sheet, by=request.user, data={"quote_consent": sheet.consent_scope})
        messages.success(request, _("Consent recorded."))
    return redirect(sheet.get_absolute_url())


@require_POST
def sheet_sources(request, network, slug):
    """The documents of the library a sheet rests on."""
    sheet = get_sheet(request, network, slug, "practices.change_sheet")
    chosen = Document.objects.filter(
        network=sheet.network, pk__in=request.POST.getlist("documents")
    )
    sheet.documents.set(chosen)
    record(Verb.CHANGE, sheet, by=request.user, data={"sources": [d.pk for d in chosen]})
    messages.success(request, _("Sources saved."))
    return redirect(sheet.get_absolute_url())


@require_POST
@sent_once
def sheet_translate(request, network, slug):
    sheet = get_sheet(request, network, slug, "practices.change_sheet")
    language = request.POST.get("language", "")
    if language not in sheet.network.language_codes:
        messages.error(request, _("Choose one of the network's languages."))
        return redirect(sheet.get_absolute_url())
    translation = domain.add_translation(sheet, by=request.user, language=language)
    return redirect("practices:edit", sheet.network.slug, translation.slug)


def sheet_edition(request, sheet):
    """The sheet to print for ?language=CODE, with its labels' language and the note it
    carries: the sheet's validated or published copy in that language when there is one the
    reader may see, else the original, saying so. A code that is none of the network's
    languages is a 404 (no such edition)."""
    from carnet.lib.languages import language_name

    code = request.GET.get("language", "").strip()
    if not code:
        return sheet, None, None
    original = sheet.translation_of or sheet
    if code not in {*sheet.network.language_codes, original.language}:
        raise Http404(_("This sheet has no edition in that language."))
    if original.pk != sheet.pk and not request.user.has_perm("practices.view_sheet", original):
        original = sheet  # a reader of the copy only: the copy is their original
    copy = editions.reviewed_copy(original, code) if sheet.language != code else sheet
    if copy is not None and request.user.has_perm("practices.view_sheet", copy):
        return copy, code, None
    with override(code):  # the note in the edition's language
        note = _(
            "This sheet has no reviewed %(language)s translation yet: it is shown in "
            "%(original)s, the language it was written in."
        ) % {"language": language_name(code), "original": language_name(original.language)}
    return original, code, note


@require_safe
def sheet_pdf(request, network, slug):
    sheet = get_sheet(request, network, slug)
    sheet, language, note = sheet_edition(request, sheet)
    internal = request.user.has_perm("networks.view_internal_network", sheet.network)
    data = outputs.sheet_pdf(sheet, internal=internal, language=language, note=note)
    if request.user.is_authenticated:
        record(Verb.EXPORT, sheet, by=request.user, data={"format": "pdf"})
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{sheet.slug}.pdf"'
    return response


@require_safe
def sheet_docx(request, network, slug):
    sheet = get_sheet(request, network, slug)
    sheet, language, note = sheet_edition(request, sheet)
    internal = request.user.has_perm("networks.view_internal_network", sheet.network)
    data = outputs.sheet_docx(sheet, internal=internal, language=language, note=note)
    if request.user.is_authenticated:
        record(Verb.EXPORT, sheet, by=request.user, data={"format": "docx"})
    response = HttpResponse(
        data,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{sheet.slug}.docx"'
    return response
