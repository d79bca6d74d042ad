"""Translation catalogs: one per app (carnet/<app>/locale) plus the project's (carnet/locale).

python -m carnet.lib.catalogs update    # extract strings into the .po files (needs gettext)
python -m carnet.lib.catalogs compile   # .po -> .mo, pure Python (no gettext needed)
python -m carnet.lib.catalogs check     # list strings lacking a translation; exit 1 if any
"""

import os
import subprocess
import sys
from pathlib import Path

import polib

PACKAGE = Path(__file__).resolve().parent.parent
LANGUAGES = ["fr"]


def roots(package=PACKAGE):
    """(directory, directories to ignore) for each catalog."""
    apps = sorted(p.parent for p in package.glob("*/apps.py"))
    yield package, [app.name for app in apps] + ["lib/catalogs.py"]
    for app in apps:
        yield app, []


def update(package=PACKAGE):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "carnet.settings", "CARNET_DEBUG": "true"}
    env.setdefault("CARNET_VAR_DIR", str(package.parent / "var"))
    for root, ignore in roots(package):
        has_python = any(root.rglob("*.py")) or any(root.rglob("*.html"))
        if not has_python:
            continue
        (root / "locale").mkdir(exist_ok=True)
        domains = ["django"]
        if any(p for p in root.rglob("static/**/*.js") if not p.name.endswith(".min.js")):
            domains.append("djangojs")
        for domain in domains:
            cmd = [
                sys.executable,
                "-P",  # keep the app folder off sys.path: its rules.py would shadow `rules`
                "-m",
                "django",
                "makemessages",
                "--no-obsolete",
                "--no-location",
                "-d",
                domain,
            ]
            cmd += [f"-l={lang}" for lang in LANGUAGES]
            cmd += [f"--ignore={pattern}" for pattern in ignore + ["*.min.js", "migrations"]]
            subprocess.run(cmd, cwd=root, env=env, check=True, capture_output=True)


def po_files(package=PACKAGE):
    return sorted(package.glob("**/locale/*/LC_MESSAGES/*.po"))


def compile(package=PACKAGE):
    for po_path in po_files(package):
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))


def missing(package=PACKAGE):
    """Entries without a translation, as 'path: msgid' lines."""
    problems = []
    for po_path in po_files(package):
        for entry in polib.pofile(str(po_path)):
            if entry.obsolete:
                continue
            untranslated = not entry.translated() or "fuzzy" in entry.flags
            if untranslated:
                problems.append(f"{po_path.relative_to(package)}: {entry.msgid!r}")
    return problems


def main(argv):
    command = argv[1] if len(argv) > 1 else "check"
    if command == "update":
        update()
    elif command == "compile":
        compile()
    elif command == "check":
        problems = missing()
        print("\n".join(problems) or "All strings are translated.")
        return 1 if problems else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
