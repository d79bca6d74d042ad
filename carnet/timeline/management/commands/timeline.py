import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from carnet.accounts.domain import record
from carnet.accounts.enums import Verb
from carnet.networks.models import Network
from carnet.timeline import interop, standalone


class Command(BaseCommand):
    help = "Export a network's published timeline, or import a TimelineJS JSON or CSV file."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Export the published timeline.")
        export.add_argument("network")
        export.add_argument("--format", choices=["html", "json", "csv"], default="html")
        export.add_argument("--lang", default="en")
        export.add_argument("-o", "--output", required=True, help="File to write.")
        export.add_argument("--base-url", default="", help="For image addresses in JSON/CSV.")
        imp = sub.add_parser("import", help="Import a TimelineJS JSON or CSV file.")
        imp.add_argument("network")
        imp.add_argument("file")

    def handle(self, *args, action, network, **options):
        try:
            network = Network.objects.get(slug=network)
        except Network.DoesNotExist:
            raise CommandError(f"no network with the address {network!r}") from None
        if action == "export":
            return self.export(network, **options)
        return self.import_(network, options["file"])

    def export(self, network, *, format, lang, output, base_url, **options):
        if format == "html":
            text = standalone.build(network, language=lang)
        elif format == "json":
            text = json.dumps(
                interop.export_json(network, base_url=base_url), ensure_ascii=False, indent=1
            )
        else:
            text = interop.export_csv(network, base_url=base_url)
        if format != "html":  # the HTML export logs itself
            record(Verb.EXPORT, network, network=network, data={"format": format})
        Path(output).write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {output} ({len(text.encode('utf-8'))} bytes)")

    def import_(self, network, path):
        try:
            content = Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from None
        try:
            moments, eras, notes = interop.import_file(
                network, content, by=None, name=Path(path).name
            )
        except interop.ImportFailed as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"nothing imported: {len(exc.problems)} "
                f"problem{'' if len(exc.problems) == 1 else 's'} in {path}"
            ) from None
        self.stdout.write(f"Imported {len(moments)} moments and {len(eras)} eras.")
        for note in notes:
            self.stdout.write(f"Not kept: {note}")
