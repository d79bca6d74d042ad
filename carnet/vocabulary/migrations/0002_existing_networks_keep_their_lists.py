"""Every network that exists gets, as its terms, the lists Carnet had hard-coded (sheet
themes, learning categories, reason categories) and the moment tags its moments use: its
data stays readable, with the same words. Labels in the network's first content language."""

from django.db import migrations
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext

# Frozen here: the defaults module may change, this migration must not.
LEGACY = {
    "theme": [
        ("identification", "Identification of victims"),
        ("prevention", "Prevention"),
        ("support", "Support to victims"),
        ("advocacy", "Advocacy"),
        ("capacity", "Capacity building"),
        ("coordination", "Coordination"),
        ("decision", "Decision-making"),
        ("communication", "Communication"),
        ("sustainability", "Sustainability"),
    ],
    "learning_category": [
        ("join", "Why join"),
        ("stay", "Why stay"),
        ("leave", "Why leave"),
        ("coordination", "Coordination"),
        ("decision_making", "Decision-making"),
        ("communication", "Communication"),
        ("result_knowledge", "Results: knowledge transfer"),
        ("result_activities", "Results: new activities"),
        ("result_links", "Results: new links"),
        ("result_advocacy", "Results: advocacy"),
        ("result_joint_projects", "Results: joint projects"),
        ("advice_developing", "Advice: developing a network"),
        ("advice_links", "Advice: links between members"),
        ("advice_activities", "Advice: activities"),
        ("method", "The method itself"),
    ],
    "reason_category": [
        ("shared_diagnosis", "A shared diagnosis of the situation"),
        ("strengthen_knowledge", "Wanting to strengthen knowledge"),
        ("share_experience", "Wanting to share experience"),
        ("join_midway", "Possible to join mid-way"),
        ("growing_needs", "Growing needs"),
        ("knowledge", "More knowledge"),
        ("national_visibility", "National visibility"),
        ("cooperation_authorities", "Cooperation with authorities"),
        ("international_bodies", "Regional and international bodies"),
        ("other_ngos", "Cooperation with other NGOs"),
        ("no_funding", "No national project for lack of funding"),
        ("other_priorities", "Other national priorities"),
        ("implementation_difficulties", "Difficulties running the project in the country"),
        ("other", "Other"),
    ],
}


def forwards(apps, schema_editor):
    Network = apps.get_model("networks", "Network")
    Term = apps.get_model("vocabulary", "Term")
    Milestone = apps.get_model("timeline", "Milestone")
    for network in Network.objects.all():
        codes = [c.strip() for c in network.languages.split(",") if c.strip()] or ["en"]
        terms = []
        with translation.override(codes[0]):
            for kind, items in LEGACY.items():
                for position, (key, label) in enumerate(items, start=1):
                    terms.append(
                        Term(
                            network=network,
                            kind=kind,
                            key=key,
                            label=gettext(label),
                            position=position,
                        )
                    )
        seen = set()
        for tags in Milestone.objects.filter(network=network).values_list("tags", flat=True):
            for tag in (t.strip() for t in (tags or "").split(",")):
                key = slugify(tag)[:40]
                if key and key not in seen:
                    seen.add(key)
                    terms.append(
                        Term(
                            network=network,
                            kind="moment_tag",
                            key=key,
                            label=tag,
                            position=len(seen),
                        )
                    )
        Term.objects.bulk_create(terms, ignore_conflicts=True)


def backwards(apps, schema_editor):
    apps.get_model("vocabulary", "Term").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("vocabulary", "0001_term"),
        ("networks", "0005_reason_category_from_vocabulary"),
        ("capitalisation", "0004_learning_category_from_vocabulary"),
        ("timeline", "0002_document_sources"),
        ("practices", "0002_document_sources"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
