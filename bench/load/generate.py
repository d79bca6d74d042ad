"""Generate a large Carnet instance into the database of DATABASE_URL (seeded, repeatable).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/carnet_load \\
        .venv/bin/python bench/load/generate.py [--scale 1.0] [--seed 8] [--manifest FILE]

Full size (scale 1): 50 published networks; 1,000 organisations (20 per network, each a
member); per network a coordinator, a facilitator and one partner editor per organisation
(1,100 people, password "load-pass-2026"); 20,000 sheets (400 per network, a third
published) with 5 versions each; 10,000 milestones (200 per network, most published,
3 eras); 50,000 learnings with one piece of evidence each (a passage of a document);
10,000 documents (200 per network, about 120 words each, text extracted); one exercise
with 5 phases and one interview per organisation; a report per network, with a published
version composed by the reports app, and the synthesis published, for the first 3 networks.

--scale multiplies every per-network count (the number of networks stays 50), so a smaller
scale gives the same pages with less data: what the query-count check compares.

Rows go in with bulk_create in batches, inside one transaction. The document search index
follows by itself: on SQLite the FTS5 table is filled by the triggers of
carnet.library.search (they fire for every inserted row, bulk or not); on PostgreSQL
the tsvector column is GENERATED ... STORED, computed by the database on insert. The script
checks both afterwards (a search for a word every document has must find them all).

The database must be empty (freshly migrated): the script refuses otherwise. It writes a
manifest (JSON: networks, published sheets, editors and their sheets) for the locustfile.
"""

import argparse
import datetime
import json
import os
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PASSWORD = "load-pass-2026"
NETWORKS = 50
BATCH = 1000
COUNTRIES = ["AL", "BA", "BG", "GR", "HR", "IT", "ME", "MK", "RO", "RS", "SI", "TR", "XK", "FR"]
WORDS = (
    "partners met to share their experience of identifying victims and of prevention with "
    "the authorities schools parishes and other organisations of the region training "
    "advocacy shelter outreach helpline referral mechanism cooperation police social workers "
    "teachers volunteers families children women migrants border labour exploitation "
    "network meeting workshop report survey campaign guidelines protocol funding donors "
    "sustainability trust leadership decision coordination communication research data"
).split()
PER_NETWORK = {  # at scale 1
    "organisations": 20,
    "sheets": 400,
    "milestones": 200,
    "learnings": 1000,
    "documents": 200,
}
VERSIONS = 5
REPORT_NETWORKS = 3


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carnet.settings")
    os.environ.setdefault("CARNET_SECRET_KEY", "bench-only")
    import django

    django.setup()


def sizes(scale):
    return {key: max(2, round(n * scale)) for key, n in PER_NETWORK.items()}


class Text:
    """Seeded filler text."""

    def __init__(self, rng):
        self.rng = rng

    def words(self, n):
        return " ".join(self.rng.choice(WORDS) for _ in range(n))

    def sentence(self, n=12):
        return self.words(n).capitalize() + "."

    def paragraph(self, sentences=4, n=12):
        return " ".join(self.sentence(n) for _ in range(sentences))


def bulk(model, rows):
    """bulk_create in batches; returns the saved objects (with ids on both engines)."""
    saved = []
    for start in range(0, len(rows), BATCH):
        saved.extend(model.objects.bulk_create(rows[start : start + BATCH]))
    return saved


def generate(scale, seed, manifest_path, out=print):
    from django.contrib.auth.hashers import make_password
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from carnet.accounts.enums import RoleKind
    from carnet.accounts.models import Role, User
    from carnet.capitalisation.enums import (
        InterviewStatus,
        LearningCategory,
        LearningLevel,
        Perspective,
        PhaseStatus,
    )
    from carnet.capitalisation.models import (
        Evidence,
        Exercise,
        Interview,
        Learning,
        Phase,
    )
    from carnet.library.enums import DocumentKind, ExtractionStatus
    from carnet.library.models import Document
    from carnet.networks.models import Membership, Network, Organisation
    from carnet.practices.enums import Level, SheetState, Theme
    from carnet.practices.models import Sheet, SheetTemplate, SheetVersion
    from carnet.timeline.enums import MilestoneState, Precision
    from carnet.timeline.models import Era, Milestone

    if Network.objects.exists() or User.objects.exists():
        raise SystemExit("The database is not empty: generate into a freshly migrated one.")

    rng = random.Random(seed)
    text = Text(rng)
    n = sizes(scale)
    started = time.perf_counter()
    timings = {}

    def step(name, t0):
        timings[name] = time.perf_counter() - t0
        out(f"  {name:<28} {timings[name]:7.1f} s")
        return time.perf_counter()

    password = make_password(PASSWORD)  # one hash for everyone: hashing 1,100 would take long
    sheet_fields = [key for key in ("summary", "context", "activities", "impact", "advice")]
    states = [s for s in SheetState.values if s != SheetState.PUBLISHED]
    themes = list(Theme.values)
    categories = list(LearningCategory.values)
    manifest = {"scale": scale, "seed": seed, "password": PASSWORD, "networks": []}

    with transaction.atomic():
        t = time.perf_counter()
        networks = bulk(
            Network,
            [
                Network(
                    name=f"Load network {i:02d}",
                    slug=f"load-{i:02d}",
                    description=text.paragraph(3),
                    languages="en, fr",
                    is_published=True,
                )
                for i in range(NETWORKS)
            ],
        )
        organisations = bulk(
            Organisation,
            [
                Organisation(
                    name=f"Organisation {i:04d} {text.words(2).title()}",
                    short_name=f"ORG{i:04d}",
                    country=COUNTRIES[i % len(COUNTRIES)],
                    city=text.words(1).title(),
                    description=text.sentence(20),
                )
                for i in range(NETWORKS * n["organisations"])
            ],
        )
        orgs_of = {
            net.pk: organisations[i * n["organisations"] : (i + 1) * n["organisations"]]
            for i, net in enumerate(networks)
        }
        bulk(
            Membership,
            [
                Membership(
                    network=net,
                    organisation=org,
                    joined_on=datetime.date(2010 + j % 8, 1 + j % 12, 1),
                    left_on=datetime.date(2021, 6, 30) if j % 10 == 9 else None,
                )
                for net in networks
                for j, org in enumerate(orgs_of[net.pk])
            ],
        )
        t = step("networks, organisations", t)

        users, roles = [], []
        for i, net in enumerate(networks):
            users.append(
                User(
                    username=f"coord{i:02d}", display_name=f"Coordinator {i:02d}", password=password
                )
            )
            users.append(
                User(
                    username=f"facil{i:02d}", display_name=f"Facilitator {i:02d}", password=password
                )
            )
            for j, org in enumerate(orgs_of[net.pk]):
                users.append(
                    User(
                        username=f"editor{i:02d}-{j:03d}",
                        display_name=f"Editor {i:02d}-{j:03d}",
                        organisation=org,
                        password=password,
                    )
                )
        users = bulk(User, users)
        by_name = {u.username: u for u in users}
        for i, net in enumerate(networks):
            roles.append(
                Role(user=by_name[f"coord{i:02d}"], network=net, kind=RoleKind.COORDINATOR)
            )
            roles.append(
                Role(user=by_name[f"facil{i:02d}"], network=net, kind=RoleKind.FACILITATOR)
            )
            for j in range(n["organisations"]):
                roles.append(
                    Role(
                        user=by_name[f"editor{i:02d}-{j:03d}"],
                        network=net,
                        kind=RoleKind.PARTNER_EDITOR,
                    )
                )
        bulk(Role, roles)
        t = step("people, roles", t)

        exercises = bulk(
            Exercise,
            [Exercise(network=net, title=f"Capitalisation {net.name}") for net in networks],
        )
        bulk(
            Phase,
            [
                Phase(
                    exercise=ex,
                    number=k + 1,
                    name=f"Phase {k + 1}",
                    goal=text.sentence(10),
                    planned_start=datetime.date(2024, 1 + 2 * k, 1),
                    planned_end=datetime.date(2024, 2 + 2 * k, 28),
                    status=PhaseStatus.DONE if k < 2 else PhaseStatus.PLANNED,
                )
                for ex in exercises
                for k in range(5)
            ],
        )
        bulk(
            Interview,
            [
                Interview(
                    network=net,
                    organisation=org,
                    planned_on=datetime.date(2024, 3, 1 + j % 28),
                    status=InterviewStatus.DONE,
                    notes=text.paragraph(3),
                    expectations=text.sentence(15),
                )
                for net in networks
                for j, org in enumerate(orgs_of[net.pk])
            ],
        )
        t = step("exercises, interviews", t)

        documents = []
        for net in networks:
            orgs = orgs_of[net.pk]
            for k in range(n["documents"]):
                documents.append(
                    Document(
                        network=net,
                        organisation=orgs[k % len(orgs)],
                        title=f"{text.words(5).capitalize()} ({k})",
                        date=datetime.date(2008 + k % 16, 1 + k % 12, 1 + k % 28),
                        kind=DocumentKind.values[k % len(DocumentKind.values)],
                        tags=", ".join(rng.sample(WORDS, 3)),
                        file_kind="pdf",
                        # "capitalisation" in every text: the index check searches for it.
                        text=text.paragraph(8, 14) + " capitalisation",
                        extraction=ExtractionStatus.DONE,
                    )
                )
        documents = bulk(Document, documents)
        docs_of = {}
        for doc in documents:
            docs_of.setdefault(doc.network_id, []).append(doc)
        t = step("documents (+ search index)", t)

        learnings = bulk(
            Learning,
            [
                Learning(
                    network=net,
                    statement=text.sentence(18),
                    category=categories[k % len(categories)],
                    perspective=Perspective.values[k % len(Perspective.values)],
                    level=LearningLevel.values[k % len(LearningLevel.values)],
                    strength=1 + k % 3,
                )
                for net in networks
                for k in range(n["learnings"])
            ],
        )
        document_type = ContentType.objects.get_for_model(Document)
        evidence = []
        for k, learning in enumerate(learnings):
            doc = docs_of[learning.network_id][k % len(docs_of[learning.network_id])]
            evidence.append(
                Evidence(
                    learning=learning,
                    content_type=document_type,
                    object_id=str(doc.pk),
                    field="text",
                    passage=doc.text[:120],
                    organisation_id=doc.organisation_id,
                )
            )
        bulk(Evidence, evidence)
        t = step("learnings, evidence", t)

        templates = {
            net.pk: tpl
            for net, tpl in zip(
                networks,
                bulk(
                    SheetTemplate,
                    [
                        SheetTemplate(network=net, exercise=ex)
                        for net, ex in zip(networks, exercises, strict=True)
                    ],
                ),
                strict=True,
            )
        }
        sheets = []
        for net in networks:
            orgs = orgs_of[net.pk]
            for k in range(n["sheets"]):
                org = orgs[k % len(orgs)]
                sheets.append(
                    Sheet(
                        network=net,
                        template=templates[net.pk],
                        organisation=org,
                        slug=f"practice-{k:04d}",
                        title=f"{text.words(6).capitalize()} {k}",
                        country=org.country,
                        level=Level.values[k % len(Level.values)],
                        themes=rng.sample(themes, 2),
                        content={key: text.paragraph(2, 12) for key in sheet_fields},
                        state=SheetState.PUBLISHED if k % 3 == 0 else states[k % len(states)],
                        open_to_peers=k % 4 == 0,
                        revision=VERSIONS,
                    )
                )
        sheets = bulk(Sheet, sheets)
        editors = {u.organisation_id: u for u in users if u.organisation_id}
        versions = []
        for sheet in sheets:
            for number in range(1, VERSIONS + 1):
                content = sheet.snapshot() if number == VERSIONS else {
                    "title": sheet.title,
                    **{key: text.sentence(10) for key in sheet_fields[:number]},
                }  # fmt: skip
                versions.append(
                    SheetVersion(
                        sheet=sheet,
                        number=number,
                        content=content,
                        changed_fields=sheet_fields[:number],
                        author=editors[sheet.organisation_id],
                    )
                )
        bulk(SheetVersion, versions)
        t = step("sheets, versions", t)

        eras = []
        for net in networks:
            for name, start, end in (
                ("Founding", datetime.date(2005, 1, 1), datetime.date(2011, 12, 31)),
                ("Growth", datetime.date(2012, 1, 1), datetime.date(2018, 12, 31)),
                ("Capitalisation", datetime.date(2019, 1, 1), datetime.date(2025, 12, 31)),
            ):
                eras.append(Era(network=net, name=name, start=start, end=end))
        eras = bulk(Era, eras)
        eras_of = {}
        for era in eras:
            eras_of.setdefault(era.network_id, []).append(era)
        milestones = []
        first, span = (
            datetime.date(2005, 1, 1),
            (datetime.date(2025, 12, 31) - datetime.date(2005, 1, 1)).days,
        )
        for net in networks:
            orgs = orgs_of[net.pk]
            for k in range(n["milestones"]):
                start = first + datetime.timedelta(days=rng.randrange(span))
                era = next(e for e in eras_of[net.pk] if e.start <= start <= e.end)
                state = (
                    MilestoneState.PUBLISHED
                    if k % 5 < 3
                    else (MilestoneState.ACCEPTED if k % 5 == 3 else MilestoneState.PROPOSED)
                )
                org = orgs[k % len(orgs)]
                milestones.append(
                    Milestone(
                        network=net,
                        slug=f"moment-{k:04d}",
                        title=text.words(7).capitalize(),
                        text=text.paragraph(2),
                        start_date=start,
                        start_precision=Precision.DAY if k % 4 else Precision.MONTH,
                        era=era,
                        tags=", ".join(rng.sample(WORDS, 2)),
                        importance=1 + k % 5,
                        state=state,
                        proposed_by=editors[org.pk],
                        organisation=org,
                    )
                )
        milestones = bulk(Milestone, milestones)
        through = Milestone.organisations.through
        bulk(
            through,
            [through(milestone_id=m.pk, organisation_id=m.organisation_id) for m in milestones],
        )
        t = step("eras, milestones", t)

    # Reports: composed by the reports app itself (outside the bulk transaction).
    from carnet.reports import domain as report_domain
    from carnet.reports.defaults import default_chapters
    from carnet.reports.enums import BuildStatus
    from carnet.reports.models import Report, ReportVersion

    report_networks = []
    for i, net in enumerate(networks):
        coordinator = by_name[f"coord{i:02d}"]
        report = Report.objects.create(network=net, title=f"What {net.name} learnt")
        for kind, block, title, body in default_chapters():
            report_domain.add_chapter(
                report, by=coordinator, kind=kind, block=block, title=title, body=body
            )
        if i < REPORT_NETWORKS:
            document = report_domain.compose(report, version_label="1")
            ReportVersion.objects.create(
                report=report,
                number=1,
                status=BuildStatus.READY,
                progress=100,
                content=document,
                content_hash=report_domain.content_hash(document),
                created_by=coordinator,
                is_published=True,
                published_at=datetime.datetime(2026, 1, 15, tzinfo=datetime.UTC),
            )
            report_networks.append(net.slug)
    t = step("reports", t)

    # The synthesis published by the coordinator, in the same networks (the capitalisation
    # app's own function: the sensitive-content check, then the frozen copy per language).
    from carnet.capitalisation.domain import publish_synthesis

    for i, net in enumerate(networks[:REPORT_NETWORKS]):
        publish_synthesis(net, by=by_name[f"coord{i:02d}"])
    t = step("published syntheses", t)

    check_search(networks[0], docs=n["documents"], out=out)
    total = time.perf_counter() - started
    out(f"  {'total':<28} {total:7.1f} s  ({connection.vendor})")

    published = {}
    for sheet in sheets:
        if (
            sheet.state == SheetState.PUBLISHED
            and len(published.setdefault(sheet.network_id, [])) < 50
        ):
            published[sheet.network_id].append(sheet.slug)
    own = {}
    for sheet in sheets:
        own.setdefault(sheet.organisation_id, []).append(sheet.slug)
    for i, net in enumerate(networks):
        manifest["networks"].append(
            {
                "slug": net.slug,
                "report": net.slug in report_networks,
                "synthesis": net.slug in report_networks,
                "published_sheets": published[net.pk],
                "moments": [f"moment-{k:04d}" for k in range(0, n["milestones"], 5)][:40],
                "editors": [
                    {"username": f"editor{i:02d}-{j:03d}", "sheets": own[org.pk][:5]}
                    for j, org in enumerate(orgs_of[net.pk])
                ],
            }
        )
    manifest["counts"] = counts()
    manifest["seconds"] = round(total, 1)
    manifest["timings"] = {k: round(v, 1) for k, v in timings.items()}
    manifest["engine"] = connection.vendor
    Path(manifest_path).write_text(json.dumps(manifest, indent=1))
    return manifest


def check_search(network, *, docs, out=print):
    """Every document of the network must be found by a word all of them contain."""
    from carnet.library import search

    found = search.search(network, "capitalisation", limit=docs + 10, with_documents=False)
    if len(found.hits) != docs:
        raise SystemExit(f"Search index incomplete: {len(found.hits)} of {docs} documents found")
    out(f"  search index: {len(found.hits)} of {docs} documents of {network.slug} found")


def counts():
    from carnet.accounts.models import Role, User
    from carnet.capitalisation.models import Evidence, Learning
    from carnet.library.models import Document
    from carnet.networks.models import Network, Organisation
    from carnet.practices.models import Sheet, SheetVersion
    from carnet.timeline.models import Milestone

    return {
        model.__name__: model.objects.count()
        for model in (
            Network,
            Organisation,
            User,
            Role,
            Sheet,
            SheetVersion,
            Milestone,
            Learning,
            Evidence,
            Document,
        )
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--manifest", default=str(HERE / "manifest.json"))
    parser.add_argument("--migrate", action="store_true", help="Run migrate first.")
    args = parser.parse_args(argv)
    setup_django()
    if args.migrate:
        from django.core.management import call_command

        t = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"  {'migrate':<28} {time.perf_counter() - t:7.1f} s")
    manifest = generate(args.scale, args.seed, args.manifest)
    print(json.dumps(manifest["counts"]))


if __name__ == "__main__":
    main()
