from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from carnet.archive.site import ALL, SiteError, export_site
from carnet.networks.models import Network


class Command(BaseCommand):
    help = "Write a network's published content as a static site (works from disk)."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        export = commands.add_parser("export", help="Write the static site.")
        export.add_argument("network", help="The network's address, e.g. euromed.")
        export.add_argument("-o", "--output", required=True, help="A new or empty folder.")
        export.add_argument(
            "--language",
            help=f"One of the network's content languages (default: its first), or {ALL}: "
            "every one, a folder each.",
        )

    def handle(self, *args, action, network, output, language, **options):
        found = Network.objects.filter(slug=network).first()
        if found is None:
            raise CommandError(_("No network “%(slug)s”") % {"slug": network})
        try:
            pages = export_site(found, output, language=language)
        except SiteError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            _("Wrote the static site of %(network)s to %(path)s (%(pages)s sections)")
            % {"network": found.name, "path": output, "pages": len(pages)}
        )
