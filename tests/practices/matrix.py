"""Sheets in the matrix: a submitted sheet of each organisation, not opened to peers.

Its organisation's partner editor and the organisers see it; another
organisation's editor and the viewer do not (404); anonymous visitors are
sent to log in; the other network stays unknown (404).
"""

from carnet.accounts.models import User
from carnet.practices.domain import add_comment, set_state, suggest

from ..matrix import Route, network_kwargs
from .factories import make_sheet

OWN = {
    "anonymous": (302, 302, 404),
    "claire": (200, 200, 404),
    "farid": (200, 200, 404),
    "ana": (200, 404, 404),
    "bora": (404, 200, 404),
    "vera": 404,
    "nina": 404,  # partner editor of A in the other network: neither A's sheet here nor C's
}


def statuses(ok):
    return {persona: tuple(ok if s == 200 else s for s in v) if isinstance(v, tuple) else v
            for persona, v in OWN.items()}  # fmt: skip


REDIRECTS = statuses(302)
# Only the owner organisation accepts or rejects suggestions on its sheet: organisers suggest.
DECIDE = {**REDIRECTS, "claire": (403, 403, 404), "farid": (403, 403, 404)}


def published(table, *, read=False):
    """The statuses with those of the published sheets pa, pb: anyone reads them (read);
    whoever may not do the action on a sheet they now see gets 403 instead of 404."""

    def extend(value):
        a, b, c = value if isinstance(value, tuple) else (value,) * 3
        after = [200 if read else (403 if status == 404 else status) for status in (a, b)]
        return (a, b, c, *after)

    return {persona: extend(value) for persona, value in table.items()}


CREATE = {
    "anonymous": (302, 302, 404),
    "vera": (403, 403, 404),
    "nina": (403, 403, 200),  # a viewer here, a partner editor there
    "*": (200, 200, 404),
}

ORGANISERS = {
    "anonymous": (302, 302, 404),
    "claire": (200, 200, 404),
    "farid": (200, 200, 404),
    "nina": 403,
    "*": (403, 403, 404),
}


def sheet_kwargs(sheet):
    return {"network": sheet.network.slug, "slug": sheet.slug}


def child_kwargs(obj):
    return {**sheet_kwargs(obj.sheet), "pk": obj.pk}


def version_kwargs(version):
    return {**sheet_kwargs(version.sheet), "number": version.number}


def build(world):
    sheets, suggestions, comments, versions = {}, {}, {}, {}
    owners = {"a": ("ana", "org_a"), "b": ("bora", "org_b"), "c": ("oscar", "org_c")}
    for target, (person, _org) in owners.items():
        user = world.get(person) or User.objects.get(username=person)
        sheet = make_sheet(
            network=world["network"][target],
            organisation=world["organisation"][target],
            by=user,
            title=f"Sheet {target}",
        )
        set_state(sheet, "submitted", by=user)
        reviewer = world["claire"] if target != "c" else user
        sheets[target] = sheet
        suggestions[target] = suggest(
            sheet, by=reviewer, field="summary", replacement="Shorter.", comment="Tighter?"
        )
        comments[target] = add_comment(sheet, by=reviewer, text="Nice work.")
        versions[target] = sheet.versions.get(number=1)
    for target in ("pa", "pb"):
        # Published as the workflow leaves it (the workflow itself is tested in test_domain).
        owner = world["ana" if target == "pa" else "bora"]
        sheet = make_sheet(
            network=world["network"]["a"],
            organisation=world["organisation"][target[1]],
            by=owner,
            title=f"Published sheet {target}",
        )
        type(sheet).objects.filter(pk=sheet.pk).update(state="published")
        sheet.refresh_from_db()
        sheets[target] = sheet
        suggestions[target] = suggest(
            sheet, by=world["claire"], field="summary", replacement="Shorter.", comment="Draft?"
        )
        comments[target] = add_comment(sheet, by=world["claire"], text="Internal remark.")
        versions[target] = sheet.versions.get(number=1)
    world.update(sheet=sheets, suggestion=suggestions, comment=comments, version=versions)


ROUTES = [
    Route("practices:list", kwargs=network_kwargs, get={"nina": 200, "*": (200, 200, 404)}),
    Route("practices:new", kwargs=network_kwargs, get=CREATE, post=CREATE),
    Route("practices:import", kwargs=network_kwargs, get=CREATE, post=CREATE),
    Route("practices:template", kwargs=network_kwargs, get=ORGANISERS, post=ORGANISERS),
    Route("practices:detail", target="sheet", kwargs=sheet_kwargs, get=published(OWN, read=True)),
    Route(
        "practices:edit",
        target="sheet",
        kwargs=sheet_kwargs,
        get=published(OWN),
        post=published(OWN),
    ),
    Route("practices:preview", target="sheet", kwargs=sheet_kwargs, post=published(OWN)),
    Route("practices:state", target="sheet", kwargs=sheet_kwargs, post=published(statuses(403))),
    Route("practices:peers", target="sheet", kwargs=sheet_kwargs, post=published(REDIRECTS)),
    Route("practices:suggest", target="sheet", kwargs=sheet_kwargs, post=published(REDIRECTS)),
    Route("practices:suggestions_all", target="sheet", kwargs=sheet_kwargs, post=published(DECIDE)),
    Route("practices:suggestion", target="suggestion", kwargs=child_kwargs, post=published(DECIDE)),
    Route("practices:comment", target="sheet", kwargs=sheet_kwargs, post=published(REDIRECTS)),
    Route("practices:resolve", target="comment", kwargs=child_kwargs, post=published(REDIRECTS)),
    Route("practices:versions", target="sheet", kwargs=sheet_kwargs, get=published(OWN)),
    Route("practices:restore", target="version", kwargs=version_kwargs, post=published(REDIRECTS)),
    Route("practices:photo", target="sheet", kwargs=sheet_kwargs, post=published(REDIRECTS)),
    Route("practices:consent", target="sheet", kwargs=sheet_kwargs, post=published(REDIRECTS)),
    Route("practices:translate", target="sheet", kwargs=sheet_kwargs, post=published(REDIRECTS)),
    Route("practices:sources", target="sheet", kwargs=sheet_kwargs, post=published(REDIRECTS)),
    Route("practices:pdf", target="sheet", kwargs=sheet_kwargs, get=published(OWN, read=True)),
    Route("practices:docx", target="sheet", kwargs=sheet_kwargs, get=published(OWN, read=True)),
]
