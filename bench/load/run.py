"""Carnet under load: a large generated instance driven by locust, on SQLite and PostgreSQL.

    .venv/bin/python bench/load/run.py [--engines sqlite,postgres] [--users 50]
        [--duration 300] [--scale 1.0] [--small-scale 0.1] [--keep]

For each engine:
1. a fresh database (SQLite: a file in a temporary folder; PostgreSQL: carnet_load on
   127.0.0.1:5432, dropped and created again), migrated and filled by generate.py at
   --scale (1.0: 1,000 organisations, 50 networks, 20,000 sheets x 5 versions, 10,000
   milestones, 50,000 learnings, 10,000 documents); the generation time is printed;
2. query counts per page (queries.py: Django's test client + CaptureQueriesContext) on
   that database and on a second one generated at --small-scale, to show which page's
   count grows with the data;
3. app servers: SQLite, one `carnet serve` with 4 workers x 4 threads; PostgreSQL, two
   `carnet serve` processes on two ports with 2 workers x 4 threads each (same total);
4. locust, headless, --users users (spawned at 10/s) for --duration seconds against
   127.0.0.1 only (locustfile.py: readers and partner editors mixed, 1-3 s think time);
   per page: requests/s, median and 95th percentile latency (ms), failures.
Servers are always stopped (finally). PostgreSQL databases are dropped at the end unless
--keep. locust is installed into the project's venv from bench/load/requirements.txt
when missing (a benchmark tool, not a dependency of Carnet).

The load generator runs on the same machine as the servers and the database: it takes
part of the CPU (printed with the results).
"""

import argparse
import csv
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
from bench.machine import cpu_model  # noqa: E402

BIN = Path(sys.executable).parent
PG = "postgres://postgres@127.0.0.1:5432/"
PG_DB, PG_SMALL = "carnet_load", "carnet_load_small"
REDIS_URL = ""  # --redis: cache and sessions of every app server in Redis
# One set of ports per engine: a port just closed may still be refused for a while.
PORTS_OF = {"sqlite": (8751,), "postgres": (8761, 8762)}


def machine():
    cpu = cpu_model()
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{os.cpu_count()} CPU ({cpu}){mem}, {system}, Python {platform.python_version()}"


def ensure_locust():
    if (BIN / "locust").exists():
        return
    print(f"Installing locust into {BIN.parent} (bench/load/requirements.txt)")
    subprocess.run(
        [str(BIN / "pip"), "install", "--quiet", "-r", str(HERE / "requirements.txt")], check=True
    )


def psql(sql, db="postgres"):
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-q", "-v", "ON_ERROR_STOP=1",
         "-c", sql],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def fresh_database(engine, name, tmp):
    """DATABASE_URL of a new, empty database."""
    if engine == "sqlite":
        path = tmp / f"{name}.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    psql(f"CREATE DATABASE {name}")
    return PG + name


def env_for(url, tmp):
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "carnet.settings",
        "CARNET_SECRET_KEY": "bench-load-only",
        "CARNET_DEBUG": "false",
        "CARNET_HTTPS": "false",
        "CARNET_VAR_DIR": str(tmp),
        "CARNET_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "CARNET_LOG_LEVEL": "ERROR",
        **({"CARNET_REDIS_URL": REDIS_URL} if REDIS_URL else {}),
    }


def generate(url, tmp, scale, manifest):
    out = subprocess.run(
        [sys.executable, str(HERE / "generate.py"), "--migrate", "--scale", str(scale),
         "--manifest", str(manifest)],
        env=env_for(url, tmp), check=True, capture_output=True, text=True,
    )  # fmt: skip
    print(out.stdout.rstrip())
    return json.loads(manifest.read_text())


def count_queries(url, tmp, manifest):
    out = subprocess.run(
        [sys.executable, str(HERE / "queries.py"), str(manifest)],
        env=env_for(url, tmp), capture_output=True, text=True,
    )  # fmt: skip
    if out.returncode:
        raise RuntimeError(f"queries.py failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def wait_up(port, process, deadline=120):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if process.poll() is not None:
            raise RuntimeError(f"carnet serve on port {port} stopped (exit {process.returncode})")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"carnet serve on port {port} did not answer within {deadline} s")


def start_servers(url, tmp, ports, workers, threads):
    env = env_for(url, tmp)
    processes = []
    try:
        for port in ports:
            log = open(tmp / f"serve-{port}.log", "w")  # noqa: SIM115 (closed with the server)
            processes.append(
                subprocess.Popen(
                    [
                        str(BIN / "carnet"),
                        "serve",
                        "--port",
                        str(port),
                        "--workers",
                        str(workers),
                        "--threads",
                        str(threads),
                        "--no-collectstatic",
                    ],
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )  # fmt: skip
            )
        for port, process in zip(ports, processes, strict=True):
            wait_up(port, process)
    except BaseException:
        stop_servers(processes)
        for port in ports:
            log = tmp / f"serve-{port}.log"
            if log.exists():
                print(f"--- serve {port}:\n{log.read_text()[-2000:]}")
        raise
    return processes


def warm_up(manifest_path, ports):
    """Each page a few times on each server, so that every worker has loaded its code."""
    manifest = json.loads(Path(manifest_path).read_text())
    network = manifest["networks"][0]
    slug = network["slug"]
    paths = [f"/{slug}/", f"/{slug}/timeline/", f"/{slug}/timeline.json", f"/{slug}/sheets/",
             f"/{slug}/sheets/{network['published_sheets'][0]}/", "/accounts/login/"]  # fmt: skip
    for port in ports:
        for _ in range(8):
            for path in paths:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30):
                    pass
            log_in(port, f"coord{len(manifest['networks']) - 1:02d}", manifest["password"])


def log_in(port, username, password):
    """A login, as the editors do at their start (the first one in a worker loads the
    password hasher and the login path)."""
    import http.cookiejar
    import re
    import urllib.parse

    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    url = f"http://127.0.0.1:{port}/accounts/login/"
    with opener.open(url, timeout=30) as page:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())
    data = {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)}
    request = urllib.request.Request(url, data=urllib.parse.urlencode(data).encode())
    request.add_header("Referer", url)
    with opener.open(request, timeout=30) as response:
        if "/accounts/login/" in response.url:
            raise RuntimeError(f"warm-up login refused for {username}")


def stop_servers(processes):
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def run_locust(manifest, ports, users, duration, tmp):
    prefix = tmp / "locust"
    env = {
        **os.environ,
        "LOAD_MANIFEST": str(manifest),
        "LOAD_RETRIES_FILE": str(tmp / "retries.txt"),
        "LOAD_HOSTS": ",".join(f"http://127.0.0.1:{port}" for port in ports),
    }
    started = time.monotonic()
    cpu_before = os.times()
    process = subprocess.run(
        [str(BIN / "locust"), "-f", str(HERE / "locustfile.py"), "--headless",
         "--users", str(users), "--spawn-rate", "10", "--run-time", f"{duration}s",
         "--stop-timeout", "10", "--csv", str(prefix), "--only-summary",
         "--loglevel", "WARNING"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    elapsed = time.monotonic() - started
    cpu_after = os.times()
    locust_cpu = (cpu_after.children_user + cpu_after.children_system) - (
        cpu_before.children_user + cpu_before.children_system
    )
    with open(f"{prefix}_stats.csv") as stats, open(f"{prefix}_failures.csv") as failed:
        rows, failures = list(csv.DictReader(stats)), list(csv.DictReader(failed))
    if process.returncode not in (0, 1):
        print(process.stderr[-3000:])
        raise RuntimeError(f"locust exited with {process.returncode}")
    retries = tmp / "retries.txt"
    retried = int(retries.read_text()) if retries.exists() else None
    return rows, failures, locust_cpu / elapsed, retried


def print_load(engine, rows, failures, locust_share, queries_small, queries_full):
    print(f"\n{engine}: per page (latency in ms)\n")
    print("| page | req/s | median | p95 | p99 | max | requests | failures |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['Name']} | {float(row['Requests/s']):.2f} | {row['50%']} | {row['95%']} "
            f"| {row['99%']} | {float(row['Max Response Time']):.0f} | {row['Request Count']} "
            f"| {row['Failure Count']} |"
        )
    for failure in failures:
        print(
            f"  FAILURE {failure['Method']} {failure['Name']}: {failure['Error']} "
            f"x{failure['Occurrences']}"
        )
    print(f"\n(locust's own CPU: {locust_share:.0%} of one core on average)")
    print_queries(queries_small, queries_full)


def print_queries(small, full):
    print("\n| page | queries (small) | queries (full) | ms in-process (small) | ms (full) |")
    print("|---|---:|---:|---:|---:|")
    for name, value in full.items():
        s = small.get(name, {})
        grows = " **grows**" if s and value["queries"] > s["queries"] else ""
        print(
            f"| {name} | {s.get('queries', '-')} | {value['queries']}{grows} "
            f"| {s.get('ms', '-')} | {value['ms']} |"
        )


def run_engine(engine, args, tmp):
    print(f"\n=== {engine} ===")
    results = {"engine": engine}
    small_url = fresh_database(engine, PG_SMALL if engine == "postgres" else "small", tmp)
    print(f"generate at scale {args.small_scale}:")
    small_manifest = tmp / f"{engine}-small.json"
    generate(small_url, tmp, args.small_scale, small_manifest)
    results["queries_small"] = count_queries(small_url, tmp, small_manifest)
    if engine == "postgres" and not args.keep:
        psql(f"DROP DATABASE IF EXISTS {PG_SMALL} WITH (FORCE)")
    url = fresh_database(engine, PG_DB if engine == "postgres" else "load", tmp)
    print(f"generate at scale {args.scale}:")
    manifest_path = tmp / f"{engine}.json"
    manifest = generate(url, tmp, args.scale, manifest_path)
    results["generation_seconds"] = manifest["seconds"]
    results["counts"] = manifest["counts"]
    results["queries_full"] = count_queries(url, tmp, manifest_path)
    servers, workers = (1, 4) if engine == "sqlite" else (2, 2)
    results["servers"] = f"{servers} x carnet serve --workers {workers} --threads 4"
    ports = PORTS_OF[engine]
    if REDIS_URL:
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
        results["servers"] += f", cache and sessions in Redis ({REDIS_URL})"
    processes = start_servers(url, tmp, ports, workers, 4)
    try:
        warm_up(manifest_path, ports)
        print(f"locust: {args.users} users for {args.duration} s against {results['servers']}")
        rows, failures, share, retried = run_locust(
            manifest_path, ports, args.users, args.duration, tmp
        )
    finally:
        stop_servers(processes)
    results.update(rows=rows, failures=failures, locust_cpu=share, retried=retried)
    print(f"GETs sent again after a connection reset (keep-alive race): {retried}")
    print_load(engine, rows, failures, share, results["queries_small"], results["queries_full"])
    for port in ports:
        log = tmp / f"serve-{port}.log"
        marks = ('" 500 ', "Traceback", "[CRITICAL]", "[ERROR]")
        errors = [line for line in log.read_text().splitlines() if any(m in line for m in marks)]
        print(f"server {port}: {len(errors)} error lines in its log")
        for line in errors[:5]:
            print(f"  {line[:200]}")
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=300, help="seconds")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--small-scale", type=float, default=0.1)
    parser.add_argument("--keep", action="store_true", help="Keep the PostgreSQL databases.")
    parser.add_argument("--json", help="Also write the results to this file.")
    parser.add_argument(
        "--redis",
        default="",
        help="CARNET_REDIS_URL for the app servers (shared cache and sessions, as in production "
        "with several app servers), e.g. redis://127.0.0.1:6379/1; emptied before each engine.",
    )
    args = parser.parse_args()
    global REDIS_URL
    REDIS_URL = args.redis
    ensure_locust()
    print(f"Machine: {machine()}")
    print(
        f"Load average before: {os.getloadavg()[0]:.2f} (other work on the machine shares the CPU)"
    )
    print(f"Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    tmp = Path(tempfile.mkdtemp(prefix="carnet-load-"))
    all_results = []
    try:
        subprocess.run(
            [str(BIN / "carnet"), "collectstatic", "--noinput", "-v0"],
            env=env_for(f"sqlite:///{tmp / 'static.sqlite3'}", tmp),
            check=True,
        )
        for engine in args.engines.split(","):
            all_results.append(run_engine(engine.strip(), args, tmp))
    finally:
        if not args.keep:
            for name in (PG_DB, PG_SMALL):
                if "postgres" in args.engines:
                    psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(all_results, indent=1))
    print(f"\nLoad average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
