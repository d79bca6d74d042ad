from collections import Counter

from carnet.demo.loader import load
from carnet.practices.enums import SuggestionStatus
from carnet.practices.models import Comment, Sheet, SheetTemplate, SheetVersion, Suggestion


def counts():
    return {
        model.__name__: model.objects.count()
        for model in [SheetTemplate, Sheet, SheetVersion, Suggestion, Comment]
    }


def test_loading_the_demo_twice_gives_the_same_sheets(db):
    load()
    first = counts()
    load()
    assert counts() == first
    assert first["Sheet"] == 11  # ten sheets and one French translation


def test_demo_sheets_show_the_whole_life_of_a_sheet(db):
    load()
    states = Counter(Sheet.objects.filter(translation_of=None).values_list("state", flat=True))
    assert states == {
        "published": 3, "draft": 1, "in_review": 1, "validated": 1, "approved": 1,
        "submitted": 1, "changes_requested": 1, "resubmitted": 1,
    }  # fmt: skip
    armenia = Sheet.objects.get(slug="supporting-syrian-armenian-families")
    assert armenia.suggestions.filter(status=SuggestionStatus.OPEN).count() == 3
    rejected = armenia.suggestions.get(status=SuggestionStatus.REJECTED)
    assert (rejected.resolved_by.username, rejected.reason) == (
        "bora",
        "We prefer our own words: they say who we work with.",
    )
    ukraine = Sheet.objects.get(slug="responding-to-the-ukrainian-crisis")
    assert ukraine.review_note.startswith("Thank you, this is clear.")
    assert ukraine.review_note_by.username == "farid"
    assert Sheet.objects.get(slug="joining-a-network-mid-way").review_note == ""  # resubmitted
    assert armenia.open_to_peers is True
    french = Sheet.objects.get(language="fr")
    assert french.translation_of.slug == "piloting-a-network-with-flexible-coordination"
    assert french.title == "Piloter un réseau avec une coordination souple"
    former = Sheet.objects.get(slug="reintegration-of-returning-victims")
    assert former.network.memberships.get(organisation=former.organisation).left_on is not None
    assert former.state == "published"
    bosnia = Sheet.objects.get(slug="joint-action-research-with-the-ministry-of-security")
    assert bosnia.state == "published"
    assert bosnia.may_publish is True
    assert bosnia.validated_version.number == 1
    assert bosnia.photos.get().may_publish is True


def test_the_demo_review_stands_beside_its_passages(db, client):
    from carnet.accounts.models import User

    load()
    armenia = Sheet.objects.get(slug="supporting-syrian-armenian-families")
    client.force_login(User.objects.get(username="farid"))
    html = client.get(armenia.get_absolute_url()).content.decode()
    assert "No longer in the text" not in html
    for suggestion in armenia.suggestions.filter(status=SuggestionStatus.OPEN).exclude(passage=""):
        assert f'id="mark-suggestion-{suggestion.pk}"' in html
    question = armenia.comments.get(parent=None, field="results")
    assert question.passage == "1 research report"
    assert f'id="mark-comment-{question.pk}"' in html
    research = armenia.comments.get(field="summary")  # beside the suggestion on "who are…"
    assert research.passage == "research on labour migration"
    assert f'id="mark-comment-{research.pk}"' in html
    assert html.index(f'id="comment-{question.pk}"') < html.index('id="review-h"')  # in the text
