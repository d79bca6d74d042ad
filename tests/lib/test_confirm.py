"""The one confirmation step (carnet/lib/confirm.py)."""

from django.test import RequestFactory

from carnet.lib.confirm import confirmation, confirmed


def test_the_confirmation_posts_back_to_its_address_with_confirmed_and_its_fields(db):
    request = RequestFactory().get("/euromed/timeline/a-moment/state/")
    response = confirmation(
        request,
        None,
        title="Publish it?",
        what=["Anyone will see it.", False, ""],
        fields=[("state", "published")],
        button="Publish",
        cancel="/back/",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'action="/euromed/timeline/a-moment/state/"' in html
    assert '<input type="hidden" name="state" value="published">' in html
    assert '<input type="hidden" name="confirmed" value="1">' in html
    assert html.count("<p>Anyone will see it.</p>") == 1
    assert "<p>False</p>" not in html  # a sentence that does not apply is left out


def test_only_the_answer_of_the_confirmation_page_is_confirmed():
    factory = RequestFactory()
    assert confirmed(factory.post("/", {"confirmed": "1"}))
    assert not confirmed(factory.post("/", {"state": "published"}))
    assert not confirmed(factory.post("/", {"confirmed": "yes"}))
    assert not confirmed(factory.get("/", {"confirmed": "1"}))
