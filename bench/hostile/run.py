"""Benchmark: what refusing a hostile file costs (issue 12, item 7).

    .venv/bin/python bench/hostile/run.py [--code PATH] [--docx-mb 1024]

Builds, once, in a temporary folder (streaming: the files stay small on disk):
- a real .docx of about 1 MB whose word/document.xml expands to 1 GB (--docx-mb);
- a 7 KB one-bit PNG of 7700 × 7700 pixels (59 megapixels, under every pixel limit).

Then each case runs in a fresh process (so that peak memory is its own): the upload check of
the library form (`check_document` / `clean_image`), the DOCX import reader (`read_docx`) and
the worker's text extraction (`extract`). Printed: the outcome (the exception and its first
words), wall time, CPU time, and the process's peak RSS above what it held before the call.

--code PATH runs the cases against another checkout of Carnet (e.g. one of main, for the
figures before the change); by default, this one.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.machine import cpu_model  # noqa: E402

CASES = {
    "docx: upload check (check_document)": ("docx", "upload"),
    "docx: DOCX import (read_docx)": ("docx", "import"),
    "docx: text extraction in the worker (extract)": ("docx", "extract"),
    "png: image upload (clean_image)": ("png", "image"),
}


def measure(path, action):
    """In the child: run one action on the file at path; print one JSON line."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile

    from carnet.lib.textextract import extract
    from carnet.lib.uploads import check_document, clean_image
    from carnet.practices.docximport import read_docx

    run = {
        "upload": lambda data: check_document(SimpleUploadedFile("bomb.docx", data)),
        "import": lambda data: read_docx(io.BytesIO(data)),
        "extract": lambda data: extract(data, "docx"),
        "image": lambda data: clean_image(SimpleUploadedFile("bomb.png", data)),
    }[action]
    data = Path(path).read_bytes()
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    outcome = "accepted"
    try:
        run(data)
    except Exception as exc:  # what a refusal looks like is the point
        message = getattr(exc, "messages", [str(exc)])[0]
        outcome = f"{type(exc).__name__}: {' '.join(message.split())[:60]}"
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    print(
        json.dumps(
            {
                "outcome": outcome,
                "wall": wall,
                "cpu": cpu,
                "peak_mb": after.ru_maxrss / 1024,
                "above_mb": (after.ru_maxrss - before.ru_maxrss) / 1024,
            }
        )
    )


def build(folder, docx_mb):
    from tests.lib.bombs import MB, docx_bomb, png_bomb

    docx = folder / "bomb.docx"
    docx_bomb(docx_mb * MB, docx)
    png = folder / "bomb.png"
    png.write_bytes(png_bomb(7700, 7700, mode="1"))
    return {"docx": docx, "png": png}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--code", default=str(ROOT), help="the Carnet checkout to measure")
    parser.add_argument("--docx-mb", type=int, default=1024)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, os.getcwd())  # the checkout measured (--code)
        measure(*args.child)
        return
    code = Path(args.code).resolve()
    print(f"machine: {cpu_model()}, {os.cpu_count()} cores; load {os.getloadavg()[0]:.1f}")
    print(f"code: {code}")
    with tempfile.TemporaryDirectory(prefix="carnet-bench-hostile-") as name:
        files = build(Path(name), args.docx_mb)
        for kind, path in files.items():
            print(f"{kind}: {path.stat().st_size / 1024:.0f} KB on disk")
        print("| case | outcome | wall | CPU | peak RSS above start |")
        print("|---|---|---:|---:|---:|")
        for label, (kind, action) in CASES.items():
            env = {**os.environ, "PYTHONPATH": str(code)}
            result = subprocess.run(
                [sys.executable, __file__, "--child", str(files[kind]), action],
                env=env,
                cwd=code,
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                print(f"| {label} | crashed: {result.stderr.strip().splitlines()[-1]} | | | |")
                continue
            row = json.loads(result.stdout.strip().splitlines()[-1])
            print(
                f"| {label} | {row['outcome']} | {row['wall']:.2f} s | {row['cpu']:.2f} s "
                f"| {row['above_mb']:.0f} MB |"
            )


if __name__ == "__main__":
    main()
