import datetime

import pytest

from carnet.capitalisation.models import Interview, Learning
from carnet.library.models import Document
from carnet.practices.models import Comment
from carnet.reports.models import Chapter, Report
from carnet.timeline.enums import MilestoneState
from tests.capitalisation.factories import SessionFactory, WorkshopFactory
from tests.practices.factories import make_sheet
from tests.timeline.factories import MilestoneFactory, TranslationFactory


@pytest.fixture
def knowledge(network, other_network, org_a, org_b, org_c, claire, ana, bora, oscar):
    """One thing of every kind in euromed, private things of org B and of another network.

    Every private text holds the word "secret" (and "zebra"), so that a search for it
    shows what leaks.
    """
    made = {}
    made["sheet_a"] = make_sheet(
        network=network,
        organisation=org_a,
        by=ana,
        title="Identifying victims together",
        content={"summary": "Caritas trained 120 social workers to identify victims."},
    )
    made["sheet_fr"] = make_sheet(
        network=network,
        organisation=org_a,
        by=ana,
        title="Former les travailleurs sociaux",
        language="fr",
        content={"summary": "Des formations régulières pour l'éducation des équipes."},
    )
    # Org B's draft, not open to its peers: Ana must never see it, nor count it.
    made["sheet_b_private"] = make_sheet(
        network=network,
        organisation=org_b,
        by=bora,
        title="Secret zebra shelter",
        content={"summary": "A secret zebra address of the shelter."},
    )
    made["comment_b"] = Comment.objects.create(
        sheet=made["sheet_b_private"], text="The secret zebra address must go.", author=bora
    )
    made["comment_a"] = Comment.objects.create(
        sheet=made["sheet_a"], text="Add the number of victims reached.", author=ana
    )
    made["interview"] = Interview.objects.create(
        network=network,
        organisation=org_b,
        planned_on=datetime.date(2019, 9, 20),
        expectations="Show the shelter network and its hotline.",
        notes="The director is leaving; secret zebra tensions with the ministry.",
    )
    made["learning"] = Learning.objects.create(
        network=network, statement="Trainings work when social workers meet again.", category="x"
    )
    made["document"] = Document.objects.create(
        network=network,
        organisation=org_a,
        title="Annual report 2019",
        text="The hotline answered calls from victims in four languages.",
        date=datetime.date(2019, 12, 31),
    )
    workshop = WorkshopFactory(network=network)
    made["session"] = SessionFactory(
        workshop=workshop, topic="Hotline practices", notes="Every hotline keeps a log."
    )
    report = Report.objects.create(network=network, title="Nine years")
    made["chapter"] = Chapter.objects.create(
        report=report, kind="text", title="Hotlines", body="Partners ran **hotlines** together."
    )
    made["moment_published"] = MilestoneFactory(
        network=network,
        title="First hotline",
        text="The first hotline opened.",
        state=MilestoneState.PUBLISHED,
    )
    made["moment_proposed"] = MilestoneFactory(
        network=network, title="Secret zebra meeting", text="A secret zebra meeting."
    )
    made["translation"] = TranslationFactory(
        milestone=made["moment_published"],
        language="fr",
        title="Première ligne d'écoute",
        text="La première ligne d'écoute a ouvert.",
    )
    # Another network: nothing of it ever appears in euromed, whoever searches.
    made["other_sheet"] = make_sheet(
        network=other_network,
        organisation=org_c,
        by=oscar,
        title="Secret zebra elsewhere",
        content={"summary": "Secret zebra victims hotline elsewhere."},
    )
    made["other_document"] = Document.objects.create(
        network=other_network, title="Secret zebra hotline", text="Secret zebra victims."
    )
    made["other_learning"] = Learning.objects.create(
        network=other_network, statement="Secret zebra hotline victims.", category="x"
    )
    return made
