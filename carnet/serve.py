"""`carnet serve`: the production server (gunicorn, static files by WhiteNoise)."""

import argparse
import os

from django.core.management import call_command
from gunicorn.app.base import BaseApplication

from carnet.lib.ports import port_problem


class CarnetServer(BaseApplication):
    def __init__(self, options):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from carnet.wsgi import application

        return application


def parse(argv):
    parser = argparse.ArgumentParser(prog="carnet serve", description=__doc__)
    parser.add_argument("--host", default=os.environ.get("CARNET_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("CARNET_PORT", "8000")))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("CARNET_WORKERS", "2")))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("CARNET_THREADS", "4")))
    parser.add_argument(
        "--no-collectstatic", action="store_true", help="Skip collecting static files."
    )
    return parser.parse_args(argv)


def serve(argv):
    """Returns an error line, or serves until stopped."""
    args = parse(argv)
    if problem := port_problem(args.host, args.port):
        return problem
    if not args.no_collectstatic:
        call_command("collectstatic", interactive=False, verbosity=0)
    CarnetServer(
        {
            "bind": f"{args.host}:{args.port}",
            "workers": args.workers,
            "threads": args.threads,
            "worker_class": "gthread",
            "accesslog": "-",
            "timeout": 60,
            # One control socket per machine by default: several servers would share it.
            "control_socket_disable": True,
        }
    ).run()
    return None
