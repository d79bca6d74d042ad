"""Benchmark: the cost of checking a password at login, Django's Argon2 defaults vs Carnet's.

    .venv/bin/python bench/hashers/run.py [--repeat 20]

For each hasher, in a fresh process (so that peak memory is its own): the median and
95th percentile time of check_password() on one hash, the CPU time per check, and the
process's peak RSS; then, with two processes checking at once on this machine, the
median wall time per check (what two people logging in together wait).
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.machine import cpu_model  # noqa: E402

HASHERS = {
    "Django Argon2 defaults (t=2, m=100 MiB, p=8)": (
        "django.contrib.auth.hashers.Argon2PasswordHasher"
    ),
    "Carnet / OWASP (t=2, m=19 MiB, p=1)": "carnet.accounts.hashers.CarnetArgon2PasswordHasher",
}


def measure(hasher_path, repeat):
    sys.path.insert(0, str(ROOT))
    from django.conf import settings

    settings.configure(PASSWORD_HASHERS=[hasher_path])
    from django.contrib.auth.hashers import check_password, make_password

    encoded = make_password("correct horse battery staple")
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        assert check_password("correct horse battery staple", encoded)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    times.sort()
    return {
        "median": statistics.median(times),
        "p95": times[max(0, int(len(times) * 0.95) - 1)],
        "cpu": statistics.median(cpu),
        "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def child(hasher_path, repeat):
    result = measure(hasher_path, repeat)
    print(" ".join(f"{key}={value:.1f}" for key, value in result.items()))


def run_child(hasher_path, repeat):
    out = subprocess.run(
        [sys.executable, __file__, "--child", hasher_path, "--repeat", str(repeat)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict((k, float(v)) for k, v in (item.split("=") for item in out.split()))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.repeat)
        return
    print(f"machine: {os.cpu_count()} cores, {cpu_model()}; load average {os.getloadavg()[0]:.2f}")
    print()
    print("| hasher | median | p95 | CPU per check | peak RSS | two at once (median) |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, path in HASHERS.items():
        alone = run_child(path, args.repeat)
        with ProcessPoolExecutor(2) as pool:
            pair = list(pool.map(run_child, [path, path], [args.repeat, args.repeat]))
        together = statistics.median(r["median"] for r in pair)
        print(
            f"| {label} | {alone['median']:.0f} ms | {alone['p95']:.0f} ms | {alone['cpu']:.0f} ms "
            f"| {alone['rss']:.0f} MB | {together:.0f} ms |"
        )


if __name__ == "__main__":
    main()
