"""Interviews, workshops, learnings and the published synthesis made before exercises held
them go to their network's first exercise; a network that has such rows but no exercise gets
one (no phase: the coordinator adds them). Nothing is deleted; going back leaves the rows as
they are."""

from django.db import migrations


def to_first_exercise(apps, schema_editor):
    Exercise = apps.get_model("capitalisation", "Exercise")
    Network = apps.get_model("networks", "Network")
    names = ("Interview", "Workshop", "Learning", "PublishedSynthesis")
    models = [apps.get_model("capitalisation", name) for name in names]
    network_ids = set()
    for model in models:
        network_ids.update(
            model.objects.filter(exercise__isnull=True).values_list("network_id", flat=True)
        )
    for network in Network.objects.filter(pk__in=network_ids):
        first = Exercise.objects.filter(network=network).order_by("created", "pk").first()
        if first is None:
            first = Exercise.objects.create(network=network, title=network.name)
        for model in models:
            model.objects.filter(network=network, exercise__isnull=True).update(exercise=first)


class Migration(migrations.Migration):
    dependencies = [
        ("capitalisation", "0005_interviews_workshops_learnings_synthesis_belong_to_an_exercise"),
        ("networks", "0001_initial"),
    ]

    operations = [migrations.RunPython(to_first_exercise, migrations.RunPython.noop)]
