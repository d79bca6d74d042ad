"""A published network written in English and translated into French and Albanian."""

import pytest


@pytest.fixture
def multilingual(network):
    network.languages = "en, fr, sq"
    network.description = "A network against trafficking."
    network.is_published = True
    network.save()
    return network
