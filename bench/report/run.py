"""Report builds: time and peak memory for the PDF (Typst) and the DOCX (python-docx),
for the demo network and for a generated network with 200 validated sheets, side by
side with LibreOffice converting the same DOCX to PDF, in the same run.

    .venv/bin/python bench/report/run.py [--sheets 200] [--repeat 3]

Everything happens in a temporary folder with its own SQLite database. LibreOffice
(Debian's libreoffice-writer-nogui) is installed with apt when missing and run as root.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.machine import cpu_model  # noqa: E402

PYTHON = sys.executable

MEASURE = textwrap.dedent(
    """
    import json, resource, sys, time
    import django
    django.setup()
    from carnet.networks.models import Network
    from carnet.reports.domain import compose
    from carnet.reports.models import Report
    from carnet.reports.outputs import render_docx, render_pdf
    slug, fmt, out = sys.argv[1:4]
    report = Report.objects.get(network__slug=slug)
    start = time.perf_counter()
    document = compose(report, version_label="bench")
    composed = time.perf_counter()
    data = render_pdf(document) if fmt == "pdf" else render_docx(document)
    done = time.perf_counter()
    open(out, "wb").write(data)
    print(json.dumps({"compose": composed - start, "render": done - composed,
                      "total": done - start, "bytes": len(data),
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    """
)

GENERATE = textwrap.dedent(
    """
    import sys, itertools
    import django
    django.setup()
    from django.db import transaction
    from carnet.demo.practices import SHEETS
    from carnet.networks.models import Membership, Network, Organisation
    from carnet.practices.domain import template_for
    from carnet.practices.enums import SheetState
    from carnet.practices.models import Sheet
    from carnet.reports.defaults import default_chapters
    from carnet.reports.models import Chapter, Report
    count = int(sys.argv[1])
    with transaction.atomic():
        network = Network.objects.create(name="Generated network", slug="bench", is_published=True)
        template = template_for(network)
        orgs = []
        for n in range(40):
            org = Organisation.objects.create(name=f"Generated organisation {n}", country="AL")
            Membership.objects.create(network=network, organisation=org, joined_on="2015-01-01")
            orgs.append(org)
        sources = itertools.cycle(SHEETS)
        Sheet.objects.bulk_create(
            Sheet(network=network, template=template, organisation=orgs[n % len(orgs)],
                  slug=f"sheet-{n}", title=f"{source[3]} ({n})", country="AL",
                  level=source[4], themes=source[5], content=source[7],
                  state=SheetState.VALIDATED)
            for n, source in zip(range(count), sources)
        )
        report = Report.objects.create(network=network, title="A generated report")
        Chapter.objects.bulk_create(
            Chapter(report=report, position=n, kind=kind, block=block, title=title, body=body)
            for n, (kind, block, title, body) in enumerate(default_chapters(), start=1)
        )
    print(Sheet.objects.filter(network=network).count())
    """
)


def run(args, env, **kwargs):
    return subprocess.run(args, env=env, check=True, capture_output=True, text=True, **kwargs)


def machine():
    cpu = cpu_model("unknown CPU")
    return f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, {platform.system()}"


def pages(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")


def ensure_libreoffice():
    if shutil.which("soffice"):
        return True
    if os.geteuid() != 0:
        print("LibreOffice is missing: apt-get install libreoffice-writer-nogui")
        return False
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "libreoffice-writer-nogui"],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        capture_output=True,
    )
    return bool(shutil.which("soffice"))


LIBREOFFICE = textwrap.dedent(
    """
    import json, resource, subprocess, sys, time
    docx, outdir, profile = sys.argv[1:4]
    start = time.perf_counter()
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", outdir, docx],
                   check=True, capture_output=True)
    print(json.dumps({"total": time.perf_counter() - start,
                      "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
    """
)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sheets", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="carnet-bench-report-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        CARNET_DEBUG="1", CARNET_VAR_DIR=str(work / "var"), DJANGO_SETTINGS_MODULE="carnet.settings"
    )
    print(f"Machine: {machine()}")
    run([PYTHON, "-m", "carnet.cli", "demo", "--load-only"], env, cwd=ROOT)
    generated = run([PYTHON, "-c", GENERATE, str(options.sheets)], env, cwd=ROOT).stdout.strip()
    print(f"Generated network: {generated} validated sheets")
    has_lo = ensure_libreoffice()
    rows = []
    for slug, label in (("euromed", "demo (euromed)"), ("bench", f"{options.sheets} sheets")):
        results = {}
        for fmt in ("pdf", "docx"):
            runs = []
            for n in range(options.repeat):
                out = work / f"{slug}-{n}.{fmt}"
                measured = run([PYTHON, "-c", MEASURE, slug, fmt, str(out)], env, cwd=ROOT)
                runs.append(json.loads(measured.stdout.strip().splitlines()[-1]))
            results[fmt] = runs
        pdf_pages = pages(work / f"{slug}-0.pdf")
        lo = []
        if has_lo:
            for n in range(options.repeat):
                outdir = work / f"lo-{slug}-{n}"
                measured = run(
                    [
                        PYTHON,
                        "-c",
                        LIBREOFFICE,
                        str(work / f"{slug}-0.docx"),
                        str(outdir),
                        str(work / "lo-profile"),
                    ],
                    env,
                )
                lo.append(json.loads(measured.stdout.strip()))
            lo_pages = pages(outdir / f"{slug}-0.pdf")
        for name, runs in (("Typst PDF", results["pdf"]), ("python-docx DOCX", results["docx"])):
            rows.append(
                (
                    label,
                    name,
                    statistics.median(r["total"] for r in runs),
                    max(r["peak_mb"] for r in runs),
                    pdf_pages if name == "Typst PDF" else "",
                    runs[0]["bytes"],
                )
            )
        if lo:
            rows.append(
                (
                    label,
                    "LibreOffice DOCX→PDF",
                    statistics.median(r["total"] for r in lo),
                    max(r["peak_mb"] for r in lo),
                    lo_pages,
                    "",
                )
            )
    print(
        f"\nMedian of {options.repeat} runs; peak memory = max resident set size of the process"
        " (Python + Django + the renderer; for LibreOffice, its processes)."
    )
    print(f"{'report':<16} {'builder':<22} {'time':>8} {'peak MB':>8} {'pages':>6} {'bytes':>10}")
    for label, name, seconds, peak, npages, size in rows:
        print(f"{label:<16} {name:<22} {seconds:>7.2f}s {peak:>8.0f} {npages!s:>6} {size!s:>10}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
