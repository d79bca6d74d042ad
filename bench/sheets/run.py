"""Benchmark: the PDF of one good-practice sheet, and of all 200 sheets of a network.

    .venv/bin/python bench/sheets/run.py [--sheets 200] [--repeat 5]

Builds a throw-away SQLite database in a temporary directory with a generated
network of N two-page sheets (about 1,000 words over every default field, a quote, Cyrillic,
Armenian and Arabic words), then measures, each in a fresh process so that
peak memory is the measurement's own:

- one sheet's PDF: median time of --repeat renders, peak RSS of the process;
- every sheet's PDF, one after another: total time, per sheet, peak RSS.

Prints the machine (nproc, CPU model) and the figures.
"""

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.machine import cpu_model  # noqa: E402

PARAGRAPH = (
    "Our staff met the police, the social services and the schools of the region to agree on "
    "how to identify victims of trafficking and refer them to support. "
)


def setup_django(var_dir):
    os.environ.setdefault("CARNET_SECRET_KEY", "bench-only")
    os.environ["CARNET_VAR_DIR"] = str(var_dir)
    os.environ["DATABASE_URL"] = f"sqlite:///{var_dir / 'bench.sqlite3'}"
    os.environ["CARNET_MEDIA_ROOT"] = str(var_dir / "media")
    os.environ["CARNET_EMAIL_URL"] = "locmem://"
    os.environ["DJANGO_SETTINGS_MODULE"] = "carnet.settings"
    import django

    django.setup()


def generate(count):
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from carnet.accounts.models import User
    from carnet.networks.models import Membership, Network, Organisation
    from carnet.practices import domain
    from carnet.practices.fields import DEFAULT_FIELDS

    network = Network.objects.create(name="Benchmark network", slug="bench", is_published=True)
    author = User.objects.create(username="bench", is_superuser=True)
    countries = ["AL", "AM", "BA", "XK", "UA", "LB", "FR", "MA"]
    orgs = []
    for n, code in enumerate(countries):
        org = Organisation.objects.create(name=f"Caritas {code} {n}", country=code)
        Membership.objects.create(network=network, organisation=org, joined_on="2011-03-01")
        orgs.append(org)
    extra = " Україна. Հայաստան. العربية."
    for n in range(count):
        content = {
            spec.key: PARAGRAPH * 3 + extra
            for spec in DEFAULT_FIELDS
            if spec.key not in {"quote_speaker", "quote_role", "other"}
        }
        content.update(quote="The network made us stronger.", quote_speaker="A. B.",
                       quote_role="Project manager")  # fmt: skip
        domain.create_sheet(
            network=network,
            organisation=orgs[n % len(orgs)],
            by=author,
            title=f"Good practice number {n + 1}",
            content=content,
            themes=["prevention", "advocacy"],
        )


def measure(kind, repeat):
    from carnet.practices import outputs
    from carnet.practices.models import Sheet

    sheets = list(
        Sheet.objects.select_related("network", "organisation", "template").prefetch_related(
            "photos"
        )
    )
    start = time.perf_counter()
    outputs.sheet_pdf(sheets[0])  # the first render of a process: fonts read from disk
    result = {"kind": kind, "cold_seconds": time.perf_counter() - start}
    if kind == "one":
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            pdf = outputs.sheet_pdf(sheets[0])
            times.append(time.perf_counter() - start)
        result.update(seconds=statistics.median(times), bytes=len(pdf), pages=pages(pdf))
    else:
        start = time.perf_counter()
        total = sum(len(outputs.sheet_pdf(sheet)) for sheet in sheets)
        result.update(seconds=time.perf_counter() - start, sheets=len(sheets), bytes=total)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def pages(pdf):
    """Page count by poppler's pdfinfo (None when it is not installed)."""
    try:
        out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    for line in out.decode().splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sheets", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--measure", choices=["one", "all"])
    parser.add_argument("--var")
    args = parser.parse_args()
    if args.measure:
        setup_django(Path(args.var))
        measure(args.measure, args.repeat)
        return
    with tempfile.TemporaryDirectory(prefix="carnet-bench-sheets-") as tmp:
        var = Path(tmp)
        setup_django(var)
        start = time.perf_counter()
        generate(args.sheets)
        print(f"machine: {os.cpu_count()} CPUs (nproc), {cpu_model()}, Python "
              f"{platform.python_version()}")  # fmt: skip
        print(f"generated {args.sheets} sheets in {time.perf_counter() - start:.1f} s")
        results = {}
        for kind in ("one", "all"):
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--measure",
                    kind,
                    "--var",
                    str(var),
                    "--repeat",
                    str(args.repeat),
                ],  # fmt: skip
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            results[kind] = json.loads(out.strip().splitlines()[-1])
        one, every = results["one"], results["all"]
        print(
            f"one sheet PDF: {one['seconds'] * 1000:.0f} ms (median of {args.repeat}; first "
            f"render of a fresh process {one['cold_seconds'] * 1000:.0f} ms), "
            f"{one['pages']} A4 pages, "
            f"{one['bytes'] / 1024:.0f} KB, peak RSS {one['peak_rss_mb']:.0f} MB"
        )
        print(
            f"all {every['sheets']} sheet PDFs: {every['seconds']:.1f} s "
            f"({every['seconds'] / every['sheets'] * 1000:.0f} ms per sheet), "
            f"{every['bytes'] / 1024 / 1024:.1f} MB in all, peak RSS {every['peak_rss_mb']:.0f} MB"
        )


if __name__ == "__main__":
    main()
