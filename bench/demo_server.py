"""`carnet demo` in a throwaway folder on a free port, for the scripts that measure or picture
pages (bench/pagesize/run.py, docs/screenshots/make.py)."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_demo(folder, source=ROOT):
    """`carnet demo` from the checkout `source` (this one by default) with its database and
    files in `folder`; returns (process, base URL) once the login page answers."""
    port = free_port()
    env = {
        **os.environ,
        "CARNET_VAR_DIR": str(folder),
        "CARNET_DEBUG": "true",
        "PYTHONPATH": str(source),  # ahead of this checkout's editable install
    }
    env.pop("DATABASE_URL", None)
    log = open(Path(folder) / "demo.log", "wb")  # noqa: SIM115 (open while the demo runs)
    server = subprocess.Popen(
        [sys.executable, "-m", "carnet.cli", "demo", "--port", str(port)],
        cwd=source, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(900):
        if server.poll() is not None:
            raise SystemExit(f"the demo stopped; see {folder}/demo.log")
        try:
            urllib.request.urlopen(f"{base}/accounts/login/", timeout=2)
            return server, base
        except OSError:
            time.sleep(1)
    stop(server)
    raise SystemExit("the demo did not start within 15 minutes")


def stop(server):
    """Ctrl+C, as a person would: the demo then stops its worker too; then its whole group."""
    server.send_signal(signal.SIGINT)
    with contextlib.suppress(subprocess.TimeoutExpired):
        server.wait(timeout=20)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)  # the session start_demo opened for it
    server.wait()
