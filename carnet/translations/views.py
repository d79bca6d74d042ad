from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from carnet.networks.access import network_for
from carnet.timeline import domain as timeline_domain

from . import domain, registry
from .forms import KindForm
from .models import Translation


@require_safe
def status(request, network):
    """Per language: the key moments, and every other kind of published text, translated,
    missing or outdated (with what changed in the reference), and a link to translate."""
    network = network_for(request, network, perm="timeline.organise")
    moments = {item["code"]: item for item in timeline_domain.translation_status(network)}
    languages = [
        {
            **timeline_domain.language_info(item["code"]),
            "kinds": item["kinds"],
            "moments": moments.get(item["code"]),
        }
        for item in domain.status(network)
    ]
    return render(
        request,
        "translations/status.html",
        {
            "network": network,
            "languages": languages,
            "reference": timeline_domain.language_info(domain.reference_language(network)),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def translate(request, network, kind, language):
    """Every text of one kind in one language, the reference text beside each field."""
    network = network_for(request, network, perm="translations.translate")
    kind = registry.kind(kind)
    if kind is None:
        raise Http404(_("There is no such kind of text to translate."))
    if language not in domain.target_languages(network):
        # A clear page (for those who may translate): which languages there are.
        return render(
            request,
            "translations/unknown_language.html",
            {
                "network": network,
                "kind": kind,
                "asked": language[:20],
                "languages": [
                    timeline_domain.language_info(code) for code in domain.target_languages(network)
                ],
                "reference": timeline_domain.language_info(domain.reference_language(network)),
            },
            status=404,
        )
    owners = list(kind.owners(network))
    items = [(obj, kind.texts(obj)) for obj in owners]
    items = [(obj, texts) for obj, texts in items if texts]
    translations = {}
    if owners:
        content_type = ContentType.objects.get_for_model(owners[0])
        translations = {
            (t.object_id, t.field): t
            for t in Translation.objects.filter(
                network=network, language=language, content_type=content_type
            )
        }
    form = KindForm(
        request.POST if request.method == "POST" else None,
        items=items,
        translations=translations,
        language=language,
    )
    if request.method == "POST" and form.is_valid():
        values, sources = form.values()
        changed = domain.save(network, kind, language, values, by=request.user, sources=sources)
        messages.success(
            request,
            ngettext("%(n)s text saved.", "%(n)s texts saved.", changed) % {"n": changed}
            if changed
            else _("Nothing changed."),
        )
        held = domain.held(network, kind, language)
        if held:
            messages.warning(
                request,
                ngettext(
                    "%(n)s translation holds a name, an e-mail address or a phone number: "
                    "readers see the reference text until a coordinator checks it on the "
                    "safeguarding page.",
                    "%(n)s translations hold a name, an e-mail address or a phone number: readers "
                    "see the reference text until a coordinator checks them on the safeguarding "
                    "page.",
                    len(held),
                )
                % {"n": len(held)},
            )
        return redirect("translations:translate", network.slug, kind.key, language)
    return render(
        request,
        "translations/translate.html",
        {
            "network": network,
            "kind": kind,
            "form": form,
            "items": form.bound_items(kind),
            "language": timeline_domain.language_info(language),
            "reference": timeline_domain.language_info(domain.reference_language(network)),
        },
        status=400 if request.method == "POST" else 200,
    )
