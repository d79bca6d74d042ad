"""A quoted phrase finds its words next to each other, in order, whatever their forms."""

import pytest

from carnet.capitalisation.models import Learning

from .test_engine import found

TEXT = "Trainings work when social workers meet again."


@pytest.fixture
def learning(network):
    return Learning.objects.create(network=network, statement=TEXT, category="x")


@pytest.mark.parametrize(
    "query",
    [
        '"social workers meet again"',  # "workers" is stored as "worker workers"
        '"social workers meet"',
        '"trainings work when social workers"',
        '"social workers"',
        '"workers meet again"',
    ],
)
def test_a_phrase_is_found_in_its_own_text(learning, network, claire, query):
    assert ("learning", TEXT) in found(claire, network, query)


@pytest.mark.parametrize("query", ['"workers social"', '"social meet"', '"social workers again"'])
def test_words_out_of_order_or_apart_are_not_the_phrase(learning, network, claire, query):
    assert ("learning", TEXT) not in found(claire, network, query)
