"""A report made before reports belonged to an exercise goes to its network's first exercise
(one without any gets one, titled after the network, as capitalisation 0006 did). Pages
showed a network's newest report: that one moves; an older one made in the Django admin
(pages never showed it) stays without an exercise. Going back leaves the rows as they are."""

from django.db import migrations


def to_first_exercise(apps, schema_editor):
    Exercise = apps.get_model("capitalisation", "Exercise")
    Network = apps.get_model("networks", "Network")
    Report = apps.get_model("reports", "Report")
    network_ids = set(
        Report.objects.filter(exercise__isnull=True).values_list("network_id", flat=True)
    )
    for network in Network.objects.filter(pk__in=network_ids).order_by("pk"):
        first = Exercise.objects.filter(network=network).order_by("created", "pk").first()
        if first is None:
            first = Exercise.objects.create(network=network, title=network.name)
        if Report.objects.filter(exercise=first).exists():
            continue
        newest = (
            Report.objects.filter(network=network, exercise__isnull=True)
            .order_by("-created", "-pk")
            .first()
        )
        Report.objects.filter(pk=newest.pk).update(exercise=first)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_report_belongs_to_an_exercise"),
        ("capitalisation", "0008_seed_interview_guide_and_move_expectations"),
        ("networks", "0001_initial"),
    ]

    operations = [migrations.RunPython(to_first_exercise, migrations.RunPython.noop)]
