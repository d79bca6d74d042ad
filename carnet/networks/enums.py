from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipRole(models.TextChoices):
    PILOT = "pilot", _("Pilot")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


class ReasonKind(models.TextChoices):
    JOIN = "join", _("Why join")
    STAY = "stay", _("Why stay")
    LEAVE = "leave", _("Why leave")


class ReasonCategory(models.TextChoices):
    # Legacy keys only: a network's reason categories are data (carnet.vocabulary);
    # these are the keys of the lists networks had before, kept for the demo and tests.
    # why join
    SHARED_DIAGNOSIS = "shared_diagnosis", _("A shared diagnosis of the situation")
    STRENGTHEN_KNOWLEDGE = "strengthen_knowledge", _("Wanting to strengthen knowledge")
    SHARE_EXPERIENCE = "share_experience", _("Wanting to share experience")
    JOIN_MIDWAY = "join_midway", _("Possible to join mid-way")
    # why stay
    GROWING_NEEDS = "growing_needs", _("Growing needs")
    KNOWLEDGE = "knowledge", _("More knowledge")
    NATIONAL_VISIBILITY = "national_visibility", _("National visibility")
    COOPERATION_AUTHORITIES = "cooperation_authorities", _("Cooperation with authorities")
    INTERNATIONAL_BODIES = "international_bodies", _("Regional and international bodies")
    OTHER_NGOS = "other_ngos", _("Cooperation with other NGOs")
    # why leave
    NO_FUNDING = "no_funding", _("No national project for lack of funding")
    OTHER_PRIORITIES = "other_priorities", _("Other national priorities")
    IMPLEMENTATION_DIFFICULTIES = (
        "implementation_difficulties",
        _("Difficulties running the project in the country"),
    )
    OTHER = "other", _("Other")


class SourceKind(models.TextChoices):
    """Where a join/stay/leave reason was gathered."""

    INTERVIEW = "interview", _("Interview")
    SURVEY = "survey", _("Survey")
    DOCUMENT = "document", _("Document")
    OTHER = "other", _("Other")
