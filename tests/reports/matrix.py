from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile

from carnet.reports import domain
from carnet.reports.enums import BuildStatus, ChapterKind
from carnet.reports.models import Report, ReportVersion

from ..matrix import Route, network_kwargs

MEMBERS_READ = {"anonymous": (302, 302, 404), "nina": 200, "*": (200, 200, 404)}
# The published version (pa, pb): anyone reads it; its review is over (no round: 404).
PUBLIC_VERSION = {"anonymous": (302, 302, 404, 200, 200), "nina": 200, "*": (200, 200, 404)}


def no_round(table):
    """The published version's review is over: who may answer finds no round (404)."""

    def extend(value):
        a, b, c = value if isinstance(value, tuple) else (value,) * 3
        return (a, b, c, *(403 if s == 403 else 404 for s in (a, b)))

    return {p: v if p == "anonymous" else extend(v) for p, v in table.items()}


ORGANISERS = {
    "anonymous": (302, 302, 404),
    "claire": (302, 302, 404),
    "farid": (302, 302, 404),
    "nina": 403,
    "*": (403, 403, 404),
}
ORGANISERS_FORM = {**ORGANISERS, "claire": (200, 200, 404), "farid": (200, 200, 404)}
# Nina answers for A in the other network (A is a member there), not in euromed.
ANSWERERS = {
    **ORGANISERS,
    "ana": (302, 302, 404),
    "bora": (302, 302, 404),
    "nina": (403, 403, 302),
}


def build(world):
    for key, network in (("a", world["network"]["a"]), ("c", world["network"]["c"])):
        report = Report.objects.create(network=network, title=f"Report {key}")
        chapter = domain.add_chapter(
            report, by=None, kind=ChapterKind.TEXT, title="Intro", body="Text."
        )
        # A ready version without typesetting: this matrix checks access, not rendering.
        version = ReportVersion.objects.create(
            report=report,
            number=1,
            status=BuildStatus.READY,
            content=domain.compose(report),
            content_hash="0" * 64,
        )
        version.pdf.save("v1.pdf", ContentFile(b"%PDF-1.7 matrix"))
        domain.send_for_review(version, by=None)
        world.setdefault("report_chapter", {})[key] = chapter
        world.setdefault("report_version", {})[key] = version
    for name in ("report_chapter", "report_version"):
        world[name]["b"] = world[name]["a"]
    # A later version of euromed's report, published: its page is public, its review is not.
    first = world["report_version"]["a"]
    published = ReportVersion.objects.create(
        report=first.report,
        number=2,
        status=BuildStatus.READY,
        content=first.content,
        content_hash="1" * 64,
        is_published=True,
    )
    published.pdf.save("v2.pdf", ContentFile(b"%PDF-1.7 matrix"))
    world["report_version"]["pa"] = world["report_version"]["pb"] = published
    from carnet.capitalisation.models import Video

    world["report_video"] = {
        key: Video.objects.create(
            network=world["network"][key], organisation=world["organisation"][key], title=key
        )
        for key in ("a", "b", "c")
    }


def chapter_kwargs(chapter):
    return {"network": chapter.network.slug, "pk": chapter.pk}


def fresh_chapter_kwargs(chapter):
    fresh = domain.add_chapter(chapter.report, by=None, kind=ChapterKind.TEXT, title="Spare")
    return chapter_kwargs(fresh)


def version_kwargs(version):
    return {"network": version.network.slug, "number": version.number}


def item_kwargs(item):
    content_type = ContentType.objects.get_for_model(item)
    return {"network": item.network.slug, "content_type": content_type.pk, "object_id": item.pk}


ROUTES = [
    Route(
        "reports:compose",
        kwargs=network_kwargs,
        get={"anonymous": (302, 302, 404), "nina": 200, "*": (200, 200, 404)},
        note="anonymous: sent to the published version (404 while none is)",
    ),
    Route("reports:create", kwargs=network_kwargs, post=ORGANISERS),
    Route("reports:preview", kwargs=network_kwargs, get=MEMBERS_READ),
    Route("reports:build", kwargs=network_kwargs, post=ORGANISERS),
    Route("reports:chapter_add", kwargs=network_kwargs, post=ORGANISERS_FORM),
    Route(
        "reports:chapter_edit",
        target="report_chapter",
        kwargs=chapter_kwargs,
        get=MEMBERS_READ,
        post=ORGANISERS_FORM,
    ),
    Route("reports:chapter_move", target="report_chapter", kwargs=chapter_kwargs, post=ORGANISERS),
    Route(
        "reports:chapter_delete",
        target="report_chapter",
        kwargs=fresh_chapter_kwargs,
        get=ORGANISERS_FORM,
        post=ORGANISERS,
    ),
    Route("reports:version", target="report_version", kwargs=version_kwargs, get=PUBLIC_VERSION),
    Route(
        "reports:version_file",
        target="report_version",
        kwargs=lambda v: {**version_kwargs(v), "fmt": "pdf"},
        get=PUBLIC_VERSION,
    ),
    Route(
        "reports:send",
        target="report_version",
        kwargs=version_kwargs,
        get=ORGANISERS_FORM,
        post=ORGANISERS,
    ),
    Route(
        "reports:feedback", target="report_version", kwargs=version_kwargs, post=no_round(ANSWERERS)
    ),
    Route(
        "reports:decide", target="report_version", kwargs=version_kwargs, post=no_round(ANSWERERS)
    ),
    Route(
        "reports:remind", target="report_version", kwargs=version_kwargs, post=no_round(ORGANISERS)
    ),
    Route(
        "reports:publish",
        target="report_version",
        kwargs=version_kwargs,
        get={**ORGANISERS_FORM, "farid": (403, 403, 404)},
        post={**ORGANISERS, "farid": (403, 403, 404)},
    ),
    Route("reports:validations", kwargs=network_kwargs, get=MEMBERS_READ),
    # Asking the partners to validate their sheets and images: the organisers.
    Route("reports:validation_round", kwargs=network_kwargs, get=ORGANISERS_FORM, post=ORGANISERS),
    Route(
        "reports:validate_item",
        target="report_video",
        kwargs=item_kwargs,
        post={
            "anonymous": (302, 302, 404),
            "ana": (302, 404, 404),
            "bora": (404, 302, 404),
            "nina": (403, 403, 404),  # a viewer here; in the other network, no item shows A
            "*": (403, 403, 404),
        },
        note="a partner editor answers for the items that show their own organisation",
    ),
]
