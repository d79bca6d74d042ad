from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    name = "carnet.timeline"
    label = "timeline"
    verbose_name = _("Timeline")

    def ready(self):
        from django.db.models import Count, Q

        from carnet.capitalisation import evidence, progress

        from .enums import MilestoneState
        from .models import Milestone

        evidence.register(
            Milestone,
            label=_("Key moment"),
            queryset=lambda network: Milestone.objects.filter(network=network).on_timeline(),
            fields=["text"],
            organisation=lambda moment: moment.organisation,
            select_related=("network",),
            public=lambda moment: (
                moment.state == MilestoneState.PUBLISHED and moment.network.is_published
            ),
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
