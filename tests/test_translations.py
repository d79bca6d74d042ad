import shutil
from pathlib import Path

from carnet.lib import catalogs

PACKAGE = Path(catalogs.__file__).resolve().parent.parent


def test_every_ui_string_has_a_french_translation(tmp_path):
    """Extract the strings from a copy of the code; every one must be translated."""
    copy = tmp_path / "carnet"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    catalogs.update(copy)
    assert catalogs.missing(copy) == []


def test_catalogs_compile(tmp_path):
    copy = tmp_path / "carnet"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    catalogs.compile(copy)
    assert sorted(p.name for p in copy.glob("**/locale/fr/LC_MESSAGES/*.mo")) == sorted(
        p.with_suffix(".mo").name for p in catalogs.po_files(copy)
    )
