"""A deleted object takes its translations with it (a Translation has no foreign key to it)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete

from .models import Translation

OWNERS = [
    "timeline.Era",
    "vocabulary.Term",
    "capitalisation.Phase",
    "capitalisation.Learning",
    "practices.SheetTemplate",
    "reports.Chapter",
]


def forget_translations(sender, instance, **kwargs):
    Translation.objects.filter(
        content_type=ContentType.objects.get_for_model(sender), object_id=str(instance.pk)
    ).delete()


for label in OWNERS:
    post_delete.connect(forget_translations, sender=label, dispatch_uid=f"translations-{label}")
