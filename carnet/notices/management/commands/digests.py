from django.core.management.base import BaseCommand

from carnet.notices.domain import send_digests


class Command(BaseCommand):
    help = (
        "E-mail the daily and weekly digests that are due. Safe to run often (e.g. hourly from "
        "cron) and from several machines: nobody gets two digests for one period."
    )

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"{sent} digest{'' if sent == 1 else 's'} sent")
