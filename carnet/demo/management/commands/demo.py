import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from carnet.demo import core
from carnet.demo.loader import load
from carnet.lib.ports import port_problem


class Command(BaseCommand):
    help = "Migrate, load the demo network (idempotent) and serve it on 127.0.0.1:8000."

    def add_arguments(self, parser):
        parser.add_argument("--load-only", action="store_true", help="Load without serving.")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, load_only, host, port, **options):
        if not load_only and (problem := port_problem(host, port)):
            raise CommandError(problem)
        call_command("migrate", interactive=False, verbosity=0)
        ctx = load()
        url = f"http://{host}:{port}/{ctx['network'].slug}/"
        self.stdout.write(f"Demo network loaded: {ctx['network'].name}")
        self.stdout.write(f"Logins (password for all: {core.PASSWORD}):")
        for username, display, role, _org in core.PEOPLE:
            org = ctx["people"][username].organisation_in(ctx["network"])
            where = f", {org}" if org else ""
            self.stdout.write(f"  {username:<7} {display} — {role.label}{where}")
        self.stdout.write(f"  {'yann':<7} Yann Kerbrat — coordinator of {ctx['youth'].name}")
        self.stdout.write(f"  {'admin':<7} superuser, for {'/admin/'}")
        if load_only:
            return
        self.stdout.write(f"Serving Carnet on {url}  (Ctrl+C to stop)")
        # Background work (report builds, imports, text extraction) needs a worker beside it.
        worker = subprocess.Popen(
            [sys.executable, "-m", "carnet.cli", "db_worker", "--no-reload", "--interval", "1"]
        )
        try:
            call_command(
                "runserver",
                f"{host}:{port}",
                use_reloader=False,
                use_threading=True,
                skip_checks=not settings.DEBUG,
            )
        finally:
            worker.terminate()
            worker.wait(timeout=10)
