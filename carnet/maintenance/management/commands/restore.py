from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _

from carnet.maintenance.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Bring back a backup made by `carnet backup`: the database and the media files. "
        "Stop the app servers and workers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The backup folder.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the content of a database that is not empty.",
        )

    def handle(self, *args, folder, force, **options):
        try:
            manifest = restore_backup(folder, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            _("Restored the backup of %(created)s from %(folder)s")
            % {"created": manifest["created"], "folder": folder}
        )
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            self.stdout.write(
                _("This Carnet has newer migrations: run `carnet migrate` before serving.")
            )
