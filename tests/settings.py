"""Settings for the test suite: carnet.settings with a test key and fast hashing."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("CARNET_SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("CARNET_MEDIA_ROOT", tempfile.mkdtemp(prefix="carnet-test-media-"))
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("CARNET_HTTPS", "false")
# One OCR cache per run, shared by the parallel workers (they inherit this environment): the
# demo's scan is read by tesseract once, not once per test that loads the demo.
os.environ.setdefault("CARNET_TEST_OCR_CACHE", tempfile.mkdtemp(prefix="carnet-test-ocr-"))

from carnet.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
CARNET_OCR_CACHE = os.environ["CARNET_TEST_OCR_CACHE"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STATIC_ROOT = tempfile.mkdtemp(prefix="carnet-test-static-")
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# SQLite tests use a file, not memory: in SQLite's shared in-memory database, threads fail
# at once on each other's locks ("database table is locked") where a file lets them wait, as
# in production; the race tests (tests/races.py) need that. Measured: the same speed.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    _test_db = Path(tempfile.gettempdir()) / f"carnet-test-{os.getpid()}.sqlite3"  # removed after
    DATABASES["default"]["TEST"] = {"NAME": str(_test_db)}  # noqa: F405
