import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Commands print in the active language; keep English for exact messages."""
    with translation.override("en"):
        yield
