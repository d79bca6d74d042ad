"""How many of TimelineJS's own example timelines Carnet imports (issue 17, item 3).

Reads every JSON and CSV timeline of a TimelineJS3 checkout (its src/template/, website/examples/,
website/static/welcome/ and contrib/ folders, and the parser tests' CSV files), imports each
into a throwaway SQLite database through carnet.timeline.interop.import_file (the function the
import page calls), and prints one line per file: imported (moments, eras, notes) or refused
(the first reasons). Nothing of TimelineJS is committed here: give the checkout's path.

    .venv/bin/python bench/timelinejs_examples/run.py /path/to/TimelineJS3
    git clone https://github.com/NUKnightLab/TimelineJS3   # where the internet is reachable

Without a path (e.g. in `make bench`) it says so and exits 0.
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
FOLDERS = ["src/template", "website/examples", "website/static/welcome", "contrib", "src/js/core"]


def main(argv):
    if len(argv) < 2 or not Path(argv[1]).is_dir():
        print("no TimelineJS3 checkout given (bench/timelinejs_examples/run.py PATH): skipped")
        return 0
    checkout = Path(argv[1])
    var = tempfile.mkdtemp(prefix="carnet-tjs-")
    os.environ.update(CARNET_VAR_DIR=var, CARNET_SECRET_KEY="bench", CARNET_DEBUG="false")
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "carnet.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from carnet.networks.models import Network
    from carnet.timeline import interop
    from carnet.timeline.models import Era, Milestone

    files = sorted(
        path
        for folder in FOLDERS
        for path in (checkout / folder).rglob("*")
        if path.suffix in (".json", ".csv") and "locale" not in path.parts
    )
    imported = 0
    for number, path in enumerate(files):
        network = Network.objects.create(name=f"Bench {number}", slug=f"bench-{number}")
        name = path.relative_to(checkout)
        try:
            moments, eras, notes = interop.import_file(network, path.read_bytes(), by=None)
        except interop.ImportFailed as failed:
            reasons = "; ".join(str(p) for p in failed.problems[:2])
            print(f"refused   {name}: {len(failed.problems)} problem(s): {reasons[:160]}")
            continue
        imported += 1
        assert Milestone.objects.filter(network=network).count() == len(moments)
        assert Era.objects.filter(network=network).count() == len(eras)
        print(f"imported  {name}: {len(moments)} moments, {len(eras)} eras, {len(notes)} notes")
    print(f"{imported} of {len(files)} files imported")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
