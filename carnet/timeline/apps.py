from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    name = "carnet.timeline"
    label = "timeline"
    verbose_name = _("Timeline")

    def ready(self):
        from django.db.models import Count, Q
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from carnet.capitalisation import evidence, progress

        from .enums import MilestoneState
        from .models import Milestone, MilestoneTranslation

        evidence.register(
            Milestone,
            label=_("Key moment"),
            queryset=lambda network: Milestone.objects.filter(network=network).on_timeline(),
            fields=["text"],
            organisation=lambda moment: moment.organisation,
        )

        def published(exercise):
            counts = Milestone.objects.filter(network=exercise.network).aggregate(
                proposed=Count("id", filter=~Q(state=MilestoneState.MERGED)),
                done=Count("id", filter=Q(state=MilestoneState.PUBLISHED)),
            )
            return (counts["done"], counts["proposed"]) if counts["proposed"] else None

        progress.register_step(
            "key_moments", phase=3, label=_("Key moments published"), compute=published
        )

        # A moment's translations and organisations are part of it for the public timeline's
        # cache (domain.published_state): changing them touches the moment's `updated`.
        post_save.connect(touch_translated, sender=MilestoneTranslation, weak=False)
        post_delete.connect(touch_translated, sender=MilestoneTranslation, weak=False)
        m2m_changed.connect(touch_organised, sender=Milestone.organisations.through, weak=False)


def touch_milestones(queryset):
    from django.utils import timezone

    queryset.update(updated=timezone.now())


def touch_translated(sender, instance, raw=False, **kwargs):
    from .models import Milestone

    if not raw:
        touch_milestones(Milestone.objects.filter(pk=instance.milestone_id))


def touch_organised(sender, instance, action, reverse, pk_set, **kwargs):
    from .models import Milestone

    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not reverse:  # instance is a moment
        touch_milestones(Milestone.objects.filter(pk=instance.pk))
    elif action == "pre_clear":  # instance is an organisation losing all its moments
        touch_milestones(Milestone.objects.filter(organisations=instance))
    elif pk_set:
        touch_milestones(Milestone.objects.filter(pk__in=pk_set))
