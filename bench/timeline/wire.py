"""Bytes on the wire of the public timeline page as `carnet serve`'s middleware sends it.

    .venv/bin/python bench/timeline/wire.py [--sizes 50,500,5000]

For 50, 500 and 5,000 published moments (bench/timeline/run.py's data), the HTML body of
/<network>/timeline/ asked without and with `Accept-Encoding: gzip` (the same Django stack
and MIDDLEWARE as `carnet serve`; headers not counted), and, at the first size, the extra
bytes (gzipped) of ten click-to-load media cards against the same moments without them.
"""

import argparse
import gzip
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
from bench.timeline.run import make_timeline, setup_django  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="50,500,5000")
    sizes = [int(n) for n in parser.parse_args().sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp))
        from django.test import Client

        from carnet.timeline.models import Milestone

        client = Client(HTTP_HOST="127.0.0.1")
        print("| events | HTML uncompressed | on the wire (gzip) | ratio | gzip time (level 6) |")
        print("|---:|---:|---:|---:|---:|")
        for n in sizes:
            make_timeline(n)
            plain = client.get("/bench/timeline/").content
            started = time.perf_counter()
            packed = client.get("/bench/timeline/", HTTP_ACCEPT_ENCODING="gzip")
            total_ms = (time.perf_counter() - started) * 1000
            assert packed["Content-Encoding"] == "gzip"
            assert gzip.decompress(packed.content).count(b'class="tl-event"') == n
            started = time.perf_counter()
            gzip.compress(plain, compresslevel=6)  # what Django uses
            gzip_ms = (time.perf_counter() - started) * 1000
            print(
                f"| {n:,} | {len(plain) / 1024:,.1f} KB | {len(packed.content) / 1024:,.1f} KB "
                f"| {len(plain) / len(packed.content):.1f}× | {gzip_ms:.1f} ms "
                f"(whole cached request {total_ms:.0f} ms) |"
            )
        n = sizes[0]
        network = make_timeline(n)
        without = len(client.get("/bench/timeline/", HTTP_ACCEPT_ENCODING="gzip").content)
        urls = [
            "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "https://vimeo.com/76979871",
            "https://soundcloud.com/forss/flickermood",
            "https://commons.wikimedia.org/wiki/File:Example.jpg",
            "https://www.openstreetmap.org/#map=13/42.6629/21.1655",
        ]
        for i, moment in enumerate(Milestone.objects.filter(network=network)[:10]):
            moment.media_url = urls[i % len(urls)]
            moment.save()
        response = client.get("/bench/timeline/", HTTP_ACCEPT_ENCODING="gzip")
        body = gzip.decompress(response.content)
        assert body.count(b'class="card tl-card tl-card-') == 10 and b"<iframe" not in body
        extra = (len(response.content) - without) / 1024
        print(
            f"\nTen click-to-load cards at {n} events: +{extra:.2f} "
            f"KB on the wire ({without / 1024:.1f} → {len(response.content) / 1024:.1f} KB), "
            "no iframe, no outside address in src."
        )


if __name__ == "__main__":
    main()
