from django.core.management.base import BaseCommand

from carnet.reports.domain import send_due_reminders
from carnet.timeline.domain import send_round_reminders


class Command(BaseCommand):
    help = (
        "Remind the partners who have not answered a review round of the report, or a "
        "validation round of their sheets and images, with a due date (two days before it, and "
        "the day after), or voted in an open key-moment vote round (two days before it closes, "
        "and on its closing day); close the vote rounds whose closing day has passed and tell "
        "the organisers their result. Safe to run often (e.g. hourly from cron, with `carnet "
        "digests`): each reminder goes out once."
    )

    def handle(self, *args, **options):
        sent = send_due_reminders() + send_round_reminders()
        self.stdout.write(f"{sent} reminder{'' if sent == 1 else 's'} sent")
