"""Nothing reaches a public page, feed, export or the static site without being declared.

Every text field of every object of a small published network holds a marker of its own;
the public pages (as an anonymous visitor, internal addresses included), timeline.json and
.csv, the standalone timeline, the sheet's DOCX and `carnet site export` are read, and
every marker found there must come from a field that a published object declares in its
public_fields (carnet.safeguarding.public), the texts the sensitive-content check reads.
"""

import io
import itertools
import re
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import models
from django.test import Client

from carnet.accounts.models import User
from carnet.capitalisation.domain import create_exercise
from carnet.networks.enums import ReasonKind
from carnet.networks.models import MembershipReason
from carnet.practices.domain import add_comment, suggest
from carnet.practices.models import SheetPhoto
from carnet.safeguarding.public import public_texts
from carnet.timeline.enums import MilestoneState
from carnet.timeline.models import Vote
from tests.practices.factories import make_sheet
from tests.timeline.factories import EraFactory, MilestoneFactory, TranslationFactory

MARKER = re.compile(r"mkr\d{4}q")
# Codes and machine values, not text for people.
# A category is the key of a term of the network's vocabulary (carnet.vocabulary): pages
# show the term's label, the coordinator's word for the network, not a person's text.
NOT_TEXT = {"slug", "language", "languages", "colour", "password", "username", "email", "category"}
_numbers = itertools.count(1)


def mark(obj):
    """Give every free-text field of obj (and every text of a JSON dict) a marker."""
    for field in obj._meta.concrete_fields:
        if field.name in NOT_TEXT or field.choices or isinstance(field, models.SlugField):
            continue
        if isinstance(field, models.URLField):
            setattr(obj, field.attname, f"https://mkr{next(_numbers):04d}q.example/")
        elif isinstance(field, models.CharField | models.TextField):
            setattr(obj, field.attname, f"mkr{next(_numbers):04d}q")
        elif isinstance(field, models.JSONField) and isinstance(getattr(obj, field.name), dict):
            content = getattr(obj, field.name)
            setattr(obj, field.name, {k: f"mkr{next(_numbers):04d}q" for k in content})
    obj.save()
    return obj


def markers(text):
    return set(MARKER.findall(text))


@pytest.fixture
def published_world(network, org_a, org_b, ana, claire, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    mark(network)
    for organisation in (org_a, org_b):
        mark(organisation)
    mark(ana)
    exercise = mark(create_exercise(network=network, title="x"))
    for phase in exercise.phases.all():
        mark(phase)
    era = mark(EraFactory(network=network))
    moment = MilestoneFactory(
        network=network,
        slug="launch",
        state=MilestoneState.PUBLISHED,
        organisation=org_a,
        proposed_by=ana,
        era=era,
        tags="a, b",
    )
    moment.organisations.set([org_a])
    mark(moment)
    mark(TranslationFactory(milestone=moment, language="fr"))
    Vote.objects.create(milestone=moment, organisation=org_b, weight=3)
    mark(
        MilestoneFactory(
            network=network, slug="dup", state=MilestoneState.MERGED, merged_into=moment
        )
    )
    mark(MilestoneFactory(network=network, slug="proposal", organisation=org_b))
    sheet = make_sheet(network=network, organisation=org_a, by=ana, title="x")
    mark(sheet)
    type(sheet).objects.filter(pk=sheet.pk).update(state="published")
    sheet.refresh_from_db()
    mark(SheetPhoto.objects.create(sheet=sheet, image="sheets/none.jpg"))
    mark(add_comment(sheet, by=claire, text="x"))
    mark(suggest(sheet, by=claire, field="summary", replacement="x", comment="x"))
    membership = org_a.memberships.get()
    published = mark(
        MembershipReason.objects.create(membership=membership, kind=ReasonKind.JOIN, statement="x")
    )
    MembershipReason.objects.filter(pk=published.pk).update(is_published=True)
    published.refresh_from_db()
    mark(
        MembershipReason.objects.create(membership=membership, kind=ReasonKind.STAY, statement="x")
    )
    public = [network, *network.memberships.all(), era, moment, sheet, published]
    declared = set()
    for obj in public:
        for text in public_texts(obj).values():
            declared |= markers(text)
    every = set()
    for model in (type(network), type(org_a), User, type(moment), type(sheet), MembershipReason):
        for obj in model.objects.all():
            every |= markers(" ".join(str(getattr(obj, f.attname)) for f in obj._meta.fields))
    return {
        "network": network,
        "moment": moment,
        "sheet": sheet,
        "declared": declared,
        "all": every,
    }


def read_docx(data):
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        return " ".join(
            docx.read(name).decode() for name in docx.namelist() if name.endswith("xml")
        )


def public_outputs(world, tmp_path):
    """What an anonymous visitor can read: pages (internal addresses too), feeds, exports."""
    client = Client()
    network, moment, sheet = world["network"], world["moment"], world["sheet"]
    slug = network.slug
    urls = [
        "/",
        f"/{slug}/",
        *(f"/{slug}/organisations/{m.organisation_id}/" for m in network.memberships.all()),
        f"/{slug}/timeline/",
        f"/{slug}/timeline/?lang=fr",
        f"/{slug}/timeline/embed/",
        f"/{slug}/timeline/download/",
        f"/{slug}/timeline.json",
        f"/{slug}/timeline.csv",
        f"/{slug}/timeline/moments/{moment.slug}/",
        f"/{slug}/timeline/moments/dup/",
        f"/{slug}/sheets/",
        f"/{slug}/sheets/{sheet.slug}/",
        f"/{slug}/sheets/{sheet.slug}/versions/",
    ]
    outputs = {url: client.get(url).content.decode() for url in urls}
    outputs["sheet.docx"] = read_docx(client.get(f"/{slug}/sheets/{sheet.slug}/sheet.docx").content)
    root = tmp_path / "site"
    call_command("site", "export", slug, "-o", str(root))
    for path in Path(root).rglob("*"):
        if path.suffix in (".html", ".json", ".csv", ".txt"):
            outputs[f"site:{path.relative_to(root)}"] = path.read_text(errors="replace")
        elif path.suffix == ".docx":
            outputs[f"site:{path.relative_to(root)}"] = read_docx(path.read_bytes())
    return outputs


def test_only_declared_public_fields_reach_public_pages_feeds_and_exports(
    published_world, tmp_path
):
    outputs = public_outputs(published_world, tmp_path)
    found = {marker: where for where, text in outputs.items() for marker in markers(text)}
    undeclared = {marker: where for marker, where in found.items()}
    for marker in published_world["declared"]:
        undeclared.pop(marker, None)
    assert undeclared == {}
    # The test sees what goes out: the moment's headline and the sheet's title are there.
    assert published_world["moment"].title in found
    assert published_world["sheet"].title in found
    assert len(published_world["all"]) > len(published_world["declared"])


def test_the_marked_world_marks_every_text_field_it_publishes(published_world):
    moment = published_world["moment"]
    assert moment.tags in published_world["declared"]
    assert moment.era.name in published_world["declared"]
    assert moment.consent_by not in published_world["declared"]
