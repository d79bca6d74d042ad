import time

from django.core.management.base import BaseCommand, CommandError

from carnet.networks.models import Network
from carnet.search import engine, index


class Command(BaseCommand):
    help = "Write the network search's index again (of one network, or of every network)."

    def add_arguments(self, parser):
        parser.add_argument("network", nargs="?", help="the network's slug (default: all)")

    def handle(self, *args, network=None, **options):
        target = None
        if network:
            target = Network.objects.filter(slug=network).first()
            if target is None:
                raise CommandError(f"No network {network!r}.")
        engine.install()
        started = time.perf_counter()
        count = index.rebuild(target)
        seconds = time.perf_counter() - started
        self.stdout.write(f"{count} search entries written in {seconds:.1f} s.")
