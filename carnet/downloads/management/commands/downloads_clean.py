from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from carnet.downloads.domain import clean_expired


class Command(BaseCommand):
    help = "Delete the downloads (archives, static sites, backups) kept past their date."

    def handle(self, *args, **options):
        count = clean_expired()
        self.stdout.write(_("%(count)s expired download(s) deleted.") % {"count": count})
