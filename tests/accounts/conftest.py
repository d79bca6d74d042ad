import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def back_to_english():
    """A French request leaves French active in the thread: reset it after each test.

    (Worth moving to tests/conftest.py: any test that requests a French page leaks it.)
    """
    yield
    translation.activate("en")
