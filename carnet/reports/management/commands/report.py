from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from carnet.capitalisation.models import Exercise
from carnet.networks.models import Network
from carnet.reports.domain import ReportError, build_now, report_of


class Command(BaseCommand):
    help = (
        "Reports: `carnet report build NETWORK --format pdf|docx|html [--language CODE] -o FILE`."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        build = sub.add_parser("build", help="Build a new version of the report and write it.")
        build.add_argument("network", help="the network's slug, e.g. euromed")
        build.add_argument("--format", choices=["pdf", "docx", "html"], default="pdf")
        build.add_argument("-o", "--output", required=True, help="the file to write")
        build.add_argument(
            "--language",
            default="",
            help="build the edition in one of the network's languages (default: its reference)",
        )

    def handle(self, *args, action, network, format, output, language="", **options):
        try:
            network_obj = Network.objects.get(slug=network)
        except Network.DoesNotExist:
            raise CommandError(f"no network with the address {network!r}") from None
        # The current exercise's report (the one the composer shows).
        report = report_of(network_obj, Exercise.objects.current(network_obj))
        if report is None:
            raise CommandError(f"the network {network!r} has no report yet")
        try:
            version, data = build_now(report, fmt=format, language=language)
        except ReportError as exc:
            raise CommandError(f"the build failed: {exc}") from None
        Path(output).write_bytes(data)
        self.stdout.write(
            f"Version {version.number} ({version.content_hash[:12]}) written to {output} "
            f"({len(data):,} bytes)"
        )
