"""The migration that gives each join/stay/leave reason the kind of its source."""

import pytest

from ..migrations import at_the_end_latest, migrate  # noqa: F401 - a fixture

BEFORE = [("networks", "0003_network_logo_and_create_right")]
AFTER = [("networks", "0004_reason_source_kind")]


@pytest.mark.usefixtures("at_the_end_latest")
def test_each_reason_gets_the_kind_its_free_text_source_names_and_keeps_the_text():
    old = migrate(BEFORE)
    Network = old.get_model("networks", "Network")
    Organisation = old.get_model("networks", "Organisation")
    Membership = old.get_model("networks", "Membership")
    Reason = old.get_model("networks", "MembershipReason")
    euromed = Network.objects.create(name="Euromed", slug="euromed")
    albania = Organisation.objects.create(name="Caritas Albania", country="AL")
    membership = Membership.objects.create(
        network=euromed, organisation=albania, joined_on="2011-03-01"
    )
    for source in ["Interview, 2019", "Survey of members", "Good-practice sheet", "Workshop", ""]:
        Reason.objects.create(membership=membership, kind="join", statement="S", source=source)

    new = migrate(AFTER)

    reasons = new.get_model("networks", "MembershipReason").objects.order_by("pk")
    assert [(r.source, r.source_kind) for r in reasons] == [
        ("Interview, 2019", "interview"),
        ("Survey of members", "survey"),
        ("Good-practice sheet", "document"),
        ("Workshop", "other"),
        ("", "other"),
    ]
