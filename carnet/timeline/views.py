import json

from csp.decorators import csp_replace
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from carnet.accounts.access import fetch
from carnet.accounts.domain import record
from carnet.accounts.enums import Verb
from carnet.lib import machine_translation
from carnet.lib.confirm import confirmation, confirmed
from carnet.lib.formtokens import sent_once
from carnet.lib.spreadsheets import for_excel
from carnet.lib.webvtt import SubtitlesForm
from carnet.lib.workflow import MoveForbidden
from carnet.networks.access import network_for
from carnet.safeguarding.domain import flags_for
from carnet.translations.domain import localise

from . import domain, embedding, interop, standalone
from . import sources as timeline_sources
from .enums import MediaKind, MilestoneState, SourceKind, SourceStatus
from .forms import (
    EraForm,
    ImportForm,
    MergeForm,
    MilestoneForm,
    MomentMediaForm,
    SourceForm,
    StateForm,
    TranslationForm,
    VoteForm,
    VoteRoundForm,
)
from .models import Era, Milestone, MilestoneTranslation, TimelineSource


def _milestones(network):
    return Milestone.objects.filter(network=network)


def reader_language(request, network):
    """The content language: ?lang=, else the interface language if translated, else English."""
    available = domain.content_languages(network)
    asked = request.GET.get("lang", "")
    if asked in available:
        return asked, available
    current = (translation.get_language() or "en").split("-")[0]
    return (current if current in available else "en"), available


def _filter_options(network, language, events):
    """The organisations, tags and eras the timeline's filters offer, in that language."""
    organisations = sorted(
        {org.pk: org for event in events for org in event.organisations}.values(), key=str
    )
    tags = sorted({tag for event in events for tag in event.tags}, key=str.lower)
    eras = localise(Era.objects.filter(network=network), language, ["name"], network=network)
    return organisations, tags, eras


def _timeline_context(request, network, language, available):
    events = domain.public_events(network, language)
    organisations, tags, eras = _filter_options(network, language, events)
    chosen = _chosen(request)
    # A value the filters do not offer (a made-up address, a tag of another language) is
    # ignored rather than showing an empty timeline.
    offered = embedding.offered(organisations, tags, eras)
    for name, values in offered.items():
        if chosen[name] not in values:
            chosen[name] = ""
    shown = [
        event
        for event in events
        if (
            not chosen["organisation"]
            or chosen["organisation"] in {str(o.pk) for o in event.organisations}
        )
        and (not chosen["tag"] or chosen["tag"] in event.tags)
        and (not chosen["era"] or (event.era and str(event.era.pk) == chosen["era"]))
    ]
    if chosen["q"]:
        shown = domain.search(shown, chosen["q"])
    return {
        "network": network,
        "events": shown,
        "total": len(events),
        "organisations": organisations,
        "tags": tags,
        "eras": eras,
        "chosen": chosen,
        "filtered": any(chosen.values()),
        "content_language": domain.language_info(language),
        "content_languages": [domain.language_info(code) for code in available],
    }


def _chosen(request):
    """The filters and the search of the list without JavaScript (?q= is the search)."""
    chosen = {name: request.GET.get(name, "") for name in ("organisation", "tag", "era")}
    chosen["q"] = " ".join(request.GET.get("q", "").split())[:200]
    return chosen


def _timeline(request, network, *, keep=""):
    """The page context with `timeline`: the moments' part of the page, rendered once.

    That part is the same for every reader (it shows published moments only, and nothing
    of the person reading: no CSRF token, no name), so it is cached per network, content
    language and interface language until the network's published state changes.
    Filtered lists (the form without JavaScript) are rendered each time, so that made-up
    filter values cannot fill the cache.
    External media show as click-to-load cards; `?load=<slug>` (the card's link) frames
    that moment's media instead: that page is rendered each time too, and `frame_origin`
    says the one host its CSP must let it frame (see `_with_loaded_media`).
    `keep` (the embed's `theme=dark`) stays in the fragment's own links and form.
    """
    language, available = reader_language(request, network)
    loaded = request.GET.get("load", "")
    frame_origin = ""

    def build():
        nonlocal frame_origin
        context = _timeline_context(request, network, language, available)
        context["media_cards"] = True
        context["keep"] = keep
        if loaded:
            context["loaded"] = loaded
            external = next((e.external for e in context["events"] if e.slug == loaded), None)
            frame_origin = external.origin if external else ""
        return render_to_string("timeline/_timeline.html", context)

    if loaded or any(_chosen(request).values()):
        html = build()
    else:
        interface = translation.get_language() or ""
        key = [language, available, interface, keep] if keep else [language, available, interface]
        html = domain.cached_text(network, "fragment", key, build)
    return {
        "network": network,
        "timeline": mark_safe(html),  # noqa: S308 - rendered by our template above
        "content_language": domain.language_info(language),
        "frame_origin": frame_origin,
    }


def _with_loaded_media(response, context):
    """The page with one media loaded after the reader's click: its CSP frames that one host.

    Only this response carries the relaxed policy; it is never stored by a cache, and the
    page without `?load=` (the one cached) keeps the site's policy.
    """
    if context["frame_origin"]:
        response._csp_update = {"frame-src": [context["frame_origin"]]}
        add_never_cache_headers(response)
    return response


@require_safe
def public(request, network):
    network = network_for(request, network)
    context = _timeline(request, network)
    context["can_organise"] = request.user.has_perm("timeline.organise", network)
    context["can_propose"] = request.user.has_perm("timeline.propose", network)
    context["can_vote"] = request.user.has_perm("timeline.vote", network)
    context["vote_round"] = domain.open_round(network) if context["can_vote"] else None
    return _with_loaded_media(render(request, "timeline/public.html", context), context)


@require_safe
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def embed(request, network):
    """The timeline for iframes on partners' websites: the only page that may be framed.

    It honours the embed builder's settings: `lang` (also the language of its buttons when
    Carnet speaks it), the filters, `start` (the moment shown first) and `theme`. A value
    it does not know is ignored (the builder says so).
    """
    network = network_for(request, network)
    start = request.GET.get("start", "")
    if start and not _milestones(network).published().filter(slug=start).exists():
        start = ""
    language, _available = reader_language(request, network)
    asked = request.GET.get("lang", "")
    interface = embedding.interface_language(language if asked == language else "")
    with translation.override(interface or translation.get_language()):
        theme = embedding.theme(request.GET.get("theme", ""))
        context = _timeline(request, network, keep="theme=dark" if theme == "dark" else "")
        context["theme"] = theme
        context["start"] = start
        response = render(request, "timeline/embed.html", context)
        response["Content-Language"] = translation.get_language()
    return _with_loaded_media(response, context)


@require_safe
def embed_builder(request, network):
    """The embed builder: a form (GET) that sets the embed's settings, its snippet, a preview."""
    network = network_for(request, network)
    language, available = reader_language(request, network)
    events = domain.public_events(network, language)
    organisations, tags, eras = _filter_options(network, language, events)
    settings, notes = embedding.read(
        request.GET,
        languages=available,
        offered=embedding.offered(organisations, tags, eras),
        moments={event.slug: event.title for event in events},
    )
    src = request.build_absolute_uri(reverse("timeline:embed", args=[network.slug]))
    src += settings.query()
    interface = embedding.interface_language(settings.lang)
    with translation.override(interface or translation.get_language()):
        title = _("Timeline of %(name)s") % {"name": network.name}
    context = {
        "network": network,
        "settings": settings,
        "notes": notes,
        "heights": embedding.HEIGHTS,
        "content_languages": [domain.language_info(code) for code in available],
        "organisations": organisations,
        "tags": tags,
        "eras": eras,
        "events": events,
        "src": src,
        "title": title,
        "snippet": embedding.snippet(src, title=title, height=settings.height),
    }
    return render(request, "timeline/embed_builder.html", context)


@require_safe
def timeline_json(request, network):
    network = network_for(request, network)
    base_url = request.build_absolute_uri("/")

    def build():
        data = interop.export_json(network, base_url=base_url)
        return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)

    text = domain.cached_text(network, "json", [base_url], build)
    response = HttpResponse(text, content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def timeline_csv(request, network):
    network = network_for(request, network)
    text = interop.export_csv(network, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(for_excel(text), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{network.slug}-timeline.csv"'
    return response


@require_safe
def download(request, network):
    """The standalone HTML file: opens from disk with no network."""
    network = network_for(request, network)
    language, _available = reader_language(request, network)
    html = standalone.build(network, language=language, by=request.user)
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{network.slug}-timeline.html"'
    return response


# ---------------------------------------------------------------- participation


@require_safe
def moments(request, network):
    network = network_for(request, network, perm="networks.view_internal_network")
    user = request.user
    items = list(
        _milestones(network)
        .on_timeline()
        .select_related("organisation", "proposed_by", "era")
        .prefetch_related("votes")
    )
    organisation = user.organisation_in(network) if user.is_authenticated else None
    shown = domain.latest_round(network)
    current = shown if shown is not None and shown.is_open() else None
    my_votes = domain.votes_of(organisation, network, shown) if organisation else {}
    # Once the network has had a vote round, votes are taken in an open round only.
    can_vote = user.has_perm("timeline.vote", network) and (shown is None or current is not None)
    for item in items:
        item.my_vote = my_votes.get(item.pk, 0)
        item.points = sum(
            v.weight for v in item.votes.all() if shown is None or v.round_id == shown.pk
        )
        item.vote_form = VoteForm(initial={"weight": item.my_vote}, prefix=item.slug)
    can_organise = user.has_perm("timeline.organise", network)
    for item in items:  # a proposal may be merged into any other moment, from this page
        mergeable = can_organise and item.state == MilestoneState.PROPOSED
        item.merge_into = [other for other in items if other.pk != item.pk] if mergeable else []
    return render(
        request,
        "timeline/moments.html",
        {
            "network": network,
            "moments": items,
            "round": shown,
            "round_open": current is not None,
            "my_count": len([w for w in my_votes.values() if w]),
            "organisation": organisation,
            "can_vote": can_vote,
            "can_propose": user.has_perm("timeline.propose", network),
            "can_organise": can_organise,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@sent_once
def propose(request, network):
    network = network_for(request, network, perm="timeline.propose")
    form = MilestoneForm(
        request.POST or None,
        request.FILES or None,
        network=network,
        instance=Milestone(network=network),
    )
    if request.method == "POST" and form.is_valid():
        milestone = form.save(commit=False)
        domain.propose(milestone, by=request.user, organisations=form.cleaned_data["organisations"])
        milestone.documents.set(form.cleaned_data["documents"])
        messages.success(request, _("Thank you: your moment is proposed."))
        return redirect(milestone)
    return render(
        request, "timeline/form.html", {"network": network, "form": form, "creating": True}
    )


def _moment(request, network, slug, perm=None):
    network = network_for(request, network)
    return network, fetch(request, _milestones(network), perm, slug=slug)


@require_safe
def moment(request, network, slug):
    """A moment's internal page (proposers, votes, merged proposals, sources, flags).

    Public readers (anonymous, outsiders) of a published moment get its public view only:
    they are sent to the moment on the public timeline.
    """
    network, milestone = _moment(request, network, slug)
    user = request.user
    if not user.has_perm("networks.view_internal_network", network):
        return redirect(milestone.get_public_url())
    context = {
        "network": network,
        "milestone": milestone,
        "proposers": domain.proposers(milestone),
        "votes": milestone.votes.select_related("organisation"),
        "translations": milestone.translations.all(),
        "other_languages": [code for code in network.language_codes if code != "en"],
        "can_change": user.has_perm("timeline.change_milestone", milestone),
        "can_organise": user.has_perm("timeline.organise", network),
        "can_publish": user.has_perm("timeline.publish", network),
        "can_vote": user.has_perm("timeline.vote", network),
        "moves": domain.allowed_moves(milestone, user),
        "flags": flags_for(milestone) if user.has_perm("timeline.publish", network) else [],
        "start_label": domain.date_label(milestone, translation.get_language() or "en"),
    }
    if context["can_vote"] and user.organisation_id_in(network):
        mine = milestone.votes.filter(organisation_id=user.organisation_id_in(network)).first()
        context["vote_form"] = VoteForm(
            initial={"weight": mine.weight if mine else 0}, prefix=milestone.slug
        )
    if context["can_organise"] and milestone.state != MilestoneState.MERGED:
        context["merge_form"] = MergeForm(milestone=milestone)
    return render(request, "timeline/moment.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, network, slug):
    network, milestone = _moment(request, network, slug, "timeline.change_milestone")
    form = MilestoneForm(
        request.POST or None, request.FILES or None, network=network, instance=milestone
    )
    if request.method == "POST" and form.is_valid():
        milestone = form.save()
        domain.save_changes(milestone, by=request.user, fields=form.changed_data)
        messages.success(request, _("The moment is saved."))
        return redirect(milestone)
    return render(
        request, "timeline/form.html", {"network": network, "form": form, "milestone": milestone}
    )


@require_http_methods(["GET", "HEAD", "POST"])
def media(request, network, slug):
    """A moment's media: the list, a form to add one (sound, video, PDF, quotation, a video of
    the network), subtitles in one more language for a sound or a video, and a button to
    remove each media and each subtitles. For those who may edit the moment."""
    network, milestone = _moment(request, network, slug, "timeline.change_milestone")
    form = MomentMediaForm(milestone=milestone)
    items = list(milestone.media.select_related("video").prefetch_related("tracks"))
    languages = network.language_codes
    for item in items:
        item.subtitles_form = SubtitlesForm(languages=languages, prefix=f"subtitles-{item.pk}")
    if request.method == "POST" and "remove" in request.POST:
        item = _posted(items, request.POST["remove"])
        if item is not None:
            domain.remove_media(item, by=request.user)
        messages.success(request, _("The media is removed."))
        return redirect("timeline:media", network.slug, milestone.slug)
    if request.method == "POST" and "remove_subtitles" in request.POST:
        tracks = [track for item in items for track in item.tracks.all()]
        track = _posted(tracks, request.POST["remove_subtitles"])
        if track is not None:
            domain.remove_subtitles(track, by=request.user)
        messages.success(request, _("The subtitles are removed."))
        return redirect("timeline:media", network.slug, milestone.slug)
    if request.method == "POST" and "subtitles_for" in request.POST:
        item = _posted(items, request.POST["subtitles_for"])
        if item is None or item.kind not in (MediaKind.AUDIO, MediaKind.VIDEO):
            raise Http404
        item.subtitles_form = SubtitlesForm(
            request.POST, request.FILES, languages=languages, prefix=f"subtitles-{item.pk}"
        )
        if item.subtitles_form.is_valid():
            domain.add_subtitles(item, **item.subtitles_form.cleaned_data, by=request.user)
            messages.success(request, _("The subtitles are saved."))
            return redirect("timeline:media", network.slug, milestone.slug)
    elif request.method == "POST":
        form = MomentMediaForm(request.POST, request.FILES, milestone=milestone)
        if form.is_valid():
            domain.add_media(form, by=request.user)
            messages.success(request, _("The media is added."))
            return redirect("timeline:media", network.slug, milestone.slug)
    return render(
        request,
        "timeline/media.html",
        {"network": network, "milestone": milestone, "form": form, "items": items},
    )


def _posted(objects, asked):
    """The object among `objects` whose primary key was posted, or None."""
    return next((obj for obj in objects if str(obj.pk) == asked), None)


@require_http_methods(["GET", "HEAD", "POST"])
def translate(request, network, slug, language):
    network, milestone = _moment(request, network, slug, "timeline.change_milestone")
    if language == "en" or language not in network.language_codes:
        raise Http404
    instance = MilestoneTranslation.objects.filter(milestone=milestone, language=language).first()
    form = TranslationForm(request.POST or None, instance=instance)
    if request.method == "POST" and "draft" in request.POST:
        # Fill the empty fields by machine translation; nothing is saved, what was typed stays.
        form = _machine_draft(request, milestone, language, instance)
    elif request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form._meta.fields}
        draft = form.save_as_draft()
        domain.save_translation(milestone, language, values, by=request.user, machine_draft=draft)
        if draft:
            messages.warning(
                request,
                _(
                    "The translation is saved as a machine draft, not reviewed: readers see "
                    "the English text until someone reviews it."
                ),
            )
        else:
            messages.success(request, _("The translation is saved."))
        return redirect(milestone)
    return render(
        request,
        "timeline/translate.html",
        {
            "network": network,
            "milestone": milestone,
            "form": form,
            "language": domain.language_info(language),
            "machine_translation": machine_translation.enabled(),
        },
    )


def _machine_draft(request, milestone, language, instance):
    """The translation form with its empty fields filled by machine translation; on a failure
    of the service, the form as the person sent it."""
    data = machine_translation.fill_draft(
        request,
        lambda data: domain.draft_translation(milestone, language, data),
        nothing_left=_("No empty field to fill: nothing was machine-translated."),
        drafted=_drafted,
    )
    return TranslationForm(data, instance=instance)


def _drafted(count):
    return ngettext(
        "Machine translation filled %(count)s empty field. Check it, tick “I have reviewed "
        "this translation” and save; until then readers see the English text.",
        "Machine translation filled %(count)s empty fields. Check them, tick “I have "
        "reviewed this translation” and save; until then readers see the English text.",
        count,
    ) % {"count": count}


@require_POST
def vote(request, network, slug):
    network = network_for(request, network, perm="timeline.vote")
    milestone = fetch(request, _milestones(network), slug=slug)
    form = VoteForm(request.POST, prefix=milestone.slug)
    organisation = request.user.organisation_in(network)
    if not form.is_valid() or organisation is None:
        messages.error(request, _("Choose how much the moment matters."))
        return redirect(milestone)
    try:
        domain.vote(
            milestone,
            organisation=organisation,
            weight=form.cleaned_data["weight"],
            by=request.user,
        )
    except domain.TransitionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your organisation's vote is recorded."))
    if request.POST.get("next") == "list":
        return redirect("timeline:moments", network.slug)
    return redirect(milestone)


@require_POST
def set_state(request, network, slug):
    network = network_for(request, network, perm="timeline.organise")
    milestone = fetch(request, _milestones(network), slug=slug)
    form = StateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a state."))
        return redirect(milestone)
    publishing = form.cleaned_data["state"] == MilestoneState.PUBLISHED
    if publishing and not confirmed(request):
        return _confirm_publishing(request, network, milestone)
    try:
        domain.set_state(milestone, form.cleaned_data["state"], by=request.user)
    except MoveForbidden:
        raise  # the rule says no: 403
    except domain.TransitionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("The moment is now “%(state)s”.") % {"state": milestone.get_state_display()}
        )
    return redirect(milestone)


def _confirm_publishing(request, network, milestone):
    """Publishing a moment confirms first (the safeguarding guard still checks after)."""
    if not request.user.has_perm("timeline.publish", milestone):
        raise PermissionDenied
    return confirmation(
        request,
        network,
        title=_("Publish “%(title)s” on the timeline?") % {"title": milestone.title},
        what=[
            _(
                "Anyone will see it on the network's public timeline, on the partners' "
                "websites that embed it and in its downloads."
            )
        ],
        fields=[("state", MilestoneState.PUBLISHED)],
        button=_("Publish the moment"),
        cancel=milestone.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def merge(request, network, slug):
    """GET: what merging will do, to confirm; POST: merge."""
    network = network_for(request, network, perm="timeline.organise")
    milestone = fetch(request, _milestones(network), slug=slug)
    form = MergeForm(request.POST if request.method == "POST" else request.GET, milestone=milestone)
    if not form.is_valid():
        messages.error(request, _("Choose the moment to merge into."))
        return redirect(milestone)
    into = form.cleaned_data["into"]
    if request.method == "GET":
        votes = milestone.votes.count()
        return confirmation(
            request,
            network,
            title=_("Merge “%(duplicate)s” into “%(into)s”?")
            % {"duplicate": milestone.title, "into": into.title},
            what=[
                _("“%(duplicate)s” leaves the proposals; its page leads to “%(into)s”.")
                % {"duplicate": milestone.title, "into": into.title},
                ngettext(
                    "Its %(n)s vote moves to “%(into)s” (where an organisation voted for "
                    "both, its higher vote is kept); its proposers are kept.",
                    "Its %(n)s votes move to “%(into)s” (where an organisation voted for "
                    "both, its higher vote is kept); its proposers are kept.",
                    votes,
                )
                % {"n": votes, "into": into.title},
            ],
            fields=[("into", into.slug)],
            button=_("Merge the moments"),
            cancel=milestone.get_absolute_url(),
        )
    try:
        domain.merge(milestone, into=into, by=request.user)
    except domain.TransitionRefused as exc:
        messages.error(request, str(exc))
        return redirect(milestone)
    messages.success(request, _("Merged: the votes and the proposer are kept."))
    return redirect(into)


@require_safe
def tally(request, network):
    network = network_for(request, network, perm="timeline.organise")
    shown = domain.latest_round(network)
    rows, columns = domain.tallies(network, shown)
    return render(
        request,
        "timeline/tally.html",
        {
            "network": network,
            "rows": rows,
            "columns": columns,
            "round": shown,
            "round_open": shown is not None and shown.is_open(),
            "not_voted": domain.not_voted(shown) if shown is not None else [],
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@sent_once
def open_round(request, network):
    """Open a vote round: its closing date, how many moments to choose, a message."""
    network = network_for(request, network, perm="timeline.organise")
    current = domain.open_round(network)
    scheduled = domain.scheduled_round(network)
    form = VoteRoundForm(request.POST or None)
    if request.method == "POST" and current is None and scheduled is None and form.is_valid():
        try:
            round = domain.start_round(
                network,
                by=request.user,
                opens_on=form.cleaned_data["opens_on"],
                closes_on=form.cleaned_data["closes_on"],
                target=form.cleaned_data["target"],
                message=form.cleaned_data["message"],
            )
        except domain.TransitionRefused as exc:
            form.add_error(None, str(exc))
        else:
            if round.is_scheduled():
                messages.success(
                    request,
                    _(
                        "The vote round is scheduled: every partner editor is told by e-mail "
                        "on %(date)s, when it opens."
                    )
                    % {"date": formats.date_format(round.opens_on, "DATE_FORMAT")},
                )
            else:
                messages.success(
                    request, _("The vote round is open: every partner editor is told by e-mail.")
                )
            return redirect("timeline:tally", network.slug)
    return render(
        request,
        "timeline/round.html",
        {"network": network, "form": form, "current": current, "scheduled": scheduled},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def close_round(request, network):
    """GET: what closing the round now will do, to confirm; POST: close it."""
    network = network_for(request, network, perm="timeline.organise")
    current = domain.open_round(network)
    back = reverse("timeline:tally", args=[network.slug])
    if current is None:
        messages.error(request, _("No vote round is open."))
        return redirect(back)
    if request.method == "POST":
        domain.close_round(current, by=request.user)
        messages.success(request, _("The vote round is closed: its result is kept."))
        return redirect(back)
    late = domain.not_voted(current)
    return confirmation(
        request,
        network,
        title=_("Close the vote round now?"),
        what=[
            _("It was due to close on %(date)s. Nobody can vote after it closes.")
            % {"date": formats.date_format(current.closes_on, "DATE_FORMAT")},
            ngettext(
                "The first %(n)s key moment of the tally is kept as its result, and the "
                "facilitators and coordinators are told.",
                "The first %(n)s key moments of the tally are kept as its result, and the "
                "facilitators and coordinators are told.",
                current.target,
            )
            % {"n": current.target},
        ],
        missing_title=ngettext(
            "%(n)s organisation has not voted:",
            "%(n)s organisations have not voted:",
            len(late),
        )
        % {"n": len(late)},
        missing=[o.name for o in late],
        button=_("Close the round now"),
        cancel=back,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@sent_once
def eras(request, network):
    network = network_for(request, network, perm="timeline.organise")
    form = EraForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        era = form.save(commit=False)
        era.network = network
        era.save()
        record(Verb.CREATE, era, by=request.user)
        messages.success(request, _("The era is added."))
        return redirect("timeline:eras", network.slug)
    return render(
        request,
        "timeline/eras.html",
        {"network": network, "form": form, "eras": Era.objects.filter(network=network)},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@sent_once
def import_view(request, network):
    """A TimelineJS JSON or CSV file becomes a source (the same file name: the same source),
    previewed before anything is saved, like a spreadsheet's."""
    network = network_for(request, network, perm="timeline.organise")
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            source = timeline_sources.add_file(network, form.cleaned_data["file"], by=request.user)
        except interop.ImportFailed as exc:
            problems = [str(p) for p in exc.problems]
        else:
            return redirect(source)
    return render(
        request,
        "timeline/import.html",
        {"network": network, "form": form, "problems": problems},
        status=400 if problems else 200,
    )


# ---------------------------------------------------------------- spreadsheets as a source


def _source_for(request, network, pk):
    network = network_for(request, network, perm="timeline.organise")
    source = fetch(
        request,
        TimelineSource.objects.filter(network=network).select_related("network"),
        perm="timeline.change_timelinesource",
        pk=pk,
    )
    return network, source


@require_http_methods(["GET", "HEAD", "POST"])
@sent_once
def sources_view(request, network):
    network = network_for(request, network, perm="timeline.organise")
    form = SourceForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["file"]:
                source = timeline_sources.add_file(
                    network, form.cleaned_data["file"], by=request.user
                )
            else:
                source = timeline_sources.add_link(
                    network, form.cleaned_data["url"], by=request.user
                )
        except interop.ImportFailed as exc:
            problems = [str(p) for p in exc.problems]
        else:
            return redirect(source)
    return render(
        request,
        "timeline/sources.html",
        {
            "network": network,
            "form": form,
            "problems": problems,
            "sources": [
                timeline_sources.unstall(source)
                for source in TimelineSource.objects.filter(network=network)
            ],
        },
        status=400 if problems else 200,
    )


@require_safe
def source_view(request, network, pk):
    network, source = _source_for(request, network, pk)
    timeline_sources.unstall(source)
    plan, problems = None, []
    if source.status in (SourceStatus.READY, SourceStatus.APPLIED) and source.content:
        try:
            plan = timeline_sources.preview(source)
        except interop.ImportFailed as exc:
            problems = [str(p) for p in exc.problems]
    return render(
        request,
        "timeline/source.html",
        {
            "network": network,
            "source": source,
            "plan": plan,
            "problems": problems,
            "failure": source.problem.splitlines() if source.status == SourceStatus.FAILED else [],
            "not_applied": source.problem if source.status == SourceStatus.READY else "",
        },
    )


@require_POST
@sent_once
def source_fetch(request, network, pk):
    network, source = _source_for(request, network, pk)
    if source.kind != SourceKind.LINK:
        messages.error(request, _("Upload the file again to bring its newer version."))
        return redirect("timeline:sources", network.slug)
    timeline_sources.fetch_again(source)
    record(Verb.CHANGE, source, by=request.user, network=network, data={"fetch": True})
    return redirect(source)


@require_POST
@sent_once
def source_apply(request, network, pk):
    network, source = _source_for(request, network, pk)
    try:
        plan = timeline_sources.confirm(
            source, digest=request.POST.get("digest", ""), by=request.user
        )
    except (timeline_sources.SourceChanged, interop.ImportFailed) as exc:
        messages.error(request, str(exc))
        return redirect(source)
    if plan is None:  # handed to the worker: the page says so
        return redirect(source)
    messages.success(
        request,
        _(
            "Applied: %(created)s created, %(changed)s changed, "
            "%(removed)s removed, %(kept)s kept to withdraw yourself."
        )
        % {
            "created": len(plan.created),
            "changed": len(plan.changed),
            "removed": len(plan.removed),
            "kept": len(plan.kept),
        },
    )
    return redirect(source)
