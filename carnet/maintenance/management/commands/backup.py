from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from carnet.maintenance.backup import BackupError, make_backup


class Command(BaseCommand):
    help = "Copy the database (online, consistent) and the media files into a new folder."

    def add_arguments(self, parser):
        parser.add_argument(
            "-o", "--output", required=True, help="New or empty folder to write the backup to."
        )

    def handle(self, *args, output, **options):
        try:
            manifest = make_backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        size = sum(entry["size"] for entry in manifest["files"])
        self.stdout.write(
            _("Backup written to %(folder)s: %(engine)s database, %(count)s files, %(size)s bytes")
            % {
                "folder": output,
                "engine": manifest["database"]["engine"],
                "count": len(manifest["files"]),
                "size": size,
            }
        )
