from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    name = "carnet.timeline"
    label = "timeline"
    verbose_name = _("Timeline")

    def ready(self):
        from django.db.models import Count, Q
        from django.db.models.signals import post_delete, post_save

        from carnet.capitalisation import evidence, progress
        from carnet.media.registry import register

        from .enums import MilestoneState
        from .models import Milestone, MilestoneTranslation, MomentMedia, MomentSubtitles
        from .rules import can_view_milestone_image, can_view_moment_media, can_view_subtitles

        register(Milestone, "image", readable=can_view_milestone_image)
        # A moment's sounds, videos, posters, PDFs and their previews: the moment's rule, with
        # the consent of each media; their subtitles follow the media.
        register(MomentMedia, "file", "poster", "preview", readable=can_view_moment_media)
        register(MomentSubtitles, "file", readable=can_view_subtitles)

        evidence.register(
            Milestone,
            label=_("Key moment"),
            queryset=lambda network: Milestone.objects.filter(network=network).on_timeline(),
            fields=["text"],
            organisation=lambda moment: moment.organisation,
            select_related=("network",),
            defer=("text", "notes", "quotation"),
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

        # A moment's translations are part of it for the public timeline's cache
        # (domain.published_state): changing them touches the moment's `updated`. Not when
        # loading rows as they were (raw: fixtures, archive import), which keep their dates.
        post_save.connect(touch_translated, sender=MilestoneTranslation, weak=False)
        post_delete.connect(touch_translated, sender=MilestoneTranslation, weak=False)
        # So are its media (added, changed, removed).
        post_save.connect(touch_translated, sender=MomentMedia, weak=False)
        post_delete.connect(touch_translated, sender=MomentMedia, weak=False)
        post_save.connect(touch_translated, sender=MomentSubtitles, weak=False)
        post_delete.connect(touch_translated, sender=MomentSubtitles, weak=False)


def touch_translated(sender, instance, raw=False, **kwargs):
    from django.utils import timezone

    from .models import Milestone

    if raw:
        return
    if hasattr(instance, "milestone_id"):
        moments = Milestone.objects.filter(pk=instance.milestone_id)
    else:  # a media's subtitles
        moments = Milestone.objects.filter(media__pk=instance.media_id)
    moments.update(updated=timezone.now())
