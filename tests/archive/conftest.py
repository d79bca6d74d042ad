import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Commands print in the active language; keep English for exact messages."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path):
    """A media folder of the test's own: tests check which files an import leaves behind."""
    settings.MEDIA_ROOT = tmp_path / "media"
