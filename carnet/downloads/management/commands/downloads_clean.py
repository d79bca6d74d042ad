from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from carnet.downloads.domain import clean_expired, fail_stalled


class Command(BaseCommand):
    help = (
        "Delete the downloads (archives, static sites, backups) kept past their date, and "
        "mark failed those whose worker stopped before finishing."
    )

    def handle(self, *args, **options):
        stalled = fail_stalled()
        if stalled:
            self.stdout.write(
                ngettext(
                    "%(count)s download whose worker stopped is marked failed.",
                    "%(count)s downloads whose worker stopped are marked failed.",
                    stalled,
                )
                % {"count": stalled}
            )
        count = clean_expired()
        self.stdout.write(
            ngettext(
                "%(count)s expired download deleted.",
                "%(count)s expired downloads deleted.",
                count,
            )
            % {"count": count}
        )
