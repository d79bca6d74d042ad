"""Two clicks at once on a report answer: recorded once."""

import pytest

from carnet.accounts.enums import Verb
from carnet.accounts.models import Action
from carnet.reports import domain
from carnet.reports.models import Decision, Validation

from ..races import post_twice_at_once, racing


@racing
@pytest.mark.django_db(transaction=True)
def test_two_clicks_at_once_on_validate_record_one_answer(version, farid, ana, org_a):
    review = domain.send_for_review(version, by=farid)
    results = post_twice_at_once(
        ana, "/euromed/report/v/1/decide/", {"state": "validated", "note": ""}
    )
    assert [r.status_code for r in results] == [302, 302]
    assert Decision.objects.get(round=review, organisation=org_a).state == "validated"
    decisions = Action.objects.filter(verb=Verb.STATE, content_type__model="decision")
    assert decisions.count() == 1


@racing
@pytest.mark.django_db(transaction=True)
def test_two_clicks_at_once_on_an_item_validation_record_one_answer(network, ana, org_a):
    from django.contrib.contenttypes.models import ContentType

    from carnet.capitalisation.models import Video

    video = Video.objects.create(network=network, organisation=org_a, title="Our testimony")
    url = f"/euromed/validations/{ContentType.objects.get_for_model(video).pk}/{video.pk}/"
    results = post_twice_at_once(ana, url, {"state": "validated"})
    assert [r.status_code for r in results] == [302, 302]
    assert Validation.objects.get().state == "validated"
    assert Action.objects.filter(verb=Verb.STATE, content_type__model="validation").count() == 1
