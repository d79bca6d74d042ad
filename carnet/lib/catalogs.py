"""Translation catalogs: one per app (carnet/<app>/locale) plus the project's (carnet/locale).

python -m carnet.lib.catalogs update    # extract strings into the .po files (needs gettext)
python -m carnet.lib.catalogs compile   # .po -> .mo, pure Python (no gettext needed)
python -m carnet.lib.catalogs check     # list strings lacking a translation; exit 1 if any
python -m carnet.lib.catalogs check sq  # the same, for one language's catalogs
"""

import os
import subprocess
import sys
from pathlib import Path

import polib

PACKAGE = Path(__file__).resolve().parent.parent
# The locale of each interface language but English (settings.LANGUAGES), with its plural rule
# (gettext's Plural-Forms, as Django's own catalogs write it).
PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 && n%100<=99 ? 4 : 5);",
    "sq": "nplurals=2; plural=(n != 1);",
    "hy": "nplurals=2; plural=(n != 1);",
    "bs": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "sr_Latn": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "ro": "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
    "es": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
}
LANGUAGES = list(PLURAL_FORMS)


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
        set_plural_forms(root / "locale")


def nplurals(language):
    return int(PLURAL_FORMS[language].split(";")[0].split("=")[1])


def set_plural_forms(locale_dir):
    """makemessages writes a new catalog with a placeholder plural rule: write the language's,
    and give each plural entry one slot per form of the language (Arabic has six)."""
    for language, rule in PLURAL_FORMS.items():
        for po_path in (locale_dir / language / "LC_MESSAGES").glob("*.po"):
            catalog = polib.pofile(str(po_path))
            changed = catalog.metadata.get("Plural-Forms") != rule
            catalog.metadata["Plural-Forms"] = rule
            catalog.metadata["Language"] = language
            if catalog.metadata_is_fuzzy:
                catalog.metadata_is_fuzzy = False
                changed = True
            for entry in catalog:
                if entry.msgid_plural:
                    for form in range(nplurals(language)):
                        if form not in entry.msgstr_plural:
                            entry.msgstr_plural[form] = ""
                            changed = True
            if changed:
                catalog.save()


def po_files(package=PACKAGE):
    return sorted(package.glob("**/locale/*/LC_MESSAGES/*.po"))


def compile(package=PACKAGE):
    for po_path in po_files(package):
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))


def missing(package=PACKAGE, language=None):
    """Entries without a translation (or lacking one of the language's plural forms), as
    'path: msgid' lines; `language`: that language's catalogs only."""
    problems = []
    for po_path in po_files(package):
        po_language = po_path.parent.parent.name
        if language is not None and po_language != language:
            continue
        for entry in polib.pofile(str(po_path)):
            if entry.obsolete:
                continue
            forms = [entry.msgstr_plural.get(n) for n in range(nplurals(po_language))]
            untranslated = (
                not entry.translated()
                or "fuzzy" in entry.flags
                or (entry.msgid_plural and not all(forms))
            )
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
        problems = missing(language=argv[2] if len(argv) > 2 else None)
        print("\n".join(problems) or "All strings are translated.")
        return 1 if problems else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
