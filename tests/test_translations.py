import shutil
from pathlib import Path

import polib

from carnet.lib import catalogs

PACKAGE = Path(catalogs.__file__).resolve().parent.parent


def test_every_interface_language_but_english_has_catalogs_with_its_plural_rule():
    from django.conf import settings
    from django.utils.translation import to_locale

    locales = [to_locale(code) for code, _name in settings.LANGUAGES if code != "en"]
    assert locales == catalogs.LANGUAGES
    for po_path in catalogs.po_files():
        language = po_path.parent.parent.name
        assert language in catalogs.LANGUAGES, po_path
        header = polib.pofile(str(po_path)).metadata["Plural-Forms"]
        assert header == catalogs.PLURAL_FORMS[language], po_path


def test_every_app_has_a_catalog_in_every_language():
    apps = {po.parent.parent.parent for po in catalogs.po_files()}
    for app in apps:
        have = sorted(p.name for p in app.iterdir() if p.is_dir())
        assert have == sorted(catalogs.LANGUAGES), app


def test_every_ui_string_is_translated_in_every_language(tmp_path):
    """Extract the strings from a copy of the code; every one must be translated, in every
    language, with each of the language's plural forms (Arabic has six)."""
    copy = tmp_path / "carnet"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    catalogs.update(copy)
    assert catalogs.missing(copy) == []


def test_catalogs_compile(tmp_path):
    copy = tmp_path / "carnet"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    catalogs.compile(copy)
    assert sorted(str(p) for p in copy.glob("**/locale/*/LC_MESSAGES/*.mo")) == sorted(
        str(p.with_suffix(".mo")) for p in catalogs.po_files(copy)
    )
