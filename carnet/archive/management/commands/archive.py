from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from carnet.archive.exporter import export_network
from carnet.archive.importer import ArchiveError, import_archive
from carnet.networks.models import Network


class Command(BaseCommand):
    help = "Export everything of one network to a zip archive, or import such an archive."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        export = commands.add_parser("export", help="Write a network's archive.")
        export.add_argument("network", help="The network's address, e.g. euromed.")
        export.add_argument("-o", "--output", required=True, help="The zip file to write.")
        load = commands.add_parser("import", help="Import an archive into this instance.")
        load.add_argument("file", help="The zip file written by `carnet archive export`.")
        load.add_argument(
            "--as",
            dest="slug",
            default=None,
            help="Import the network under this address instead of its own.",
        )

    def handle(self, *args, action, **options):
        if action == "export":
            self.export(options["network"], options["output"])
        else:
            self.load(options["file"], options["slug"])

    def export(self, slug, output):
        network = Network.objects.filter(slug=slug).first()
        if network is None:
            raise CommandError(_("No network “%(slug)s”") % {"slug": slug})
        target = Path(output)
        if target.is_dir():
            raise CommandError(_("%(path)s is a folder; give a file name") % {"path": output})
        if not target.parent.is_dir():
            raise CommandError(_("No folder %(path)s") % {"path": target.parent})
        partial = target.with_name(target.name + ".partial")
        try:
            document = export_network(network, partial)
            partial.replace(target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        rows = sum(len(block["rows"]) for block in document["models"])
        self.stdout.write(
            _("Wrote %(path)s: %(rows)s rows, %(files)s files")
            % {"path": output, "rows": rows, "files": len(document["files"])}
        )
        for name in document["missing_files"]:
            self.stderr.write(_("Missing file, not in the archive: %(name)s") % {"name": name})

    def load(self, path, slug):
        try:
            imported = import_archive(path, slug=slug)
        except ArchiveError as exc:
            raise CommandError(str(exc)) from None
        network = imported.network
        self.stdout.write(
            _("Imported network “%(name)s” at /%(slug)s/")
            % {"name": network.name, "slug": network.slug}
        )
        self.stdout.write(
            _("People matched by e-mail address: %(matched)s; created: %(created)s")
            % {"matched": imported.people_matched, "created": imported.people_created}
        )
        for old, new in imported.renamed:
            self.stdout.write(
                _("Username “%(old)s” is taken here: imported as “%(new)s”")
                % {"old": old, "new": new}
            )
