from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "carnet.reports"
    label = "reports"
    verbose_name = _("Report")

    def ready(self):
        from carnet.capitalisation import progress
        from carnet.media.registry import register

        from .enums import DecisionState
        from .models import ReportVersion, ReviewRound
        from .rules import can_view_version_file

        register(ReportVersion, "pdf", "docx", readable=can_view_version_file)

        from carnet.answers.registry import register as answerable

        from .models import Decision
        from .oneclick import ANSWERABLE, ITEM_ANSWERABLE

        answerable(Decision, ANSWERABLE)
        # The matrix's items: each organisation's sheets and the images and videos showing it.
        from carnet.capitalisation.models import Video
        from carnet.practices.models import Sheet, SheetPhoto
        from carnet.timeline.models import Milestone

        for model in (Sheet, SheetPhoto, Milestone, Video):
            answerable(model, ITEM_ANSWERABLE)

        def validated(exercise):
            review = (
                ReviewRound.objects.filter(version__report__network=exercise.network)
                .order_by("-sent_at", "-id")
                .first()
            )
            if review is None:
                return None
            done = review.decisions.filter(state=DecisionState.VALIDATED).count()
            return done, review.decisions.count()

        progress.register_step(
            "report_validated",
            phase=5,
            label=_("Report validated by the partners"),
            compute=validated,
        )
